"""B10 Remuneration, collective bargaining and training (para 42, guidance 192-205)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check, ratio
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric
from vsme_pipeline.calculations.units import HUNDRED

PAY_GAP_HEADCOUNT_THRESHOLD = Decimal(150)  # para 42(b): may be omitted below 150 (100 from 7 June 2031)
CBA_BANDS: tuple[tuple[int, int], ...] = ((0, 19), (20, 39), (40, 59), (60, 79), (80, 100))


def gender_pay_gap(male_hourly: Decimal | None, female_hourly: Decimal | None) -> Metric:
    """(male − female) / male × 100, from average gross hourly pay (may be negative)."""
    key = "b10.gender_pay_gap_percent"
    inputs = {"male_average_gross_hourly_pay": male_hourly, "female_average_gross_hourly_pay": female_hourly}
    if reason := check(inputs, *inputs):
        return make(key, None, inputs, reason=reason)
    assert male_hourly is not None and female_hourly is not None
    if male_hourly == 0:
        return make(key, None, inputs, reason="male average gross hourly pay is zero")
    return make(key, (male_hourly - female_hourly) / male_hourly * HUNDRED, inputs)


def cba_band(percent: Decimal) -> str | None:
    """The guidance-204 band ("0-19" … "80-100") of a coverage percentage (truncated to whole %)."""
    if percent < 0 or percent > 100:
        return None
    whole = int(percent)  # 19.6 % is still below 20 %
    for low, high in CBA_BANDS:
        if low <= whole <= high:
            return f"{low}-{high}"
    return None


def collective_bargaining_coverage(covered: Decimal | None, employees: Decimal | None) -> list[Metric]:
    """Coverage in percent and its band (guidance 203-204)."""
    key = "b10.collective_bargaining_coverage_percent"
    inputs = {"covered_employees": covered, "employees": employees}
    if reason := check(inputs, *inputs):
        return [make(key, None, inputs, reason=reason), make("b10.collective_bargaining_coverage_band", None, inputs, reason=reason)]
    assert covered is not None and employees is not None
    if employees == 0:
        reason = "number of employees is zero"
    elif covered > employees:
        reason = "more employees covered than employees"
    else:
        percent = covered / employees * HUNDRED
        return [
            make(key, percent, inputs),
            make("b10.collective_bargaining_coverage_band", cba_band(percent), {**inputs, "percent": percent}),
        ]
    return [make(key, None, inputs, reason=reason), make("b10.collective_bargaining_coverage_band", None, inputs, reason=reason)]


def training_hours_per_employee(key: str, hours: Decimal | None, employees: Decimal | None) -> Metric:
    """Average annual training hours = training hours of the group / employees of the group."""
    return ratio(key, {"training_hours": hours, "employees": employees}, "training_hours", "employees",
                 "no employees in this group")
