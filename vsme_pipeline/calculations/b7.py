"""B7 Waste: total waste generated and diversion rate (para 38)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric
from vsme_pipeline.calculations.units import HUNDRED


def total_waste(hazardous_t: Decimal | None, non_hazardous_t: Decimal | None) -> Metric:
    """Total waste generated (t) = hazardous + non-hazardous."""
    inputs = {"hazardous_t": hazardous_t, "non_hazardous_t": non_hazardous_t}
    if reason := check(inputs, "hazardous_t", "non_hazardous_t"):
        return make("b7.total_waste_t", None, inputs, reason=reason)
    assert hazardous_t is not None and non_hazardous_t is not None
    return make("b7.total_waste_t", hazardous_t + non_hazardous_t, inputs)


def diversion_rate(diverted_t: Decimal | None, total_t: Decimal | None) -> Metric:
    """Share of generated waste diverted to recycling or reuse, in percent."""
    key = "b7.waste_diversion_rate_percent"
    inputs = {"diverted_t": diverted_t, "total_t": total_t}
    if reason := check(inputs, "diverted_t", "total_t"):
        return make(key, None, inputs, reason=reason)
    assert diverted_t is not None and total_t is not None
    if total_t == 0:
        return make(key, None, inputs, reason="total waste generated is zero")
    if diverted_t > total_t:
        return make(key, None, inputs, reason="waste diverted exceeds waste generated")
    return make(key, diverted_t / total_t * HUNDRED, inputs)
