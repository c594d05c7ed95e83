"""Only a number is a reporting year: ``reportingYear: "2024"`` (and every other non-numeric value)
is never merged into 2024 nor silently dropped; each such report is named by id and field, in the
validation of the year it reads as and in ``vsme run``'s summary."""

from typing import Any

from bson import Decimal128, ObjectId

from tests.pipeline.conftest import run_db
from tests.reliability.test_kill_between_snapshot_and_audit import run_child
from vsme_pipeline.pipeline.monitoring_queries import misfiled_reports, reporting_years_with_reports
from vsme_pipeline.pipeline.reporting_years import reads_as_year, reporting_year_key
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.settings import load_settings

# stored value -> whether it is a numeric year (2024 / 2024.0: int and the double a JS writer stores)
NUMERIC = {"int": 2024, "double": 2024.0}
MISFILED: dict[str, Any] = {
    "text": "2024", "padded text": " 2024 ", "decimal": Decimal128("2024"), "array": [2024], "fraction": 2024.5,
    "null": None, "boolean": True, "object": {"year": 2024}, "text of a year without reports": "2031",
    "array of a year without reports": [2032],
}
MISSING = "missing"


async def _plant(databases: Any) -> dict[str, ObjectId]:
    """Copies of a seeded 2024 report, one per stored ``reportingYear`` (each a company of its own)."""
    reports = databases.vsme_guru["reports"]
    sample = await reports.find_one({"reportingYear": 2024})
    assert sample is not None
    ids: dict[str, ObjectId] = {}
    for label, value in {**NUMERIC, **MISFILED, MISSING: None}.items():
        doc = {**sample, "_id": ObjectId(), "companyId": ObjectId()}
        if label == MISSING:
            doc.pop("reportingYear")
        else:
            doc["reportingYear"] = value
        await reports.insert_one(doc, bypass_document_validation=True)
        ids[label] = doc["_id"]
    return ids


def test_year_keys_are_numbers_only():
    assert [reporting_year_key(v) for v in (2024, 2024.0, "2024", " 2024", 2024.5, True, Decimal128("2024"), [2024])] == \
        ["2024", "2024", None, None, None, None, None, None]
    assert [reads_as_year(v) for v in ("2024", " 2024 ", Decimal128("2024"), [2024], "2024.0", "x", True, 2024.5)] == \
        [2024, 2024, 2024, 2024, 2024, None, None, None]


def test_misfiled_years_are_named_never_merged_nor_dropped_and_listed_by_vsme_run(seeded, tmp_path, monkeypatch):
    async def go(databases: Any) -> dict[str, ObjectId]:
        ids = await _plant(databases)
        target = databases.vsme_guru
        # the partitions: numeric years only (no 2031/2032 from text or an array)
        assert await reporting_years_with_reports(target) == ["2023", "2024", "2025"]

        rows, total = await misfiled_reports(target)
        misfiled_ids = {row["_id"] for row in rows}
        assert total == len(rows) == len(MISFILED) + 1
        assert misfiled_ids == {ids[label] for label in [*MISFILED, MISSING]}, "every non-numeric year, nothing else"

        report = await validate_year(target, 2024)
        validated = {v["reportId"] async for v in target["validation_results"].find({"reportingYear": 2024})}
        assert {ids["int"], ids["double"]} <= validated, "int and integral double are the year"
        assert not validated & misfiled_ids, "no misfiled report is validated as 2024"
        problems = "\n".join(report.problems)
        for label in ("text", "padded text", "decimal", "array"):  # they read as 2024: that year names them
            assert f"report {ids[label]}: field reportingYear: stored" in problems, (label, problems)
        assert "reads as 2024; not merged into it" in problems
        for label in ("fraction", "null", "text of a year without reports", MISSING):
            assert str(ids[label]) not in problems, label  # not 2024's: named in the run summary (below)
        return ids

    ids = run_db(load_settings(), go)

    # the whole flow (a real `vsme run` in a child process): its summary names every one, by id and field
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "1000")  # one line per message
    result = run_child("cli", "run", "--no-seed", "--years", "2024", fault="", timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert f"reports in no reporting year: {len(MISFILED) + 1}" in result.stderr, result.stderr[-3000:]
    lines = [line.strip() for line in result.stderr.splitlines()]
    for label in [*MISFILED, MISSING]:
        named = [line for line in lines if line.startswith(f"report {ids[label]}: field reportingYear: stored")]
        assert len(named) == 1, (label, result.stderr[-3000:])
    assert "stored '2024' (str) where a numeric year belongs (reads as 2024; not merged into it)" in result.stderr
    assert "stored nothing (the field is missing)" in result.stderr
