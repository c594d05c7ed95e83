"""C3 - GHG reduction targets and climate transition (VSME paras 54-56; guidance 216-227)."""

from datetime import date

from documents.base import CamelModel, Unit, boolean, datapoint, enumeration, percentage, text, year
from documents.enums import TargetScope

__all__ = ["C3GhgTargetsAndTransition", "GhgReductionTarget"]

_SCOPE_CONCEPTS = {
    TargetScope.SCOPE_1.value: "GrossScope1GreenhouseGasEmissions",
    TargetScope.SCOPE_2_LOCATION_BASED.value: "GrossLocationBasedScope2GreenhouseGasEmissions",
    TargetScope.SCOPE_2_MARKET_BASED.value: "GrossMarketBasedScope2GreenhouseGasEmissions",
    TargetScope.SCOPE_3.value: "GrossScope3GreenhouseGasEmissions",
}


class GhgReductionTarget(CamelModel):
    """An absolute GHG reduction target for one scope (para 54 (a)-(d))."""

    scope: TargetScope = enumeration()
    base_year: int | None = year("GreenhouseGasEmissionReductionTargetBaseYear", paragraph="54(b)")
    base_year_value: float | None = datapoint(
        _SCOPE_CONCEPTS, xbrl_by="scope", member="BaselineYearMember", unit=Unit.TCO2E, paragraph="54(b)", ge=0
    )
    target_year: int | None = year("GreenhouseGasEmissionReductionTargetYear", paragraph="54(a)")
    target_year_value: float | None = datapoint(
        _SCOPE_CONCEPTS, xbrl_by="scope", member="TargetYearMember", unit=Unit.TCO2E, paragraph="54(a)", ge=0
    )
    unit: str = text(default=Unit.TCO2E, paragraph="54(c)")
    coverage_share: float | None = percentage(
        paragraph="54(d)", description="Share of the scope's emissions covered by the target."
    )
    reduction_percentage: float | None = percentage(
        lower=None, description="Calculated: (1 - target / base) x 100."
    )


class C3GhgTargetsAndTransition(CamelModel):
    """C3: GHG reduction targets, main actions, transition plan (high-climate-impact sectors)."""

    has_targets: bool | None = boolean(description="Gate: GHG reduction targets have been set.", paragraph="54")
    targets: list[GhgReductionTarget] | None = datapoint(paragraph="54")
    main_actions: str | None = text("DisclosureOfListOfMainActionsTheEntitySeeksInOrderToAchieveItsTargets", paragraph="54(e)")
    operates_in_high_climate_impact_sector: bool | None = boolean(
        description="Gate: NACE sections A-H or L (Rev. 2; footnote 6).", paragraph="55-56"
    )
    has_transition_plan: bool | None = boolean(description="Gate: a transition plan was adopted.", paragraph="55")
    transition_plan_description: str | None = text(
        "DescriptionOfATransitionPlanForClimateChangeMitigationIncludingAnExplanationOfHowItIsContributingToReduceGhgEmissions",
        paragraph="55",
    )
    transition_plan_will_be_adopted: bool | None = boolean(paragraph="56")
    transition_plan_adoption_date: date | None = datapoint(
        "DateOfAdoptionOfTransitionPlanForUndertakingNotHavingAdoptedTransitionPlanYet", paragraph="56"
    )
