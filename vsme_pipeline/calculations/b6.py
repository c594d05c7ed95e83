"""B6 Water: water consumption = withdrawal − discharge (para 36, guidance 152)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric


def water_consumption(withdrawal_m3: Decimal | None, discharge_m3: Decimal | None) -> Metric:
    """Water consumption in m³; not computable when it would be negative (discharge > withdrawal)."""
    inputs = {"withdrawal_m3": withdrawal_m3, "discharge_m3": discharge_m3}
    key = "b6.water_consumption_m3"
    if reason := check(inputs, "withdrawal_m3", "discharge_m3"):
        return make(key, None, inputs, reason=reason)
    assert withdrawal_m3 is not None and discharge_m3 is not None
    value = withdrawal_m3 - discharge_m3
    if value < 0:
        return make(key, None, inputs, reason="discharge exceeds withdrawal: consumption would be negative")
    return make(key, value, inputs)
