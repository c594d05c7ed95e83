"""Run configs of the jobs, built in one place (schedules, sensors, ``vsme run``, tests)."""

from typing import Any

QUIET_LOGS: dict[str, Any] = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
"""Keeps Dagster's console logger to warnings (``vsme run`` prints its own summary; the full event
log is in the instance and the UI)."""


def run_config(*, full_sync: bool | None = None, export_dir: str | None = None, quiet: bool = False) -> dict[str, Any]:
    """The run config of a job of this code location.

    ``full_sync``: the company sync's mode (``None``: the asset's default, incremental);
    ``export_dir``: also export the snapshots as JSON files there; ``quiet``: console logs at
    warning level only."""
    config: dict[str, Any] = dict(QUIET_LOGS) if quiet else {}
    ops: dict[str, Any] = {}
    if full_sync is not None:
        ops["company_directory"] = {"config": {"full": full_sync}}
    if export_dir:
        ops["report_snapshots"] = {"config": {"export_dir": export_dir}}
    if ops:
        config["ops"] = ops
    return config


def sync_run_config(*, full: bool, quiet: bool = False) -> dict[str, Any]:
    """The company sync's run config: ``full`` reconciliation or incremental."""
    return run_config(full_sync=full, quiet=quiet)
