"""The code location loads (the check `dg check defs` / `dagster definitions validate` make)."""

import ast
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from assets.partitions import add_reporting_years
from vsme_pipeline.definitions import defs

ROOT = Path(__file__).resolve().parents[2]


def test_definitions_load_and_resolve():
    dg.Definitions.validate_loadable(defs)
    repository = defs.get_repository_def()
    assert {key.to_user_string() for key in repository.asset_graph.get_all_asset_keys()} == {
        "company_directory", "report_validation", "report_metrics", "report_snapshots", "report_filings",
        "vsme_guru_backup", "database_storage_usage", "retention_applied"}
    for job in ("company_sync_job", "validation_job", "metrics_job", "snapshots_job", "reporting_job", "full_flow_job",
                "reconciliation_job", "backup_job", "monitoring_job", "retention_job"):
        assert defs.resolve_job_def(job) is not None
    assert {s.name for s in defs.sensors} == {
        "reporting_years_sensor", "scope321_changes_sensor", "orphaned_reports_sensor", "duplicate_reports_sensor", "schema_drift_sensor",
        "pending_migrations_sensor", "snapshot_tampering_sensor"}
    assert {s.name for s in defs.schedules} == {
        "company_sync_incremental_schedule", "company_sync_nightly_full_schedule", "validation_schedule",
        "reconciliation_schedule", "backup_schedule", "monitoring_schedule", "retention_schedule"}
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


def test_validation_schedule_requests_the_last_years_with_reports():
    schedule = next(s for s in defs.schedules if s.name == "validation_schedule")
    with dg.instance_for_test() as instance:
        add_reporting_years(instance, ["2021", "2023", "2024", "2025"])
        context = dg.build_schedule_context(instance=instance, repository_def=defs.get_repository_def(),
                                            scheduled_execution_time=datetime(2026, 3, 1, 0, 30, tzinfo=UTC))
        requests = schedule.evaluate_tick(context).run_requests
    assert [r.partition_key for r in requests] == ["2023|0-of-1", "2024|0-of-1", "2025|0-of-1"]


def test_validation_schedule_requests_every_shard_of_each_year(monkeypatch):
    monkeypatch.setenv("VSME_SHARDS", "2")
    schedule = next(s for s in defs.schedules if s.name == "validation_schedule")
    with dg.instance_for_test() as instance:
        add_reporting_years(instance, ["2024", "2025"])
        assert instance.get_dynamic_partitions("company_shards") == ["0-of-2", "1-of-2"]
        context = dg.build_schedule_context(instance=instance, repository_def=defs.get_repository_def(),
                                            scheduled_execution_time=datetime(2026, 3, 1, 0, 30, tzinfo=UTC))
        requests = schedule.evaluate_tick(context).run_requests
    assert [r.partition_key for r in requests] == ["2024|0-of-2", "2024|1-of-2", "2025|0-of-2", "2025|1-of-2"]


def test_every_job_runs_in_process():
    # A process per step cost 10-14 s each on 2 cores; the stages are short async steps.
    for job in [*defs.jobs, defs.resolve_implicit_global_asset_job_def()]:
        assert defs.resolve_job_def(job.name).executor_def.name == "in_process", job.name


def test_monitoring_sensors_are_on_by_default_and_schedules_off():
    status = {s.name: s.default_status for s in defs.sensors}
    for name in ("reporting_years_sensor", "orphaned_reports_sensor", "duplicate_reports_sensor",
                 "schema_drift_sensor", "pending_migrations_sensor", "snapshot_tampering_sensor"):
        assert status[name] == dg.DefaultSensorStatus.RUNNING, name
    # the monitoring and backup schedules run from the start, like the sensors; the others are turned on by hand
    running = {s.name for s in defs.schedules if s.default_status == dg.DefaultScheduleStatus.RUNNING}
    assert running == {"monitoring_schedule", "backup_schedule"}


def test_resource_config_exposes_only_database_names():
    for key, resource in defs.resources.items():
        assert set(type(resource).model_fields) == {"database_name"}, key


def test_output_assets_declare_a_column_schema_and_their_collection():
    repository = defs.get_repository_def()
    for name, collection in (("company_directory", "company_directory"), ("report_validation", "validation_results"),
                             ("report_metrics", "report_metrics"), ("report_snapshots", "report_snapshots")):
        node = repository.asset_graph.get(dg.AssetKey(name))
        assert node.metadata["dagster/table_name"] == f"vsme_guru.{collection}"
        columns = {c.name for c in node.metadata["dagster/column_schema"].columns}
        assert "_id" in columns and len(columns) > 3


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


FRAMEWORK = ("dagster", "assets", "vsme_pipeline.definitions", "vsme_pipeline.orchestration")


def test_the_pipeline_core_never_imports_dagster():
    # Statically (lazy imports inside functions included) ...
    offenders = {
        f"{path.name}: {name}"
        for path in sorted((ROOT / "vsme_pipeline" / "pipeline").glob("*.py"))
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FRAMEWORK)
    }
    assert not offenders
    # ... and at run time: importing every module of the core loads no Dagster module.
    code = ("import importlib, pkgutil, sys, vsme_pipeline.pipeline as p\n"
            "for m in pkgutil.iter_modules(p.__path__): importlib.import_module(f'vsme_pipeline.pipeline.{m.name}')\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('dagster', 'assets')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_implicit_job_equals_the_named_jobs():
    # An asset page's Materialize launches __ASSET_JOB (docs/pipeline.md): it must do what the
    # named jobs do, with the same executor, resources and per-asset config.
    implicit = defs.resolve_implicit_global_asset_job_def()
    implicit_ops = implicit.run_config_schema.config_type.fields["ops"].config_type.fields
    for name in ["company_sync_job", "validation_job", "metrics_job", "snapshots_job", "reporting_job"]:
        job = defs.resolve_job_def(name)
        assert job.executor_def is implicit.executor_def, name
        for key, resource in job.resource_defs.items():
            assert type(implicit.resource_defs[key]) is type(resource), (name, key)
        ops = job.run_config_schema.config_type.fields["ops"].config_type.fields
        for op, field in ops.items():
            assert implicit_ops[op].config_type.key == field.config_type.key, (name, op)
