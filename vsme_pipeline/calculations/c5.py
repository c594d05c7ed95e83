"""C5 Additional workforce characteristics: female-to-male ratio at management level (para 59)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import ratio
from vsme_pipeline.calculations.metric import Metric

C5_EMPLOYEE_THRESHOLD = Decimal(50)  # paras 59-60: undertakings with 50 or more employees


def female_to_male_management_ratio(female: Decimal | None, male: Decimal | None) -> Metric:
    """female managers / male managers (28 women, 84 men → 0.333, i.e. 1:3)."""
    return ratio("c5.female_to_male_management_ratio", {"female_managers": female, "male_managers": male},
                 "female_managers", "male_managers", "no male employees at management level (ratio undefined)")
