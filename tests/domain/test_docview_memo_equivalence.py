"""Remembered document lookups give exactly the results of fresh ones.

``DocView`` splits each path once and remembers each lookup: validation and metrics of every
report of a synthetic season (defects planted, both reporting options, 1-3 years, with last year's
report) through a view that recomputes every lookup (the original ``raw``) are equal.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vsme_pipeline.calculations import access, compute_metrics
from vsme_pipeline.reference_data import EmissionFactorSet, emission_factors
from vsme_pipeline.synthetic import synthetic_population
from vsme_pipeline.validation import validate_report

SEASON = 60
"""Reports of the synthetic season compared (a few percent carry planted defects)."""


def _season() -> Iterator[tuple[Any, Any, Any]]:
    for item in synthetic_population(SEASON, seed=7):
        profile = item.company.profile()
        previous = None
        for report in item.reports:
            stored = report.model_dump(by_alias=True)
            override = item.raw_overrides.get(report.reporting_year)
            if override is not None:
                override(stored)
            yield stored, profile, previous
            previous = stored


SEASON_REPORTS = list(_season())
FACTORS = EmissionFactorSet(emission_factors())


class _RecomputingView(access.DocView):
    """A view that looks every path up afresh, segment by segment (the original ``raw``)."""

    def raw(self, path: str) -> Any:
        node: Any = self.data
        for segment in path.split("."):
            if not segment:
                continue
            node = access._step(node, segment)
            if node is access.MISSING:
                return access.MISSING
        return node


def test_remembered_lookups_give_the_results_of_fresh_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    def run() -> list[Any]:
        return [(validate_report(stored, profile, previous).model_dump(),
                 compute_metrics(stored, profile, FACTORS).model_dump()) for stored, profile, previous in SEASON_REPORTS]

    fast = run()
    for module in ("vsme_pipeline.calculations.access", "vsme_pipeline.calculations.compute",
                   "vsme_pipeline.validation.validate"):
        monkeypatch.setattr(f"{module}.DocView", _RecomputingView)
    assert run() == fast


def _reference_to_decimal(value: Any) -> Any:
    """``units.to_decimal`` of commit 0bb1997 (before its float fast path)."""
    from decimal import Decimal, InvalidOperation

    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, (int, float)):
            result = Decimal(str(value))
        elif isinstance(value, str) and value.strip():
            result = Decimal(value.strip().replace(",", "."))
        else:
            return None
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers() | st.booleans() | st.none()
       | st.text(max_size=6) | st.decimals(allow_nan=True, allow_infinity=True))
def test_to_decimal_equals_the_reference(value: Any) -> None:
    from vsme_pipeline.calculations.units import to_decimal

    result, expected = to_decimal(value), _reference_to_decimal(value)
    assert type(result) is type(expected) and str(result) == str(expected)
