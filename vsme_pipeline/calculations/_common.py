"""Small helpers shared by the formula modules (missing-input reasons, non-negative checks)."""

from decimal import Decimal
from typing import Any


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
