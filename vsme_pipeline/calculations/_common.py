"""Small helpers shared by the formula modules (missing-input reasons, non-negative checks, ratios)."""

from decimal import Decimal
from typing import Any

from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric


def missing(inputs: dict[str, Any], *names: str) -> str | None:
    """A reason naming the inputs that are missing (None), or None if all are present."""
    absent = [name for name in names if inputs.get(name) is None]
    if not absent:
        return None
    return "missing input" + ("s" if len(absent) > 1 else "") + ": " + ", ".join(absent)


def negative(inputs: dict[str, Any], *names: str) -> str | None:
    """A reason naming the inputs that are negative, or None."""
    bad = [n for n in names if isinstance(inputs.get(n), Decimal) and inputs[n] < 0]
    return ("negative input: " + ", ".join(bad)) if bad else None


def check(inputs: dict[str, Any], *names: str) -> str | None:
    """First problem with the named inputs (missing, then negative), or None."""
    return missing(inputs, *names) or negative(inputs, *names)


def ratio(
    key: str,
    inputs: dict[str, Any],
    numerator: str,
    denominator: str,
    zero_reason: str,
    scale: Decimal = Decimal(1),
) -> Metric:
    """``inputs[numerator] / inputs[denominator] × scale``; not computable when an input is missing
    or negative (checked in the order of ``inputs``) or the denominator is zero."""
    if reason := check(inputs, *inputs):
        return make(key, None, inputs, reason=reason)
    if inputs[denominator] == 0:
        return make(key, None, inputs, reason=zero_reason)
    return make(key, inputs[numerator] / inputs[denominator] * scale, inputs)
