"""The code location loads (the check `dg check defs` / `dagster definitions validate` make)."""

import subprocess
from datetime import UTC, datetime
import sys
from pathlib import Path

import dagster as dg

from vsme_pipeline.definitions import defs

ROOT = Path(__file__).resolve().parents[2]


def test_definitions_load_and_resolve():
    dg.Definitions.validate_loadable(defs)
    repository = defs.get_repository_def()
    assert {key.to_user_string() for key in repository.asset_graph.get_all_asset_keys()} == {
        "company_directory", "report_validation", "report_metrics", "report_snapshots", "report_filings",
        "vsme_guru_backup", "database_storage_usage", "retention_applied"}
    for job in ("company_sync_job", "validation_job", "metrics_job", "snapshots_job", "reporting_job", "full_flow_job",
                "backup_job", "monitoring_job", "retention_job"):
        assert defs.resolve_job_def(job) is not None
    assert {s.name for s in defs.sensors} == {
        "scope321_changes_sensor", "orphaned_reports_sensor", "duplicate_reports_sensor", "schema_drift_sensor",
        "pending_migrations_sensor", "snapshot_tampering_sensor"}
    assert {s.name for s in defs.schedules} == {
        "company_sync_incremental_schedule", "company_sync_nightly_full_schedule", "validation_schedule",
        "backup_schedule", "monitoring_schedule", "retention_schedule"}
    check_keys = {key.name for key in repository.asset_graph.asset_check_keys}
    assert check_keys == {"no_duplicate_reports", "reports_have_company", "completed_reports_pass_validation",
                          "metric_totals_consistent", "snapshot_hashes_match",
                          "latest_backup_restores", "storage_within_capacity", "databases_reachable"}


def test_importing_the_definitions_connects_to_nothing():
    # A fresh interpreter with an unreachable database URL: the import must not touch it.
    code = "import vsme_pipeline.definitions as d; print(type(d.defs).__name__)"
    env = {"SCOPE321_DATABASE_URL": "mongodb://127.0.0.1:1", "VSME_GURU_DATABASE_URL": "mongodb://127.0.0.1:1",
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Definitions"


def test_validation_schedule_requests_recent_years():
    schedule = next(s for s in defs.schedules if s.name == "validation_schedule")
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 3, 1, 0, 30, tzinfo=UTC),
                                        repository_def=defs.get_repository_def())
    requests = schedule.evaluate_tick(context).run_requests
    assert [r.partition_key for r in requests] == ["2024", "2025", "2026"]
