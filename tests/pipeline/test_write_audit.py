"""Every document the pipeline's assets write to vsme_guru is attributable: one ``records_written``
audit event per written batch names the asset, the run, the collection and the records' keys."""

from typing import Any

import dagster as dg

from tests.pipeline.conftest import materialize_sync, materialize_year, run_db
from vsme_pipeline.settings import Settings

OUTPUTS = {  # collection: (asset, natural key of its documents)
    "company_directory": ("company_directory", ("companyId",)),
    "validation_results": ("report_validation", ("reportId",)),
    "report_metrics": ("report_metrics", ("reportId", "version")),
    "report_snapshots": ("report_snapshots", ("companyId", "reportingYear", "version")),
}


def test_every_output_written_by_an_asset_is_attributed_to_its_asset_and_run(seeded: Settings,
                                                                            instance: dg.DagsterInstance) -> None:
    runs = {materialize_sync(instance).run_id, materialize_year(instance, "2024").run_id}

    async def read(databases: Any) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
        db = databases.vsme_guru
        events: dict[str, list[dict[str, Any]]] = {}
        async for event in db["audit_events"].find({"kind": "records_written"}):
            events.setdefault(event["details"]["collection"], []).append(event)
        documents = {name: [doc async for doc in db[name].find({})] for name in OUTPUTS}
        return events, documents

    events, documents = run_db(seeded, read)
    for collection, (asset, natural_key) in OUTPUTS.items():
        written = events.get(collection, [])
        assert documents[collection] and written, f"{collection}: documents and their records_written events"
        assert {e["details"]["actor"] for e in written} == {f"asset:{asset}"}
        assert {e["runId"] for e in written} <= runs
        keys = [key for e in written for key in e["details"]["keys"]]
        for doc in documents[collection]:  # every stored document is named by an event of its writer
            assert any(all(key.get(f) == doc[f] for f in natural_key) for key in keys), (collection, doc["_id"])
