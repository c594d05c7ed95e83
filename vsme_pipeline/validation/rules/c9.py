"""C9 Gender diversity ratio in the governance body (para 65)."""

from vsme_pipeline.calculations import c9 as calc
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require, stated_vs_computed

RULES: list[Rule] = []
D = "C9"


@rule("C9.ratio", "Female and male members of the governance body and their ratio (para 65)", RULES)
def check_ratio(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return
    c9 = ctx.module(D)
    if not gate(ctx, D, c9, "has_governance_body", ["female_board_members", "male_board_members", "gender_diversity_ratio"], "65",
                "Does the undertaking have a governance body?"):
        return
    require(ctx, D, c9, "female_board_members", "65", "Enter 0 if there are none.")
    require(ctx, D, c9, "male_board_members", "65", "Enter 0 if there are none.")
    metric = calc.board_gender_diversity_ratio(c9.number("female_board_members"), c9.number("male_board_members"))
    if metric.computable:
        stated_vs_computed(ctx, D, c9, "gender_diversity_ratio", metric.value, "gender diversity ratio", "65")
