"""``vsme run``: the whole flow on one machine, recorded in a persistent Dagster instance.

1. the embedded database is started when no database URL is set;
2. migrations are applied (``upgrade head``) and the sample data seeded (both idempotent);
3. the company directory is synced (full reconciliation), then validation, metrics and snapshots
   are materialized for every reporting year (one run per year and company shard, one after the
   other, so each shows as a partition; README "Scaling out" for parallel shards);
4. a summary is read back from the database and from the runs' events: what each stage processed,
   wrote and failed, which runs and steps failed with what error, and whether the databases changed
   (compared with what they held before the run, so that a failed step that wrote is not hidden).

The Dagster instance lives in ``DAGSTER_HOME`` (default ``.dagster/`` at the project root, created
with a minimal ``dagster.yaml``), so the runs appear in ``vsme ui`` afterwards.
"""

import re
from dataclasses import dataclass, field
from typing import Any

import dagster as dg

from assets.jobs import company_sync_job, reporting_job
from assets.partitions import SHARD, add_reporting_years, configured_shards, year_partitions
from assets.run_config import run_config
from vsme_pipeline.orchestration.instance import dagster_home, fail_lost_runs, process_tags
from vsme_pipeline.settings import Settings

__all__ = ["RunSummary", "StageTotals", "dagster_home", "fail_lost_runs", "materialize_flow", "prepare_databases",
           "read_misfiled", "read_state", "read_totals"]

STAGE_ASSETS = ("company_directory", "report_validation", "report_metrics", "report_snapshots")
OUTPUT_COLLECTIONS = ("company_directory", "validation_results", "report_metrics", "report_snapshots", "audit_events")
TIME_FIELDS = {"company_directory": "syncedAt", "validation_results": "validatedAt", "report_metrics": "computedAt",
               "report_snapshots": "createdAt"}


@dataclass
class StageTotals:
    processed: int = 0
    written: int = 0
    skipped: int = 0
    failed: int = 0
    step_failures: list[str] = field(default_factory=list)
    """Runs in which the stage's step itself failed (``year: error``): its counts are unknown."""


@dataclass
class RunSummary:
    """What one ``vsme run`` did and what the databases hold afterwards."""

    migrations_applied: int = 0
    seeded_changes: int = 0
    years: list[str] = field(default_factory=list)
    stages: dict[str, StageTotals] = field(default_factory=lambda: {name: StageTotals() for name in STAGE_ASSETS})
    failed_runs: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    lost_runs: list[str] = field(default_factory=list)
    """Runs of earlier processes that were still marked in progress and are now marked failed."""
    totals: dict[str, int] = field(default_factory=dict)
    source_shapes: dict[str, int] = field(default_factory=dict)
    unmapped_fields: int = 0
    """Source fields the company sync could not map (each kept as stored and named in its findings)."""
    misfiled_reports: list[str] = field(default_factory=list)
    """Reports whose ``reportingYear`` is no numeric year, each named by id and field (the first 100)."""
    misfiled_total: int = 0
    state_before: dict[str, Any] = field(default_factory=dict)
    state_after: dict[str, Any] = field(default_factory=dict)

    @property
    def databases_changed(self) -> bool:
        """The pipeline's outputs differ from what they were before the run (whatever the runs'
        metadata say: a failed step reports nothing but may have written)."""
        return self.state_before != self.state_after

    @property
    def changed(self) -> bool:
        return bool(self.migrations_applied or self.seeded_changes or self.databases_changed
                    or any(s.written for s in self.stages.values()))

    @property
    def failed(self) -> bool:
        return bool(self.failed_runs)


def _count_metadata(summary: RunSummary, name: str, metadata: dict[str, Any]) -> None:
    totals = summary.stages.get(name)
    if totals is None:
        return
    for key in ("processed", "written", "skipped", "failed"):
        value = metadata.get(key)
        if value is not None:
            setattr(totals, key, getattr(totals, key) + int(value.value))
    shapes = metadata.get("source_shapes")
    data = getattr(shapes, "data", None) if shapes is not None else None
    if isinstance(data, dict):
        for shape, count in data.items():
            if isinstance(count, int | float):
                summary.source_shapes[str(shape)] = summary.source_shapes.get(str(shape), 0) + int(count)
    unmapped = metadata.get("unmapped_fields")
    if unmapped is not None and isinstance(unmapped.value, int | float):
        summary.unmapped_fields += int(unmapped.value)


def record_result(summary: RunSummary, result: dg.ExecuteInProcessResult, label: str) -> None:
    """Add one run's materializations, step failures and checks to ``summary``."""
    if not result.success:
        summary.failed_runs.append(f"{label} (run {result.run_id})")
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        _count_metadata(summary, materialization.asset_key.to_user_string(), dict(materialization.metadata))
    for event in result.get_step_failure_events():
        step = event.step_key or ""
        error = event.step_failure_data.error if event.step_failure_data else None
        message = _failure_line(error)
        totals = summary.stages.get(step)
        if totals is not None:
            totals.step_failures.append(f"{label}: {message}")
        else:
            summary.failed_runs.append(f"{label}: step {step} failed: {message}")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            level = "warning" if evaluation.severity == dg.AssetCheckSeverity.WARN else "error"
            summary.failed_checks.append(f"{evaluation.asset_check_key.to_user_string()} [{label}, {level}]: "
                                         f"{evaluation.description or ''}".rstrip(": "))


def _failure_line(error: Any) -> str:
    """One line for a step failure: the first message below Dagster's own wrapper
    ("Error occurred while executing op ..."), without the driver's topology description."""
    while error is not None and "Error occurred while executing" in error.message and error.cause is not None:
        error = error.cause
    if error is None or not error.message.strip():
        return "unknown error"
    text = re.sub(r"^[\w.]+\.(\w+: )", r"\1", error.message.strip().splitlines()[0])  # a.b.StageFailed: → StageFailed:
    text = text.split(", Timeout:")[0].split(", Topology Description:")[0].split(" (configured timeouts")[0]
    return text[:300]


async def prepare_databases(settings: Settings, *, seed: bool = True) -> tuple[int, int, list[str]]:
    """Apply migrations and seed; return (migration steps applied, sample documents inserted,
    reporting years that hold reports)."""
    from vsme_pipeline.connections import open_databases
    from vsme_pipeline.migration import upgrade
    from vsme_pipeline.pipeline.monitoring_queries import reporting_years_with_reports
    from vsme_pipeline.seed import seed_sample_data

    async with open_databases(settings) as databases:
        result = await upgrade(databases, "head", settings=settings)
        changes = 0
        if seed:
            seeded = await seed_sample_data(databases, settings, source_shapes=True)
            # New documents only: the embedded server counts an upsert that rewrites identical
            # values as modified, so "updated" is no evidence of change (the stages' hashes are).
            changes = sum(c.inserted for c in seeded.counts)
        years = await reporting_years_with_reports(databases.vsme_guru)
    return len(result.steps), changes, years


async def read_state(settings: Settings) -> dict[str, Any]:
    """A fingerprint of the pipeline's outputs: count and newest write time of each collection."""
    from vsme_pipeline.connections import open_databases
    from vsme_pipeline.pipeline.monitoring_queries import output_state

    async with open_databases(settings) as databases:
        return await output_state(databases.vsme_guru, OUTPUT_COLLECTIONS, TIME_FIELDS)


async def read_misfiled(settings: Settings, limit: int = 100) -> tuple[list[str], int]:
    """Reports no reporting year holds (``reportingYear`` stored as text, decimal, array, missing
    ...): one line each naming report and field (the first ``limit``), and how many there are."""
    from vsme_pipeline.connections import open_databases
    from vsme_pipeline.pipeline.monitoring_queries import misfiled_reports
    from vsme_pipeline.pipeline.reporting_years import misfiled_message

    async with open_databases(settings) as databases:
        rows, total = await misfiled_reports(databases.vsme_guru, limit)
    return [misfiled_message(row) for row in rows], total


async def read_totals(settings: Settings) -> dict[str, int]:
    """Counts for the summary, read from vsme_guru."""
    from vsme_pipeline.connections import open_databases
    from vsme_pipeline.pipeline.monitoring_queries import pipeline_totals

    async with open_databases(settings) as databases:
        return await pipeline_totals(databases.vsme_guru)


def materialize_flow(instance: dg.DagsterInstance, years: list[str], summary: RunSummary, *,
                     full_sync: bool = True, export_dir: str | None = None, debug: bool = False) -> None:
    """One company sync run, then one reporting run per year and company shard (``VSME_SHARDS``,
    default 1: one run per year), recorded in ``instance``.

    Runs of earlier processes that died while in progress are marked failed first; the years are
    added to the dynamic partitions (so they show in the UI as the data's years). Dagster's
    console log (stack traces of failed steps) only with ``debug``: the summary names each failed
    step in one line, and the full event log is in the instance."""
    from vsme_pipeline.definitions import defs

    summary.lost_runs = fail_lost_runs(instance)
    shards = configured_shards()
    add_reporting_years(instance, years, shards)
    tags = {"vsme/trigger": "vsme run", **process_tags()}
    level = None if debug else "CRITICAL"
    result = defs.resolve_job_def(company_sync_job.name).execute_in_process(
        instance=instance, raise_on_error=False, run_config=run_config(full_sync=full_sync, quiet=True, console_level=level),
        tags=tags,
    )
    record_result(summary, result, "company sync")
    reporting = defs.resolve_job_def(reporting_job.name)
    config = run_config(export_dir=export_dir, quiet=True, console_level=level)
    for year in years:
        for key in year_partitions(year, shards):
            label = year if shards == 1 else f"{year} shard {key.keys_by_dimension[SHARD]}"
            result = reporting.execute_in_process(
                instance=instance, partition_key=key, raise_on_error=False, run_config=config, tags=tags,
            )
            record_result(summary, result, label)
