"""The whole graph materialized by Dagster against the test databases with the sample data."""

from datetime import UTC, datetime, timedelta
from typing import Any

from bson import ObjectId

from assets.run_config import reconciliation_run_config
from tests.pipeline.conftest import YEARS, materialize_all, materialize_year, run_db
from vsme_pipeline.pipeline.snapshots import verify_snapshot


async def _contents(database: Any) -> dict[str, list[dict[str, Any]]]:
    names = sorted(await database.list_collection_names())
    contents = {}
    for name in names:
        contents[name] = [doc async for doc in database[name].find({}).sort("_id", 1)]
        contents[f"{name}#indexes"] = [dict(ix) async for ix in await database[name].list_indexes()]
    return contents


async def _source_state(dbs: Any) -> dict[str, Any]:
    return {"scope321": await _contents(dbs.scope321), "reference": await _contents(dbs.reference)}


def test_full_flow_then_nothing_changes_and_sources_stay_untouched(seeded, instance):
    before = run_db(seeded, _source_state)

    first = materialize_all(instance)
    assert first["company_directory"] == {"processed": 6, "written": 6, "skipped": 0, "failed": 0}
    assert first["report_validation"]["processed"] == 17
    assert first["report_validation"]["written"] == 17
    assert first["report_metrics"]["written"] == first["report_metrics"]["processed"] > 0
    assert first["report_snapshots"]["written"] > 0

    async def read(dbs):
        db = dbs.vsme_guru
        return {
            "directory": await db["company_directory"].count_documents({}),
            "results": [r async for r in db["validation_results"].find({})],
            "metrics": await db["report_metrics"].count_documents({}),
            "snapshots": [s async for s in db["report_snapshots"].find({})],
        }

    state = run_db(seeded, read)
    assert state["directory"] == 6
    assert len(state["results"]) == 17
    failing = {(r["reportingYear"], r["reportStatus"]) for r in state["results"] if not r["passed"]}
    assert (2024, "completed") in failing  # the sample's deliberate B8 finding
    passed = [r for r in state["results"] if r["passed"]]
    assert state["metrics"] == len(passed)
    completed_passed = [r for r in passed if r["reportStatus"] == "completed"]
    assert len(state["snapshots"]) == len(completed_passed)
    for snapshot in state["snapshots"]:
        assert verify_snapshot(snapshot)
        assert snapshot["version"] == 1
        assert set(snapshot["migrationRevisions"]) == {"scope321", "vsmeGuru", "reference"}
        assert snapshot["migrationRevisions"]["vsmeGuru"]

    # Second materialization (full company sync): nothing written; the reporting stages read only
    # the sample's one report without metadata.updatedAt (always considered), since nothing changed
    # (change detection, vsme_pipeline.pipeline.change_detection).
    second = materialize_all(instance, full=True)
    for asset, counts in second.items():
        assert counts["written"] == 0, asset
        assert counts["failed"] == 0, asset
    assert second["report_validation"]["processed"] == second["report_validation"]["skipped"] == 1

    # The reconciliation (every report read and re-hashed) agrees: all 17 unchanged, none missed.
    reconciled = [materialize_year(instance, year, run_config=reconciliation_run_config()) for year in YEARS]
    events = [e for r in reconciled for e in r.get_asset_materialization_events()]
    assert sum(e.materialization.metadata["skipped"].value for e in events
               if e.asset_key.to_user_string() == "report_validation") == 17
    for event in events:
        metadata = event.materialization.metadata
        assert metadata["mode"].value == "full", event.asset_key
        assert metadata["written"].value == 0 and metadata["missed_by_incremental"].value == 0, event.asset_key

    # Incremental sync as well writes nothing.
    third = materialize_all(instance, full=False)
    assert all(c["written"] == 0 for c in third.values())

    # The pipeline never wrote to scope321 or the reference database.
    assert run_db(seeded, _source_state) == before


def test_changing_one_report_revalidates_recomputes_and_resnapshots_it_alone(seeded, instance):
    materialize_all(instance)

    async def pick(dbs):
        snapshot = await dbs.vsme_guru["report_snapshots"].find_one({"reportingYear": 2024})
        return snapshot["reportId"]

    report_id: ObjectId = run_db(seeded, pick)

    async def edit(dbs):
        # What the web app does: change a datapoint, bump version and updatedAt.
        report = await dbs.vsme_guru["reports"].find_one({"_id": report_id})
        water = (report["modules"].get("b6") or {}).get("totalWaterWithdrawal") or 0
        await dbs.vsme_guru["reports"].update_one(
            {"_id": report_id},
            {"$set": {"modules.b6.totalWaterWithdrawal": float(water) + 10.0, "version": report.get("version", 1) + 1,
                      "metadata.updatedAt": datetime.now(UTC)}},
        )

    run_db(seeded, edit)
    result = materialize_year(instance, "2024")
    counts = {e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()}
    assert counts["report_validation"]["written"].value == 1
    assert counts["report_metrics"]["written"].value == 1
    assert counts["report_snapshots"]["written"].value == 1

    async def versions(dbs):
        snaps = [s async for s in dbs.vsme_guru["report_snapshots"].find({"reportId": report_id}).sort("version", 1)]
        metrics = [m async for m in dbs.vsme_guru["report_metrics"].find({"reportId": report_id}).sort("version", 1)]
        return snaps, metrics

    snaps, metrics = run_db(seeded, versions)
    assert [s["version"] for s in snaps] == [1, 2]
    assert snaps[0]["contentHash"] != snaps[1]["contentHash"]
    assert all(verify_snapshot(s) for s in snaps)
    assert [m["version"] for m in metrics] == [1, 2]

    # Other years are untouched.
    for year in YEARS:
        if year != "2024":
            other = materialize_year(instance, year)
            assert all(e.materialization.metadata["written"].value == 0 for e in other.get_asset_materialization_events())


def test_a_save_without_content_change_makes_no_new_snapshot(seeded, instance):
    materialize_all(instance)

    async def touch(dbs):
        # What the web app does on a save that changes nothing: only its bookkeeping moves.
        snapshot = await dbs.vsme_guru["report_snapshots"].find_one({"reportingYear": 2024})
        await dbs.vsme_guru["reports"].update_one(
            {"_id": snapshot["reportId"]},
            {"$set": {"metadata.updatedAt": datetime.now(UTC) + timedelta(days=1), "metadata.lastModifiedBy": "someone"}},
        )
        return snapshot["reportId"]

    report_id = run_db(seeded, touch)
    result = materialize_year(instance, "2024")
    written = {e.asset_key.to_user_string(): e.materialization.metadata["written"].value
               for e in result.get_asset_materialization_events()}
    assert written == {"report_validation": 0, "report_metrics": 0, "report_snapshots": 0}
    snapshots = run_db(seeded, lambda dbs: dbs.vsme_guru["report_snapshots"].count_documents({"reportId": report_id}))
    assert snapshots == 1
