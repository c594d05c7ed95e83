"""Partitioned assets (reporting year × company shard): validation, metrics, snapshots.

Each partition handles the reports of one year whose company is in its shard
(:mod:`assets.partitions`); with one shard (the default) a partition is the whole year."""

from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.directory import company_directory
from assets.metadata import (
    attributed_writes,
    collection_metadata,
    stage_log_line,
    stage_metadata,
    write_findings_report,
)
from assets.partitions import partition_filter, partition_label, partition_year, year_shards
from assets.resources import ReferenceResource, Scope321Resource, VsmeGuruResource
from documents.pipeline.metrics import ReportMetrics
from documents.pipeline.snapshot import ReportSnapshot
from documents.pipeline.validation import ValidationRecord
from vsme_pipeline.pipeline.change_detection import states_read_ahead
from vsme_pipeline.pipeline.export import export_snapshots
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.migration_state import migration_revisions
from vsme_pipeline.pipeline.monitoring_queries import output_row_count
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.validation_stage import validate_year

RESULTS = ValidationRecord.Settings.name
METRICS = ReportMetrics.Settings.name
SNAPSHOTS = ReportSnapshot.Settings.name


class StageConfig(dg.Config):
    full: bool = Field(
        default=False,
        description="Read every record of the year (the nightly reconciliation) instead of only the changed ones; "
        "the run's metadata then counts and names what the incremental path would have missed.",
    )


def _lookback(vsme_guru: VsmeGuruResource) -> timedelta:
    return timedelta(seconds=vsme_guru.settings().change_lookback_s)


def _run_states(context: dg.AssetExecutionContext, vsme_guru: VsmeGuruResource) -> AbstractContextManager[None]:
    """The stage states of this run's partition read once for the run's stages (not per stage)."""
    company_filter = partition_filter(context)
    return states_read_ahead(vsme_guru.states_ahead(context.run.run_id, partition_year(context),
                                                    None if company_filter is None else company_filter.key))


@dg.asset(
    partitions_def=year_shards,
    deps=[company_directory],
    group_name="reporting",
    kinds={"mongodb", "python"},
    description="Validation result of every report of the year and company shard (vsme_guru.validation_results): "
    "findings, counts, rule-set edition and version, time. Only changed reports are re-validated; "
    "reports with errors are not passed on.",
    metadata=collection_metadata("vsme_guru", RESULTS, ValidationRecord),
)
async def report_validation(context: dg.AssetExecutionContext, config: StageConfig,
                            vsme_guru: VsmeGuruResource) -> dg.MaterializeResult[None]:
    year = partition_year(context)
    label = partition_label(context)
    company_filter = partition_filter(context)
    async with vsme_guru.open() as target:
        with attributed_writes(context) as started, _run_states(context, vsme_guru):
            report = await validate_year(target, year, full=config.full, lookback=_lookback(vsme_guru),
                                         company_filter=company_filter)
        rows = await output_row_count(target, RESULTS, year, company_filter=company_filter)
        passed = await output_row_count(target, RESULTS, year, {"passed": True}, company_filter)
    for problem in report.problems:
        context.log.error(problem)
    report.extra["passed"] = passed
    context.log.info(stage_log_line(report, f"validation of {label} into vsme_guru.{RESULTS}")
                     + f"; {passed} of {rows} reports pass")
    return dg.MaterializeResult(
        metadata=stage_metadata(report, row_count=rows, findings_report=write_findings_report(context, report),
                                since=started)
    )


@dg.asset(
    partitions_def=year_shards,
    deps=[report_validation],
    group_name="reporting",
    kinds={"mongodb", "python"},
    description="Calculated metrics of every valid report of the year and company shard (vsme_guru.report_metrics), "
    "versioned, with inputs, formula versions and the emission-factor data set used.",
    metadata=collection_metadata("vsme_guru", METRICS, ReportMetrics),
)
async def report_metrics(
    context: dg.AssetExecutionContext, config: StageConfig, vsme_guru: VsmeGuruResource, reference: ReferenceResource
) -> dg.MaterializeResult[None]:
    year = partition_year(context)
    label = partition_label(context)
    company_filter = partition_filter(context)
    async with vsme_guru.open() as target, reference.open() as factors_db:
        with attributed_writes(context) as started, _run_states(context, vsme_guru):
            report = await compute_year(target, factors_db, year, full=config.full, lookback=_lookback(vsme_guru),
                                        company_filter=company_filter)
        rows = await output_row_count(target, METRICS, year, company_filter=company_filter)
    for problem in report.problems:
        context.log.error(problem)
    context.log.info(stage_log_line(report, f"metrics of {label} into vsme_guru.{METRICS}") + f"; {rows} metric versions")
    return dg.MaterializeResult(metadata=stage_metadata(report, row_count=rows, since=started))


class SnapshotConfig(StageConfig):
    export_dir: str | None = Field(
        default=None,
        description="Also export the year's latest snapshots as JSON files (one per company-year) here.",
    )


@dg.asset(
    partitions_def=year_shards,
    deps=[report_metrics],
    group_name="reporting",
    kinds={"mongodb", "python"},
    description="Immutable snapshots of completed, valid reports (vsme_guru.report_snapshots): report, "
    "company as synced, validation, metrics, sha256 content hash, version per company-year, migration "
    "revisions of every database. Unchanged reports make no new snapshot.",
    metadata=collection_metadata("vsme_guru", SNAPSHOTS, ReportSnapshot),
)
async def report_snapshots(
    context: dg.AssetExecutionContext,
    config: SnapshotConfig,
    vsme_guru: VsmeGuruResource,
    scope321: Scope321Resource,
    reference: ReferenceResource,
) -> dg.MaterializeResult[None]:
    year = partition_year(context)
    label = partition_label(context)
    company_filter = partition_filter(context)
    async with vsme_guru.open() as target, scope321.open() as source, reference.open() as factors_db:
        async def revisions() -> dict[str, str | None]:  # read only if a snapshot is written
            return await migration_revisions(source, target, factors_db)

        with attributed_writes(context) as started, _run_states(context, vsme_guru):
            report = await snapshot_year(target, year, revisions, run_id=context.run.run_id, full=config.full,
                                         company_filter=company_filter)
        if config.export_dir:
            written, unchanged = await export_snapshots(target, Path(config.export_dir), [year])
            report.extra["exported_files"] = len(written)
            report.extra["export_unchanged"] = unchanged
        rows = await output_row_count(target, SNAPSHOTS, year, company_filter=company_filter)
    for problem in report.problems:
        context.log.error(problem)
    context.log.info(stage_log_line(report, f"snapshots of {label} into vsme_guru.{SNAPSHOTS}") + f"; {rows} snapshots")
    return dg.MaterializeResult(metadata=stage_metadata(report, row_count=rows, since=started))
