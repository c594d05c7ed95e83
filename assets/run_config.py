"""Run configs of the jobs, built in one place (schedules, sensors, ``vsme run``, tests)."""

from collections.abc import Sequence
from typing import Any

QUIET_LEVEL = "WARNING"
"""Dagster's console logger level of a quiet run (``vsme run`` prints its own summary; the full
event log is in the instance and the UI)."""


REPORTING_ASSETS = ("report_validation", "report_metrics", "report_snapshots")


def run_config(*, full_sync: bool | None = None, export_dir: str | None = None, quiet: bool = False,
               full_reporting: bool = False, full_assets: Sequence[str] = (),
               console_level: str | None = None, filings_dir: str | None = None) -> dict[str, Any]:
    """The run config of a job of this code location.

    ``full_sync``: the company sync's mode (``None``: the asset's default, incremental);
    ``full_reporting``: validation, metrics and snapshots read every record of the year (the
    reconciliation; the job must select those three assets); ``full_assets``: only these reporting
    assets in full mode (those the job selects, e.g. ``("report_snapshots",)`` for ``snapshots_job``);
    ``export_dir``: also export the snapshots as JSON files there; ``quiet``: console logs at
    warning level only (:data:`QUIET_LEVEL`); ``console_level``: at this level instead;
    ``filings_dir``: where ``report_filings`` writes (default: under the embedded database's directory)."""
    level = console_level or (QUIET_LEVEL if quiet else None)
    config: dict[str, Any] = {"loggers": {"console": {"config": {"log_level": level}}}} if level else {}
    ops: dict[str, Any] = {}
    if full_sync is not None:
        ops["company_directory"] = {"config": {"full": full_sync}}
    for name in REPORTING_ASSETS if full_reporting else full_assets:
        if name not in REPORTING_ASSETS:
            raise ValueError(f"{name!r} has no full mode; reporting assets: {', '.join(REPORTING_ASSETS)}")
        ops[name] = {"config": {"full": True}}
    if export_dir:
        ops.setdefault("report_snapshots", {"config": {}})["config"]["export_dir"] = export_dir
    if filings_dir:
        ops["report_filings"] = {"config": {"out_dir": filings_dir}}
    if ops:
        config["ops"] = ops
    return config


def sync_run_config(*, full: bool, quiet: bool = False) -> dict[str, Any]:
    """The company sync's run config: ``full`` reconciliation or incremental."""
    return run_config(full_sync=full, quiet=quiet)


def reconciliation_run_config(*, quiet: bool = False) -> dict[str, Any]:
    """The nightly reconciliation's run config: the reporting stages in full mode."""
    return run_config(full_reporting=True, quiet=quiet)
