"""B9 - Workforce: health and safety (VSME para 41; guidance 184-191)."""

from documents.base import CamelModel, Unit, count, datapoint, quantity

__all__ = ["B9HealthAndSafety"]


class B9HealthAndSafety(CamelModel):
    """B9: recordable work-related accidents, their rate per 200,000 hours, fatalities."""

    recordable_accidents: float | None = count(
        "NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod", unit="accidents", paragraph="41(a)"
    )
    hours_worked: float | None = quantity(
        unit=Unit.HOURS, paragraph="41(a)", description="Actual total hours worked by all employees."
    )
    hours_per_full_time_employee: float | None = quantity(
        unit=Unit.HOURS,
        paragraph="41(a)",
        description="Annual hours of one full-time employee, to estimate hours (template default 2000).",
    )
    accident_rate: float | None = datapoint(
        "RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
        unit="per 200,000 h",
        paragraph="41(a)",
        ge=0,
        description="Accidents / hours worked x 200,000 (guidance 185).",
    )
    fatalities: float | None = count(
        "NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth", unit=Unit.PERSONS, paragraph="41(b)"
    )
    fatalities_from_injuries: float | None = count(unit=Unit.PERSONS, paragraph="41(b), guidance 191")
    fatalities_from_ill_health: float | None = count(unit=Unit.PERSONS, paragraph="41(b), guidance 191")
