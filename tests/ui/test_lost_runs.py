"""A run whose process died (SIGKILL, lost machine) is marked failed on the next start of vsme."""

import subprocess
import sys

import dagster as dg

from vsme_pipeline.definitions import defs
from vsme_pipeline.orchestration.instance import PID_TAG, fail_lost_runs, process_tags


def _started_run(instance: dg.DagsterInstance, tags: dict[str, str]) -> dg.DagsterRun:
    job = defs.resolve_job_def("company_sync_job")
    run = instance.create_run_for_job(job_def=job, tags=tags)
    instance.handle_new_event(dg.EventLogEntry(
        error_info=None, level="DEBUG", user_message="", run_id=run.run_id, timestamp=0.0,
        dagster_event=dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job.name)))
    return instance.get_run_by_id(run.run_id)  # type: ignore[return-value]


def test_a_run_of_a_dead_process_is_marked_failed_and_a_live_one_is_kept():
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with dg.instance_for_test() as instance:
        lost = _started_run(instance, {**process_tags(), PID_TAG: str(dead.pid)})
        alive = _started_run(instance, process_tags())
        assert instance.get_run_by_id(lost.run_id).status == dg.DagsterRunStatus.STARTED
        assert fail_lost_runs(instance) == [lost.run_id]
        assert instance.get_run_by_id(lost.run_id).status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(alive.run_id).status == dg.DagsterRunStatus.STARTED
        assert fail_lost_runs(instance) == []
