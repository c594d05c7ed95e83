"""Integrity sensors: cheap, cursor-based, each naming the records it found and what to do.

A sensor that has a repairing run requests it, with a ``run_key`` that carries a content version of
the problem (see :mod:`vsme_pipeline.pipeline.run_keys`): the same problem is requested once, a
changed or recurring one again. Problems without a repairing run (duplicates, schema drift, pending
migrations) are reported as the tick's skip reason and logged as errors on every evaluation.

Sensor functions are synchronous in Dagster: each evaluation runs its queries in a fresh event loop
(:func:`vsme_pipeline.pipeline.aio.run_coroutine`), with the clients opened and closed inside it.
"""

from collections import defaultdict
from typing import Any

import dagster as dg

from assets.checks import plural
from assets.jobs import company_sync_job, snapshots_job, validation_job
from assets.partitions import COMPANY_SHARDS, REPORTING_YEARS, configured_shards, partition_key, shard_keys
from assets.resources import ReferenceResource, Scope321Resource, VsmeGuruResource
from assets.run_config import run_config, sync_run_config
from vsme_pipeline.pipeline import integrity
from vsme_pipeline.pipeline import monitoring_queries as queries
from vsme_pipeline.pipeline.aio import run_coroutine
from vsme_pipeline.pipeline.migration_state import pending_migrations, schema_differences
from vsme_pipeline.pipeline.run_keys import content_version, dump_cursor, load_cursor, run_key
from vsme_pipeline.pipeline.shards import shard_filter, shard_key

FULL_SYNC = sync_run_config(full=True)
INCREMENTAL_SYNC = sync_run_config(full=False)
MAX_LISTED = 10
MONITORING = dg.DefaultSensorStatus.RUNNING
"""Monitoring sensors start with the deployment; stop one in the UI (Automation → the sensor →
toggle) or with ``dagster sensor stop NAME``: the choice is kept in the instance."""


def _listing(rows: list[dict[str, Any]], keys: list[str]) -> str:
    shown = "; ".join(", ".join(f"{k}={row.get(k)}" for k in keys) for row in rows[:MAX_LISTED])
    more = f" (and {len(rows) - MAX_LISTED} more)" if len(rows) > MAX_LISTED else ""
    return shown + more


def _alert(context: dg.SensorEvaluationContext, message: str, cursor: dict[str, Any]) -> dg.SensorResult:
    context.log.error(message)
    return dg.SensorResult(skip_reason=dg.SkipReason(message), cursor=dump_cursor(cursor))


def _ok(message: str, cursor: dict[str, Any]) -> dg.SensorResult:
    return dg.SensorResult(skip_reason=dg.SkipReason(message), cursor=dump_cursor(cursor))


PartitionsRequest = dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest


def _new_years(context: dg.SensorEvaluationContext, years: list[str]) -> list[PartitionsRequest]:
    """The requests that add the years that are not partitions yet and make the shard partitions
    the configured ones (none when all are)."""
    known = set(context.instance.get_dynamic_partitions(REPORTING_YEARS))
    new = sorted(set(years) - known)
    requests: list[PartitionsRequest] = [dg.AddDynamicPartitionsRequest(REPORTING_YEARS, new)] if new else []
    wanted = shard_keys(configured_shards())
    shards = context.instance.get_dynamic_partitions(COMPANY_SHARDS)
    stale = [key for key in shards if key not in wanted]
    missing = [key for key in wanted if key not in shards]
    if stale:
        requests.append(dg.DeleteDynamicPartitionsRequest(COMPANY_SHARDS, stale))
    if missing:
        requests.append(dg.AddDynamicPartitionsRequest(COMPANY_SHARDS, missing))
    return requests


def _shard_partitions(year: int | str, company_ids: list[Any]) -> list[dg.MultiPartitionKey]:
    """The partitions of ``year`` whose shards hold ``company_ids`` (in shard order)."""
    shards = configured_shards()
    filters = [shard_filter(index, shards) for index in range(shards)]
    return [partition_key(year, shard_key(index, shards)) for index, accepts in enumerate(filters)
            if any(accepts(cid) for cid in company_ids)]


# --- reporting years --------------------------------------------------------------------------


async def _reporting_years(context: dg.SensorEvaluationContext, vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    async with vsme_guru.open() as target:
        years = await queries.reporting_years_with_reports(target)
    requests = _new_years(context, years)
    if requests:
        for request in requests:
            kind = "reporting years" if request.partitions_def_name == REPORTING_YEARS else "company shards"
            verb = "new" if isinstance(request, dg.AddDynamicPartitionsRequest) else "removed"
            context.log.info(f"{verb} {kind}: {', '.join(request.partition_keys)}")
        return dg.SensorResult(dynamic_partitions_requests=requests)
    return _ok(f"reporting years with reports: {', '.join(years) or 'none'}; {plural(configured_shards(), 'company shard')} "
               "(all are partitions)", {})


@dg.sensor(name="reporting_years_sensor", default_status=MONITORING, minimum_interval_seconds=60,
           description="Adds a partition for every reporting year that has reports in vsme_guru.reports "
                       "(partitions follow the data; years are never removed) and keeps the company-shard "
                       "partitions at VSME_SHARDS.")
def reporting_years_sensor(context: dg.SensorEvaluationContext, vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    return run_coroutine(_reporting_years(context, vsme_guru))


# --- Scope321 changes -------------------------------------------------------------------------


async def _scope321_changes(context: dg.SensorEvaluationContext, scope321: Scope321Resource,
                            vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    cursor = load_cursor(context.cursor)
    async with scope321.open() as source, vsme_guru.open() as target:
        state = await queries.sync_state(target)
        if state is None or state.get("companiesCursor") is None:
            # Content version: Scope321's size and newest change, so that a first sync that failed
            # is requested again as soon as the directory changes.
            version = await queries.scope321_version(source)
            return dg.SensorResult(
                run_requests=[dg.RunRequest(run_key=f"scope321_changes:initial:{version}", job_name=company_sync_job.name,
                                            run_config=FULL_SYNC, tags={"vsme/reason": "initial company sync"})],
                cursor=dump_cursor(cursor),
            )
        changed = await queries.companies_changed_since(source, state)
    if not changed:
        return _ok(f"no company changed in Scope321 since {state['companiesCursor'].isoformat()}", cursor)
    items = [(doc["_id"], doc.get("updatedAt")) for doc in changed]
    key = run_key("scope321_changes", items)
    ids = ", ".join(str(doc["_id"]) for doc in changed[:MAX_LISTED])
    context.log.info(f"{plural(len(changed), 'company', 'companies')} new or updated in Scope321 ({ids}…): "
                     "requesting an incremental sync")
    cursor["lastRequested"] = key
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=key, job_name=company_sync_job.name, run_config=INCREMENTAL_SYNC,
                                    tags={"vsme/reason": f"{plural(len(changed), 'company', 'companies')} changed in Scope321"})],
        cursor=dump_cursor(cursor),
    )


@dg.sensor(name="scope321_changes_sensor", jobs=[company_sync_job], minimum_interval_seconds=60,
           description="New or updated companies in Scope321 (updatedAt past the sync cursor) trigger an "
                       "incremental company sync.")
def scope321_changes_sensor(context: dg.SensorEvaluationContext, scope321: Scope321Resource,
                            vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    return run_coroutine(_scope321_changes(context, scope321, vsme_guru))


# --- orphaned reports -------------------------------------------------------------------------


async def _orphaned_reports(context: dg.SensorEvaluationContext, scope321: Scope321Resource,
                            vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    cursor = load_cursor(context.cursor)
    requests: list[dg.RunRequest] = []
    messages: list[str] = []
    async with scope321.open() as source, vsme_guru.open() as target:
        scan = await queries.scan_orphans(source, target)
        if scan.directory_ahead:
            state = await queries.sync_state(target) or {}
            messages.append(f"{plural(scan.directory_ahead, 'company is', 'companies are')} in the directory but no "
                            "longer in Scope321: requesting a full company sync, which marks them deleted and orphans "
                            "their reports")
            requests.append(dg.RunRequest(
                run_key=run_key("orphaned_reports:reconcile", [scan.in_source, scan.in_directory, state.get("lastSyncAt")]),
                job_name=company_sync_job.name, run_config=FULL_SYNC, tags={"vsme/reason": "companies deleted in Scope321"},
            ))
    unmarked, marked = scan.unmarked, scan.marked
    for year, rows in sorted(unmarked.items()):
        messages.append(f"{plural(len(rows), 'report')} of {year} belong to companies deleted in Scope321 and are not yet marked "
                        f"orphaned ({_listing(rows, ['reportId', 'companyId'])}): requesting validation of {year}")
        requests.extend(
            dg.RunRequest(run_key=run_key("orphaned_reports", rows, partition=str(key)),
                          job_name=validation_job.name, partition_key=key,
                          tags={"vsme/reason": f"orphaned reports of {year}"})
            for key in _shard_partitions(year, [row.get("companyId") for row in rows])
        )
    if marked:
        messages.append(f"{plural(marked, 'report is', 'reports are')} orphaned (company deleted in Scope321), kept and excluded from metrics "
                        "and snapshots: restore the companies in Scope321 or archive the reports")
    for message in messages:
        context.log.warning(message)
    if requests:
        years = sorted({str(year) for year in unmarked})
        return dg.SensorResult(run_requests=requests, cursor=dump_cursor(cursor),
                               dynamic_partitions_requests=_new_years(context, years))
    return _ok("; ".join(messages) or "no orphaned reports", cursor)


@dg.sensor(name="orphaned_reports_sensor", default_status=MONITORING, jobs=[company_sync_job, validation_job], minimum_interval_seconds=300,
           description="Reports whose company was deleted in Scope321: requests the full sync that finds the "
                       "deletion and the validation that marks the reports orphaned.")
def orphaned_reports_sensor(context: dg.SensorEvaluationContext, scope321: Scope321Resource,
                            vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    return run_coroutine(_orphaned_reports(context, scope321, vsme_guru))


# --- duplicate reports ------------------------------------------------------------------------


async def _duplicate_reports(context: dg.SensorEvaluationContext, vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    cursor = load_cursor(context.cursor)
    async with vsme_guru.open() as target:
        state = content_version([await queries.reports_state(target)])
        if cursor.get("state") == state and "duplicates" in cursor:
            rows = cursor["duplicates"]
        else:
            rows = [{"companyId": str(r["companyId"]), "reportingYear": r["reportingYear"],
                     "reportIds": [str(i) for i in r["reportIds"]]} for r in await integrity.duplicate_reports(target)]
    cursor = {"state": state, "duplicates": rows[:50]}
    if not rows:
        return _ok("no duplicate reports", cursor)
    return _alert(context, f"{plural(len(rows), 'company-year has', 'company-years have')} more than one report "
                           f"({_listing(rows, ['companyId', 'reportingYear', 'reportIds'])}). What to do: merge or delete "
                           "the extra reports in VSME Guru; until then the blocking check no_duplicate_reports stops "
                           "metrics and snapshots of those years.", cursor)


@dg.sensor(name="duplicate_reports_sensor", default_status=MONITORING, minimum_interval_seconds=300,
           description="More than one report per company and year (re-checked only when reports change).")
def duplicate_reports_sensor(context: dg.SensorEvaluationContext, vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    return run_coroutine(_duplicate_reports(context, vsme_guru))


# --- schema drift and pending migrations ------------------------------------------------------


async def _schema_drift(context: dg.SensorEvaluationContext, scope321: Scope321Resource, vsme_guru: VsmeGuruResource,
                        reference: ReferenceResource) -> dg.SensorResult:
    from documents import CURRENT_SCHEMA_VERSION

    cursor = load_cursor(context.cursor)
    async with scope321.open() as source, vsme_guru.open() as target, reference.open() as factors_db:
        behind, behind_count = await queries.reports_behind_schema(target, CURRENT_SCHEMA_VERSION, MAX_LISTED)
        differences = (await schema_differences(source, "scope321") + await schema_differences(target, "vsme_guru")
                       + await schema_differences(factors_db, "reference"))
    problems = []
    if behind:
        ids = ", ".join(f"{r['_id']} (v{r.get('schemaVersion')})" for r in behind)
        problems.append(f"{plural(behind_count, 'report has', 'reports have')} a schemaVersion behind the code's {CURRENT_SCHEMA_VERSION}: {ids}. "
                        "What to do: run `vsme migrate upgrade head` (its data migrations upgrade them).")
    if differences:
        problems.append(f"{plural(len(differences), 'collection difference')} from the documents: "
                        + "; ".join(differences[:MAX_LISTED])
                        + ". What to do: `vsme migrate upgrade head`; if the documents changed without a revision, "
                          "`vsme migrate revision --autogenerate -m MSG` first.")
    cursor = {"version": content_version([problems])}
    if not problems:
        return _ok("no schema drift", cursor)
    return _alert(context, " ".join(problems), cursor)


@dg.sensor(name="schema_drift_sensor", default_status=MONITORING, minimum_interval_seconds=3600,
           description="Documents whose schemaVersion is behind the code; collections whose validator or "
                       "indexes differ from the documents.")
def schema_drift_sensor(context: dg.SensorEvaluationContext, scope321: Scope321Resource, vsme_guru: VsmeGuruResource,
                        reference: ReferenceResource) -> dg.SensorResult:
    return run_coroutine(_schema_drift(context, scope321, vsme_guru, reference))


async def _pending_migrations(context: dg.SensorEvaluationContext, scope321: Scope321Resource,
                              vsme_guru: VsmeGuruResource, reference: ReferenceResource) -> dg.SensorResult:
    cursor = load_cursor(context.cursor)
    async with scope321.open() as source, vsme_guru.open() as target, reference.open() as factors_db:
        pending = await pending_migrations(source, target, factors_db)
    pending = {key: revs for key, revs in pending.items() if revs}
    cursor = {"version": content_version([pending])}
    if not pending:
        return _ok("no pending migrations", cursor)
    listing = "; ".join(f"{key}: {', '.join(revs)}" for key, revs in sorted(pending.items()))
    return _alert(context, f"pending migrations ({listing}). What to do: run `vsme migrate upgrade head` with the "
                           "migration credentials (the pipeline never migrates).", cursor)


@dg.sensor(name="pending_migrations_sensor", default_status=MONITORING, minimum_interval_seconds=600,
           description="Migration revisions not applied to scope321, vsme_guru or the reference database.")
def pending_migrations_sensor(context: dg.SensorEvaluationContext, scope321: Scope321Resource,
                              vsme_guru: VsmeGuruResource, reference: ReferenceResource) -> dg.SensorResult:
    return run_coroutine(_pending_migrations(context, scope321, vsme_guru, reference))


# --- snapshot tampering -----------------------------------------------------------------------

TAMPER_SCAN_BATCH = 200


async def _snapshot_tampering(context: dg.SensorEvaluationContext, vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    from bson import ObjectId

    cursor = load_cursor(context.cursor)
    after = ObjectId(cursor["after"]["$oid"]) if isinstance(cursor.get("after"), dict) else None
    async with vsme_guru.open() as target:
        rows, last, scanned = await integrity.tampered_snapshots(target, after=after, limit=TAMPER_SCAN_BATCH)
        latest_rows = []
        for row in rows:
            row["latest"] = await queries.is_latest_snapshot(target, row)
            if row["latest"]:
                latest_rows.append(row)
    # Scan the next batch next time; start over after the last snapshot.
    cursor = {"after": last if scanned == TAMPER_SCAN_BATCH else None}
    if not rows:
        return _ok(f"{plural(scanned, 'snapshot')} verified, none tampered", cursor)
    message = (f"{plural(len(rows), 'snapshot does', 'snapshots do')} not match their stored content hash "
               f"({_listing(rows, ['snapshotId', 'companyId', 'reportingYear', 'version'])}). What to do: restore them "
               "from an export or backup; the latest version of a company-year is superseded by a fresh verified "
               "snapshot (requested now).")
    context.log.error(message)
    by_partition: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in latest_rows:
        for key in _shard_partitions(row["reportingYear"], [row.get("companyId")]):
            by_partition[str(key)].append({"snapshotId": row["snapshotId"], "actualHash": row["actualHash"]})
    requests = [
        dg.RunRequest(run_key=run_key("snapshot_tampering", items, partition=key), job_name=snapshots_job.name,
                      partition_key=key, tags={"vsme/reason": f"tampered snapshots of {key.split('|')[0]}"},
                      # full: only a run that verifies every latest snapshot supersedes the tampered ones
                      run_config=run_config(full_assets=["report_snapshots"]))
        for key, items in sorted(by_partition.items())
    ]
    if requests:
        years = sorted({str(row["reportingYear"]) for row in latest_rows})
        return dg.SensorResult(run_requests=requests, cursor=dump_cursor(cursor),
                               dynamic_partitions_requests=_new_years(context, years))
    return _alert(context, message, cursor)


@dg.sensor(name="snapshot_tampering_sensor", default_status=MONITORING, jobs=[snapshots_job], minimum_interval_seconds=600,
           description="Verifies snapshot hashes in rolling batches of 200; a tampered latest snapshot is "
                       "superseded by a fresh one.")
def snapshot_tampering_sensor(context: dg.SensorEvaluationContext, vsme_guru: VsmeGuruResource) -> dg.SensorResult:
    return run_coroutine(_snapshot_tampering(context, vsme_guru))


SENSORS = [
    reporting_years_sensor,
    scope321_changes_sensor,
    orphaned_reports_sensor,
    duplicate_reports_sensor,
    schema_drift_sensor,
    pending_migrations_sensor,
    snapshot_tampering_sensor,
]
