"""The whole graph materialized by Dagster against the test databases with the sample data.

What one changed report, a save without change, a rerun or the reconciliation of every year does is
the stages' own behaviour, tested on the stage functions directly (``test_stages.py``): here the
wiring (assets, their metadata, the reconciliation's run config, read-only sources)."""

from typing import Any

from assets.run_config import run_config
from tests.pipeline.conftest import REPORTING_STAGES, materialize_all, materialize_year, run_db
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


def test_full_flow_then_the_reconciliation_changes_nothing_and_sources_stay_untouched(seeded, instance, tmp_path):
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

    # The reconciliation's run config reaches every reporting asset (full mode, in the metadata);
    # nothing is written or missed (every year: test_stages.py). Each asset says in one log line
    # what it did (the run's log in the UI).
    reconciled = materialize_year(instance, "2024", selection=[*REPORTING_STAGES, "report_filings"],
                                  run_config=run_config(full_reporting=True, filings_dir=str(tmp_path)))
    events = [e for e in reconciled.get_asset_materialization_events() if e.asset_key.to_user_string() != "report_filings"]
    assert {e.asset_key.to_user_string() for e in events} == set(REPORTING_STAGES)
    for event in events:
        metadata = event.materialization.metadata
        assert metadata["mode"].value == "full", event.asset_key
        assert metadata["written"].value == 0 and metadata["missed_by_incremental"].value == 0, event.asset_key
    validation = next(e for e in events if e.asset_key.to_user_string() == "report_validation")
    assert validation.materialization.metadata["skipped"].value == sum(
        1 for r in state["results"] if r["reportingYear"] == 2024)
    messages = [entry.user_message for entry in instance.all_logs(reconciled.run_id)]
    for line in ("validation of 2024 into vsme_guru.validation_results: ", "metrics of 2024 into vsme_guru.report_metrics: ",
                 "snapshots of 2024 into vsme_guru.report_snapshots: ", f"filings of 2024 into {tmp_path / '2024'}: "):
        assert any(m.startswith(line) and " written" in m for m in messages), (line, messages[-20:])

    # The pipeline never wrote to scope321 or the reference database.
    assert run_db(seeded, _source_state) == before
