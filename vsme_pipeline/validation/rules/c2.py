"""C2 Description of practices, policies and future initiatives (paras 48-49)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import require

RULES: list[Rule] = []
D = "C2"


@rule("C2.descriptions", "A description for each B2 issue answered yes (para 48)", RULES)
def check_descriptions(ctx: Context) -> None:
    if not ctx.in_scope(D):
        return
    b2, c2 = ctx.module("B2"), ctx.module(D)
    if b2.flag("has_practices_policies_or_initiatives") is not True:
        return
    if not ctx.module_present(D):
        return  # para 45
    if not require(ctx, D, c2, "descriptions", "48", "B2 reports practices, policies or initiatives: describe them."):
        return
    described = {d.value("issue") for d in c2.items("descriptions") if isinstance(d.value("issue"), str)}
    for row in b2.items("issues"):
        issue = row.value("issue")
        if isinstance(issue, str) and issue not in described and any(
            row.flag(f) for f in ("has_practices", "has_policies", "has_future_initiatives")
        ):
            ctx.warning(D, c2.path("descriptions"), "C2_ISSUE_NOT_DESCRIBED",
                        f"B2 reports measures on '{issue}' but C2 has no description for it.", "48")
    for item in c2.items("descriptions"):
        require(ctx, D, item, "description", "48")
