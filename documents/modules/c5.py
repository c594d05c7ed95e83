"""C5 - Additional (general) workforce characteristics (VSME paras 59-60; guidance 231-236)."""

from documents.base import CamelModel, Unit, count, ratio

__all__ = ["C5AdditionalWorkforce"]


class C5AdditionalWorkforce(CamelModel):
    """C5: female-to-male ratio in management; self-employed and agency workers."""

    female_managers: float | None = count(paragraph="59")
    male_managers: float | None = count(paragraph="59")
    female_to_male_ratio_management: float | None = ratio(
        "FemaleToMaleRatioAtManagementLevelForTheReportingPeriod", paragraph="59",
        description="Female / male managers (guidance 231).",
    )
    self_employed_workers: float | None = count(
        "TotalNumberOfSelfEmployedWorkersWithoutPersonnelThatAreWorkingExclusivelyForTheUndertaking",
        unit=Unit.PERSONS,
        paragraph="60(a)",
    )
    temporary_agency_workers: float | None = count(
        "TotalNumberOfTemporaryWorkersProvidedByUndertakingsPrimarilyEngagedInEmploymentActivities",
        unit=Unit.PERSONS,
        paragraph="60(b)",
    )
