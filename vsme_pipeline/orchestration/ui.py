"""``vsme ui``: ``dg dev`` (webserver, daemon, code server) supervised as one process group.

``dg dev`` (dagster-dg-cli) replaces the superseded ``dagster dev``. It is started in a session of
its own, so that every process it starts (webserver, daemon, code servers, run workers) is in one
process group. On SIGINT (Ctrl-C) or SIGTERM the supervisor sends SIGINT to that group (Dagster's
own orderly shutdown), waits up to ``shutdown_timeout_s`` for the group to be empty, then sends
SIGKILL to what is left: ``dagster dev`` itself waits up to 60 s per child, which is how its
processes outlived a Ctrl-C by more than 40 s. A run killed that way is marked failed on the next
``vsme run`` / ``vsme ui`` (:func:`vsme_pipeline.orchestration.instance.fail_lost_runs`).

What an orderly stop costs is mostly not Dagster's shutdown but each interpreter's final garbage
collection (0.7–2.5 s per process on a loaded 2-core machine, six processes, partly one after the
other): the processes start with :mod:`quick_exit <vsme_pipeline.orchestration.quick_exit.sitecustomize>`
on ``PYTHONPATH`` (:func:`dev_environment`), which skips it, and the supervisor skips its own
(:func:`run_supervised`). Measured under load: 6.7–9.3 s → 0.5–1.0 s from the signal to the last process gone.
"""

import gc
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

SHUTDOWN_TIMEOUT_S = 10.0
"""Default grace for Dagster's orderly shutdown before the group is killed."""
POLL_S = 0.1
QUICK_EXIT_DIR = Path(__file__).resolve().parent / "quick_exit"
"""Directory of the ``sitecustomize`` that skips the final garbage collection of Dagster's processes."""


def dev_command(workspace: Path, host: str, port: int) -> list[str]:
    """The ``dg dev`` command line for ``workspace`` on ``host:port``."""
    dg = Path(sys.executable).with_name("dg")
    return [str(dg) if dg.exists() else "dg", "dev", "-w", str(workspace), "-h", host, "-p", str(port)]


def dev_environment(base: Mapping[str, str], dagster_home: Path) -> dict[str, str]:
    """The environment of ``dg dev``: ``base`` with ``DAGSTER_HOME`` and :data:`QUICK_EXIT_DIR`
    first on ``PYTHONPATH`` (inherited by every process Dagster starts)."""
    path = [str(QUICK_EXIT_DIR), *(p for p in base.get("PYTHONPATH", "").split(os.pathsep) if p)]
    return {**base, "DAGSTER_HOME": str(dagster_home), "PYTHONPATH": os.pathsep.join(path)}


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of process group ``pgid`` (Linux ``/proc``; elsewhere a
    ``killpg`` probe that may count zombies)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return []
        return [pgid]
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _wait_until_empty(process: subprocess.Popen[bytes], pgid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        process.poll()  # reap the leader, which is this process's child
        if not group_members(pgid):
            return True
        time.sleep(POLL_S)
    process.poll()
    return not group_members(pgid)


def stop_group(process: subprocess.Popen[bytes], shutdown_timeout_s: float) -> bool:
    """SIGINT to the group, then SIGKILL after ``shutdown_timeout_s``; True if it stopped in time."""
    pgid = process.pid
    _signal_group(pgid, signal.SIGINT)
    if _wait_until_empty(process, pgid, shutdown_timeout_s):
        return True
    _signal_group(pgid, signal.SIGKILL)
    _wait_until_empty(process, pgid, 5.0)
    return False


def run_supervised(command: list[str], *, env: Mapping[str, str], cwd: Path,
                   shutdown_timeout_s: float = SHUTDOWN_TIMEOUT_S) -> int:
    """Run ``command`` in its own session until it exits or this process gets SIGINT/SIGTERM;
    return its exit code, or 0 after a requested stop (the group stopped by itself in time, or
    was killed after ``shutdown_timeout_s``: a line on stderr says so)."""
    received: list[int] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    process = subprocess.Popen(command, cwd=cwd, env=dict(env), start_new_session=True)
    try:
        while process.poll() is None and not received:
            time.sleep(POLL_S)
        if not received:
            _wait_until_empty(process, process.pid, shutdown_timeout_s)  # what it left behind
            return process.returncode
        if not stop_group(process, shutdown_timeout_s):
            print(f"Dagster did not stop within {shutdown_timeout_s:g} s: its processes were killed", file=sys.stderr)
        return 0
    finally:
        if group_members(process.pid):  # an unexpected error above: never leave the group behind
            _signal_group(process.pid, signal.SIGKILL)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        gc.freeze()  # the supervisor's exit, too, needs no final collection (see the module's docstring)
