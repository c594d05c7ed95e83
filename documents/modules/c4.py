"""C4 - Climate risks (VSME paras 57-58; guidance 228-230)."""

from documents.base import CamelModel, boolean, enumeration, text
from documents.enums import RiskLevel

__all__ = ["C4ClimateRisks"]


class C4ClimateRisks(CamelModel):
    """C4: climate hazards and transition events, exposure, horizons, adaptation, effects."""

    has_climate_risks: bool | None = boolean(
        description="Gate: climate-related hazards or transition events identified.", paragraph="57"
    )
    hazards_and_transition_events: str | None = text(
        "DescriptionOfClimateRelatedHazardsAndClimateRelatedTransitionEvents", paragraph="57(a)"
    )
    exposure_assessment: str | None = text(
        "DisclosureOfHowItHasAssessedTheExposureAndSensitivityOfItsAssetsActivitiesAndValueChainToTheseHazardsAndTransitionEvents",
        paragraph="57(b)",
    )
    time_horizons: str | None = text("TimeHorizonsOfAnyClimateRelatedHazardsAndTransitionEventsIdentified", paragraph="57(c)")
    has_adaptation_actions: bool | None = boolean(
        "DisclosureOfWhetherItHasUndertakenClimateChangeAdaptationActionsForAnyClimateRelatedHazardsAndTransitionEvents",
        paragraph="57(d)",
    )
    adaptation_actions: str | None = text(paragraph="57(d)")
    potential_adverse_effects: str | None = text(
        "PotentialAdverseEffectsOfClimateRisksThatMayAffectItsFinancialPerformanceOrBusinessOperationsInTheShortMediumOrLongTermIndicatingWhetherItAssessesTheRisksToBeHighMediumOrLow",
        paragraph="58",
    )
    potential_adverse_effects_rating: RiskLevel | None = enumeration(paragraph="58")
