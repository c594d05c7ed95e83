"""Retention of the pipeline's own records (pure policy + one enforcement function).

| collection | kept | removed |
|---|---|---|
| ``report_snapshots`` | the latest version of every company-year, for ever (it is the filing) | superseded versions older than ``snapshot_versions_days`` (default 10 years: the record-keeping period of the Accounting Directive for the sustainability statement) |
| ``report_metrics`` | the latest version of every report | superseded versions older than ``metric_versions_days`` (default 2 years) |
| ``audit_events`` | every event younger than ``audit_events_days`` | older events (default 10 years) |
| ``validation_results`` | one current result per report, no history (the validation stage removes the results of deleted reports) | — |
| ``company_directory``, ``sync_state`` | current state, no history | — |

Enforcement is a scheduled job (``retention_job``, daily) rather than TTL indexes, because the
rule "never the latest version" cannot be expressed as a TTL index; a dry run lists what would go.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bson import ObjectId
from pymongo.asynchronous.database import AsyncDatabase

from vsme_pipeline.pipeline.handles import WritableCollection

DELETE_BATCH = 500


@dataclass(frozen=True)
class RetentionPolicy:
    """Retention periods in days (settings ``VSME_RETENTION_*_DAYS``)."""

    snapshot_versions_days: int = 3653
    metric_versions_days: int = 730
    audit_events_days: int = 3653


@dataclass
class RetentionResult:
    removed: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.removed.values())


async def _superseded(collection: WritableCollection, group_fields: tuple[str, ...], time_field: str, cutoff: datetime) -> list[ObjectId]:
    """Ids of documents older than ``cutoff`` that are not the highest ``version`` of their group:
    the latest version per group from one server-side ``$group`` (memory bounded by the number of
    groups), then one cursor over the old documents."""
    latest: dict[tuple[Any, ...], Any] = {}
    grouping = {"$group": {"_id": {f: f"${f}" for f in group_fields}, "latest": {"$max": "$version"}}}
    async for group in await collection.aggregate([grouping]):
        latest[tuple(group["_id"].get(f) for f in group_fields)] = group["latest"]
    stale: list[ObjectId] = []
    projection = {f: 1 for f in (*group_fields, "version")}
    async for doc in collection.find({time_field: {"$lt": cutoff}}, projection=projection, batch_size=1000):
        key = tuple(doc.get(f) for f in group_fields)
        if doc.get("version") is not None and doc.get("version") != latest.get(key):
            stale.append(doc["_id"])
    return stale


async def _delete(collection: WritableCollection, ids: list[ObjectId]) -> int:
    removed = 0
    for start in range(0, len(ids), DELETE_BATCH):
        result = await collection.delete_many({"_id": {"$in": ids[start:start + DELETE_BATCH]}})
        removed += result.deleted_count
    return removed


async def apply_retention(database: AsyncDatabase[Any], policy: RetentionPolicy, *, now: datetime,
                          dry_run: bool = False) -> RetentionResult:
    """Remove what the policy no longer keeps (or, with ``dry_run``, count it)."""
    result = RetentionResult(dry_run=dry_run)
    snapshots = await _superseded(
        database["report_snapshots"], ("companyId", "reportingYear"), "createdAt",
        now - timedelta(days=policy.snapshot_versions_days))
    metrics = await _superseded(
        database["report_metrics"], ("reportId",), "computedAt",
        now - timedelta(days=policy.metric_versions_days))
    audit_query = {"occurredAt": {"$lt": now - timedelta(days=policy.audit_events_days)}}
    if dry_run:
        result.removed = {"report_snapshots": len(snapshots), "report_metrics": len(metrics),
                          "audit_events": await database["audit_events"].count_documents(audit_query)}
        return result
    result.removed["report_snapshots"] = await _delete(database["report_snapshots"], snapshots)
    result.removed["report_metrics"] = await _delete(database["report_metrics"], metrics)
    result.removed["audit_events"] = (await database["audit_events"].delete_many(audit_query)).deleted_count
    return result
