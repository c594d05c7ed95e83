"""Integrity queries shared by asset checks and sensors (read-only; ``target`` is vsme_guru).

Each function returns plain rows naming the records, so a check or a sensor can say exactly which
records are wrong and what to do.
"""

from typing import Any

from bson import ObjectId

from vsme_pipeline.pipeline.batching import batches
from vsme_pipeline.pipeline.handles import WritableDatabase
from vsme_pipeline.pipeline.metric_consistency import metric_inconsistencies
from vsme_pipeline.pipeline.snapshots import accepted_hashes, snapshot_hash


def _year_match(year: int | None) -> dict[str, Any]:
    return {"reportingYear": year} if year is not None else {}


async def duplicate_reports(target: WritableDatabase, year: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Company-years with more than one report: ``{companyId, reportingYear, reportIds}``."""
    pipeline: list[dict[str, Any]] = [
        {"$match": _year_match(year)},
        {"$group": {"_id": {"companyId": "$companyId", "reportingYear": "$reportingYear"},
                    "reportIds": {"$push": "$_id"}, "count": {"$sum": 1}}},
        {"$match": {"count": {"$gt": 1}}},
        {"$limit": limit},
    ]
    rows = [row async for row in await target["reports"].aggregate(pipeline)]
    return sorted(
        ({"companyId": r["_id"]["companyId"], "reportingYear": r["_id"]["reportingYear"], "reportIds": sorted(r["reportIds"])}
         for r in rows),
        key=lambda r: (str(r["companyId"]), r["reportingYear"]),
    )


async def reports_without_company(target: WritableDatabase, year: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Reports whose company is missing from the directory or deleted in Scope321:
    ``{reportId, companyId, reportingYear, reason}`` (``missing`` | ``deleted``)."""
    pipeline = [
        {"$match": _year_match(year)},
        {"$project": {"companyId": 1, "reportingYear": 1}},
        {"$lookup": {"from": "company_directory", "localField": "companyId", "foreignField": "companyId", "as": "entry"}},
        {"$project": {"companyId": 1, "reportingYear": 1, "entry.deleted": 1}},
    ]
    rows = []
    async for row in await target["reports"].aggregate(pipeline):
        entry = row.get("entry") or []
        if not entry or entry[0].get("deleted"):
            rows.append({"reportId": row["_id"], "companyId": row.get("companyId"), "reportingYear": row.get("reportingYear"),
                         "reason": "deleted" if entry else "missing"})
            if len(rows) >= limit:
                break
    return rows


async def completed_reports_not_passing(target: WritableDatabase, year: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Completed reports without a current passing validation: ``{reportId, companyId,
    reportingYear, reason, errorCount}``."""
    rows: list[dict[str, Any]] = []
    cursor = target["reports"].find({**_year_match(year), "status": "completed"}, projection={"companyId": 1, "reportingYear": 1})
    async for batch in batches(cursor):
        results = {
            r["reportId"]: r
            async for r in target["validation_results"].find(
                {"reportId": {"$in": [d["_id"] for d in batch]}},
                projection={"reportId": 1, "passed": 1, "errorCount": 1, "findings.code": 1, "findings.severity": 1},
            )
        }
        for doc in batch:
            result = results.get(doc["_id"])
            if result is None:
                reason, errors = "not validated yet", None
            elif not result.get("passed"):
                codes = sorted({f.get("code") for f in result.get("findings", []) if f.get("severity") == "error"})
                reason, errors = "errors: " + ", ".join(codes[:5]), result.get("errorCount")
            else:
                continue
            rows.append({"reportId": doc["_id"], "companyId": doc.get("companyId"),
                         "reportingYear": doc.get("reportingYear"), "reason": reason, "errorCount": errors})
            if len(rows) >= limit:
                return rows
    return rows


async def tampered_snapshots(
    target: WritableDatabase, year: int | None = None, *, after: ObjectId | None = None, limit: int | None = None
) -> tuple[list[dict[str, Any]], ObjectId | None, int]:
    """Snapshots whose stored hash does not match their content, scanning in ``_id`` order from
    ``after``; returns (rows ``{snapshotId, companyId, reportingYear, version, storedHash,
    actualHash}``, last ``_id`` scanned, how many were scanned)."""
    query: dict[str, Any] = _year_match(year)
    if after is not None:
        query["_id"] = {"$gt": after}
    cursor = target["report_snapshots"].find(query)
    if after is not None or limit is not None:
        # Paging (the sensor, all years) walks the _id index; a whole year (the check) needs no
        # order, and sorting whole snapshots on reportingYear alone would be a blocking sort.
        cursor = cursor.sort("_id", 1)
    if limit is not None:
        cursor = cursor.limit(limit)
    rows, last, scanned = [], None, 0
    async for doc in cursor:
        scanned += 1
        last = doc["_id"]
        actual = snapshot_hash(doc)
        if actual not in accepted_hashes(doc):
            rows.append({"snapshotId": doc["_id"], "companyId": doc.get("companyId"), "reportingYear": doc.get("reportingYear"),
                         "version": doc.get("version"), "storedHash": doc.get("contentHash"), "actualHash": actual})
    return rows, last, scanned


async def inconsistent_metrics(target: WritableDatabase, year: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Latest metrics versions whose totals disagree with their parts: ``{reportId, companyId,
    version, reportingYear, problems}``.

    The latest version of each report is found by a server-side ``$group`` (a few bytes per
    report), then read in batches through the ``report_version_unique`` index: no sort of whole
    metrics documents, memory bounded by the batch."""
    pipeline = [
        {"$match": _year_match(year)},
        {"$group": {"_id": "$reportId", "version": {"$max": "$version"}}},
    ]
    rows: list[dict[str, Any]] = []
    async for batch in batches(await target["report_metrics"].aggregate(pipeline)):
        cursor = target["report_metrics"].find(
            {"$or": [{"reportId": head["_id"], "version": head["version"]} for head in batch]},
            projection={"reportId": 1, "companyId": 1, "version": 1, "reportingYear": 1, "metrics": 1},
        )
        async for doc in cursor:
            problems = metric_inconsistencies(doc.get("metrics") or [])
            if problems:
                rows.append({"reportId": doc["reportId"], "companyId": doc.get("companyId"), "version": doc.get("version"),
                             "reportingYear": doc.get("reportingYear"), "problems": "; ".join(problems)})
                if len(rows) >= limit:
                    return rows
    return rows
