"""The embedded server SIGKILLed during ``vsme run`` (right after the first snapshot bulk write):
the run fails clearly within the configured timeouts (non-zero exit, one-line errors naming the
server, no traceback); after a restart the rerun is clean and its outputs are those of an
uninterrupted run, with no duplicate version and one audit event per snapshot.

This test has its own embedded server (not the session's): it is the one that gets killed."""

import os
import signal
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.pipeline.conftest import run_db
from tests.reliability.test_kill_between_snapshot_and_audit import run_child
from vsme_pipeline.embedded_db import read_state, start, stop
from vsme_pipeline.settings import load_settings

YEAR = "2024"
TIMEOUTS = {"VSME_SERVER_SELECTION_TIMEOUT_MS": "2000", "VSME_CONNECT_TIMEOUT_MS": "2000",
            "VSME_SOCKET_TIMEOUT_MS": "10000"}


@pytest.fixture
def own_server(tmp_path: Path, database_names: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Any:
    directory = tmp_path / "killed-server"
    directory.mkdir()
    monkeypatch.setenv("VSME_EMBEDDED_DIR", str(directory))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    (tmp_path / "dagster").mkdir()
    monkeypatch.setenv("COLUMNS", "1000")  # rich: one line per message, as read by a log collector
    for key, value in TIMEOUTS.items():
        monkeypatch.setenv(key, value)
    start(directory)
    yield directory
    stop(directory)


def _use_databases(monkeypatch: pytest.MonkeyPatch) -> None:
    suffix = uuid.uuid4().hex[:10]
    monkeypatch.setenv("SCOPE321_DATABASE_NAME", f"scope321_{suffix}")
    monkeypatch.setenv("VSME_GURU_DATABASE_NAME", f"vsme_guru_{suffix}")
    monkeypatch.setenv("EXTERNAL_DATABASE_NAME", f"co2-intensities-test_{suffix}")


async def _outputs(databases: Any) -> dict[str, Any]:
    target = databases.vsme_guru
    snapshots = await target["report_snapshots"].find({}).to_list()
    events = await target["audit_events"].find({"kind": "snapshot_created"}).to_list()
    return {
        "snapshots": sorted((str(s["reportId"]), s["reportingYear"], s["version"], s["contentHash"]) for s in snapshots),
        "versions": Counter((str(s["companyId"]), s["reportingYear"], s["version"]) for s in snapshots),
        "events": sorted((str(e["companyId"]), e["reportingYear"], e["details"]["version"]) for e in events),
        "validations": sorted((str(v["reportId"]), v["passed"]) for v in await target["validation_results"].find({}).to_list()),
        "metrics": sorted((str(m["reportId"]), m["version"]) for m in await target["report_metrics"].find({}).to_list()),
    }


def test_server_killed_mid_run_fails_clearly_then_a_rerun_is_clean(own_server, monkeypatch):
    server_pid = read_state(own_server).pid
    began = time.monotonic()
    killed = run_child("cli", "run", "--years", YEAR, fault="kill-server", timeout=180)
    elapsed = time.monotonic() - began
    output = killed.stdout + killed.stderr
    assert killed.returncode == 1, (killed.returncode, output[-3000:])
    # the server really was killed (it is this process's child: reap it; a later connection may start a new one)
    pid, status = os.waitpid(server_pid, os.WNOHANG)
    assert pid == server_pid and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (pid, status)
    assert "Traceback" not in output and "Stack Trace" not in output, output[-3000:]
    # one line names the failed stage, what it had written and the server it lost
    failed = [line for line in killed.stderr.splitlines() if line.startswith("stage failed: report_snapshots")]
    assert len(failed) == 1, killed.stderr[-3000:]
    assert f"({YEAR}: StageFailed: report_snapshots stopped after writing" in failed[0], failed
    assert "ServerSelectionTimeoutError" in failed[0] and "127.0.0.1:" in failed[0], failed
    assert "Topology Description" not in output
    assert elapsed < 120, elapsed

    start(own_server)
    rerun = run_child("cli", "run", "--years", YEAR, fault="", timeout=180)
    assert rerun.returncode == 0, (rerun.stdout + rerun.stderr)[-3000:]
    assert "Traceback" not in rerun.stdout + rerun.stderr
    after_kill = run_db(load_settings(), _outputs)
    assert after_kill["snapshots"], "the sample year has snapshots"
    assert all(n == 1 for n in after_kill["versions"].values()), after_kill["versions"]
    assert after_kill["events"] == sorted(after_kill["versions"]), "one snapshot_created event per snapshot"

    _use_databases(monkeypatch)  # the same flow, never interrupted, in databases of its own
    uninterrupted = run_child("cli", "run", "--years", YEAR, fault="", timeout=180)
    assert uninterrupted.returncode == 0, (uninterrupted.stdout + uninterrupted.stderr)[-3000:]
    reference = run_db(load_settings(), _outputs)
    assert {k: v for k, v in after_kill.items() if k != "snapshots"} == \
        {k: v for k, v in reference.items() if k != "snapshots"}
    # the same reports snapshotted into the same versions with the same content
    # (report ids are the sample data's own, so equal across the two sets of databases)
    assert after_kill["snapshots"] == reference["snapshots"]
