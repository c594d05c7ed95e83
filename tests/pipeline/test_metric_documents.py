"""``metric_document`` equals its first (reference) implementation: ``to_bson`` of the whole
document built from the metric's attributes (verbatim below), on the metrics of a synthetic
season (planted defects included) and on generated metrics holding odd values (Decimal NaN and
±Infinity, text enums, dotted input keys, nested inputs, no inputs or sources)."""

from decimal import Decimal
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vsme_pipeline.calculations.metric import Metric
from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.pipeline.metrics_stage import metric_document


def reference_metric_document(metric: Any) -> dict[str, Any]:
    stored: dict[str, Any] = to_bson(
        {
            "key": metric.key,
            "disclosure": metric.disclosure,
            "value": metric.value,
            "result": getattr(metric, "result", None),
            "unit": metric.unit,
            "computable": metric.computable,
            "reason": metric.reason,
            "inputs": dict(metric.inputs or {}),
            "formula": metric.formula,
            "formulaVersion": metric.formula_version,
            "estimated": bool(metric.estimated),
            "source": list(metric.source or []),
            "notes": list(getattr(metric, "notes", None) or []),
        }
    )
    return stored


def _same(metric: Any) -> None:
    try:
        expected = reference_metric_document(metric)
    except ValueError as exc:  # a signalling NaN has no float: both refuse it alike
        with pytest.raises(type(exc)):
            metric_document(metric)
        return
    document = metric_document(metric)
    assert repr(document) == repr(expected)  # NaN != NaN; repr also tells float from int, enum from text
    assert list(document) == list(expected)


def test_the_metrics_of_a_synthetic_season_are_stored_as_before() -> None:
    from documents.company import CompanyProfile
    from documents.report import ReportData
    from vsme_pipeline.pipeline import domain
    from vsme_pipeline.reference_data import emission_factors
    from vsme_pipeline.synthetic import synthetic_population

    factors = domain.EmissionFactorSet(emission_factors())
    seen = 0
    for item in synthetic_population(40):
        profile = CompanyProfile.model_validate(item.company.profile().model_dump(by_alias=True))
        for report in item.reports:
            metric_set = domain.calculate(ReportData.model_validate(report.model_dump(by_alias=True)), profile, factors)
            for metric in metric_set.metrics.values():
                _same(metric)
                seen += 1
    assert seen > 40 * 100


class Code(StrEnum):
    B3 = "B3"


class Loose:
    """A metric-like object (``metric_document`` reads attributes): any type in any field."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


numbers = (st.decimals(allow_nan=True, allow_infinity=True, places=3) | st.none() | st.floats(allow_nan=False)
           | st.integers(-5, 5) | st.just(Decimal("-0")))
texts = st.text(max_size=4) | st.just(Code.B3)
leaves = numbers | texts | st.booleans() | st.dates()
inputs = st.recursive(leaves, lambda inner: st.lists(inner, max_size=3) | st.tuples(inner)
                      | st.dictionaries(st.sampled_from(["a", "b.c", "$d", "e"]), inner, max_size=3), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(key=texts, disclosure=texts, unit=texts, formula=texts, version=texts, value=numbers,
       result=st.none() | texts | st.booleans(), computable=st.booleans() | st.none(), reason=st.none() | texts,
       metric_inputs=st.none() | st.dictionaries(st.sampled_from(["x", "y.z", "$w"]), inputs, max_size=4),
       estimated=st.booleans() | st.none() | st.integers(0, 2),
       source=st.none() | st.lists(texts, max_size=3) | st.tuples(texts),
       notes=st.none() | st.lists(texts, max_size=2), with_extras=st.booleans())
def test_generated_metrics_are_stored_as_before(key: Any, disclosure: Any, unit: Any, formula: Any, version: Any,
                                                value: Any, result: Any, computable: Any, reason: Any,
                                                metric_inputs: Any, estimated: Any, source: Any, notes: Any,
                                                with_extras: bool) -> None:
    fields = dict(key=key, disclosure=disclosure, unit=unit, formula=formula, formula_version=version, value=value,
                  computable=computable, reason=reason, inputs=metric_inputs, estimated=estimated, source=source)
    if with_extras:
        fields.update(result=result, notes=notes)
    _same(Loose(**fields))


def test_a_metric_model_is_stored_as_before() -> None:
    metric = Metric(key="b3.scope1_tco2e", disclosure="B3", value=Decimal("12.50"), unit="tCO2e", computable=True,
                    inputs={"fuel.mass": Decimal("1e400"), "rows": [Decimal("NaN"), None]}, formula="f",
                    source=["factor:x"], notes=["n"])
    _same(metric)
    assert metric_document(metric)["inputs"]["fuel_mass"] == float("inf")
