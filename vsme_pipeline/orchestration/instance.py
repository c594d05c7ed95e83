"""The persistent Dagster instance of ``vsme run`` / ``vsme ui`` and the repair of lost runs."""

import os
import socket
from pathlib import Path

import dagster as dg

from vsme_pipeline.embedded_db.control import process_alive
from vsme_pipeline.settings import PROJECT_ROOT

DAGSTER_YAML = """# Dagster instance of vsme-pipeline (created by `vsme run` / `vsme ui`; local runs, SQLite storage).
telemetry:
  enabled: false
# The daemon marks runs whose worker process died as failed (UI launches).
run_monitoring:
  enabled: true
  poll_interval_seconds: 30
"""

PID_TAG = "vsme/pid"
HOST_TAG = "vsme/host"
IN_PROGRESS = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


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


def process_tags() -> dict[str, str]:
    """Tags naming the process that executes a run in-process (read by :func:`fail_lost_runs`)."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def _run_pid(instance: dg.DagsterInstance, run: dg.DagsterRun) -> int | None:
    """The process that executes ``run``: the ``vsme/pid`` tag (``vsme run``), else the pid of the
    run's latest event (the run worker of a UI launch)."""
    if run.tags.get(HOST_TAG) not in (None, socket.gethostname()):
        return None  # another machine's run: not ours to judge
    if PID_TAG in run.tags:
        return int(run.tags[PID_TAG])
    records = instance.get_records_for_run(run.run_id, limit=1, ascending=False).records
    event = records[0].event_log_entry.dagster_event if records else None
    return event.pid if event is not None else None


def fail_lost_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark as failed the in-progress runs of this machine whose process no longer exists (killed,
    or the machine restarted); returns their run ids."""
    lost: list[str] = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=IN_PROGRESS)):
        pid = _run_pid(instance, run)
        if pid is None or pid == os.getpid() or process_alive(pid):
            continue
        instance.report_run_failed(run, f"The process of this run (pid {pid}) no longer exists: it was killed or lost "
                                        "its machine. Marked failed on the next start of vsme.")
        lost.append(run.run_id)
    return lost
