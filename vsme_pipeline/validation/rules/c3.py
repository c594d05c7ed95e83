"""C3 GHG reduction targets and climate transition (paras 54-56)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require

RULES: list[Rule] = []
D = "C3"
# Footnote 6: NACE Sections A to H and L (Rev. 2). Divisions 01-53 are A-H in Rev. 2 and Rev. 2.1;
# real estate (division 68) is Section L in Rev. 2 and M in Rev. 2.1 — included by division number.
HIGH_IMPACT_DIVISIONS = {f"{d:02d}" for d in range(1, 54)} | {"68"}


def high_climate_impact(ctx: Context) -> bool:
    codes = ctx.report.value("modules.b1.nace_codes") or ctx.company.value("nace_codes") or []
    for code in codes if isinstance(codes, list) else []:
        if isinstance(code, str) and code.strip().lstrip("ABCDEFGHIJKLMNOPQRSTUV").strip()[:2] in HIGH_IMPACT_DIVISIONS:
            return True
    return False


@rule("C3.targets", "Targets: base/target year and value, base year before target year, actions (para 54)", RULES)
def check_targets(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return
    c3 = ctx.module(D)
    if not gate(ctx, D, c3, "has_targets", ["targets", "main_actions"], "54", "Has the undertaking set GHG emission reduction targets?"):
        return
    if not require(ctx, D, c3, "targets", "54"):
        return
    scopes = set()
    for target in c3.items("targets"):
        scope = target.value("scope")
        if isinstance(scope, str):
            scopes.add(scope)
        for field, paragraph in (("base_year", "54(b)"), ("base_year_value", "54(b)"), ("target_year", "54(a)"), ("target_year_value", "54(a)")):
            require(ctx, D, target, field, paragraph)
        base, goal = target.value("base_year"), target.value("target_year")
        if isinstance(base, int) and isinstance(goal, int) and base >= goal:
            ctx.error(D, target.path("target_year"), "C3_TARGET_YEAR_NOT_AFTER_BASE_YEAR",
                      f"The target year ({goal}) must be after the base year ({base}).", "54")
    if "scope1" not in scopes or not scopes & {"scope2_location_based", "scope2_market_based"}:
        ctx.warning(D, c3.path("targets"), "C3_SCOPE1_AND_2_TARGETS_EXPECTED",
                    "Targets are expected in absolute values for both Scope 1 and Scope 2.", "54")
    require(ctx, D, c3, "main_actions", "54(e)")


@rule("C3.transition_plan", "High-climate-impact sector without a plan states whether/when one will be adopted (para 56)", RULES)
def check_transition_plan(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return
    c3 = ctx.module(D)
    sector = c3.flag("operates_in_high_climate_impact_sector")
    if sector is None and high_climate_impact(ctx):
        ctx.warning(D, c3.path("operates_in_high_climate_impact_sector"), "C3_HIGH_IMPACT_SECTOR_UNANSWERED",
                    "The NACE code is in a high-climate-impact sector (Sections A-H or real estate): answer the question.", "55-56")
        sector = True
    if not sector:
        return
    plan = c3.flag("has_transition_plan")
    if plan is None:
        require(ctx, D, c3, "has_transition_plan", "55-56")
    elif plan is False:
        if require(ctx, D, c3, "transition_plan_will_be_adopted", "56") and c3.flag("transition_plan_will_be_adopted"):
            require(ctx, D, c3, "transition_plan_adoption_date", "56", "Say when the plan will be adopted.")
