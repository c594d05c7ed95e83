"""B9 Health and safety: rate of recordable work-related accidents (para 41(a), guidance 184-186)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric

RATE_BASE_HOURS = Decimal(200_000)  # 100 full-time workers × 2,000 h (guidance 184)
STANDARD_ANNUAL_HOURS_PER_FTE = Decimal(2_000)  # template default, editable


def accident_rate(
    accidents: Decimal | None,
    hours_worked: Decimal | None,
    employees: Decimal | None = None,
    hours_per_employee: Decimal | None = None,
) -> Metric:
    """Accidents per 200,000 hours worked.

    When ``hours_worked`` is missing it is estimated as employees × standard hours per full-time
    employee (2,000 h unless ``hours_per_employee`` is given), as guidance 184/186 and the EFRAG
    template do; the metric is then flagged ``estimated``.
    """
    key = "b9.accident_rate"
    standard = hours_per_employee if hours_per_employee is not None else STANDARD_ANNUAL_HOURS_PER_FTE
    inputs = {
        "accidents": accidents,
        "hours_worked": hours_worked,
        "employees": employees,
        "hours_per_employee": standard,
    }
    if reason := check(inputs, "accidents"):
        return make(key, None, inputs, reason=reason)
    estimated = False
    hours = hours_worked
    if hours is None:
        if reason := check(inputs, "employees"):
            return make(key, None, inputs, reason=reason.replace("employees", "hours_worked and employees"))
        assert employees is not None
        hours = employees * standard
        estimated = True
    if hours < 0 or standard < 0:
        return make(key, None, inputs, reason="negative hours")
    if hours == 0:
        return make(key, None, inputs, reason="hours worked are zero")
    assert accidents is not None  # check() above: present and not negative
    notes = [f"hours worked estimated as employees × {standard} h (guidance 184)"] if estimated else []
    return make(
        key,
        accidents / hours * RATE_BASE_HOURS,
        {**inputs, "hours_used": hours},
        estimated=estimated,
        notes=notes,
    )
