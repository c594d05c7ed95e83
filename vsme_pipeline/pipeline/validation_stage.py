"""Stage 2: validate the reports of one reporting year into ``validation_results``.

A report is re-validated when its fingerprint changed: its content, the previous year's report
(comparative rules), its company's profile hash or deletion state, or the rule-set version. A report
whose company is missing from the directory or deleted gets an error finding (and ``orphanedAt``
when deleted) without running the rules: it is not passed on.

Which reports are read (:mod:`~vsme_pipeline.pipeline.change_detection`): incrementally, the
reports of the year (and of the year before, for the comparative rules) whose ``metadata.updatedAt``
or ObjectId is inside the window, the reports without a usable ``metadata.updatedAt`` or key
(always, counted as ``without_updated_at``), and the reports of the companies whose directory entry
was written since the last run; in full mode (first run, rule-set change, reconciliation) every
report of the year. Either way each read report goes through the same fingerprint comparison, so
the results are the same; ``validatedAt`` changes only when a result is written (the metrics and
snapshot stages' change signal).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from bson import ObjectId
from pydantic import ValidationError
from pymongo import UpdateOne

from documents import CompanyProfile, Report
from documents.pipeline import ValidationRecord
from vsme_pipeline.pipeline import domain
from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE, AdaptiveSize, batches, bulk_upsert
from vsme_pipeline.pipeline.change_detection import Detection, begin, chunks, commit, sortable, usable_time
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.fingerprints import comparative_hash, report_content_hash, report_fingerprint
from vsme_pipeline.pipeline.handles import WritableCollection, WritableDatabase
from vsme_pipeline.pipeline.hashing import content_hash
from vsme_pipeline.pipeline.outputs import collection_name, output_values
from vsme_pipeline.pipeline.record_guards import coercions, hostile_values, object_id_problem, record_id, shown
from vsme_pipeline.pipeline.reporting_years import misfiled_message, misfiled_reading_as, reads_as_year, year_filter
from vsme_pipeline.pipeline.shards import CompanyFilter, in_shard
from vsme_pipeline.pipeline.stage import StageFailed, StageReport
from vsme_pipeline.pipeline.summaries import FindingsTally
from vsme_pipeline.sources.provenance import SourceShape
from vsme_pipeline.sources.sync_counts import note_shape
from vsme_pipeline.validation import EDITIONS

RESULTS = collection_name(ValidationRecord)
STAGE = "report_validation"
FINDINGS_TALLY = "findingsTally"
"""The year's findings tally, kept with the stage's state (``StageState.findings_tally``; reused by
a run that writes nothing)."""
DIRECTORY_MARK = "directorySyncedAt"
PRISMA_REPORT_MARKER = "migratedFromPrisma"
"""Revision 0003's record of a report's Prisma original (its provenance: source shape ``prisma_report``)."""


def inputs_hash() -> str:
    """The global inputs of every validation result: the rule-set version of each edition."""
    return content_hash({"ruleSets": {str(edition): domain.rule_set_version(edition) for edition in sorted(EDITIONS)}})


def _finding(disclosure: str, path: str, code: str, message: str) -> dict[str, Any]:
    return {"disclosure": disclosure, "path": path, "code": code, "severity": "error", "message": message,
            "paragraph": None, "rule": "PIPELINE"}


def _document_errors(report_id: ObjectId, exc: ValidationError) -> list[dict[str, Any]]:
    findings = []
    for error in exc.errors(include_url=False, include_input=False)[:20]:
        path = ".".join(str(p) for p in error["loc"])
        findings.append(_finding("REPORT", path, "REPORT_DOCUMENT_INVALID",
                                 f"report {report_id}: field {path}: {error['msg']}"))
    return findings


def _guard_findings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings for values no rule may read (NaN, ±Infinity, bad field names, depth, huge arrays)."""
    return [_finding("REPORT", path, "REPORT_VALUE_UNUSABLE", f"report {doc['_id']}: field {path}: {message}")
            for path, message in hostile_values(doc)]


def _coercion_findings(doc: dict[str, Any], report: Report) -> list[dict[str, Any]]:
    parsed = report.model_dump(by_alias=True)
    return [_finding("REPORT", path, "REPORT_VALUE_WRONG_TYPE", f"report {doc['_id']}: field {path}: {message}")
            for path, message in coercions(doc, parsed)]


def _object_ids(values: Iterable[Any]) -> list[ObjectId]:
    return list({v for v in values if isinstance(v, ObjectId)})


async def _directory(target: WritableDatabase, company_ids: Iterable[Any]) -> dict[ObjectId, dict[str, Any]]:
    return {
        entry["companyId"]: entry
        async for entry in target["company_directory"].find(
            {"companyId": {"$in": _object_ids(company_ids)}},
            projection={"companyId": 1, "profile": 1, "contentHash": 1, "deleted": 1, "name": 1, "organizationId": 1},
        )
    }


async def _previous_reports(target: WritableDatabase, company_ids: Iterable[Any], year: int) -> dict[ObjectId, dict[str, Any]]:
    previous: dict[ObjectId, dict[str, Any]] = {}
    async for doc in target["reports"].find({"companyId": {"$in": _object_ids(company_ids)}, "reportingYear": year - 1}):
        if isinstance(doc.get("companyId"), ObjectId):
            previous[doc["companyId"]] = doc
    return previous


def _evaluate(doc: dict[str, Any], company: dict[str, Any] | None, previous: dict[str, Any] | None) -> tuple[str, str, list[dict[str, Any]]]:
    """(edition, rule-set version, findings) of one report."""
    edition = doc.get("standardEdition")
    version = domain.rule_set_version(edition)
    report_id, company_id = doc["_id"], doc.get("companyId")
    if company is None:
        return str(edition), version, [_finding(
            "REPORT", "companyId", "COMPANY_NOT_IN_DIRECTORY",
            f"report {report_id}: company {company_id} is not in the synced directory; run the company sync "
            "(job company_sync_job) or fix the report's companyId.")]
    if company.get("deleted"):
        return str(edition), version, [_finding(
            "REPORT", "companyId", "COMPANY_DELETED",
            f"report {report_id}: company {company_id} was deleted in Scope321; the report is orphaned "
            "(kept, not passed on). Restore the company or archive the report.")]
    guards = _guard_findings(doc)
    if guards:
        return str(edition), version, guards
    try:
        report = Report.model_validate(doc)
    except ValidationError as exc:
        return str(edition), version, _document_errors(report_id, exc)
    wrong_types = _coercion_findings(doc, report)
    if wrong_types:
        return str(edition), version, wrong_types
    profile = CompanyProfile.model_validate(company.get("profile") or {})
    previous_report = None
    if previous is not None and not hostile_values(previous, limit=1):
        try:
            previous_report = Report.model_validate(previous)
        except ValidationError:
            previous_report = None  # its own validation reports the problem
    result = domain.validate(report, profile, previous_report)
    findings = [f.model_dump(mode="json") for f in result.findings]
    return result.edition, result.rule_set_version, findings


def _key_problems(doc: dict[str, Any]) -> list[str]:
    """Why a report cannot even be keyed or linked: its ``_id`` or ``companyId`` is no ObjectId."""
    problems = []
    for path in ("_id", "companyId"):
        problem = object_id_problem(doc.get(path), path)
        if problem is not None:
            problems.append(f"{problem[0]}: {problem[1]}")
    return problems


def _organization(doc: dict[str, Any], company: dict[str, Any] | None) -> str | None:
    value = doc.get("organizationId")
    if isinstance(value, str):
        return value
    value = (company or {}).get("organizationId")
    return value if isinstance(value, str) else None


def _integer(value: Any) -> int | None:
    """An integer stored as int or integral double (the web app writes doubles); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


async def misfiled_reports(target: WritableDatabase, year: int, company_filter: CompanyFilter | None = None) -> list[dict[str, Any]]:
    """Reports whose ``reportingYear`` reads as ``year`` but is no number (``"2024"``,
    ``Decimal128("2024")``, ``[2024]``): named, never merged into the year
    (:mod:`~vsme_pipeline.pipeline.reporting_years`)."""
    cursor = target["reports"].find(misfiled_reading_as(year), projection={"reportingYear": 1, "companyId": 1})
    return [doc async for doc in cursor if reads_as_year(doc.get("reportingYear")) == year
            and (company_filter is None or company_filter(doc.get("companyId")))]


async def validate_year(target: WritableDatabase, year: int, *, batch_size: int = DEFAULT_BATCH_SIZE, full: bool = False,
                        lookback: timedelta | None = None, company_filter: CompanyFilter | None = None) -> StageReport:
    """Validate the changed reports of ``year`` (``target``: the vsme_guru database); ``full``: read
    every report of the year (the reconciliation, which also reports what the incremental path
    missed); ``lookback``: the clock-skew window (setting ``VSME_CHANGE_LOOKBACK_S``);
    ``company_filter``: only the reports of the companies of one shard (its own watermark).

    Each report is handled on its own: a report that cannot be keyed (its ``_id`` or ``companyId``
    is no ObjectId) or whose result cannot be stored is a failure naming its id and field; a report
    with unusable values (NaN, ±Infinity, a string where a number belongs, field names with ``$`` or
    ``.``, …) gets a validation result with an error finding per field; the batch goes on.
    """
    report = StageReport("report_validation")
    try:
        await _validate_year(target, year, batch_size, report, full, lookback, company_filter)
    except Exception as exc:
        raise StageFailed(report, exc) from exc
    return report.finish()


_ALWAYS = [{"metadata.updatedAt": {"$not": {"$type": "date"}}}, {"_id": {"$not": {"$type": "objectId"}}},
           {"companyId": {"$not": {"$type": "objectId"}}}]
"""Reports the incremental path always considers: no usable ``metadata.updatedAt``, or no key."""


async def changed_reports(target: WritableDatabase, year: int, detection: Detection, report: StageReport) -> set[Any]:
    """Ids of the reports of ``year`` the incremental path reads (three round trips at most when
    nothing changed: the window query, the directory's changes, the reports of changed companies)."""
    since, since_id = detection.since, detection.since_id()
    assert since is not None and since_id is not None
    window = [{"metadata.updatedAt": {"$gte": since}}, {"_id": {"$gte": since_id}}]
    selected: set[Any] = set()
    companies: set[Any] = set()
    without_date = 0
    cursor = target["reports"].find(
        {"reportingYear": {"$in": [year, year - 1]}, "$or": [*window, *_ALWAYS]},
        projection={"_id": 1, "companyId": 1, "reportingYear": 1, "metadata.updatedAt": 1},
    )
    async for doc in cursor:
        metadata = doc.get("metadata")
        at = usable_time(metadata.get("updatedAt") if isinstance(metadata, dict) else None)
        keyed = isinstance(doc.get("_id"), ObjectId) and isinstance(doc.get("companyId"), ObjectId)
        kind = "r" if doc.get("reportingYear") == year else "p"
        if at is not None and keyed:
            if detection.seen_before(kind, doc["_id"], at):
                continue
            detection.remember(kind, doc["_id"], at)
        elif kind == "r":
            without_date += 1
        if kind == "r":
            selected.add(doc.get("_id"))
        elif isinstance(doc.get("companyId"), ObjectId):
            companies.add(doc["companyId"])  # last year's report changed: the comparative rules read it
    mark = detection.mark(DIRECTORY_MARK)
    directory_filter: dict[str, Any] = {"syncedAt": {"$gt": mark}} if mark is not None else {}
    synced = [entry async for entry in target["company_directory"].find(directory_filter, projection={"companyId": 1, "syncedAt": 1})]
    detection.raise_mark(DIRECTORY_MARK, (entry.get("syncedAt") for entry in synced))
    companies.update(entry["companyId"] for entry in synced if isinstance(entry.get("companyId"), ObjectId))
    for chunk in chunks(sortable(companies), DEFAULT_BATCH_SIZE):
        async for doc in target["reports"].find({"reportingYear": year, "companyId": {"$in": chunk}}, projection={"_id": 1}):
            selected.add(doc["_id"])
    report.extra["without_updated_at"] = without_date
    report.extra["candidates"] = len(selected)
    return selected


async def _newest(collection: WritableCollection, field: str) -> datetime | None:
    doc = await collection.find_one({field: {"$type": "date"}}, projection={field: 1}, sort=[(field, -1)])
    return usable_time((doc or {}).get(field))


async def _validate_year(target: WritableDatabase, year: int, batch_size: int, report: StageReport, full: bool,
                         lookback: timedelta | None, company_filter: CompanyFilter | None = None) -> None:
    now = utcnow()
    writes = AdaptiveSize(batch_size)
    detection = await begin(target, STAGE, year, inputs_hash(), full=full, now=now, lookback=lookback,
                            shard=None if company_filter is None else company_filter.key)

    for stray in await misfiled_reports(target, year, company_filter):
        report.processed += 1
        report.fail(misfiled_message(stray))
    if detection.full_pass:
        if detection.state is not None:  # reconciliation: what would the incremental path have read?
            detection.selected = await changed_reports(target, year, detection, report)
        else:
            detection.raise_mark(DIRECTORY_MARK, [await _newest(target["company_directory"], "syncedAt")])
        cursor = target["reports"].find(year_filter(year)).sort("_id", 1).batch_size(batch_size)
        async for batch in batches(cursor, batch_size):
            await _validate_batch(target, in_shard(company_filter, batch), year, now, writes, detection, report)
    else:
        selected = await changed_reports(target, year, detection, report)
        for chunk in chunks(sortable(selected), batch_size):
            batch = [doc async for doc in target["reports"].find({"$and": [{"_id": {"$in": chunk}}, year_filter(year)]}).sort("_id", 1)]
            await _validate_batch(target, in_shard(company_filter, batch), year, now, writes, detection, report)
    forgotten = await forget_deleted_reports(target, year, company_filter)
    if forgotten:
        report.bump("results_of_deleted_reports_removed", forgotten)
        report.written += forgotten
    report.findings = await _year_tally(target, year, detection, report, company_filter)
    await commit(target, detection, report)


async def _year_tally(target: WritableDatabase, year: int, detection: Detection, report: StageReport,
                      company_filter: CompanyFilter | None) -> FindingsTally:
    """The year's findings tally: the one stored with the state when this incremental run wrote
    no result (only this stage writes ``findings``), else aggregated (:func:`year_findings`) and
    stored with the new state."""
    stored = detection.stored(FINDINGS_TALLY)
    if not detection.full_pass and report.written == 0 and isinstance(stored, list):
        tally = FindingsTally.from_rows(stored)
    else:
        tally = await year_findings(target, year, company_filter)
    detection.save(FINDINGS_TALLY, tally.rows())
    return tally


async def _validate_batch(target: WritableDatabase, batch: list[dict[str, Any]], year: int, now: datetime, writes: AdaptiveSize,
                          detection: Detection, report: StageReport) -> None:
    """Validate one batch of reports: three reads (directory, last year's reports, stored
    fingerprints) and one bulk write."""
    if not batch:
        return
    company_ids = [doc.get("companyId") for doc in batch]
    directory = await _directory(target, company_ids)
    previous = await _previous_reports(target, company_ids, year)
    stored = {
        res["reportId"]: res
        async for res in target[RESULTS].find(
            {"reportId": {"$in": _object_ids(d.get("_id") for d in batch)}},
            projection={"reportId": 1, "reportFingerprint": 1, "orphanedAt": 1},
        )
    }
    for kind, docs in (("r", batch), ("p", list(previous.values()))):
        for doc in docs:  # read now: the next run need not read them again for the same updatedAt
            metadata = doc.get("metadata")
            detection.remember(kind, doc.get("_id"), metadata.get("updatedAt") if isinstance(metadata, dict) else None)
    operations: list[UpdateOne] = []
    for doc in batch:
        report.processed += 1
        if isinstance(doc.get(PRISMA_REPORT_MARKER), dict):  # converted from the Prisma shape by 0003
            note_shape(report, SourceShape.PRISMA_REPORT)
        try:
            operation = _validate_one(doc, year, directory, previous, stored, now, report)
        except Exception as exc:  # one record never stops the year: name it, go on
            report.fail(f"report {record_id(doc.get('_id'))} (company {record_id(doc.get('companyId'))}, {year}): "
                        f"validation raised {type(exc).__name__}: {str(exc)[:200]}")
            continue
        if operation is not None:
            operations.append(operation)
            detection.note_written(doc["_id"])
    await bulk_upsert(target[RESULTS], operations, writes)
    report.written += len(operations)


def _validate_one(doc: dict[str, Any], year: int, directory: dict[ObjectId, dict[str, Any]],
                  previous: dict[ObjectId, dict[str, Any]], stored: dict[ObjectId, dict[str, Any]],
                  now: Any, report: StageReport) -> UpdateOne | None:
    """The upsert of one report's validation result (None: unchanged, or a failure recorded)."""
    key_problems = _key_problems(doc)
    if key_problems:
        report.fail(f"report {record_id(doc.get('_id'))} ({year}): " + "; ".join(key_problems)
                    + "; no validation result can be stored")
        return None
    company = directory.get(doc["companyId"])
    previous_doc = previous.get(doc["companyId"])
    report_hash = report_content_hash(doc)
    fingerprint = report_fingerprint(
        report_hash=report_hash,
        company_hash=company.get("contentHash") if company else None,
        company_deleted=bool(company and company.get("deleted")),
        previous_report_hash=comparative_hash(previous_doc),
        rule_set_version=domain.rule_set_version(doc.get("standardEdition")),
    )
    if stored.get(doc["_id"], {}).get("reportFingerprint") == fingerprint:
        report.skipped += 1
        return None
    edition, version, findings = _evaluate(doc, company, previous_doc)
    status = doc.get("status")
    if status is not None and not isinstance(status, str):
        findings.append(_finding("REPORT", "status", "REPORT_VALUE_WRONG_TYPE",
                                 f"report {doc['_id']}: field status: stored {shown(status)} where a text belongs"))
    report_version = _integer(doc.get("version"))
    if doc.get("version") is not None and report_version is None and not any(f["path"] == "version" for f in findings):
        findings.append(_finding("REPORT", "version", "REPORT_VALUE_WRONG_TYPE",
                                 f"report {doc['_id']}: field version: stored {shown(doc.get('version'))} "
                                 "where an integer belongs; not converted"))
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = sum(1 for f in findings if f["severity"] == "warning")
    orphaned = bool(company and company.get("deleted"))
    values = output_values(ValidationRecord, {
        "reportId": doc["_id"],
        "companyId": doc["companyId"],
        "organizationId": _organization(doc, company),
        "reportingYear": year,
        "reportStatus": status if isinstance(status, str) else None,
        "reportVersion": report_version,
        "reportHash": report_hash,
        "companyHash": company.get("contentHash") if company else None,
        "reportFingerprint": fingerprint,
        "edition": str(edition),
        "ruleSetVersion": version,
        "findings": findings,
        "errorCount": errors,
        "warningCount": warnings,
        "passed": errors == 0,
        "validatedAt": now,
        # the first orphaning time is kept; cleared when the company is back
        "orphanedAt": (stored.get(doc["_id"], {}).get("orphanedAt") or now) if orphaned else None,
    })
    report.bump("errors", errors)
    report.bump("warnings", warnings)
    if errors:
        report.bump("not_passed")
    return UpdateOne({"reportId": doc["_id"]}, {"$set": values}, upsert=True)


async def forget_deleted_reports(target: WritableDatabase, year: int, company_filter: CompanyFilter | None = None) -> int:
    """Remove the validation results of reports deleted from vsme_guru (their metrics and
    snapshots stay as history); return how many (of one shard's companies with ``company_filter``)."""
    pipeline: list[dict[str, Any]] = [
        {"$match": {"reportingYear": year}},
        {"$project": {"reportId": 1, "companyId": 1}},
        {"$lookup": {"from": "reports", "localField": "reportId", "foreignField": "_id", "as": "report"}},
        {"$project": {"reportId": 1, "companyId": 1, "report._id": 1}},
    ]
    gone = [row["_id"] async for row in await target[RESULTS].aggregate(pipeline)
            if not row.get("report") and (company_filter is None or company_filter(row.get("companyId")))]
    deleted = 0
    for chunk in chunks(gone, DEFAULT_BATCH_SIZE):  # a year's gone ids in bounded $in lists
        result = await target[RESULTS].delete_many({"_id": {"$in": chunk}})
        deleted += int(result.deleted_count)
    return deleted


async def year_findings(target: WritableDatabase, year: int, company_filter: CompanyFilter | None = None, *,
                        chunk_size: int = DEFAULT_BATCH_SIZE) -> FindingsTally:
    """Tally of the current findings of every report of ``year`` (one aggregation grouped on the
    server: memory is bounded by the number of distinct codes); with ``company_filter``, of the
    companies of one shard (their ids read from a ``companyId`` projection first), in one
    aggregation per ``chunk_size`` companies (an ``$in`` of a whole shard would be unbounded)."""
    tally = FindingsTally()
    if company_filter is None:
        await _tally_findings(target, {"reportingYear": year}, tally)
        return tally
    companies = [c for c in await target[RESULTS].distinct("companyId", {"reportingYear": year}) if company_filter(c)]
    for chunk in chunks(sortable(companies), chunk_size):  # none: no report in this shard (and no empty $in)
        await _tally_findings(target, {"reportingYear": year, "companyId": {"$in": chunk}}, tally)
    return tally


async def _tally_findings(target: WritableDatabase, match: dict[str, Any], tally: FindingsTally) -> None:
    """Add the findings of the results that ``match`` to ``tally`` (counts summed, first example kept)."""
    pipeline: list[dict[str, Any]] = [
        {"$match": match},
        {"$unwind": "$findings"},
        {
            "$group": {
                "_id": {"severity": "$findings.severity", "code": "$findings.code", "disclosure": "$findings.disclosure"},
                "count": {"$sum": 1},
                "reportId": {"$first": "$reportId"},
                "path": {"$first": "$findings.path"},
                "message": {"$first": "$findings.message"},
            }
        },
    ]
    async for row in await target[RESULTS].aggregate(pipeline):
        key = (str(row["_id"].get("severity")), str(row["_id"].get("code")), str(row["_id"].get("disclosure")))
        tally.counts[key] += row["count"]
        tally.examples.setdefault(key, {"report": f"report {row['reportId']}", "path": row.get("path"),
                                        "message": row.get("message")})
