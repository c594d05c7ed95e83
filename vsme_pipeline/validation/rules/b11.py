"""B11 Convictions and fines for corruption and bribery (para 43; guidance 206-209)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require

RULES: list[Rule] = []
D = "B11"


@rule("B11.convictions", "Number of convictions and total fines when any were incurred (para 43)", RULES)
def check_convictions(ctx: Context) -> None:
    b11 = ctx.module(D)
    answer = b11.flag("has_convictions_or_fines")
    if gate(ctx, D, b11, "has_convictions_or_fines", ["number_of_convictions", "total_fines"], "43",
            "Did the undertaking incur convictions or fines for corruption or bribery in the period?"):
        require(ctx, D, b11, "number_of_convictions", "43", "Enter 0 if there were fines but no conviction.")
        require(ctx, D, b11, "total_fines", "43", "Enter 0 if there were convictions but no fine.")
    elif answer is False:
        for field in ("number_of_convictions", "total_fines"):
            value = b11.number(field)
            if value is not None and value > 0:
                ctx.error(D, b11.path(field), "B11_CONVICTIONS_CONTRADICT_GATE",
                          "Convictions or fines are entered although the answer to 'any convictions or fines' is 'no'.", "43")
