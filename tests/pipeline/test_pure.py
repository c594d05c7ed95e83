"""Pure modules: canonical hashing, fingerprints, run keys, markdown, metric consistency."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum

import pytest
from bson import ObjectId
from hypothesis import given
from hypothesis import strategies as st

from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.pipeline.fingerprints import comparative_hash, report_content_hash, report_fingerprint
from vsme_pipeline.pipeline.hashing import CanonicalisationError, canonical, canonical_json, content_hash, without_keys
from vsme_pipeline.pipeline.metric_consistency import metric_inconsistencies
from vsme_pipeline.pipeline.run_keys import content_version, dump_cursor, load_cursor, run_key
from vsme_pipeline.pipeline.snapshots import snapshot_content, snapshot_hash, verify_snapshot
from vsme_pipeline.pipeline.summaries import FindingsTally, findings_markdown, records_markdown


class Colour(Enum):
    RED = "red"


def test_canonical_form_is_stable_and_type_aware():
    oid = ObjectId("65a000000000000000000001")
    value = {"b": 1.0, "a": [oid, Decimal("1.50"), Colour.RED, date(2024, 1, 2)],
             "t": datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)}
    assert canonical(value) == {
        "b": 1, "a": [{"$oid": str(oid)}, {"$decimal": "1.5"}, "red", "2024-01-02"], "t": "2024-01-02T03:04:05.678Z"}
    assert canonical_json({"b": 1, "a": 2}) == '{"a":2,"b":1}'
    assert content_hash({"x": 1}).startswith("sha256:") and len(content_hash({"x": 1})) == 71


def test_datetimes_hash_alike_across_timezones_and_mongo_precision():
    aware = datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=UTC)
    oslo = aware.astimezone(timezone(timedelta(hours=2)))
    assert content_hash({"t": aware}) == content_hash({"t": oslo}) == content_hash({"t": aware.replace(microsecond=123000)})


def test_non_canonical_values_name_their_path():
    with pytest.raises(CanonicalisationError, match=r"\$\.modules\.b3\.x"):
        canonical({"modules": {"b3": {"x": object()}}})


def test_nan_and_infinities_hash_as_extended_json_so_a_hostile_record_still_has_a_hash():
    assert canonical({"x": float("nan"), "y": float("inf"), "z": -float("inf")}) == {
        "x": {"$numberDouble": "NaN"}, "y": {"$numberDouble": "Infinity"}, "z": {"$numberDouble": "-Infinity"}}
    assert content_hash({"x": float("inf")}) != content_hash({"x": -float("inf")})


@given(st.recursive(st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                    max_leaves=20))
def test_canonicalisation_is_idempotent(value):
    assert canonical(canonical(value)) == canonical(value)
    assert content_hash(canonical(value)) == content_hash(value)


def test_report_hash_ignores_bookkeeping_but_not_content():
    report = {"_id": ObjectId(), "modules": {"b3": {"scope1Emissions": 5.0}}, "metadata": {"updatedAt": datetime.now(UTC)}}
    touched = {**report, "metadata": {"updatedAt": datetime.now(UTC) + timedelta(days=1), "lastModifiedBy": "x"}}
    edited = {**report, "modules": {"b3": {"scope1Emissions": 6.0}}}
    assert report_content_hash(report) == report_content_hash(touched) != report_content_hash(edited)
    assert without_keys({"a": {"b": 1, "c": 2}}, "a.b") == {"a": {"c": 2}}


def test_fingerprint_depends_on_every_input():
    base = dict(report_hash="r", company_hash="c", company_deleted=False, previous_report_hash=None, rule_set_version="v1")
    fingerprints = {report_fingerprint(**base)}
    for key, value in (("report_hash", "r2"), ("company_hash", "c2"), ("company_deleted", True),
                       ("previous_report_hash", "p"), ("rule_set_version", "v2")):
        fingerprints.add(report_fingerprint(**{**base, key: value}))
    assert len(fingerprints) == 6
    previous = {"_id": 1, "reportingYear": 2023, "status": "completed", "modules": {"b1": {"turnover": 1.0}, "b6": {"x": 1}}}
    assert comparative_hash(previous) == comparative_hash({**previous, "modules": {**previous["modules"], "b6": {"x": 2}}})
    assert comparative_hash(previous) != comparative_hash({**previous, "status": "draft"})
    assert comparative_hash(None) is None


def test_run_keys_carry_a_content_version():
    a = run_key("orphans", [{"id": 1}, {"id": 2}], partition="2024")
    assert a.startswith("orphans:2024:")
    assert a == run_key("orphans", [{"id": 2}, {"id": 1}], partition="2024")  # order-independent
    assert a != run_key("orphans", [{"id": 1}], partition="2024")
    assert len(content_version([1])) == 16
    assert load_cursor(dump_cursor({"after": ObjectId("65a000000000000000000001")})) == {"after": {"$oid": "65a000000000000000000001"}}
    assert load_cursor("not json") == {} and load_cursor(None) == {}


def test_findings_markdown_orders_errors_first_and_bounds_memory():
    findings = [{"code": "W", "severity": "warning", "disclosure": "B1", "path": "p", "message": "m"}] * 5 + [
        {"code": "E", "severity": "error", "disclosure": "B8", "path": "modules.b8.x", "message": "a|b", "report": "Acme 2024"}]
    table = findings_markdown(findings)
    lines = table.splitlines()
    assert lines[2].startswith("| error | E | B8 | 1 | Acme 2024 | modules.b8.x | a\\|b |")
    assert "| warning | W | B1 | 5 |" in lines[3]
    tally = FindingsTally()
    for _ in range(1000):
        tally.add(findings[0])
    assert len(tally.examples) == 1
    assert findings_markdown([]) == "No findings."
    assert records_markdown([], ["a"]) == "None."


def test_metric_consistency_rules():
    ok = [{"key": "b3.scope1_tco2e", "value": 1.0, "computable": True},
          {"key": "b3.scope2_location_tco2e", "value": 2.0, "computable": True},
          {"key": "b3.scope1_2_location_tco2e", "value": 3.0, "computable": True},
          {"key": "b3.renewable_share_percent", "value": 40.0, "computable": True}]
    assert metric_inconsistencies(ok) == []
    bad = [dict(m) for m in ok]
    bad[2]["value"] = 4.0
    bad[3]["value"] = 140.0
    problems = metric_inconsistencies(bad)
    assert len(problems) == 2 and "b3.scope1_2_location_tco2e = 4.0" in problems[0]
    not_computable = [dict(m) for m in ok]
    not_computable[1] = {"key": "b3.scope2_location_tco2e", "value": None, "computable": False}
    assert metric_inconsistencies(not_computable) == []


def test_snapshot_hash_detects_any_content_change():
    content = snapshot_content(company_id=ObjectId(), reporting_year=2024, report={"a": 1}, company={"name": "x"},
                               validation={"passed": True}, metrics={"version": 1})
    stored = {**content, "contentHash": content_hash(content), "version": 1, "createdAt": datetime.now(UTC)}
    assert verify_snapshot(stored) and snapshot_hash(stored) == stored["contentHash"]
    assert not verify_snapshot({**stored, "report": {"a": 2}})
    assert verify_snapshot({**stored, "createdAt": None})  # bookkeeping is outside the content


def test_to_bson_stores_floats_and_plain_values():
    assert to_bson({"a.b": Decimal("1.5"), "d": date(2024, 1, 1), "e": Colour.RED, "s": {2, 1}}) == {
        "a_b": 1.5, "d": datetime(2024, 1, 1, tzinfo=UTC), "e": "red", "s": [1, 2]}
