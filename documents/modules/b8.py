"""B8 - Workforce: general characteristics (VSME paras 39-40; guidance 175-183).

Counts use the unit of B1 (headcount or FTE) and sum to B1 ``number_of_employees``.
"""

from documents.base import CamelModel, boolean, count, datapoint, enumeration, percentage
from documents.common import CountryCode

__all__ = ["B8WorkforceGeneral", "EmployeesByCountry"]


class EmployeesByCountry(CamelModel):
    """Employees by country of the employment contract (``CountryOfEmploymentContractAxis``)."""

    country: CountryCode = enumeration()
    number_of_employees: float | None = count("NumberOfEmployeesForCountryOfEmploymentContract", paragraph="39(c)")


class B8WorkforceGeneral(CamelModel):
    """B8: employees by contract, gender and country; turnover rate (>= 50 employees)."""

    permanent_employees: float | None = count("NumberOfPermanentContractEmployees", paragraph="39(a)")
    temporary_employees: float | None = count("NumberOfTemporaryContractEmployees", paragraph="39(a)")
    male_employees: float | None = count("NumberOfMaleEmployees", paragraph="39(b)")
    female_employees: float | None = count("NumberOfFemaleEmployees", paragraph="39(b)")
    other_gender_employees: float | None = count("NumberOfOtherGenderEmployees", paragraph="39(b)")
    not_reported_gender_employees: float | None = count("NumberOfNonReportedGenderEmployees", paragraph="39(b)")
    operates_in_more_than_one_country: bool | None = boolean(
        description="Gate: country breakdown applies.", paragraph="39(c)"
    )
    employees_by_country: list[EmployeesByCountry] | None = datapoint(paragraph="39(c)")
    employees_at_start_of_period: float | None = count(paragraph="40", description="Turnover-rate input.")
    employees_at_end_of_period: float | None = count(paragraph="40", description="Turnover-rate input.")
    employees_who_left: float | None = count(
        paragraph="40", description="Leavers for any reason (guidance 182)."
    )
    employee_turnover_rate: float | None = percentage(
        "EmployeeTurnoverRate",
        upper=None,
        paragraph="40",
        description=(
            "Leavers / average employees x 100 (guidance 183). Not capped at 100: "
            "seasonal businesses can exceed it."
        ),
    )
