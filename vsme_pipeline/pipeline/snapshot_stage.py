"""Stage 4: immutable snapshots of completed, valid reports of one year.

A snapshot holds the report without the web app's bookkeeping (``metadata.updatedAt``,
``metadata.lastModifiedBy``, as in the report's content hash). It is written when a completed report with a passing validation and current metrics has a
content hash different from its company-year's latest snapshot (or when that latest snapshot no
longer matches its own hash: tampering is repaired by a fresh version, the tampered one is kept as
evidence). Versions count per company-year from 1. Snapshots are inserted, never updated.
"""

from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE, batches, bulk_upsert
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.fingerprints import REPORT_BOOKKEEPING_PATHS, report_content_hash
from vsme_pipeline.pipeline.hashing import content_hash, without_keys
from vsme_pipeline.pipeline.metrics_stage import latest_metrics
from vsme_pipeline.pipeline.snapshots import (
    company_payload,
    metrics_payload,
    snapshot_content,
    validation_payload,
    verify_snapshot,
)
from vsme_pipeline.pipeline.stage import StageReport

SNAPSHOTS = "report_snapshots"


async def latest_snapshots(target: Any, company_ids: list[ObjectId], year: int) -> dict[ObjectId, dict[str, Any]]:
    """The latest snapshot (full document) of each company for ``year``."""
    newest: dict[ObjectId, ObjectId] = {}
    cursor = target[SNAPSHOTS].find(
        {"companyId": {"$in": company_ids}, "reportingYear": year}, projection={"companyId": 1, "version": 1}
    ).sort([("companyId", 1), ("version", -1)])
    async for doc in cursor:
        newest.setdefault(doc["companyId"], doc["_id"])
    if not newest:
        return {}
    return {doc["companyId"]: doc async for doc in target[SNAPSHOTS].find({"_id": {"$in": list(newest.values())}})}


async def snapshot_year(
    target: Any,
    year: int,
    migration_revisions: dict[str, str | None],
    *,
    run_id: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> StageReport:
    """Write the new snapshots of ``year``; ``migration_revisions``: the last applied revision of
    each database, ``{"scope321": …, "vsmeGuru": …, "reference": …}`` (``MigrationRevisions``)."""
    report = StageReport("report_snapshots")
    now = utcnow()
    cursor = target["validation_results"].find(
        {"reportingYear": year, "passed": True, "orphanedAt": None, "reportStatus": "completed"}
    ).sort("reportId", 1)
    async for batch in batches(cursor, batch_size):
        ids = [v["reportId"] for v in batch]
        company_ids = list({v["companyId"] for v in batch})
        reports = {doc["_id"]: doc async for doc in target["reports"].find({"_id": {"$in": ids}})}
        metrics = await latest_metrics(target, ids)
        directory = {e["companyId"]: e async for e in target["company_directory"].find({"companyId": {"$in": company_ids}})}
        latest = await latest_snapshots(target, company_ids, year)
        operations: list[UpdateOne] = []
        audit: list[dict[str, Any]] = []
        for validation in batch:
            report.processed += 1
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
                continue
            if doc.get("status") != "completed":
                report.skipped += 1
                continue
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
            if previous is not None and previous.get("contentHash") == digest and verify_snapshot(previous):
                report.skipped += 1
                continue
            if previous is not None and not verify_snapshot(previous):
                report.bump("superseded_tampered")
            version = (previous or {}).get("version", 0) + 1
            operations.append(UpdateOne(
                {"companyId": company_id, "reportingYear": year, "version": version},
                {"$setOnInsert": {
                    **content,
                    "version": version,
                    "reportId": report_id,
                    "contentHash": digest,
                    "migrationRevisions": migration_revisions,
                    "createdAt": now,
                    "runId": run_id,
                }},
                upsert=True,
            ))
            audit.append({"kind": "snapshot_created", "occurredAt": now, "companyId": company_id, "reportId": report_id,
                          "reportingYear": year, "runId": run_id, "details": {"version": version, "contentHash": digest}})
        written = await bulk_upsert(target[SNAPSHOTS], operations)
        report.written += written
        if audit and written:
            await target["audit_events"].insert_many(audit, ordered=False)
    return report.finish()
