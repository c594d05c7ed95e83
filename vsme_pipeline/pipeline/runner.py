"""``vsme run``: the whole flow on one machine, recorded in a persistent Dagster instance.

1. the embedded database is started when no database URL is set;
2. migrations are applied (``upgrade head``) and the sample data seeded (both idempotent);
3. the company directory is synced (full reconciliation), then validation, metrics and snapshots
   are materialized for every reporting year (one run per year, so each shows as a partition);
4. a summary is read back from the database and from the runs' materialization metadata.

The Dagster instance lives in ``DAGSTER_HOME`` (default ``.dagster/`` at the project root, created
with a minimal ``dagster.yaml``), so the runs appear in ``vsme ui`` / ``dagster dev`` afterwards.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg

from vsme_pipeline.settings import PROJECT_ROOT, Settings

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
"""Run config that keeps Dagster's console logger to warnings (the summary says the rest; the
full event log is in the instance and the UI)."""
STAGE_ASSETS = ("company_directory", "report_validation", "report_metrics", "report_snapshots")
DAGSTER_YAML = """# Dagster instance of vsme-pipeline (created by `vsme run` / `vsme ui`; local runs, SQLite storage).
telemetry:
  enabled: false
"""


def dagster_home() -> Path:
    """``DAGSTER_HOME`` (created if missing), default ``.dagster/`` in the project; exported so that
    Dagster and its child processes use the same instance."""
    default = PROJECT_ROOT / ".dagster"
    home = Path(os.environ.get("DAGSTER_HOME") or default).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    ignore = home / ".gitignore"
    if home == default.resolve() and not ignore.exists():
        ignore.write_text("# Dagster's local instance (runs, event logs): never committed.\n*\n", encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


@dataclass
class StageTotals:
    processed: int = 0
    written: int = 0
    skipped: int = 0
    failed: int = 0


@dataclass
class RunSummary:
    """What one ``vsme run`` did and what the databases hold afterwards."""

    migrations_applied: int = 0
    seeded_changes: int = 0
    years: list[str] = field(default_factory=list)
    stages: dict[str, StageTotals] = field(default_factory=lambda: {name: StageTotals() for name in STAGE_ASSETS})
    failed_runs: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.migrations_applied or self.seeded_changes or any(s.written for s in self.stages.values()))


def _record(summary: RunSummary, result: Any, label: str) -> None:
    if not result.success:
        summary.failed_runs.append(f"{label} (run {result.run_id})")
    for event in result.get_asset_materialization_events():
        name = event.asset_key.to_user_string()
        totals = summary.stages.get(name)
        if totals is None:
            continue
        metadata = event.materialization.metadata
        for key in ("processed", "written", "skipped", "failed"):
            value = metadata.get(key)
            if value is not None:
                setattr(totals, key, getattr(totals, key) + int(value.value))
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            level = "warning" if evaluation.severity == dg.AssetCheckSeverity.WARN else "error"
            summary.failed_checks.append(f"{evaluation.asset_check_key.to_user_string()} [{label}, {level}]: "
                                         f"{evaluation.description or ''}".rstrip(": "))


async def prepare_databases(settings: Settings, *, seed: bool = True) -> tuple[int, int, list[str]]:
    """Apply migrations and seed; return (migration steps applied, sample documents inserted,
    reporting years that hold reports)."""
    from vsme_pipeline.connections import open_databases
    from vsme_pipeline.migration import upgrade
    from vsme_pipeline.seed import seed_sample_data

    async with open_databases(settings) as databases:
        result = await upgrade(databases, "head", settings=settings)
        changes = 0
        if seed:
            seeded = await seed_sample_data(databases, settings)
            # New documents only: the embedded server counts an upsert that rewrites identical
            # values as modified, so "updated" is no evidence of change (the stages' hashes are).
            changes = sum(c.inserted for c in seeded.counts)
        years = sorted({str(y) for y in await databases.vsme_guru["reports"].distinct("reportingYear")})
    return len(result.steps), changes, years


async def read_totals(settings: Settings) -> dict[str, int]:
    """Counts for the summary, read from vsme_guru."""
    from vsme_pipeline.connections import open_databases

    async with open_databases(settings) as databases:
        db = databases.vsme_guru
        findings = [row async for row in await db["validation_results"].aggregate(
            [{"$group": {"_id": None, "errors": {"$sum": "$errorCount"}, "warnings": {"$sum": "$warningCount"}}}])]
        return {
            "companies": await db["company_directory"].count_documents({"deleted": False}),
            "companies_deleted": await db["company_directory"].count_documents({"deleted": True}),
            "reports": await db["reports"].count_documents({}),
            "reports_validated": await db["validation_results"].count_documents({}),
            "reports_passed": await db["validation_results"].count_documents({"passed": True}),
            "errors": int(findings[0]["errors"]) if findings else 0,
            "warnings": int(findings[0]["warnings"]) if findings else 0,
            "metric_versions": await db["report_metrics"].count_documents({}),
            "snapshots": await db["report_snapshots"].count_documents({}),
        }


def materialize_flow(instance: dg.DagsterInstance, years: list[str], summary: RunSummary, *,
                     full_sync: bool = True, export_dir: str | None = None) -> None:
    """One company sync run, then one reporting run per year, recorded in ``instance``."""
    from vsme_pipeline.definitions import defs

    sync_job = defs.resolve_job_def("company_sync_job")
    result = sync_job.execute_in_process(
        instance=instance, raise_on_error=False,
        run_config={**QUIET_LOGS, "ops": {"company_directory": {"config": {"full": full_sync}}}},
        tags={"vsme/trigger": "vsme run"},
    )
    _record(summary, result, "company sync")
    reporting_job = defs.resolve_job_def("reporting_job")
    run_config: dict[str, Any] = dict(QUIET_LOGS)
    if export_dir:
        run_config["ops"] = {"report_snapshots": {"config": {"export_dir": export_dir}}}
    for year in years:
        result = reporting_job.execute_in_process(
            instance=instance, partition_key=year, raise_on_error=False, run_config=run_config,
            tags={"vsme/trigger": "vsme run"},
        )
        _record(summary, result, year)
