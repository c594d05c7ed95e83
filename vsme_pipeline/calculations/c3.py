"""C3 GHG reduction targets: reduction between base year and target year (para 54)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric
from vsme_pipeline.calculations.units import HUNDRED


def target_reduction(key: str, base_value: Decimal | None, target_value: Decimal | None, **extra: object) -> Metric:
    """Planned reduction in percent of the base-year value (positive = reduction).

    The EFRAG template shows −(1 − target/base), i.e. the same number with the opposite sign.
    """
    inputs = {"base_year_value": base_value, "target_year_value": target_value, **extra}
    if reason := check(inputs, "base_year_value", "target_year_value"):
        return make(key, None, inputs, reason=reason)
    assert base_value is not None and target_value is not None
    if base_value == 0:
        return make(key, None, inputs, reason="base-year value is zero")
    return make(key, (base_value - target_value) / base_value * HUNDRED, inputs)
