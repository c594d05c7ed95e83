"""The stage functions called directly (no Dagster), as the assets call them: what a change of one
report does and a save without content change does not, reruns and the reconciliation, deletions
and restores, tampered snapshots. ``tests/pipeline/test_flow.py`` and ``test_checks.py`` keep the
graph under ``materialize`` for the wiring (assets, checks, metadata, run config)."""

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.pipeline.conftest import REPORTING_STAGES, YEARS, run_db, stage_flow, stage_year
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.snapshots import verify_snapshot
from vsme_pipeline.pipeline.stage import StageReport
from vsme_pipeline.pipeline.validation_stage import validate_year


def _written(reports: dict[str, StageReport]) -> dict[str, int]:
    return {name: report.written for name, report in reports.items()}


def test_changing_one_report_revalidates_recomputes_and_resnapshots_it_alone(seeded):
    async def go(databases: Any) -> None:
        await stage_flow(databases)
        target = databases.vsme_guru
        snapshot = await target["report_snapshots"].find_one({"reportingYear": 2024})
        report_id = snapshot["reportId"]
        report = await target["reports"].find_one({"_id": report_id})
        water = (report["modules"].get("b6") or {}).get("totalWaterWithdrawal") or 0
        # what the web app does: change a datapoint, bump version and metadata.updatedAt
        await target["reports"].update_one({"_id": report_id}, {"$set": {
            "modules.b6.totalWaterWithdrawal": float(water) + 10.0, "version": report.get("version", 1) + 1,
            "metadata.updatedAt": datetime.now(UTC)}})

        assert _written(await stage_year(databases, 2024)) == {"report_validation": 1, "report_metrics": 1,
                                                               "report_snapshots": 1}
        snaps = await target["report_snapshots"].find({"reportId": report_id}).sort("version", 1).to_list()
        metrics = await target["report_metrics"].find({"reportId": report_id}).sort("version", 1).to_list()
        assert [s["version"] for s in snaps] == [1, 2] and snaps[0]["contentHash"] != snaps[1]["contentHash"]
        assert all(verify_snapshot(s) for s in snaps)
        assert [m["version"] for m in metrics] == [1, 2]
        for year in (2023, 2025):  # other years are untouched
            assert set(_written(await stage_year(databases, year)).values()) == {0}

    run_db(seeded, go)


def test_a_save_without_content_change_makes_no_new_snapshot(seeded):
    async def go(databases: Any) -> None:
        await stage_flow(databases)
        target = databases.vsme_guru
        snapshot = await target["report_snapshots"].find_one({"reportingYear": 2024})
        # what the web app does on a save that changes nothing: only its bookkeeping moves
        await target["reports"].update_one({"_id": snapshot["reportId"]}, {"$set": {
            "metadata.updatedAt": datetime.now(UTC) + timedelta(days=1), "metadata.lastModifiedBy": "someone"}})
        assert _written(await stage_year(databases, 2024)) == {"report_validation": 0, "report_metrics": 0,
                                                               "report_snapshots": 0}
        assert await target["report_snapshots"].count_documents({"reportId": snapshot["reportId"]}) == 1

    run_db(seeded, go)


def test_reruns_and_the_reconciliation_write_nothing_when_nothing_changed(seeded):
    async def go(databases: Any) -> None:
        await stage_flow(databases)

        # A second run (full company sync): nothing written; the reporting stages read only the
        # sample's one report without metadata.updatedAt (always considered), since nothing changed
        # (change detection, vsme_pipeline.pipeline.change_detection).
        sync = await sync_companies(read_only(databases.scope321), databases.vsme_guru, full=True)
        assert (sync.written, sync.failed) == (0, 0) and sync.extra["full"]
        second = {int(year): await stage_year(databases, int(year)) for year in YEARS}
        for year, stages in second.items():
            for name, stage in stages.items():
                assert (stage.written, stage.failed) == (0, 0), (year, name)
        assert sum(stages["report_validation"].processed for stages in second.values()) == 1
        assert sum(stages["report_validation"].skipped for stages in second.values()) == 1

        # The reconciliation (every report read and re-hashed) agrees: all 17 unchanged, none missed.
        reconciled = {int(year): await stage_year(databases, int(year), full=True) for year in YEARS}
        assert sum(stages["report_validation"].skipped for stages in reconciled.values()) == 17
        for year, stages in reconciled.items():
            assert set(stages) == set(REPORTING_STAGES)
            for name, stage in stages.items():
                assert stage.extra["mode"] == "full", (year, name)
                assert stage.written == 0 and stage.extra["missed_by_incremental"] == 0, (year, name)

        # An incremental sync and run as well write nothing.
        assert (await sync_companies(read_only(databases.scope321), databases.vsme_guru)).written == 0
        third = {int(year): await stage_year(databases, int(year)) for year in YEARS}
        assert all(stage.written == 0 for stages in third.values() for stage in stages.values())

    run_db(seeded, go)


def test_a_deleted_company_orphans_its_report_until_it_is_restored(seeded):
    async def go(databases: Any) -> None:
        await stage_flow(databases)
        source, target = read_only(databases.scope321), databases.vsme_guru
        report = await target["reports"].find_one({"reportingYear": 2023})
        company = await databases.scope321["companies"].find_one({"_id": report["companyId"]})
        await databases.scope321["companies"].delete_one({"_id": company["_id"]})  # as the web app would

        assert (await sync_companies(source, target, full=True)).extra["deleted"] == 1
        await validate_year(target, 2023)
        entry = await target["company_directory"].find_one({"companyId": company["_id"]})
        validation = await target["validation_results"].find_one({"reportId": report["_id"]})
        assert entry["deleted"] and entry["deletedAt"] is not None
        assert validation["orphanedAt"] is not None and not validation["passed"]
        assert "COMPANY_DELETED" in {f["code"] for f in validation["findings"]}
        assert await target["reports"].count_documents({"_id": report["_id"]}) == 1  # orphaned, never destroyed

        await databases.scope321["companies"].insert_one({**company, "updatedAt": datetime.now(UTC)})
        assert (await sync_companies(source, target, full=True)).extra["restored"] == 1
        await validate_year(target, 2023)
        entry = await target["company_directory"].find_one({"companyId": company["_id"]})
        validation = await target["validation_results"].find_one({"reportId": report["_id"]})
        assert not entry["deleted"]
        assert validation["orphanedAt"] is None and validation["passed"]

    run_db(seeded, go)


def test_the_reconciliation_supersedes_a_tampered_snapshot_with_a_verified_one(seeded):
    async def go(databases: Any) -> None:
        await stage_flow(databases)
        snapshots = databases.vsme_guru["report_snapshots"]
        original = await snapshots.find_one({"reportingYear": 2024})
        await snapshots.update_one({"_id": original["_id"]}, {"$set": {"report.modules.b6.totalWaterWithdrawal": 1.0}})

        # the incremental run trusts stored hashes; the full one verifies every latest snapshot
        assert (await snapshot_year(databases.vsme_guru, 2024, {})).written == 0
        full = await snapshot_year(databases.vsme_guru, 2024, {}, full=True)
        assert full.extra["superseded_tampered"] == 1 and full.written == 1
        versions = await snapshots.find({"reportId": original["reportId"]}).sort("version", 1).to_list()
        assert [s["version"] for s in versions] == [1, 2]
        assert not verify_snapshot(versions[0]) and verify_snapshot(versions[1])
        assert versions[1]["contentHash"] == original["contentHash"]  # the report's content, as first snapshotted

    run_db(seeded, go)
