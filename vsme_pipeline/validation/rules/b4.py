"""B4 Pollution of air, water and soil (para 32; guidance 110-133)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require

RULES: list[Rule] = []
D = "B4"


@rule("B4.pollutants", "Pollutants or a public reference when required by law or an EMS (para 32)", RULES)
def check_pollutants(ctx: Context) -> None:
    b4 = ctx.module(D)
    if not gate(ctx, D, b4, "required_by_law_or_ems", ["pollutants", "public_disclosure_url"], "32",
                "Is the undertaking required by law, or by an environmental management system, to report pollutant emissions?"):
        return
    if b4.flag("publicly_available"):
        require(ctx, D, b4, "public_disclosure_url", "32", "Give the link to the publicly available pollutant data.")
        return
    if require(ctx, D, b4, "pollutants", "32", "List each pollutant emitted to air, water or soil with its amount."):
        for row in b4.items("pollutants"):
            require(ctx, D, row, "amount", "32")
