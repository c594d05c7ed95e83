"""A real SIGKILL of the pipeline between a snapshot's bulk write and its ``audit_events`` write,
then a rerun: every snapshot has exactly one ``snapshot_created`` event, no version is duplicated,
and a further rerun writes nothing."""

import os
import signal
import subprocess
import sys
from collections import Counter
from typing import Any

from tests.pipeline.conftest import run_db
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.settings import PROJECT_ROOT

YEAR = 2024  # the sample data's year with completed, passing reports
BATCH = 2  # small batches: the kill lands after the first of several snapshot bulk writes


def run_child(*args: str, fault: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``tests/reliability/fault_child.py`` in a fresh interpreter, with this test's environment
    (embedded server, database names, ``VSME_ENV=test``) and the fault ``fault``."""
    env = {**os.environ, "VSME_TEST_FAULT": fault, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "tests.reliability.fault_child", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


async def _snapshots_and_events(databases: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    target = databases.vsme_guru
    snapshots = await target["report_snapshots"].find({"reportingYear": YEAR}).to_list()
    events = await target["audit_events"].find({"kind": "snapshot_created", "reportingYear": YEAR}).to_list()
    return snapshots, events


def test_sigkill_between_snapshot_and_audit_event_is_repaired_by_the_rerun(seeded):
    child = run_child("stages", str(YEAR), str(BATCH), fault="kill-self")
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stdout, child.stderr[-2000:])
    # the child got as far as the snapshot stage: the upstream stages ran in it
    assert "report_metrics: processed" in child.stdout, child.stdout

    snapshots, events = run_db(seeded, _snapshots_and_events)
    assert 0 < len(snapshots), "the kill came before any snapshot was written"
    assert events == [], "the kill came after the audit_events write"
    assert all(isinstance(s.get("audit"), dict) for s in snapshots)  # the event travels with the snapshot

    async def rerun(databases: Any) -> Any:
        return await snapshot_year(databases.vsme_guru, YEAR, {"scope321": None, "vsme_guru": None}, batch_size=BATCH)

    first = run_db(seeded, rerun)
    assert first.failed == 0, first.problems
    assert first.extra.get("audit_events_repaired") == len(snapshots)
    assert first.written > 0  # the snapshots the kill kept from being written

    snapshots, events = run_db(seeded, _snapshots_and_events)
    versions = Counter((s["companyId"], s["version"]) for s in snapshots)
    assert all(n == 1 for n in versions.values()), versions
    per_snapshot = Counter((e["companyId"], e["details"]["version"]) for e in events)
    assert per_snapshot == Counter(versions.keys()), (per_snapshot, versions)
    for snapshot in snapshots:
        assert any(e["_id"] == snapshot["audit"]["_id"] for e in events)

    second = run_db(seeded, rerun)
    assert (second.written, second.failed, second.extra.get("audit_events_repaired")) == (0, 0, None)
    assert run_db(seeded, _snapshots_and_events) == (snapshots, events)
