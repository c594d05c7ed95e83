"""B2 Practices, policies and future initiatives (paras 26-28; guidance 78-80)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require

RULES: list[Rule] = []
D = "B2"


@rule("B2.table", "Issue table when practices, policies or initiatives exist (26)", RULES)
def check_table(ctx: Context) -> None:
    b2 = ctx.module(D)
    if not gate(ctx, D, b2, "has_practices_policies_or_initiatives", ["issues"], "26",
                "Does the undertaking have practices, policies or future initiatives on sustainability issues?"):
        return
    if not require(ctx, D, b2, "issues", "26", "Name the sustainability issues they address."):
        return
    seen: set[str] = set()
    for row in b2.items("issues"):
        issue = row.value("issue")
        if isinstance(issue, str):
            if issue in seen:
                ctx.warning(D, row.path("issue"), "B2_ISSUE_DUPLICATED", f"The issue '{issue}' appears twice.", "26")
            seen.add(issue)
        if not any(row.flag(f) for f in ("has_practices", "has_policies", "has_future_initiatives")):
            ctx.warning(D, row.path("has_practices"), "B2_ISSUE_WITHOUT_MEASURE",
                        "This issue row has no practice, policy or future initiative marked 'yes'.", "26")
