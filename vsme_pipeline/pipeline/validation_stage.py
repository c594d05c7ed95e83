"""Stage 2: validate the reports of one reporting year into ``validation_results``.

A report is re-validated when its fingerprint changed: its content, the previous year's report
(comparative rules), its company's profile hash or deletion state, or the rule-set version. A report
whose company is missing from the directory or deleted gets an error finding (and ``orphanedAt``
when deleted) without running the rules: it is not passed on.
"""

from collections.abc import Iterable
from typing import Any

from bson import ObjectId
from pydantic import ValidationError
from pymongo import UpdateOne

from documents import CompanyProfile, Report
from vsme_pipeline.pipeline import domain
from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE, batches, bulk_upsert
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.fingerprints import comparative_hash, report_content_hash, report_fingerprint
from vsme_pipeline.pipeline.stage import StageReport
from vsme_pipeline.pipeline.summaries import FindingsTally

RESULTS = "validation_results"


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


async def _directory(target: Any, company_ids: Iterable[ObjectId]) -> dict[ObjectId, dict[str, Any]]:
    return {
        entry["companyId"]: entry
        async for entry in target["company_directory"].find(
            {"companyId": {"$in": list(set(company_ids))}},
            projection={"companyId": 1, "profile": 1, "contentHash": 1, "deleted": 1, "name": 1},
        )
    }


async def _previous_reports(target: Any, company_ids: Iterable[ObjectId], year: int) -> dict[ObjectId, dict[str, Any]]:
    return {
        doc["companyId"]: doc
        async for doc in target["reports"].find({"companyId": {"$in": list(set(company_ids))}, "reportingYear": year - 1})
    }


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
    try:
        report = Report.model_validate(doc)
    except ValidationError as exc:
        return str(edition), version, _document_errors(report_id, exc)
    profile = CompanyProfile.model_validate(company.get("profile") or {})
    previous_report = None
    if previous is not None:
        try:
            previous_report = Report.model_validate(previous)
        except ValidationError:
            previous_report = None  # its own validation reports the problem
    result = domain.validate(report, profile, previous_report)
    findings = [f.model_dump(mode="json") for f in result.findings]
    return result.edition, result.rule_set_version, findings


async def validate_year(target: Any, year: int, *, batch_size: int = DEFAULT_BATCH_SIZE) -> StageReport:
    """Validate the changed reports of ``year`` (``target``: the vsme_guru database)."""
    report = StageReport("report_validation")
    now = utcnow()
    cursor = target["reports"].find({"reportingYear": year}).sort("_id", 1)
    async for batch in batches(cursor, batch_size):
        company_ids = [doc.get("companyId") for doc in batch]
        directory = await _directory(target, company_ids)
        previous = await _previous_reports(target, company_ids, year)
        stored = {
            res["reportId"]: res
            async for res in target[RESULTS].find(
                {"reportId": {"$in": [d["_id"] for d in batch]}}, projection={"reportId": 1, "reportFingerprint": 1, "orphanedAt": 1}
            )
        }
        operations: list[UpdateOne] = []
        for doc in batch:
            report.processed += 1
            company = directory.get(doc.get("companyId"))
            previous_doc = previous.get(doc.get("companyId"))
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
                continue
            try:
                edition, version, findings = _evaluate(doc, company, previous_doc)
            except Exception as exc:  # a domain bug must not stop the year: record it, go on
                report.fail(f"report {doc['_id']} (company {doc.get('companyId')}, {year}): "
                            f"validation raised {type(exc).__name__}: {exc}")
                continue
            errors = sum(1 for f in findings if f["severity"] == "error")
            warnings = sum(1 for f in findings if f["severity"] == "warning")
            report.bump("errors", errors)
            report.bump("warnings", warnings)
            if errors:
                report.bump("not_passed")
            orphaned = bool(company and company.get("deleted"))
            operations.append(
                UpdateOne(
                    {"reportId": doc["_id"]},
                    {
                        "$set": {
                            "companyId": doc.get("companyId"),
                            "reportingYear": year,
                            "reportStatus": doc.get("status"),
                            "reportVersion": doc.get("version"),
                            "reportHash": report_hash,
                            "companyHash": company.get("contentHash") if company else None,
                            "reportFingerprint": fingerprint,
                            "edition": edition,
                            "ruleSetVersion": version,
                            "findings": findings,
                            "errorCount": errors,
                            "warningCount": warnings,
                            "passed": errors == 0,
                            "validatedAt": now,
                            # the first orphaning time is kept; cleared when the company is back
                            "orphanedAt": (stored.get(doc["_id"], {}).get("orphanedAt") or now) if orphaned else None,
                        },
                    },
                    upsert=True,
                )
            )
        await bulk_upsert(target[RESULTS], operations)
        report.written += len(operations)
    forgotten = await forget_deleted_reports(target, year)
    if forgotten:
        report.bump("results_of_deleted_reports_removed", forgotten)
        report.written += forgotten
    tally = await year_findings(target, year)
    report.findings = tally
    return report.finish()


async def forget_deleted_reports(target: Any, year: int) -> int:
    """Remove the validation results of reports deleted from vsme_guru (their metrics and
    snapshots stay as history); return how many."""
    pipeline = [
        {"$match": {"reportingYear": year}},
        {"$project": {"reportId": 1}},
        {"$lookup": {"from": "reports", "localField": "reportId", "foreignField": "_id", "as": "report"}},
        {"$project": {"reportId": 1, "report._id": 1}},
    ]
    gone = [row["_id"] async for row in await target[RESULTS].aggregate(pipeline) if not row.get("report")]
    if not gone:
        return 0
    result = await target[RESULTS].delete_many({"_id": {"$in": gone}})
    return result.deleted_count


async def year_findings(target: Any, year: int) -> FindingsTally:
    """Tally of the current findings of every report of ``year`` (one aggregation, grouped on the
    server: memory is bounded by the number of distinct codes)."""
    tally = FindingsTally()
    pipeline = [
        {"$match": {"reportingYear": year}},
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
    return tally
