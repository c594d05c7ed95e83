"""Read-only queries of the monitoring sensors and of ``vsme run``'s summary (framework-free).

Each function takes database handles and returns plain values; the sensors in :mod:`assets.sensors`
turn them into run requests and skip reasons. Integrity checks shared with the asset checks live
in :mod:`vsme_pipeline.pipeline.integrity`.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vsme_pipeline.pipeline.batching import batches
from vsme_pipeline.pipeline.company_sync import SYNC_STATE_ID
from vsme_pipeline.pipeline.handles import MongoDocument, ReadableDatabase, WritableDatabase
from vsme_pipeline.pipeline.reporting_years import MISFILED_FILTER, NUMERIC_TYPES, reporting_year_key
from vsme_pipeline.pipeline.sync_cursor import ORDER, ORDER_NEWEST, Position

CHANGED_COMPANIES_LIMIT = 500


async def reporting_years_with_reports(target: WritableDatabase) -> list[str]:
    """The reporting years that hold reports, as partition keys, ascending: numeric years only
    (``"2024"`` as text is no year: :func:`misfiled_reports` names such reports)."""
    # not ``distinct``: it unwinds arrays (``[2031]`` would add 2031) and returns decimals
    pipeline: list[dict[str, Any]] = [{"$match": {"$and": [{"reportingYear": {"$type": NUMERIC_TYPES}},
                                     {"reportingYear": {"$not": {"$type": "array"}}}]}},
                {"$group": {"_id": "$reportingYear"}}]
    values = [row["_id"] async for row in await target["reports"].aggregate(pipeline)]
    return sorted({key for key in map(reporting_year_key, values) if key is not None})


async def misfiled_reports(target: WritableDatabase, limit: int = 100) -> tuple[list[MongoDocument], int]:
    """Reports whose ``reportingYear`` is no numeric year (the first ``limit``, with ``_id``,
    ``companyId`` and ``reportingYear``) and how many there are."""
    cursor = target["reports"].find(MISFILED_FILTER, projection={"reportingYear": 1, "companyId": 1})
    rows = [doc async for doc in cursor.sort("_id", 1).limit(limit)]
    return rows, (await target["reports"].count_documents(MISFILED_FILTER) if len(rows) >= limit else len(rows))


async def sync_state(target: WritableDatabase) -> MongoDocument | None:
    """The company sync's state document (``None`` before the first sync)."""
    return await target["sync_state"].find_one({"_id": SYNC_STATE_ID})


async def scope321_version(source: ReadableDatabase) -> str:
    """A content version of Scope321's companies: their count and the newest ``updatedAt``."""
    newest = await source["companies"].find_one({}, projection={"updatedAt": 1}, sort=ORDER_NEWEST)
    count = await source["companies"].estimated_document_count()
    return f"{count}:{newest.get('updatedAt') if newest else None}"


async def companies_changed_since(source: ReadableDatabase, state: Mapping[str, Any],
                                  limit: int = CHANGED_COMPANIES_LIMIT) -> list[MongoDocument]:
    """Companies after the sync cursor (``_id``, ``updatedAt``), in cursor order, at most ``limit``."""
    cursor = source["companies"].find(Position.from_state(dict(state), "companies").after_filter(),
                                      projection={"updatedAt": 1}).sort(ORDER).limit(limit)
    return [doc async for doc in cursor]


@dataclass
class OrphanScan:
    """Companies and reports as the orphaned-reports sensor sees them."""

    in_source: int = 0
    in_directory: int = 0
    marked: int = 0
    """Reports of deleted companies already validated as orphaned (``COMPANY_DELETED``)."""
    unmarked: dict[int, list[MongoDocument]] = field(default_factory=dict)
    """Reporting year -> reports of deleted companies not marked yet (``reportId``, ``companyId``)."""

    @property
    def directory_ahead(self) -> int:
        """Companies in the directory that Scope321 no longer has (a full sync marks them deleted)."""
        return max(self.in_directory - self.in_source, 0)


async def scan_orphans(source: ReadableDatabase, target: WritableDatabase) -> OrphanScan:
    """Deleted companies in batches (index ``deleted_company``), their reports
    (``company_year_unique``) and validation results (``company_id``): memory bounded by a batch
    and the unmarked reports."""
    scan = OrphanScan(in_source=await source["companies"].count_documents({}),
                      in_directory=await target["company_directory"].count_documents({"deleted": False}))
    unmarked: dict[int, list[MongoDocument]] = defaultdict(list)
    deleted = target["company_directory"].find({"deleted": True}, projection={"companyId": 1})
    async for entries in batches(deleted):
        company_ids = [e["companyId"] for e in entries]
        orphaned_codes = {
            v["reportId"]: {f.get("code") for f in v.get("findings") or []}
            async for v in target["validation_results"].find(
                {"companyId": {"$in": company_ids}}, projection={"reportId": 1, "findings.code": 1})
        }
        async for r in target["reports"].find({"companyId": {"$in": company_ids}},
                                              projection={"companyId": 1, "reportingYear": 1}):
            if "COMPANY_DELETED" in orphaned_codes.get(r["_id"], ()):
                scan.marked += 1
            else:
                unmarked[r["reportingYear"]].append({"reportId": r["_id"], "companyId": r["companyId"]})
    scan.unmarked = dict(unmarked)
    return scan


async def reports_state(target: WritableDatabase) -> list[Any]:
    """A cheap version of the reports collection: count, newest ``metadata.updatedAt`` and its id."""
    count = await target["reports"].count_documents({})
    newest = await target["reports"].find_one({}, projection={"metadata.updatedAt": 1}, sort=[("metadata.updatedAt", -1)])
    newest = newest or {}
    return [count, (newest.get("metadata") or {}).get("updatedAt"), newest.get("_id")]


def _behind_filter(current_version: int) -> dict[str, Any]:
    return {"$or": [{"schemaVersion": {"$lt": current_version}}, {"schemaVersion": None}]}


async def reports_behind_schema(target: WritableDatabase, current_version: int,
                                limit: int = 10) -> tuple[list[MongoDocument], int]:
    """Reports whose ``schemaVersion`` is behind ``current_version`` (the first ``limit``, with
    ``_id`` and ``schemaVersion``) and how many there are."""
    query = _behind_filter(current_version)
    rows = [r async for r in target["reports"].find(query, projection={"schemaVersion": 1}).limit(limit)]
    return rows, (await target["reports"].count_documents(query) if rows else 0)


async def is_latest_snapshot(target: WritableDatabase, row: Mapping[str, Any]) -> bool:
    """No newer version of the snapshot's company-year exists."""
    newer = await target["report_snapshots"].count_documents(
        {"companyId": row["companyId"], "reportingYear": row["reportingYear"], "version": {"$gt": row["version"]}})
    return newer == 0


async def output_state(target: WritableDatabase, collections: Iterable[str],
                       time_fields: Mapping[str, str]) -> dict[str, Any]:
    """Count and newest write time of each collection: equal before and after a run exactly when
    the run wrote nothing (every write inserts, or moves a write time forward)."""
    state: dict[str, Any] = {}
    for name in collections:
        state[f"{name}.count"] = await target[name].count_documents({})
        time_field = time_fields.get(name)
        if time_field:
            newest = await target[name].find_one({}, projection={time_field: 1}, sort=[(time_field, -1)])
            state[f"{name}.{time_field}"] = (newest or {}).get(time_field)
    return state


async def pipeline_totals(target: WritableDatabase) -> dict[str, int]:
    """Counts for ``vsme run``'s summary."""
    findings = [row async for row in await target["validation_results"].aggregate(
        [{"$group": {"_id": None, "errors": {"$sum": "$errorCount"}, "warnings": {"$sum": "$warningCount"}}}])]
    return {
        "companies": await target["company_directory"].count_documents({"deleted": False}),
        "companies_deleted": await target["company_directory"].count_documents({"deleted": True}),
        "reports": await target["reports"].count_documents({}),
        "reports_validated": await target["validation_results"].count_documents({}),
        "reports_passed": await target["validation_results"].count_documents({"passed": True}),
        "errors": int(findings[0]["errors"]) if findings else 0,
        "warnings": int(findings[0]["warnings"]) if findings else 0,
        "metric_versions": await target["report_metrics"].count_documents({}),
        "snapshots": await target["report_snapshots"].count_documents({}),
    }


async def output_row_count(target: WritableDatabase, collection: str, year: int | None = None,
                           query: Mapping[str, Any] | None = None,
                           company_filter: Callable[[Any], bool] | None = None) -> int:
    """Documents of ``collection`` (in reporting ``year`` when given, matching ``query``, of the
    companies ``company_filter`` accepts: one shard, counted from a ``companyId`` projection)."""
    match: dict[str, Any] = dict(query or {})
    if year is not None:
        match["reportingYear"] = year
    if company_filter is None:
        return await target[collection].count_documents(match)
    cursor = target[collection].find(match, projection={"_id": 0, "companyId": 1})
    return sum([1 async for doc in cursor if company_filter(doc.get("companyId"))])
