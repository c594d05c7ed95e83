"""The whole graph materialized by Dagster against the test databases with the sample data.

What one changed report or a save without change does is the stages' own behaviour, tested on the
stage functions directly (``test_stages.py``): only the wiring and reruns are tested here."""

from typing import Any

from tests.pipeline.conftest import materialize_all, run_db
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

    # Second materialization: everything read, nothing written.
    second = materialize_all(instance, full=True)
    for asset, counts in second.items():
        assert counts["written"] == 0, asset
        assert counts["failed"] == 0, asset
    assert second["report_validation"]["skipped"] == 17

    # Incremental sync as well writes nothing.
    third = materialize_all(instance, full=False)
    assert all(c["written"] == 0 for c in third.values())

    # The pipeline never wrote to scope321 or the reference database.
    assert run_db(seeded, _source_state) == before
