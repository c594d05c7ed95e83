"""Stage 3: calculated metrics of the valid reports of one year, versioned in ``report_metrics``.

Only reports whose current validation passed (and that are not orphaned) are computed. A report's
metrics get a new version when their inputs fingerprint (report fingerprint, formulas version,
emission-factor data set hash) changed *and* the values changed; when only the fingerprint changed
(say, a typo fix elsewhere in the report) the latest version is re-stamped instead, so versions
track values, not noise.
"""

from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from documents import CompanyProfile, Report
from documents.pipeline import ReportMetrics
from vsme_pipeline.pipeline import domain
from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE, AdaptiveSize, batches, bulk_upsert
from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.fingerprints import metrics_inputs_fingerprint
from vsme_pipeline.pipeline.hashing import content_hash
from vsme_pipeline.pipeline.outputs import collection_name, output_values
from vsme_pipeline.pipeline.record_guards import hostile_values
from vsme_pipeline.pipeline.shards import CompanyFilter
from vsme_pipeline.pipeline.stage import StageFailed, StageReport
from vsme_pipeline.sources.scope321 import scope321_for_report

METRICS = collection_name(ReportMetrics)


def metric_document(metric: Any) -> dict[str, Any]:
    """A ``Metric`` as stored: camelCase keys, floats, BSON-safe inputs (read from the attributes,
    so the model's own dump settings do not matter)."""
    return to_bson(
        {
            "key": metric.key,
            "disclosure": metric.disclosure,
            "value": metric.value,
            "result": getattr(metric, "result", None),
            "unit": metric.unit,
            "computable": metric.computable,
            "reason": metric.reason,
            "inputs": dict(metric.inputs or {}),
            "formula": metric.formula,
            "formulaVersion": metric.formula_version,
            "estimated": bool(metric.estimated),
            "source": list(metric.source or []),
            "notes": list(getattr(metric, "notes", None) or []),
        }
    )


async def load_factors(reference: Any) -> tuple[domain.EmissionFactorSet, str]:
    """The environment's emission factors (read-only reference database) and their content hash."""
    documents = [doc async for doc in reference["emission_factors"].find({}, projection={"_id": 0}).sort("key", 1)]
    return domain.EmissionFactorSet(documents), content_hash(documents)


async def latest_metrics(target: Any, report_ids: list[ObjectId], projection: dict[str, int] | None = None) -> dict[ObjectId, dict[str, Any]]:
    """The latest metrics version of each report (index ``report_version_unique``)."""
    latest: dict[ObjectId, dict[str, Any]] = {}
    cursor = target[METRICS].find({"reportId": {"$in": report_ids}}, projection=projection).sort([("reportId", 1), ("version", -1)])
    async for doc in cursor:
        latest.setdefault(doc["reportId"], doc)
    return latest


async def compute_year(target: Any, reference: Any, year: int, *, batch_size: int = DEFAULT_BATCH_SIZE,
                       company_filter: CompanyFilter | None = None) -> StageReport:
    """Compute the metrics of the changed valid reports of ``year`` (``company_filter``: only the
    reports of the companies it accepts, one shard of the year)."""
    report = StageReport("report_metrics")
    try:
        await _compute_year(target, reference, year, batch_size, report, company_filter)
    except Exception as exc:
        raise StageFailed(report, exc) from exc
    return report.finish()


async def _compute_year(target: Any, reference: Any, year: int, batch_size: int, report: StageReport,
                        company_filter: CompanyFilter | None = None) -> None:
    writes = AdaptiveSize(batch_size)
    factors, factors_hash = await load_factors(reference)
    report.extra["factor_dataset_version"] = factors.dataset_version
    report.extra["formulas_version"] = domain.FORMULAS_VERSION
    now = utcnow()
    cursor = target["validation_results"].find(
        {"reportingYear": year, "passed": True, "orphanedAt": None},
        projection={"reportId": 1, "companyId": 1, "reportFingerprint": 1, "organizationId": 1},
    ).sort("reportId", 1)
    async for batch in batches(cursor, batch_size):
        if company_filter is not None:
            batch = [v for v in batch if company_filter(v.get("companyId"))]
            if not batch:
                continue
        ids = [v["reportId"] for v in batch]
        latest = await latest_metrics(target, ids, {"reportId": 1, "version": 1, "inputsFingerprint": 1, "metricsHash": 1})
        todo = []
        for validation in batch:
            report.processed += 1
            fingerprint = metrics_inputs_fingerprint(
                report_fingerprint=validation["reportFingerprint"],
                formulas_version=domain.FORMULAS_VERSION,
                factors_hash=factors_hash,
            )
            if latest.get(validation["reportId"], {}).get("inputsFingerprint") == fingerprint:
                report.skipped += 1
            else:
                todo.append((validation, fingerprint))
        if not todo:
            continue
        reports = {doc["_id"]: doc async for doc in target["reports"].find({"_id": {"$in": [v["reportId"] for v, _ in todo]}})}
        profiles = {
            entry["companyId"]: entry.get("profile") or {}
            async for entry in target["company_directory"].find(
                {"companyId": {"$in": list({v["companyId"] for v, _ in todo})}}, projection={"companyId": 1, "profile": 1}
            )
        }
        operations: list[UpdateOne] = []
        for validation, fingerprint in todo:
            try:
                operation = await _metrics_one(reference, validation, fingerprint, reports, profiles, latest, factors, factors_hash,
                                         year, now, report)
            except Exception as exc:  # recorded per report, the year goes on
                report.fail(f"report {validation['reportId']} (company {validation['companyId']}, {year}): "
                            f"metrics raised {type(exc).__name__}: {str(exc)[:200]}")
                continue
            if operation is not None:
                operations.append(operation)
        await bulk_upsert(target[METRICS], operations, writes)
        report.written += len(operations)


async def _metrics_one(reference: Any, validation: dict[str, Any], fingerprint: str, reports: dict[Any, dict[str, Any]],
                 profiles: dict[Any, dict[str, Any]], latest: dict[ObjectId, dict[str, Any]],
                 factors: domain.EmissionFactorSet, factors_hash: str, year: int, now: Any,
                 report: StageReport) -> UpdateOne | None:
    """The write of one report's metrics (None: a failure recorded)."""
    report_id = validation["reportId"]
    doc = reports.get(report_id)
    if doc is None:
        report.fail(f"report {report_id} ({year}): validated but no longer in vsme_guru.reports")
        return None
    unusable = hostile_values(doc, limit=1)
    if unusable:  # changed since its validation: the next validation names it
        report.fail(f"report {report_id} ({year}): field {unusable[0][0]}: {unusable[0][1]} "
                    "(changed since validation; re-validate)")
        return None
    metric_set = domain.calculate(
        Report.model_validate(doc), CompanyProfile.model_validate(profiles.get(validation["companyId"], {})), factors
    )
    metrics = [metric_document(m) for _, m in sorted(metric_set.metrics.items())]
    # Scope321's emissions fill an empty B3 scope, or warn on a differing stated value (vsme_pipeline.sources)
    metrics, offer = await scope321_for_report(reference, doc, profiles.get(validation["companyId"]), metrics)
    report.bump("scope321_metrics", len(offer.metrics))
    report.bump("scope321_warnings", len(offer.warnings))
    metrics_hash = content_hash(
        {"metrics": metrics, "formulas": metric_set.formulas_version, "factors": metric_set.factor_dataset_version}
    )
    bad = hostile_values(metrics, limit=1)
    if bad:
        report.fail(f"report {report_id} ({year}): metric {bad[0][0]}: {bad[0][1]}")
        return None
    report.bump("computable_metrics", sum(1 for m in metrics if m["computable"]))
    previous = latest.get(report_id)
    if previous is not None and previous.get("metricsHash") == metrics_hash:
        report.bump("restamped")
        return UpdateOne(
            {"_id": previous["_id"]},
            {"$set": {"inputsFingerprint": fingerprint, "reportFingerprint": validation["reportFingerprint"],
                      "factorsHash": factors_hash}},
        )
    version = (previous or {}).get("version", 0) + 1
    values = output_values(ReportMetrics, {
        "reportId": report_id,
        "companyId": validation["companyId"],
        "organizationId": validation.get("organizationId"),
        "reportingYear": year,
        "version": version,
        "formulasVersion": metric_set.formulas_version,
        "factorDatasetVersion": metric_set.factor_dataset_version,
        "factorsHash": factors_hash,
        "inputsFingerprint": fingerprint,
        "reportFingerprint": validation["reportFingerprint"],
        "metrics": metrics,
        "metricsHash": metrics_hash,
        "computedAt": now,
    })
    report.bump("new_versions")
    return UpdateOne({"reportId": report_id, "version": version}, {"$setOnInsert": values}, upsert=True)
