"""Partitioned assets (one partition per reporting year): validation, metrics, snapshots."""

from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.directory import company_directory
from assets.metadata import stage_metadata
from assets.partitions import reporting_years
from assets.resources import ReferenceResource, Scope321Resource, VsmeGuruResource
from vsme_pipeline.pipeline.export import export_snapshots
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.migration_state import migration_revisions
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.validation_stage import validate_year


def _year(context: dg.AssetExecutionContext) -> int:
    return int(context.partition_key)


@dg.asset(
    partitions_def=reporting_years,
    deps=[company_directory],
    group_name="reporting",
    kinds={"mongodb", "python"},
    description="Validation result of every report of the year (vsme_guru.validation_results): "
    "findings, counts, rule-set edition and version, time. Only changed reports are re-validated; "
    "reports with errors are not passed on.",
)
async def report_validation(context: dg.AssetExecutionContext, vsme_guru: VsmeGuruResource) -> dg.MaterializeResult:
    async with vsme_guru.open() as target:
        report = await validate_year(target, _year(context))
    for problem in report.problems:
        context.log.error(problem)
    return dg.MaterializeResult(
        metadata=stage_metadata(report, top_findings=report.extra.get("findings_markdown", "No findings."))
    )


@dg.asset(
    partitions_def=reporting_years,
    deps=[report_validation],
    group_name="reporting",
    kinds={"mongodb", "python"},
    description="Calculated metrics of every valid report of the year (vsme_guru.report_metrics), "
    "versioned, with inputs, formula versions and the emission-factor data set used.",
)
async def report_metrics(
    context: dg.AssetExecutionContext, vsme_guru: VsmeGuruResource, reference: ReferenceResource
) -> dg.MaterializeResult:
    async with vsme_guru.open() as target, reference.open() as factors_db:
        report = await compute_year(target, factors_db, _year(context))
    for problem in report.problems:
        context.log.error(problem)
    return dg.MaterializeResult(metadata=stage_metadata(report))


class SnapshotConfig(dg.Config):
    export_dir: str | None = Field(
        default=None,
        description="Also export the year's latest snapshots as JSON files (one per company-year) here.",
    )


@dg.asset(
    partitions_def=reporting_years,
    deps=[report_metrics],
    group_name="reporting",
    kinds={"mongodb", "python"},
    description="Immutable snapshots of completed, valid reports (vsme_guru.report_snapshots): report, "
    "company as synced, validation, metrics, sha256 content hash, version per company-year, migration "
    "revisions. Unchanged reports make no new snapshot.",
)
async def report_snapshots(
    context: dg.AssetExecutionContext,
    config: SnapshotConfig,
    vsme_guru: VsmeGuruResource,
    scope321: Scope321Resource,
    reference: ReferenceResource,
) -> dg.MaterializeResult:
    year = _year(context)
    async with vsme_guru.open() as target, scope321.open() as source, reference.open() as factors_db:
        revisions = await migration_revisions(source, target, factors_db)
        report = await snapshot_year(target, year, revisions, run_id=context.run.run_id)
        if config.export_dir:
            written, unchanged = await export_snapshots(target, Path(config.export_dir), [year])
            report.extra["exported_files"] = len(written)
            report.extra["export_unchanged"] = unchanged
    for problem in report.problems:
        context.log.error(problem)
    report.extra["migration_revisions"] = ", ".join(f"{k}={v}" for k, v in revisions.items())
    return dg.MaterializeResult(metadata=stage_metadata(report))
