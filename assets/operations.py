"""Operations in Dagster: the daily backup with its restore test, storage and connection
monitoring with capacity and health checks, and retention (see docs/operations.md).

Each alert condition is an asset check whose failure says what to do.
"""

import asyncio
import time
from typing import Any

import dagster as dg

from assets.metadata import slow_operations_metadata
from assets.resources import VsmeGuruResource
from vsme_pipeline.connections import DatabaseHealth, check_health, open_databases, read_only
from vsme_pipeline.operations import tasks
from vsme_pipeline.operations.storage import CollectionStorage, database_storage, over_capacity
from vsme_pipeline.settings import Settings

GROUP = "operations"


@dg.asset(group_name=GROUP, description="A backup of vsme_guru (every collection as BSON, with a manifest of "
          "counts, checksums, indexes, validators and migration revisions) in VSME_BACKUP_DIR.")
async def vsme_guru_backup(context: dg.AssetExecutionContext, vsme_guru: VsmeGuruResource) -> dg.MaterializeResult[None]:
    settings, started = vsme_guru.settings(), time.time()
    async with open_databases(settings) as databases:
        path, manifest = await tasks.take_backup(databases, settings)
    documents = sum(c.count for c in manifest.collections)
    context.log.info(f"backup of {manifest.database} written to {path}: {len(manifest.collections)} collections, "
                     f"{documents} documents")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "collections": len(manifest.collections),
        "documents": documents,
        "bytes": sum(c.bytes for c in manifest.collections),
        "migration_revision": manifest.revision or "-",
        **slow_operations_metadata(started),
    })


@dg.asset_check(  # type: ignore[arg-type]  # Dagster runs async checks; its stubs type sync ones
    asset=vsme_guru_backup, description="The latest backup restores: into a scratch database, every "
                "document, index and validator compared with the backup, then the scratch database is dropped.")
async def latest_backup_restores(vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    settings = vsme_guru.settings()
    latest = tasks.latest_backup(settings)
    if latest is None:
        return dg.AssetCheckResult(passed=False, description=f"No backup in {settings.backup_dir}: materialize "
                                   "vsme_guru_backup (or turn on backup_schedule).")
    try:
        async with open_databases(settings) as databases:
            result = await tasks.restore_test(databases, latest)
    except Exception as exc:  # a refused or failing restore is the finding
        return dg.AssetCheckResult(passed=False, description=f"The backup {latest.name} cannot be restored: {exc}. "
                                   "Take a new backup now and investigate the backup directory's storage.")
    if not result.ok:
        return dg.AssetCheckResult(passed=False, description=f"The backup {latest.name} restores with "
                                   f"{len(result.differences)} differences: take a new backup and investigate.",
                                   metadata={"differences": dg.MetadataValue.md("\n".join(f"- {d}" for d in result.differences[:50]))})
    return dg.AssetCheckResult(passed=True, description=f"{latest.name} restored: {sum(result.documents.values())} "
                               f"documents in {len(result.documents)} collections match the backup.",
                               metadata={"backup": latest.name, "documents": sum(result.documents.values())})


def _storage_table(rows: list[CollectionStorage]) -> str:
    lines = ["| database | collection | documents | data MB | indexes MB |", "|---|---|---:|---:|---:|"]
    lines += [f"| {r.database} | {r.collection} | {r.documents} | {r.data_bytes / 1e6:.2f} | "
              f"{'-' if r.index_bytes is None else f'{r.index_bytes / 1e6:.2f}'} |" for r in rows]
    return "\n".join(lines)


@dg.asset(group_name=GROUP, description="Storage of the three databases per collection (documents, data and index "
          "size); its materializations are the storage growth over time.")
async def database_storage_usage(context: dg.AssetExecutionContext, vsme_guru: VsmeGuruResource) -> dg.MaterializeResult[None]:
    settings = vsme_guru.settings()
    async with open_databases(settings) as databases:
        rows = [*(await database_storage(databases.vsme_guru)), *(await database_storage(read_only(databases.scope321))),
                *(await database_storage(read_only(databases.reference)))]
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.database] = totals.get(row.database, 0) + row.total_bytes
    context.log.info("storage: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in totals.items()))
    return dg.MaterializeResult(metadata={
        "dagster/row_count": sum(r.documents for r in rows if r.database == settings.vsme_guru_database_name),
        **{f"bytes_{name}": size for name, size in totals.items()},
        "collections": dg.MetadataValue.md(_storage_table(rows)),
    })


@dg.asset_check(  # type: ignore[arg-type]  # Dagster runs async checks; its stubs type sync ones
    asset=database_storage_usage, description="vsme_guru's data and indexes stay below "
                "VSME_CAPACITY_THRESHOLD_BYTES.")
async def storage_within_capacity(vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    settings = vsme_guru.settings()
    async with open_databases(settings) as databases:
        rows = await database_storage(databases.vsme_guru)
    problem = over_capacity(rows, settings.capacity_threshold_bytes)
    total = sum(r.total_bytes for r in rows)
    if problem:
        return dg.AssetCheckResult(passed=False, description=problem, metadata={"bytes": total})
    return dg.AssetCheckResult(passed=True, description=f"{total / 1e6:.1f} MB of {settings.capacity_threshold_bytes / 1e6:.0f} MB",
                               metadata={"bytes": total, "threshold_bytes": settings.capacity_threshold_bytes})


async def _health(settings: Settings) -> list[DatabaseHealth]:
    async with open_databases(settings) as databases:
        return list(await asyncio.gather(check_health(databases.scope321), check_health(databases.vsme_guru),
                                         check_health(databases.reference)))


@dg.asset_check(  # type: ignore[arg-type]  # Dagster runs async checks; its stubs type sync ones
    asset=database_storage_usage, description="Every database answers within the server-selection "
                "timeout; latency per database (the scheduled form of `vsme doctor`).")
async def databases_reachable(vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    results = await _health(vsme_guru.settings())
    metadata: dict[str, Any] = {f"latency_ms_{r.name}": round(r.latency_ms, 1) for r in results if r.latency_ms is not None}
    down = [r for r in results if not r.ok]
    if down:
        return dg.AssetCheckResult(passed=False, metadata=metadata, description=(
            "Unreachable: " + "; ".join(f"{r.name} ({(r.error or '').splitlines()[0][:120]})" for r in down)
            + ". Run `vsme doctor`, check the cluster's status, network access list and credentials."))
    return dg.AssetCheckResult(passed=True, metadata=metadata,
                               description=f"{len(results)} databases answered (max latency "
                               f"{max((r.latency_ms or 0) for r in results):.1f} ms)")


@dg.asset(group_name=GROUP, description="Retention applied to vsme_guru: superseded snapshot and metric versions "
          "and audit events past their periods removed (never the latest snapshot of a company-year).")
async def retention_applied(context: dg.AssetExecutionContext, vsme_guru: VsmeGuruResource) -> dg.MaterializeResult[None]:
    settings = vsme_guru.settings()
    async with open_databases(settings) as databases:
        result = await tasks.enforce_retention(databases, settings)
    context.log.info("retention removed " + ", ".join(f"{n} {c}" for c, n in result.removed.items()))
    return dg.MaterializeResult(metadata={f"removed_{c}": n for c, n in result.removed.items()})


backup_job = dg.define_asset_job("backup_job", selection=[vsme_guru_backup],
                                 description="Back up vsme_guru, then test the restore of the latest backup.")
monitoring_job = dg.define_asset_job("monitoring_job", selection=[database_storage_usage],
                                     description="Storage per collection, capacity and database health.")
retention_job = dg.define_asset_job("retention_job", selection=[retention_applied],
                                    description="Apply the retention periods (docs/operations.md).")

backup_schedule = dg.ScheduleDefinition(
    name="backup_schedule", job=backup_job, cron_schedule="0 3 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily at 03:00 UTC: backup of vsme_guru into VSME_BACKUP_DIR and the restore test of the latest "
                "backup (on by default; alongside Atlas's continuous backup in production, see docs/operations.md).")
monitoring_schedule = dg.ScheduleDefinition(
    name="monitoring_schedule", job=monitoring_job, cron_schedule="10 * * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Hourly: storage growth, capacity threshold and database health (on by default).")
retention_schedule = dg.ScheduleDefinition(
    name="retention_schedule", job=retention_job, cron_schedule="30 4 * * *", execution_timezone="UTC",
    description="Daily at 04:30 UTC: retention. Off by default: turn it on once the periods are agreed.")

OPERATIONS_ASSETS = [vsme_guru_backup, database_storage_usage, retention_applied]
OPERATIONS_CHECKS = [latest_backup_restores, storage_within_capacity, databases_reachable]
OPERATIONS_JOBS = [backup_job, monitoring_job, retention_job]
OPERATIONS_SCHEDULES = [backup_schedule, monitoring_schedule, retention_schedule]
