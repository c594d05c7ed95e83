"""Hostile reports next to the sample data: every stage goes on, names each bad record by id and
field, validates/computes/snapshots every good one, and changes nothing it only reads."""

import copy
import math
from datetime import UTC, datetime

from bson import ObjectId
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymongo.errors import DuplicateKeyError

from tests.pipeline.conftest import run_db
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import _directory_write, sync_companies
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.stage import StageReport
from vsme_pipeline.pipeline.validation_stage import _validate_one, validate_year
from vsme_pipeline.settings import load_settings

YEARS = (2023, 2024, 2025)
SETTINGS = settings(max_examples=3, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

bson_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-2**31, 2**31), st.text(max_size=8),
    st.floats(allow_nan=False, allow_infinity=False), st.builds(ObjectId), st.just("1368"), st.just("2024"),
)
bson_values = st.recursive(bson_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.sampled_from(["a", "b", "value", "unit"]), inner, max_size=3), max_leaves=6)

# (field path, hostile value): each makes the report bad in a way a stage must name
HOSTILE = st.one_of(
    st.tuples(st.just("_id"), st.one_of(st.text(min_size=1, max_size=8), st.integers(), st.dictionaries(st.just("x"), st.integers(), min_size=1))),
    st.tuples(st.just("companyId"), st.one_of(st.text(max_size=24), st.dictionaries(st.just("x"), bson_scalars, min_size=1),
                                              st.lists(st.builds(ObjectId), min_size=1, max_size=2))),
    st.tuples(st.just("version"), st.sampled_from(["3", 3.5, [], {"v": 1}])),
    st.tuples(st.just("status"), st.one_of(st.integers(), st.lists(st.text(max_size=3), min_size=1))),
    st.tuples(st.just("modules.b1"), st.one_of(st.integers(), st.text(max_size=5))),
    st.tuples(st.just("modules.b1.numberOfEmployees"), st.sampled_from(["180", True, "x", [1], {"$x": 1}])),
    st.tuples(st.just("modules.b1.turnover"), st.sampled_from(["1368", " 12 ", False])),
    st.tuples(st.just("generalDisclosures"), st.dictionaries(st.sampled_from(["a.b", "$set"]), bson_values, min_size=1)),
    st.tuples(st.just("modules.b3.deep"), st.none()),
    st.tuples(st.just("modules.b3.huge"), st.just(list(range(6_000)))),
)


def _deep(levels: int = 40) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(levels):
        value = {"n": value}
    return value


def _set(doc: dict, path: str, value: object) -> None:
    parts = path.split(".")
    target = doc
    for part in parts[:-1]:
        if not isinstance(target.get(part), dict):
            target[part] = {}
        target = target[part]
    target[parts[-1]] = _deep() if path == "modules.b3.deep" else value


async def _state(databases) -> dict:
    return {
        "reports": sorted([repr(d) for d in await databases.vsme_guru["reports"].find({}).to_list()]),
        "companies": sorted([repr(d) for d in await databases.scope321["companies"].find({}).to_list()]),
    }


async def _flow(databases) -> list[StageReport]:
    source, target = read_only(databases.scope321), databases.vsme_guru
    reports = [await sync_companies(source, target, full=True)]
    for year in YEARS:
        reports.append(await validate_year(target, year, batch_size=7))
        reports.append(await compute_year(target, read_only(databases.reference), year, batch_size=7))
        reports.append(await snapshot_year(target, year, {"scope321": None, "vsme_guru": None}, batch_size=7))
    return reports


@SETTINGS
@given(hostile=st.lists(HOSTILE, min_size=3, max_size=8))
def test_hostile_reports_are_named_and_good_ones_flow(seeded, hostile):
    async def go(databases):
        target = databases.vsme_guru
        await target["reports"].delete_many({"reportingYear": {"$gte": 2030}})  # a failed example's leftovers
        samples = await target["reports"].find({"reportingYear": 2024}).to_list()
        bad_ids = []
        for i, (path, value) in enumerate(hostile):
            doc = copy.deepcopy(samples[i % len(samples)])
            doc["_id"] = ObjectId()
            # a company-year of its own, far from the sample years (the good reports' results stay theirs)
            doc["reportingYear"] = 2030 + i
            _set(doc, path, value)
            try:
                await target["reports"].insert_one(doc, bypass_document_validation=True)
            except DuplicateKeyError:
                continue  # the same hostile _id drawn twice
            bad_ids.append((doc["_id"], path, doc["reportingYear"]))
        before = await _state(databases)

        stage_reports = await _flow(databases)
        extra_years = sorted({y for _, _, y in bad_ids})
        for year in extra_years:
            stage_reports.append(await validate_year(target, year))
        problems = "\n".join(p for r in stage_reports for p in r.problems)

        for report_id, path, _year in bad_ids:
            result = await target["validation_results"].find_one({"reportId": report_id}) if isinstance(report_id, ObjectId) else None
            if result is not None:
                assert not result["passed"], (path, result["findings"])
                assert any(f["path"].startswith(path.split(".")[0]) or path.split(".")[-1] in f["path"]
                           for f in result["findings"]), (path, result["findings"])
            else:
                assert f"{report_id}"[:20] in problems or repr(report_id)[:20] in problems, (path, problems)
                assert path in problems

        # every good sample report is validated; passing completed ones computed and snapshotted
        good = [d async for d in target["reports"].find({"reportingYear": {"$in": list(YEARS)}})
                if not any(d["_id"] == b for b, _, _ in bad_ids)]
        for doc in good:
            result = await target["validation_results"].find_one({"reportId": doc["_id"]})
            assert result is not None, doc["_id"]
            if result["passed"]:
                assert await target["report_metrics"].find_one({"reportId": doc["_id"]}) is not None
                if doc["status"] == "completed":
                    assert await target["report_snapshots"].find_one({"reportId": doc["_id"]}) is not None
        assert await _state(databases) == before  # nothing read was changed or deleted
        await target["reports"].delete_many({"_id": {"$in": [b for b, _, _ in bad_ids]}})

    run_db(load_settings(), go)


def test_nan_and_infinity_as_atlas_returns_them_are_findings_with_their_path():
    """The embedded server cannot store NaN yet: the per-record function gets decoded documents."""
    company_id = ObjectId()
    directory = {company_id: {"companyId": company_id, "profile": {}, "contentHash": "sha256:x", "deleted": False}}
    for value in (math.nan, math.inf, -math.inf):
        doc = {"_id": ObjectId(), "companyId": company_id, "reportingYear": 2024, "status": "completed",
               "modules": {"b3": {"scope1Emissions": value}}}
        report = StageReport("t")
        operation = _validate_one(doc, 2024, directory, {}, {}, datetime.now(UTC), report)
        assert report.failed == 0
        findings = operation._doc["$set"]["findings"]
        assert [f["path"] for f in findings] == ["modules.b3.scope1Emissions"]
        assert not operation._doc["$set"]["passed"]


def test_a_company_with_infinity_or_a_string_number_is_named_and_not_written():
    for field, value, shown in (("turnover", math.inf, "inf"), ("updatedAt", math.nan, "nan")):
        doc = {"_id": ObjectId(), "name": "Example AS", "email": "secret@example.com", field: value}
        report = StageReport("company_sync")
        assert _directory_write(doc, {}, {}, datetime.now(UTC), report, []) is None
        assert report.failed == 1 and field in report.problems[0] and shown in report.problems[0]
        assert "secret@example.com" not in report.problems[0]


def test_a_string_where_a_number_belongs_is_kept_as_stored_and_named_never_converted():
    doc = {"_id": ObjectId(), "name": "Example AS", "email": "secret@example.com", "turnover": "1368"}
    report = StageReport("company_sync")
    operation = _directory_write(doc, {}, {}, datetime.now(UTC), report, [])
    assert operation is not None, "the company still reaches the directory (its other fields are good)"
    profile = operation._doc["$set"]["profile"]
    assert profile["turnover"] is None and profile["unmapped"]["turnover"] == "1368"
    findings = report.extra["source_findings"]
    assert any("turnover='1368'" in f and "not converted" in f for f in findings)
    assert not any("secret@example.com" in f for f in findings), "no personal data in findings"


