"""Stage 4: immutable snapshots of completed, valid reports of one year.

A snapshot holds the report without the web app's bookkeeping (``metadata.updatedAt``,
``metadata.lastModifiedBy``, as in the report's content hash). It is written when a completed report with a passing validation and current metrics has a
content hash different from its company-year's latest snapshot (or when that latest snapshot no
longer matches its own hash: tampering is repaired by a fresh version, the tampered one is kept as
evidence). Versions count per company-year from 1. Snapshots are inserted, never updated.

Exactly once under faults: each snapshot embeds its ``snapshot_created`` audit event (``audit``,
same insert: no kill can separate them); the ``audit_events`` copy has a deterministic id and is
upserted after the snapshots, and a run first repairs the copies a kill left unwritten
(:func:`repair_snapshot_events`; only when the state says that a run which wrote snapshots did
not commit, or in full mode). Each snapshot is a ``$setOnInsert`` upsert keyed by
``(companyId, reportingYear, version)``, so a retried or repeated write adds no duplicate version.

Which results are looked at (:mod:`~vsme_pipeline.pipeline.change_detection`): incrementally, those
whose validation result or metrics were written since the last run and those of companies whose
directory entry changed, compared with the stored ``contentHash`` of their latest snapshot (a
projection, not a re-read); in full mode (first run, the reconciliation) every completed, valid
result, each latest snapshot read and verified (tampering is found there and by the
``snapshot_hashes_match`` check).
"""

from dataclasses import dataclass
from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from documents.pipeline import ReportSnapshot
from vsme_pipeline.pipeline.audit import AUDIT, audit_event, write_events
from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE, AdaptiveSize, batches, bulk_upsert
from vsme_pipeline.pipeline.change_detection import STATE, Detection, begin, chunks, commit, sortable
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.fingerprints import REPORT_BOOKKEEPING_PATHS, report_content_hash
from vsme_pipeline.pipeline.handles import WritableCollection, WritableDatabase
from vsme_pipeline.pipeline.hashing import content_hash, without_keys
from vsme_pipeline.pipeline.metrics_stage import METRICS, latest_metrics
from vsme_pipeline.pipeline.migration_state import RevisionsOnDemand, RevisionsSource
from vsme_pipeline.pipeline.outputs import collection_name, output_values
from vsme_pipeline.pipeline.record_guards import hostile_values
from vsme_pipeline.pipeline.shards import CompanyFilter, in_shard
from vsme_pipeline.pipeline.snapshots import (
    company_payload,
    metrics_payload,
    snapshot_content,
    validation_payload,
    verify_snapshot,
)
from vsme_pipeline.pipeline.stage import StageFailed, StageReport

SNAPSHOTS = collection_name(ReportSnapshot)
RESULTS = "validation_results"
STAGE = "report_snapshots"
DIRECTORY_MARK = "directorySyncedAt"
SNAPSHOT_INPUTS = "snapshot-content-1"
"""Version of what a snapshot holds (``snapshots.snapshot_content``): a new one makes the next run full."""
EVENT_SOURCE = "snapshot"
"""``details.source`` of an ``audit_events`` copy made from a snapshot's embedded event."""


EVENTS_PENDING = "eventsPending"
"""State flag (``StageState.events_pending``): snapshots of this stage and year may lack their ``audit_events`` copy (set before a
run's first snapshot write, cleared by its commit, after every copy was written)."""


def events_may_be_missing(detection: Detection) -> bool:
    """Whether a run must look for missing ``audit_events`` copies: in full mode, without a valid
    state, or when the last run that wrote snapshots did not commit (a kill between the two)."""
    return detection.full_pass or detection.stored(EVENTS_PENDING) is not False


async def mark_events_pending(target: WritableDatabase, detection: Detection) -> None:
    """Before the first snapshot write of a run: flag the stored state until the commit (one
    write). Without a valid state there is nothing to flag: the next run is full and repairs."""
    if detection.state is None or detection.saved.get(EVENTS_PENDING) is True:
        return
    await target[STATE].update_one({"_id": detection.key}, {"$set": {EVENTS_PENDING: True}})
    detection.saved[EVENTS_PENDING] = True


async def repair_snapshot_events(target: WritableDatabase, year: int, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Write the ``audit_events`` copies missing for ``year``'s snapshots (after a kill between a
    snapshot and its event); return how many were missing. Costs two counts when none is."""
    embedded = await target[SNAPSHOTS].count_documents({"reportingYear": year, "audit": {"$type": "object"}})
    copied = await target[AUDIT].count_documents(
        {"kind": "snapshot_created", "reportingYear": year, "details.source": EVENT_SOURCE})
    if embedded == copied:
        return 0
    repaired = 0
    cursor = target[SNAPSHOTS].find({"reportingYear": year, "audit": {"$type": "object"}}, projection={"audit": 1})
    async for batch in batches(cursor, batch_size):
        repaired += await write_events(target, [doc["audit"] for doc in batch])
    return repaired


async def latest_snapshots(target: WritableDatabase, company_ids: list[ObjectId], year: int, *,
                           full_documents: bool = True) -> dict[ObjectId, dict[str, Any]]:
    """The latest snapshot of each company for ``year``: the full document (to verify it), or
    only ``version`` and ``contentHash`` (``full_documents=False``: the incremental path trusts
    the stored hash; the reconciliation and the hash check verify it)."""
    newest: dict[ObjectId, dict[str, Any]] = {}
    cursor = target[SNAPSHOTS].find(
        {"companyId": {"$in": company_ids}, "reportingYear": year}, projection={"companyId": 1, "version": 1, "contentHash": 1}
    ).sort([("companyId", 1), ("version", -1)])
    async for doc in cursor:
        newest.setdefault(doc["companyId"], doc)
    if not newest or not full_documents:
        return newest
    ids = [doc["_id"] for doc in newest.values()]
    return {doc["companyId"]: doc async for doc in target[SNAPSHOTS].find({"_id": {"$in": ids}})}


async def snapshot_year(
    target: WritableDatabase,
    year: int,
    migration_revisions: RevisionsSource,
    *,
    run_id: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    full: bool = False,
    company_filter: CompanyFilter | None = None,
) -> StageReport:
    """Write the new snapshots of ``year``; ``migration_revisions``: the last applied revision of
    each database, ``{"scope321": …, "vsmeGuru": …, "reference": …}`` (``MigrationRevisions``), or
    an async callable reading them (called once, and only when a snapshot is written; the report's
    ``migration_revisions`` says what was used);
    ``full``: look at every completed, valid report and verify each latest snapshot (the
    reconciliation, which also supersedes tampered snapshots and reports what the incremental
    path missed); ``company_filter``: only the reports of the companies of one shard (its own
    watermark)."""
    report = StageReport("report_snapshots")
    revisions = RevisionsOnDemand(migration_revisions)
    try:
        await _snapshot_year(target, year, revisions, run_id, batch_size, report, full, company_filter)
    except Exception as exc:
        raise StageFailed(report, exc) from exc
    finally:
        report.extra["migration_revisions"] = revisions.read
    return report.finish()


async def changed_results(target: WritableDatabase, year: int, detection: Detection, report: StageReport) -> set[Any]:
    """Report ids whose snapshot content may have changed: validation results and metrics written
    since the last run, and the reports of companies whose directory entry was written since."""
    selected: set[Any] = set()
    for collection, field in ((RESULTS, "validatedAt"), (METRICS, "changedAt")):
        mark = detection.mark(field)
        query: dict[str, Any] = {"reportingYear": year, field: {"$gt": mark} if mark is not None else {"$type": "date"}}
        rows = [row async for row in target[collection].find(query, projection={"reportId": 1, field: 1})]
        detection.raise_mark(field, (row.get(field) for row in rows))
        selected.update(row["reportId"] for row in rows)
    mark = detection.mark(DIRECTORY_MARK)
    synced = [entry async for entry in target["company_directory"].find(
        {"syncedAt": {"$gt": mark}} if mark is not None else {}, projection={"companyId": 1, "syncedAt": 1})]
    detection.raise_mark(DIRECTORY_MARK, (entry.get("syncedAt") for entry in synced))
    for chunk in chunks(sortable({entry["companyId"] for entry in synced}), DEFAULT_BATCH_SIZE):
        async for row in target[RESULTS].find({"reportingYear": year, "companyId": {"$in": chunk}}, projection={"reportId": 1}):
            selected.add(row["reportId"])
    report.extra["candidates"] = len(selected)
    return selected


async def _newest(collection: WritableCollection, query: dict[str, Any], field: str) -> Any:
    doc = await collection.find_one({**query, field: {"$type": "date"}}, projection={field: 1}, sort=[(field, -1)])
    return (doc or {}).get(field)


async def _snapshot_year(target: WritableDatabase, year: int, migration_revisions: RevisionsOnDemand, run_id: str | None,
                         batch_size: int, report: StageReport, full: bool,
                         company_filter: CompanyFilter | None = None) -> None:
    now = utcnow()
    writes = AdaptiveSize(batch_size)
    detection = await begin(target, STAGE, year, SNAPSHOT_INPUTS, full=full, now=now,
                            shard=None if company_filter is None else company_filter.key)
    if events_may_be_missing(detection):
        repaired = await repair_snapshot_events(target, year, batch_size)
        if repaired:
            report.bump("audit_events_repaired", repaired)

    wanted = {"reportingYear": year, "passed": True, "orphanedAt": None, "reportStatus": "completed"}
    if detection.full_pass:
        if detection.state is not None:  # reconciliation: what would the incremental path have read?
            detection.selected = await changed_results(target, year, detection, report)
        else:
            detection.raise_mark("validatedAt", [await _newest(target[RESULTS], {"reportingYear": year}, "validatedAt")])
            detection.raise_mark("changedAt", [await _newest(target[METRICS], {"reportingYear": year}, "changedAt")])
            detection.raise_mark(DIRECTORY_MARK, [await _newest(target["company_directory"], {}, "syncedAt")])
        cursor = target[RESULTS].find(wanted).sort("reportId", 1).batch_size(batch_size)
        async for batch in batches(cursor, batch_size):
            await _snapshot_batch(target, in_shard(company_filter, batch), year, migration_revisions, run_id, now, writes, detection, report)
    else:
        selected = await changed_results(target, year, detection, report)
        for chunk in chunks(sortable(selected), batch_size):
            batch = [v async for v in target[RESULTS].find({**wanted, "reportId": {"$in": chunk}}).sort("reportId", 1)]
            await _snapshot_batch(target, in_shard(company_filter, batch), year, migration_revisions, run_id, now, writes, detection, report)
    detection.save(EVENTS_PENDING, False)  # every snapshot written by this run has its copy
    await commit(target, detection, report)


async def _snapshot_batch(target: WritableDatabase, batch: list[dict[str, Any]], year: int, migration_revisions: RevisionsOnDemand,
                          run_id: str | None, now: Any, writes: AdaptiveSize, detection: Detection,
                          report: StageReport) -> None:
    """One batch of validation results: reports, latest metrics, directory entries and latest
    snapshots (one query each), one bulk write and its audit events."""
    if not batch:
        return
    ids = [v["reportId"] for v in batch]
    company_ids = list({v["companyId"] for v in batch})
    reports = {doc["_id"]: doc async for doc in target["reports"].find({"_id": {"$in": ids}})}
    metrics = await latest_metrics(target, ids)
    directory = {e["companyId"]: e async for e in target["company_directory"].find({"companyId": {"$in": company_ids}})}
    latest = await latest_snapshots(target, company_ids, year, full_documents=detection.full_pass)
    planned: list[_Planned] = []
    for validation in batch:
        report.processed += 1
        try:
            plan = _planned_snapshot(validation, reports, metrics, directory, latest, year, report,
                                     verify=detection.full_pass)
        except Exception as exc:  # one record never stops the year
            _failed(report, validation, year, exc)
            continue
        if plan is not None:
            planned.append(plan)
    operations: list[UpdateOne] = []
    audit: list[dict[str, Any]] = []
    revisions = await migration_revisions.get() if planned else {}
    for plan in planned:
        try:
            operation, event = _snapshot_write(plan, year, revisions, run_id, now)
        except Exception as exc:
            _failed(report, plan.validation, year, exc)
            continue
        operations.append(operation)
        audit.append(event)
        detection.note_written(plan.validation["reportId"])
    if operations:
        await mark_events_pending(target, detection)
    report.written += await bulk_upsert(target[SNAPSHOTS], operations, writes)
    if audit:
        await write_events(target, audit)


@dataclass(frozen=True)
class _Planned:
    """A new snapshot of one report: its content, hash and version (written by :func:`_snapshot_write`)."""

    validation: dict[str, Any]
    company: dict[str, Any]
    content: dict[str, Any]
    digest: str
    version: int


def _failed(report: StageReport, validation: dict[str, Any], year: int, exc: Exception) -> None:
    report.fail(f"report {validation.get('reportId')} (company {validation.get('companyId')}, {year}): "
                f"snapshot raised {type(exc).__name__}: {str(exc)[:200]}")


def _planned_snapshot(validation: dict[str, Any], reports: dict[Any, dict[str, Any]], metrics: dict[Any, dict[str, Any]],
                      directory: dict[Any, dict[str, Any]], latest: dict[Any, dict[str, Any]], year: int,
                      report: StageReport, *, verify: bool = True) -> _Planned | None:
    """The new snapshot one report needs (None: skipped). ``verify``: the latest snapshot is a
    full document whose hash is checked (else only its stored ``contentHash`` is compared)."""
    report_id, company_id = validation["reportId"], validation["companyId"]
    doc, metric_doc, company = reports.get(report_id), metrics.get(report_id), directory.get(company_id)
    stale = (
        doc is None
        or company is None
        or metric_doc is None
        or report_content_hash(doc) != validation.get("reportHash")
        or company.get("contentHash") != validation.get("companyHash")
        or metric_doc.get("reportFingerprint") != validation.get("reportFingerprint")
    )
    if stale:
        # Changed since validation or metrics: the next run of the upstream assets brings it.
        report.bump("waiting_for_upstream")
        report.skipped += 1
        return None
    assert doc is not None and company is not None and metric_doc is not None
    if doc.get("status") != "completed":
        report.skipped += 1
        return None
    unusable = hostile_values(doc, limit=1)
    if unusable:
        report.fail(f"report {report_id} ({year}): field {unusable[0][0]}: {unusable[0][1]}; no snapshot")
        return None
    content = snapshot_content(
        company_id=company_id,
        reporting_year=year,
        # without the web app's bookkeeping: a save that changes no content makes no new version
        report=without_keys(doc, *REPORT_BOOKKEEPING_PATHS),
        company=company_payload(company),
        validation=validation_payload(validation),
        metrics=metrics_payload(metric_doc),
    )
    digest = content_hash(content)
    previous = latest.get(company_id)
    intact = previous is None or not verify or verify_snapshot(previous)
    if previous is not None and previous.get("contentHash") == digest and intact:
        report.skipped += 1
        return None
    if not intact:
        report.bump("superseded_tampered")
    return _Planned(validation, company, content, digest, (previous or {}).get("version", 0) + 1)


def _snapshot_write(plan: _Planned, year: int, migration_revisions: dict[str, str | None], run_id: str | None,
                    now: Any) -> tuple[UpdateOne, dict[str, Any]]:
    """The insert of one planned snapshot and its audit event."""
    validation, company, content, digest, version = plan.validation, plan.company, plan.content, plan.digest, plan.version
    report_id, company_id = validation["reportId"], validation["companyId"]
    organization = validation.get("organizationId") or company.get("organizationId")
    event = audit_event(
        "snapshot_created", (company_id, year, version),
        occurredAt=now, companyId=company_id, reportId=report_id, reportingYear=year, runId=run_id,
        organizationId=organization if isinstance(organization, str) else None,
        details={"version": version, "contentHash": digest, "source": EVENT_SOURCE},
    )
    values = output_values(ReportSnapshot, {
        **content,
        "version": version,
        "reportId": report_id,
        "contentHash": digest,
        "migrationRevisions": migration_revisions,
        "createdAt": now,
        "runId": run_id,
        "organizationId": organization if isinstance(organization, str) else None,
        "audit": event,
    })
    # the typed dump must not change what the hash covers (it is verified from the stored document)
    values.update({key: content[key] for key in content})
    operation = UpdateOne({"companyId": company_id, "reportingYear": year, "version": version},
                          {"$setOnInsert": values}, upsert=True)
    return operation, event
