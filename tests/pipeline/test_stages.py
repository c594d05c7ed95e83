"""The stage functions called directly (no Dagster): what a change of one report does, and what
a save without content change does not. ``tests/pipeline/test_flow.py`` keeps the whole graph
under ``materialize`` (wiring, metadata, reruns); these behaviours are the stages' own."""

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.pipeline.conftest import run_db
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.snapshots import verify_snapshot
from vsme_pipeline.pipeline.stage import StageReport
from vsme_pipeline.pipeline.validation_stage import validate_year

YEARS = (2023, 2024, 2025)
REVISIONS = {"scope321": None, "vsme_guru": None}


async def _year(databases: Any, year: int) -> dict[str, StageReport]:
    target = databases.vsme_guru
    return {
        "report_validation": await validate_year(target, year),
        "report_metrics": await compute_year(target, read_only(databases.reference), year),
        "report_snapshots": await snapshot_year(target, year, REVISIONS),
    }


async def _all(databases: Any) -> None:
    await sync_companies(read_only(databases.scope321), databases.vsme_guru, full=True)
    for year in YEARS:
        await _year(databases, year)


def _written(reports: dict[str, StageReport]) -> dict[str, int]:
    return {name: report.written for name, report in reports.items()}


def test_changing_one_report_revalidates_recomputes_and_resnapshots_it_alone(seeded):
    async def go(databases: Any) -> None:
        await _all(databases)
        target = databases.vsme_guru
        snapshot = await target["report_snapshots"].find_one({"reportingYear": 2024})
        report_id = snapshot["reportId"]
        report = await target["reports"].find_one({"_id": report_id})
        water = (report["modules"].get("b6") or {}).get("totalWaterWithdrawal") or 0
        # what the web app does: change a datapoint, bump version and metadata.updatedAt
        await target["reports"].update_one({"_id": report_id}, {"$set": {
            "modules.b6.totalWaterWithdrawal": float(water) + 10.0, "version": report.get("version", 1) + 1,
            "metadata.updatedAt": datetime.now(UTC)}})

        assert _written(await _year(databases, 2024)) == {"report_validation": 1, "report_metrics": 1,
                                                          "report_snapshots": 1}
        snaps = await target["report_snapshots"].find({"reportId": report_id}).sort("version", 1).to_list()
        metrics = await target["report_metrics"].find({"reportId": report_id}).sort("version", 1).to_list()
        assert [s["version"] for s in snaps] == [1, 2] and snaps[0]["contentHash"] != snaps[1]["contentHash"]
        assert all(verify_snapshot(s) for s in snaps)
        assert [m["version"] for m in metrics] == [1, 2]
        for year in (2023, 2025):  # other years are untouched
            assert set(_written(await _year(databases, year)).values()) == {0}

    run_db(seeded, go)


def test_a_save_without_content_change_makes_no_new_snapshot(seeded):
    async def go(databases: Any) -> None:
        await _all(databases)
        target = databases.vsme_guru
        snapshot = await target["report_snapshots"].find_one({"reportingYear": 2024})
        # what the web app does on a save that changes nothing: only its bookkeeping moves
        await target["reports"].update_one({"_id": snapshot["reportId"]}, {"$set": {
            "metadata.updatedAt": datetime.now(UTC) + timedelta(days=1), "metadata.lastModifiedBy": "someone"}})
        assert _written(await _year(databases, 2024)) == {"report_validation": 0, "report_metrics": 0,
                                                          "report_snapshots": 0}
        assert await target["report_snapshots"].count_documents({"reportId": snapshot["reportId"]}) == 1

    run_db(seeded, go)
