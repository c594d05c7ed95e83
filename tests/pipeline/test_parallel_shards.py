"""Company shards of a year run in parallel, one process each, and give the outputs of one run.

The sample data's six companies all fall into one of two shards, so a seventh is planted in the
other: a copy of one company (new id in the other shard, its own organisation) with copies of its
reports. First the year is run unsharded by the stage functions (as one partition of ``vsme run``
calls them), and the outputs are read back. Then the outputs are deleted, ``VSME_SHARDS=2``, and two
worker processes (spawned, like Celery or Kubernetes workers) each run ``reporting_job`` for their
shard of the year on the same persistent Dagster instance and database, released together by a
barrier. The overlap is proven from the runs' recorded start and end times in the instance (every
shard run started before any of them ended), not from wall time; the outputs of the shards
together equal the one-run outputs, compared by content (ids, times, run ids and the snapshots'
embedded audit events left out, content hashes kept). One year and two workers suffice: the
years are alike to the shards (each a partition of its own), and more processes than this
machine's two cores would only queue.

What it cannot prove: that the shards scale with cores (the processes share this machine's cores
and one embedded server); ``benchmarks/`` is the place for ratios.
"""

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import dagster as dg
import pytest
from bson import ObjectId

from assets.partitions import add_reporting_years, partition_key, shard_keys
from assets.run_config import run_config
from tests.pipeline.conftest import run_db, stage_year
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.migration_state import migration_revisions
from vsme_pipeline.pipeline.shards import shard_of
from vsme_pipeline.settings import Settings

SHARDS = 2
YEARS = ("2024",)
OUTPUTS = ("validation_results", "report_metrics", "report_snapshots")
VOLATILE = {"_id", "validatedAt", "computedAt", "changedAt", "createdAt", "runId", "audit", "at", "occurredAt", "auditEventId"}
DAGSTER_YAML = "telemetry:\n  enabled: false\n"


def _stable(value: Any) -> Any:
    """``value`` without the fields that differ between two runs of the same work."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


async def _outputs(databases: Any) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name in OUTPUTS:
        docs = [_stable(doc) async for doc in databases.vsme_guru[name].find({})]
        result[name] = sorted(json.dumps(doc, sort_keys=True, default=str) for doc in docs)
    events = databases.vsme_guru["audit_events"].find({"kind": "snapshot_created"}, projection={"_id": 0, "reportId": 1})
    result["snapshot_events"] = sorted([str(doc.get("reportId")) async for doc in events])
    return result


async def _plant_company_in_the_empty_shard(databases: Any) -> ObjectId:
    """A copy of a sample company with a completed report of the year, with copies of its
    reports, in the shard that holds none of the sample's companies."""
    companies, reports = databases.scope321["companies"], databases.vsme_guru["reports"]
    completed = await reports.find_one({"reportingYear": int(YEARS[0]), "status": "completed"}, sort=[("_id", 1)])
    source = await companies.find_one({"_id": completed["companyId"]})
    taken = {shard_of(c["_id"], SHARDS) async for c in companies.find({}, projection={"_id": 1})}
    assert len(taken) == 1, "the sample's companies already fill both shards: nothing to plant"
    company_id = next(oid for oid in (ObjectId(f"{i:024x}") for i in range(1, 64)) if shard_of(oid, SHARDS) not in taken)
    organization = "org_2shardtwinAAAAAAAAAAAAAAAAAA"
    twin = {**source, "_id": company_id, "name": f"{source['name']} (twin)", "organizationId": organization}
    twin.pop("organizationNumber", None)
    await companies.insert_one(twin)
    async for report in reports.find({"companyId": source["_id"]}):
        await reports.insert_one({**report, "_id": ObjectId(), "companyId": company_id, "organizationId": organization})
    return company_id


async def _one_run(databases: Any) -> dict[str, int]:
    """The unsharded run of each year of ``YEARS``, by the stage functions as the assets call them (the
    snapshots record the databases' migration revisions, as the asset's do); the number of reports
    each year's validation processed."""
    await sync_companies(read_only(databases.scope321), databases.vsme_guru, full=True)
    revisions = await migration_revisions(read_only(databases.scope321), databases.vsme_guru,
                                          read_only(databases.reference))
    return {year: (await stage_year(databases, int(year), revisions=revisions))["report_validation"].processed
            for year in YEARS}


async def _delete_outputs(databases: Any) -> None:
    for name in (*OUTPUTS, "audit_events"):
        await databases.vsme_guru[name].delete_many({})


def _run_shard(home: str, shard: str, years: list[str], barrier: Any) -> list[dict[str, Any]]:
    """One worker: ``reporting_job`` for ``shard`` of each year (released per year by ``barrier``)."""
    from vsme_pipeline.definitions import defs

    job = defs.resolve_job_def("reporting_job")
    runs = []
    with dg.DagsterInstance.from_config(home) as instance:
        for year in years:
            barrier.wait(timeout=300)
            result = job.execute_in_process(instance=instance, partition_key=partition_key(year, shard),
                                            run_config=run_config(quiet=True), raise_on_error=False)
            processed = {e.asset_key.to_user_string(): int(e.materialization.metadata["processed"].value)
                         for e in result.get_asset_materialization_events()}
            runs.append({"year": year, "shard": shard, "run_id": result.run_id, "success": result.success,
                         "pid": os.getpid(), "processed": processed})
    return runs


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "dagster_home"
    path.mkdir()
    (path / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    return path


def test_two_shards_of_a_year_run_in_parallel_and_give_the_outputs_of_one_run(
        seeded: Settings, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_db(seeded, _plant_company_in_the_empty_shard)
    one_run = run_db(seeded, _one_run)
    expected = run_db(seeded, _outputs)
    assert expected["report_snapshots"], "the sample data makes snapshots"
    run_db(seeded, _delete_outputs)

    monkeypatch.setenv("VSME_SHARDS", str(SHARDS))
    # The embedded server serialises its writers: with worker processes writing at once on
    # a small machine a reply can take longer than the test profile's 5 s, so the workers use
    # timeouts above the production profile's (the shards' correctness does not depend on them).
    monkeypatch.setenv("VSME_SERVER_SELECTION_TIMEOUT_MS", "60000")
    monkeypatch.setenv("VSME_SOCKET_TIMEOUT_MS", "120000")
    monkeypatch.setenv("VSME_CONNECT_TIMEOUT_MS", "60000")  # also the driver's heartbeat timeout: a missed
    # heartbeat clears the pool and cancels the operations in flight (``_OperationCancelled``)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        add_reporting_years(instance, YEARS)
        assert instance.get_dynamic_partitions("company_shards") == shard_keys(SHARDS)
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(max_workers=SHARDS, mp_context=context) as pool:
        barrier = manager.Barrier(SHARDS)
        futures = [pool.submit(_run_shard, str(home), shard, list(YEARS), barrier) for shard in shard_keys(SHARDS)]
        runs = [run for future in futures for run in future.result(timeout=900)]

    assert all(run["success"] for run in runs), runs
    assert len({run["pid"] for run in runs}) == SHARDS  # one worker process per shard
    with dg.DagsterInstance.from_config(str(home)) as instance:
        for year in YEARS:
            pair = [run for run in runs if run["year"] == year]
            records = [instance.get_run_record_by_id(run["run_id"]) for run in pair]
            assert all(r is not None and r.start_time and r.end_time for r in records)
            starts = [r.start_time for r in records if r is not None]
            ends = [r.end_time for r in records if r is not None]
            assert max(starts) < min(ends), f"the shards of {year} did not overlap: {starts} / {ends}"  # type: ignore[type-var]
            tags = [r.dagster_run.tags for r in records if r is not None]
            assert sorted(t["dagster/partition/shard"] for t in tags) == shard_keys(SHARDS)
            # Disjoint shards that cover the year: their counts add up to the one run's.
            assert sum(run["processed"]["report_validation"] for run in pair) == one_run[year]
    for shard in shard_keys(SHARDS):
        assert sum(run["processed"]["report_validation"] for run in runs if run["shard"] == shard) > 0, shard

    assert run_db(seeded, _outputs) == expected
