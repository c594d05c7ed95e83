"""The domain's fast paths give exactly the results of the definitions they replace.

- ``formulas.make`` constructs a metric without re-validating arguments that are already of the
  model's exact types; forced through validation (``formulas._validated``) every metric of every
  report of a synthetic season (defects planted, both reporting options, 1-3 years) is equal, with
  the same dump, JSON dump, field order and set fields.
- ``DocView`` splits each path once and remembers each lookup: validation and metrics of the same
  reports through a view that recomputes every lookup (``_step`` of the original) are equal.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from vsme_pipeline.calculations import access, compute_metrics, formulas
from vsme_pipeline.calculations.metric import MetricSet
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


def _as_compared(metrics: MetricSet) -> list[tuple[Any, ...]]:
    return [(key, metric, metric.model_dump(), metric.model_dump(mode="json"), list(vars(metric)),
             metric.model_fields_set) for key, metric in metrics.metrics.items()]


def test_constructed_metrics_equal_validated_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [compute_metrics(stored, profile, FACTORS) for stored, profile, _ in SEASON_REPORTS]
    monkeypatch.setattr(formulas, "_already_valid", lambda *args: False)
    validated = [compute_metrics(stored, profile, FACTORS) for stored, profile, _ in SEASON_REPORTS]
    assert len(fast) == SEASON
    for one, other in zip(fast, validated, strict=True):
        assert _as_compared(one) == _as_compared(other)
        assert one.model_dump() == other.model_dump()


def test_arguments_of_other_types_are_still_validated() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):  # not finite: the model refuses it, as before
        formulas.make("b6.water_consumption_m3", Decimal("NaN"), {})
    converted = formulas.make("b6.water_consumption_m3", 5, {"withdrawal": 7})  # type: ignore[arg-type]
    assert converted.value == Decimal(5) and type(converted.value) is Decimal
    shared = {"withdrawal": Decimal(7)}
    metric = formulas.make("b6.water_consumption_m3", Decimal(5), shared)
    shared["withdrawal"] = Decimal(0)
    assert metric.inputs == {"withdrawal": Decimal(7)}  # a copy, as validation made


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
