"""B10 - Workforce: remuneration, collective bargaining and training (VSME para 42; guidance 192-205)."""

from documents.base import CamelModel, Unit, boolean, count, enumeration, monetary, percentage, quantity
from documents.enums import CbaCoverageBand

__all__ = ["B10RemunerationAndTraining"]


class B10RemunerationAndTraining(CamelModel):
    """B10: minimum wage, gender pay gap (headcount >= 150), CBA coverage, training hours."""

    pays_at_least_minimum_wage: bool | None = boolean(
        "EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement",
        paragraph="42(a)",
    )
    average_gross_hourly_pay_male: float | None = monetary(unit=Unit.EUR_PER_HOUR, paragraph="42(b)")
    average_gross_hourly_pay_female: float | None = monetary(unit=Unit.EUR_PER_HOUR, paragraph="42(b)")
    gender_pay_gap: float | None = percentage(
        "PercentageGapInPayBetweenFemaleAndMaleEmployees",
        lower=None,
        paragraph="42(b)",
        description="(male - female) / male x 100 (guidance 195); negative when women earn more.",
    )
    employees_covered_by_cba: float | None = count(paragraph="42(c)")
    cba_coverage: float | None = percentage(
        "PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
        paragraph="42(c)",
        description="Covered employees / employees x 100 (guidance 203).",
    )
    cba_coverage_band: CbaCoverageBand | None = enumeration(paragraph="42(c), guidance 204")
    training_hours_male: float | None = quantity(unit=Unit.HOURS, paragraph="42(d)", description="Total hours.")
    training_hours_female: float | None = quantity(unit=Unit.HOURS, paragraph="42(d)", description="Total hours.")
    training_hours_other_gender: float | None = quantity(unit=Unit.HOURS, paragraph="42(d)", description="Total hours.")
    training_hours_not_reported_gender: float | None = quantity(
        unit=Unit.HOURS, paragraph="42(d)", description="Total hours."
    )
    average_training_hours_male: float | None = quantity(
        "AverageNumberOfAnnualTrainingHoursPerMaleEmployee", Unit.HOURS_PER_EMPLOYEE, paragraph="42(d)"
    )
    average_training_hours_female: float | None = quantity(
        "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee", Unit.HOURS_PER_EMPLOYEE, paragraph="42(d)"
    )
    average_training_hours_other_gender: float | None = quantity(
        "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee", Unit.HOURS_PER_EMPLOYEE, paragraph="42(d)"
    )
    average_training_hours_not_reported_gender: float | None = quantity(
        "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee", Unit.HOURS_PER_EMPLOYEE, paragraph="42(d)"
    )
    average_training_hours: float | None = quantity(
        unit=Unit.HOURS_PER_EMPLOYEE,
        paragraph="42(d)",
        description="Overall average (the template uses the unweighted mean of the gender averages).",
    )
