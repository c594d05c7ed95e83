"""C1 Strategy: business model and sustainability-related initiatives (para 47)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require

RULES: list[Rule] = []
D = "C1"


@rule("C1.business_model", "Products, markets, relationships; strategy elements if any (para 47)", RULES)
def check_business_model(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return  # para 45: an omitted Comprehensive disclosure is assumed not applicable
    c1 = ctx.module(D)
    for field, paragraph in (("products_and_services", "47(a)"), ("significant_markets", "47(b)"), ("main_business_relationships", "47(c)")):
        require(ctx, D, c1, field, paragraph)
    if gate(ctx, D, c1, "has_sustainability_strategy_elements", ["key_strategy_elements"], "47(d)",
            "Does the strategy have key elements that relate to or affect sustainability issues?"):
        require(ctx, D, c1, "key_strategy_elements", "47(d)")
