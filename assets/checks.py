"""Asset checks (partitioned by reporting year × company shard like the assets they check).

A check of a shard's partition reports the records of the companies in its shard (rows without a
company id are reported by every shard).

Blocking checks stop the downstream assets of the same run when they fail with ERROR severity:
duplicate reports stop metrics and snapshots (a company-year must have one report); inconsistent
metric totals stop snapshots. Orphaned reports and completed reports that fail validation are
warnings: those reports are already excluded downstream, the others may go on.
"""

import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import dagster as dg

from assets.partitions import partition_filter, partition_year, year_shards
from assets.reporting import report_metrics, report_snapshots, report_validation
from assets.resources import VsmeGuruResource
from vsme_pipeline.pipeline import integrity
from vsme_pipeline.pipeline.handles import WritableDatabase
from vsme_pipeline.pipeline.summaries import records_markdown

CheckFn = Callable[..., Awaitable[dg.AssetCheckResult]]


def _partitioned_check(**kwargs: Any) -> Callable[[CheckFn], dg.AssetChecksDefinition]:
    """``dg.asset_check`` with ``partitions_def`` (a preview feature in Dagster 1.13: its warning
    is silenced here, locally, rather than in a global filter)."""

    def decorate(fn: CheckFn) -> dg.AssetChecksDefinition:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dg.PreviewWarning)
            return dg.asset_check(**kwargs)(fn)  # type: ignore[arg-type]  # async checks are supported

    return decorate


async def _rows[R](vsme_guru: VsmeGuruResource, context: dg.AssetCheckExecutionContext,
                query: Callable[[WritableDatabase, int], Awaitable[R]]) -> R:
    """``query(target, year)`` on vsme_guru for the partition's reporting year."""
    async with vsme_guru.open() as target:
        return await query(target, partition_year(context))


def _in_shard[T: Mapping[str, Any]](context: dg.AssetCheckExecutionContext, rows: Sequence[T]) -> list[T]:
    """The rows of the partition's company shard (all rows with one shard)."""
    accepts = partition_filter(context)
    return [row for row in rows if accepts is None or "companyId" not in row or accepts(row["companyId"])]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 report``, ``2 reports``, ``1 company-year has``… (``plural_form`` for irregular ones)."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def _result(rows: Sequence[Mapping[str, Any]], columns: list[str], *, ok: str, problem: tuple[str, str], fix: str,
            severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.ERROR) -> dg.AssetCheckResult:
    """``problem``: the finding in the singular and the plural (``("report has no company",
    "reports have no company")``)."""
    if not rows:
        return dg.AssetCheckResult(passed=True, description=ok, metadata={"count": 0})
    singular, many = problem
    return dg.AssetCheckResult(
        passed=False,
        severity=severity,
        description=f"{len(rows)} {singular if len(rows) == 1 else many}. {fix}",
        metadata={
            "count": len(rows),
            "records": dg.MetadataValue.md(records_markdown(rows, columns)),
            "what_to_do": fix,
        },
    )


@_partitioned_check(asset=report_validation, blocking=True, partitions_def=year_shards,
                description="At most one report per company and reporting year.")
async def no_duplicate_reports(context: dg.AssetCheckExecutionContext, vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    rows = _in_shard(context, await _rows(vsme_guru, context, integrity.duplicate_reports))
    return _result(rows, ["companyId", "reportingYear", "reportIds"], ok="One report per company-year.",
                   problem=("company-year has more than one report", "company-years have more than one report"),
                   fix="Merge or delete the extra reports in VSME Guru (keep the one the company works on); "
                       "metrics and snapshots of this year wait until then.")


@_partitioned_check(asset=report_validation, partitions_def=year_shards,
                description="Every report's company exists (not deleted) in the synced directory.")
async def reports_have_company(context: dg.AssetCheckExecutionContext, vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    rows = _in_shard(context, await _rows(vsme_guru, context, integrity.reports_without_company))
    return _result(rows, ["reportId", "companyId", "reportingYear", "reason"], ok="Every report has a company in the directory.",
                   problem=("report has no company in the directory (orphaned or not synced)",
                            "reports have no company in the directory (orphaned or not synced)"),
                   fix="'missing': run company_sync_job (full); 'deleted': the report is orphaned, restore the "
                       "company in Scope321 or archive the report.",
                   severity=dg.AssetCheckSeverity.WARN)


@_partitioned_check(asset=report_validation, partitions_def=year_shards,
                description="Every completed report has a current, passing validation.")
async def completed_reports_pass_validation(context: dg.AssetCheckExecutionContext, vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    rows = _in_shard(context, await _rows(vsme_guru, context, integrity.completed_reports_not_passing))
    return _result(rows, ["reportId", "companyId", "reportingYear", "reason", "errorCount"],
                   ok="Every completed report passes validation.",
                   problem=("completed report does not pass validation", "completed reports do not pass validation"),
                   fix="Fix the findings in VSME Guru (see validation_results) or set the report back to in-progress.",
                   severity=dg.AssetCheckSeverity.WARN)


@_partitioned_check(asset=report_metrics, blocking=True, partitions_def=year_shards,
                description="Metric totals equal the sum of their parts (Scope 1+2, totals); shares within 0-100 %.")
async def metric_totals_consistent(context: dg.AssetCheckExecutionContext, vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    rows = _in_shard(context, await _rows(vsme_guru, context, integrity.inconsistent_metrics))
    return _result(rows, ["reportId", "version", "reportingYear", "problems"], ok="Metric totals equal the sum of their parts.",
                   problem=("report has inconsistent metric totals", "reports have inconsistent metric totals"),
                   fix="A formula or stored metrics are wrong: fix the calculation and re-materialize report_metrics "
                       "for this year; snapshots wait until then.")


@_partitioned_check(asset=report_snapshots, partitions_def=year_shards,
                description="Every snapshot's stored content hash matches its content.")
async def snapshot_hashes_match(context: dg.AssetCheckExecutionContext, vsme_guru: VsmeGuruResource) -> dg.AssetCheckResult:
    found, _, scanned = await _rows(vsme_guru, context, integrity.tampered_snapshots)
    rows = _in_shard(context, found)
    result = _result(rows, ["snapshotId", "companyId", "reportingYear", "version", "storedHash", "actualHash"],
                     ok="Every snapshot matches its stored hash.",
                     problem=("snapshot does not match its stored hash (modified after writing)",
                              "snapshots do not match their stored hash (modified after writing)"),
                     fix="Restore them from an export or backup; re-materializing report_snapshots writes a "
                         "fresh verified version of the affected company-years.")
    description = result.description
    if result.passed:
        description = f"All {plural(scanned, 'snapshot')} of the year match their stored hash."
    return dg.AssetCheckResult(passed=result.passed, severity=result.severity, description=description,
                               metadata={**result.metadata, "scanned": scanned})


ASSET_CHECKS = [
    no_duplicate_reports,
    reports_have_company,
    completed_reports_pass_validation,
    metric_totals_consistent,
    snapshot_hashes_match,
]
