"""C6 Human rights policies and processes for the own workforce (para 61)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import require

RULES: list[Rule] = []
D = "C6"


@rule("C6.policies", "Code of conduct, its content and a complaints mechanism (para 61)", RULES)
def check_policies(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return
    c6 = ctx.module(D)
    require(ctx, D, c6, "has_code_of_conduct", "61(a)")
    require(ctx, D, c6, "has_complaint_mechanism", "61(c)")
    if c6.flag("has_code_of_conduct"):
        require(ctx, D, c6, "code_of_conduct_content", "61(b)", "Say which matters the code or policy covers.")
    content = c6.value("code_of_conduct_content")
    if isinstance(content, list) and "other" in content:
        require(ctx, D, c6, "other_content_specification", "61(b)", "Specify the 'other' content.")
