"""Stage 3: calculated metrics of the valid reports of one year, versioned in ``report_metrics``.

Only reports whose current validation passed (and that are not orphaned) are computed. A report's
metrics get a new version when their inputs fingerprint (report fingerprint, formulas version,
emission-factor data set hash) changed *and* the values changed; when only the fingerprint changed
(say, a typo fix elsewhere in the report) the latest version is re-stamped instead, so versions
track values, not noise.

Which results are looked at (:mod:`~vsme_pipeline.pipeline.change_detection`): incrementally, the
validation results written since the last run (``validatedAt``) and those of organisations whose
Scope321 emissions of the year changed; in full mode (first run, a new formulas version or
emission-factor data set, the reconciliation) every valid result of the year. Scope321 records are
read once per batch (``OrgId`` index, projection) and their content hash is part of the inputs
fingerprint, so a change in Scope321's emissions recomputes the metrics it feeds.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from documents import CompanyProfile, Report
from documents.pipeline import ReportMetrics
from vsme_pipeline.pipeline import domain
from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE, AdaptiveSize, batches, bulk_upsert
from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.pipeline.change_detection import Detection, begin, chunks, commit, sortable, usable_time, utc
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.fingerprints import metrics_inputs_fingerprint
from vsme_pipeline.pipeline.handles import ReadableDatabase, WritableDatabase
from vsme_pipeline.pipeline.hashing import content_hash
from vsme_pipeline.pipeline.outputs import collection_name, output_values
from vsme_pipeline.pipeline.record_guards import hostile_values
from vsme_pipeline.pipeline.shards import CompanyFilter, in_shard
from vsme_pipeline.pipeline.stage import StageFailed, StageReport
from vsme_pipeline.sources.provenance import SourceShape
from vsme_pipeline.sources.scope321 import apply_scope321, organization_of, read_scope321_records, scope321_record_hash
from vsme_pipeline.sources.sync_counts import note_shape

METRICS = collection_name(ReportMetrics)
RESULTS = "validation_results"
STAGE = "report_metrics"
VALIDATION_MARK = "validatedAt"


def metric_document(metric: Any) -> dict[str, Any]:
    """A ``Metric`` as stored: camelCase keys, floats, BSON-safe inputs (read from the attributes,
    so the model's own dump settings do not matter).

    Equal to ``to_bson`` of the document with the attributes as they are (``inputs`` and the
    lists copied): each field is converted on its own, text and Decimal values of the exact
    types without the general walk (``tests/pipeline/test_metric_documents.py``)."""
    key, disclosure, unit, formula, version = metric.key, metric.disclosure, metric.unit, metric.formula, metric.formula_version
    value, inputs, source, notes = metric.value, metric.inputs, metric.source, getattr(metric, "notes", None)
    return {
        "key": key if type(key) is str else to_bson(key),
        "disclosure": disclosure if type(disclosure) is str else to_bson(disclosure),
        "value": float(value) if type(value) is Decimal else to_bson(value),
        "result": to_bson(getattr(metric, "result", None)),
        "unit": unit if type(unit) is str else to_bson(unit),
        "computable": to_bson(metric.computable),
        "reason": to_bson(metric.reason),
        "inputs": to_bson(inputs if type(inputs) is dict else dict(inputs or {})),
        "formula": formula if type(formula) is str else to_bson(formula),
        "formulaVersion": version if type(version) is str else to_bson(version),
        "estimated": bool(metric.estimated),
        "source": to_bson(list(source)) if source else [],
        "notes": to_bson(list(notes)) if notes else [],
    }


async def load_factors(reference: ReadableDatabase) -> tuple[domain.EmissionFactorSet, str]:
    """The environment's emission factors (read-only reference database) and their content hash."""
    documents = [doc async for doc in reference["emission_factors"].find({}, projection={"_id": 0}).sort("key", 1)]
    return domain.EmissionFactorSet(documents), content_hash(documents)


async def latest_metrics(target: WritableDatabase, report_ids: list[ObjectId], projection: dict[str, int] | None = None) -> dict[ObjectId, dict[str, Any]]:
    """The latest metrics version of each report (index ``report_version_unique``)."""
    latest: dict[ObjectId, dict[str, Any]] = {}
    cursor = target[METRICS].find({"reportId": {"$in": report_ids}}, projection=projection).sort([("reportId", 1), ("version", -1)])
    async for doc in cursor:
        latest.setdefault(doc["reportId"], doc)
    return latest


async def compute_year(target: WritableDatabase, reference: ReadableDatabase, year: int, *, batch_size: int = DEFAULT_BATCH_SIZE,
                       full: bool = False, lookback: timedelta | None = None,
                       company_filter: CompanyFilter | None = None) -> StageReport:
    """Compute the metrics of the changed valid reports of ``year``; ``full``: look at every valid
    report of the year (the reconciliation, which also reports what the incremental path missed);
    ``company_filter``: only the reports of the companies of one shard (its own watermark)."""
    report = StageReport("report_metrics")
    try:
        await _compute_year(target, reference, year, batch_size, report, full, lookback, company_filter)
    except Exception as exc:
        raise StageFailed(report, exc) from exc
    return report.finish()


_VALIDATION_PROJECTION = {"reportId": 1, "companyId": 1, "reportFingerprint": 1, "organizationId": 1}


async def changed_validations(target: WritableDatabase, reference: ReadableDatabase, year: int, detection: Detection, report: StageReport) -> set[Any]:
    """Report ids whose metrics inputs may have changed: validation results written since the
    last run, and the reports of organisations whose Scope321 emissions of ``year`` changed (or
    carry no usable ``updatedAt``: always, counted as ``scope321_without_updated_at``)."""
    selected: set[Any] = set()
    mark = detection.mark(VALIDATION_MARK)
    written: dict[str, Any] = {"reportingYear": year}
    if mark is not None:
        written["validatedAt"] = {"$gt": mark}
    rows = [row async for row in target[RESULTS].find(written, projection={"reportId": 1, "validatedAt": 1})]
    detection.raise_mark(VALIDATION_MARK, (row.get("validatedAt") for row in rows))
    selected.update(row["reportId"] for row in rows)
    organizations: set[str] = set()
    undated = 0
    # Scope321 keys emissions by year (``Emissions.<year>``): no index covers that path and the
    # embedded server cannot query a numeric path component, so the small projection of every record
    # is streamed (one round trip per 5,000 records) and the year's updatedAt compared here
    since = detection.since
    assert since is not None
    cursor = reference["companies"].find({}, projection={"OrgId": 1, "Emissions": 1}).batch_size(5_000)
    async for record in cursor:
        emissions = record.get("Emissions")
        values = emissions.get(str(year)) if isinstance(emissions, dict) else None
        if not isinstance(values, dict):
            continue
        at = usable_time(values.get("updatedAt"))
        if at is not None:
            if utc(at) < since or detection.seen_before("s", record.get("_id"), at):
                continue
            detection.remember("s", record.get("_id"), at)
        else:
            undated += 1
        if isinstance(record.get("OrgId"), str):
            organizations.add(record["OrgId"])
    for chunk in chunks(sorted(organizations), DEFAULT_BATCH_SIZE):
        async for row in target[RESULTS].find({"organizationId": {"$in": chunk}, "reportingYear": year},
                                              projection={"reportId": 1}):
            selected.add(row["reportId"])
    report.extra["scope321_without_updated_at"] = undated
    report.extra["candidates"] = len(selected)
    return selected


async def _compute_year(target: WritableDatabase, reference: ReadableDatabase, year: int, batch_size: int, report: StageReport, full: bool,
                        lookback: timedelta | None, company_filter: CompanyFilter | None = None) -> None:
    writes = AdaptiveSize(batch_size)
    factors, factors_hash = await load_factors(reference)
    report.extra["factor_dataset_version"] = factors.dataset_version
    report.extra["formulas_version"] = domain.FORMULAS_VERSION
    now = utcnow()
    detection = await begin(target, STAGE, year, content_hash({"formulas": domain.FORMULAS_VERSION, "factors": factors_hash}),
                            full=full, now=now, lookback=lookback,
                            shard=None if company_filter is None else company_filter.key)

    valid = {"reportingYear": year, "passed": True, "orphanedAt": None}
    if detection.full_pass:
        if detection.state is not None:  # reconciliation: what would the incremental path have read?
            detection.selected = await changed_validations(target, reference, year, detection, report)
        else:
            newest = await target[RESULTS].find_one({"reportingYear": year, "validatedAt": {"$type": "date"}},
                                                    projection={"validatedAt": 1}, sort=[("validatedAt", -1)])
            detection.raise_mark(VALIDATION_MARK, [(newest or {}).get("validatedAt")])
        cursor = target[RESULTS].find(valid, projection=_VALIDATION_PROJECTION).sort("reportId", 1).batch_size(batch_size)
        async for batch in batches(cursor, batch_size):
            await _metrics_batch(target, reference, in_shard(company_filter, batch), factors, factors_hash, year, now, writes, detection, report)
    else:
        selected = await changed_validations(target, reference, year, detection, report)
        for chunk in chunks(sortable(selected), batch_size):
            batch = [v async for v in target[RESULTS].find({**valid, "reportId": {"$in": chunk}},
                                                           projection=_VALIDATION_PROJECTION).sort("reportId", 1)]
            await _metrics_batch(target, reference, in_shard(company_filter, batch), factors, factors_hash, year, now, writes, detection, report)
    await commit(target, detection, report)


async def _metrics_batch(target: WritableDatabase, reference: ReadableDatabase, batch: list[dict[str, Any]], factors: domain.EmissionFactorSet,
                         factors_hash: str, year: int, now: datetime, writes: AdaptiveSize, detection: Detection,
                         report: StageReport) -> None:
    """One batch of validation results: the latest metrics and the Scope321 records (one query
    each), then the reports and profiles of those whose fingerprint changed, one bulk write."""
    if not batch:
        return
    ids = [v["reportId"] for v in batch]
    latest = await latest_metrics(target, ids, {"reportId": 1, "version": 1, "inputsFingerprint": 1, "metricsHash": 1})
    records = await read_scope321_records(reference, (v.get("organizationId") for v in batch))
    for record in records.values():  # read now: the next run need not read them again for the same updatedAt
        emissions = record.get("Emissions")
        values = emissions.get(str(year)) if isinstance(emissions, dict) else None
        detection.remember("s", record.get("_id"), values.get("updatedAt") if isinstance(values, dict) else None)
    todo = []
    for validation in batch:
        report.processed += 1
        fingerprint = metrics_inputs_fingerprint(
            report_fingerprint=validation["reportFingerprint"],
            formulas_version=domain.FORMULAS_VERSION,
            factors_hash=factors_hash,
            scope321_hash=scope321_record_hash(records.get(organization) if isinstance(
                organization := validation.get("organizationId"), str) else None),
        )
        if latest.get(validation["reportId"], {}).get("inputsFingerprint") == fingerprint:
            report.skipped += 1
        else:
            todo.append((validation, fingerprint))
    if not todo:
        return
    reports = {doc["_id"]: doc async for doc in target["reports"].find({"_id": {"$in": [v["reportId"] for v, _ in todo]}})}
    profiles = {
        entry["companyId"]: entry.get("profile") or {}
        async for entry in target["company_directory"].find(
            {"companyId": {"$in": list({v["companyId"] for v, _ in todo})}}, projection={"companyId": 1, "profile": 1}
        )
    }
    # the join of the calculation (report's organisation, else its company's) seldom differs from the
    # validation result's; the few records it needs besides are read in one more query
    joins = {v["reportId"]: organization_of(reports.get(v["reportId"]) or {}, profiles.get(v["companyId"])) for v, _ in todo}
    missing = {org for org in joins.values() if isinstance(org, str) and org not in records}
    if missing:
        records.update(await read_scope321_records(reference, missing))
    operations: list[UpdateOne] = []
    for validation, fingerprint in todo:
        try:
            join = joins.get(validation["reportId"])
            operation = _metrics_one(validation, fingerprint, reports, profiles, latest, factors, factors_hash,
                                     records.get(join) if isinstance(join, str) else None, year, now, report)
        except Exception as exc:  # recorded per report, the year goes on
            report.fail(f"report {validation['reportId']} (company {validation['companyId']}, {year}): "
                        f"metrics raised {type(exc).__name__}: {str(exc)[:200]}")
            continue
        if operation is not None:
            operations.append(operation)
            detection.note_written(validation["reportId"])
    await bulk_upsert(target[METRICS], operations, writes)
    report.written += len(operations)


def _metrics_one(validation: dict[str, Any], fingerprint: str, reports: dict[Any, dict[str, Any]],
                 profiles: dict[Any, dict[str, Any]], latest: dict[ObjectId, dict[str, Any]],
                 factors: domain.EmissionFactorSet, factors_hash: str, record: dict[str, Any] | None, year: int,
                 now: Any, report: StageReport) -> UpdateOne | None:
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
    metrics, offer = apply_scope321(doc, record, metrics)
    if offer.record_read:
        note_shape(report, SourceShape.SCOPE321_RECORD)
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
                      "factorsHash": factors_hash, "changedAt": now}},
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
        "changedAt": now,
    })
    report.bump("new_versions")
    return UpdateOne({"reportId": report_id, "version": version}, {"$setOnInsert": values}, upsert=True)
