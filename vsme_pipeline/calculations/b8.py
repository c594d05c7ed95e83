"""B8 Workforce: employee turnover rate (para 40, guidance 182-183)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric
from vsme_pipeline.calculations.units import HUNDRED

TURNOVER_RATE_THRESHOLD = Decimal(50)  # para 40: "50 or more employees"


def employee_turnover_rate(
    leavers: Decimal | None,
    employees_start: Decimal | None = None,
    employees_end: Decimal | None = None,
    average_employees: Decimal | None = None,
) -> Metric:
    """Turnover rate in percent = leavers / average employees × 100.

    The average is ``average_employees`` when given, else (start + end) / 2 as in the EFRAG template.
    """
    key = "b8.employee_turnover_rate_percent"
    inputs = {
        "leavers": leavers,
        "employees_start": employees_start,
        "employees_end": employees_end,
        "average_employees": average_employees,
    }
    if reason := check(inputs, "leavers"):
        return make(key, None, inputs, reason=reason)
    average = average_employees
    if average is None:
        if reason := check(inputs, "employees_start", "employees_end"):
            return make(key, None, inputs, reason=reason + " (or average_employees)")
        assert employees_start is not None and employees_end is not None
        average = (employees_start + employees_end) / 2
    if average <= 0:
        return make(key, None, inputs, reason="average number of employees is zero")
    assert leavers is not None  # check() above: present and not negative
    return make(key, leavers / average * HUNDRED, {**inputs, "average_used": average})
