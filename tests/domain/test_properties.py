"""Property-based tests: validation never raises, every finding points at an existing field path,
no rule crashes, and calculations never raise either."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_paths import path_exists

from documents.modules import DISCLOSURES
from vsme_pipeline.calculations import compute_metrics
from vsme_pipeline.reference_data import EmissionFactorSet
from vsme_pipeline.validation import validate_report

FACTORS = EmissionFactorSet.default()

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 100_000),
    st.floats(allow_nan=True, allow_infinity=True), st.floats(-1e6, 1e6),
    st.text(max_size=8), st.sampled_from(["A", "B", "DE", "fte", "headcount", "other", "consolidated", "47.21", "scope1", "Natural gas", "m3", "L"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=8)


def module_strategy(model: type) -> st.SearchStrategy[dict]:
    aliases = [f.alias or name for name, f in model.model_fields.items()]
    row = st.dictionaries(st.sampled_from(["fuel", "quantity", "unit", "country", "consumptionKwh", "numberOfEmployees",
                                           "latitude", "longitude", "emissions", "issue", "scope", "baseYear", "targetYear",
                                           "baseYearValue", "targetYearValue", "amount", "totalMass", "name"]), values, max_size=5)
    field_value = st.one_of(values, st.lists(row, max_size=3), st.dictionaries(st.sampled_from(["renewable", "nonRenewable", "total"]), scalars))
    return st.dictionaries(st.sampled_from(aliases), field_value, max_size=10)


modules = st.fixed_dictionaries({}, optional={code.lower(): st.one_of(module_strategy(model), values) for code, model in DISCLOSURES.items()})
reports = st.fixed_dictionaries(
    {},
    optional={
        "reportingYear": st.one_of(st.integers(1990, 2030), values),
        "firstReportingYear": st.one_of(st.integers(2020, 2030), values),
        "status": st.one_of(st.sampled_from(["draft", "in-progress", "completed"]), values),
        "reportingOption": st.one_of(st.sampled_from(["A", "B"]), values),
        "selectedComprehensive": st.one_of(st.lists(st.sampled_from(["C1", "C3", "C5", "C8", "C9", "X"])), values),
        "standardEdition": st.one_of(st.sampled_from(["efrag-2024-12", "rec-2025-1710", "dr-2026"]), values),
        "omittedDisclosures": st.one_of(st.lists(st.sampled_from(["B4", "C8"])), values),
        "turnoverDifferenceExplanation": values,
        "modules": st.one_of(modules, values),
    },
)
profiles = st.one_of(values, st.fixed_dictionaries({}, optional={"turnover": scalars, "numberOfEmployees": scalars,
                                                                 "naceCodes": values, "balanceSheetTotal": scalars}))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=st.one_of(reports, values), company=profiles, previous=st.one_of(st.none(), reports))
def test_validation_never_raises_and_paths_exist(report, company, previous) -> None:
    result = validate_report(report, company, previous)
    assert result.error_count + result.warning_count == len(result.findings)
    for finding in result.findings:
        assert finding.code != "RULE_FAILED", finding.message
        assert path_exists(finding.path), finding
    result.model_dump()
    result.model_dump_json()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=st.one_of(reports, values), company=profiles)
def test_calculations_never_raise(report, company) -> None:
    metrics = compute_metrics(report, company, FACTORS)
    for metric in metrics.metrics.values():
        assert metric.computable or metric.reason
        assert metric.value is None or metric.value.is_finite()
    metrics.model_dump()
    metrics.model_dump_json()
