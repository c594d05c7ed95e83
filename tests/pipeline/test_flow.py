"""The whole graph materialized by Dagster against the test databases with the sample data.

What one changed report or a save without change does is the stages' own behaviour, tested on the
stage functions directly (``test_stages.py``): only the wiring and reruns are tested here."""

from typing import Any

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
