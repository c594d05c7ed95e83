"""C5 Additional workforce characteristics: female-to-male ratio at management level (para 59)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric

C5_EMPLOYEE_THRESHOLD = Decimal(50)  # paras 59-60: undertakings with 50 or more employees


def female_to_male_management_ratio(female: Decimal | None, male: Decimal | None) -> Metric:
    """female managers / male managers (28 women, 84 men → 0.333, i.e. 1:3)."""
    key = "c5.female_to_male_management_ratio"
    inputs = {"female_managers": female, "male_managers": male}
    if reason := check(inputs, *inputs):
        return make(key, None, inputs, reason=reason)
    assert female is not None and male is not None
    if male == 0:
        return make(key, None, inputs, reason="no male employees at management level (ratio undefined)")
    return make(key, female / male, inputs)
