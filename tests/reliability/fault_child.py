"""Test-only child process of the fault tests: the real pipeline, with one fault injected.

``python -m tests.reliability.fault_child stages YEAR BATCH`` syncs companies, then validates,
computes and snapshots ``YEAR`` in the databases named by the environment (the parent's test
databases); ``python -m tests.reliability.fault_child cli ARGS...`` runs the ``vsme`` command.

``VSME_TEST_FAULT`` picks the fault, fired right after the first snapshot bulk write of the run
and before its ``audit_events`` write (the snapshot stage's ``write_events``):

- ``kill-self``: the process SIGKILLs itself (no cleanup, no ``finally``: a real kill);
- ``kill-server``: the embedded server (its pid from ``$VSME_EMBEDDED_DIR/server.json``) is
  SIGKILLed, and the run goes on against a server that is gone.

The product code is unchanged: the fault is a monkeypatch of this process only.
"""

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from vsme_pipeline.pipeline import snapshot_stage


def _install_fault(fault: str) -> None:
    original = snapshot_stage.write_events

    async def write_events(target: Any, events: list[dict[str, Any]]) -> int:
        if fault == "kill-self":
            os.kill(os.getpid(), signal.SIGKILL)
        if fault == "kill-server":
            state = json.loads((Path(os.environ["VSME_EMBEDDED_DIR"]) / "server.json").read_text())
            os.kill(int(state["pid"]), signal.SIGKILL)
        return await original(target, events)

    snapshot_stage.write_events = write_events  # type: ignore[assignment]


async def _stages(year: int, batch_size: int) -> None:
    from vsme_pipeline.connections import open_databases, read_only
    from vsme_pipeline.odm import init_documents
    from vsme_pipeline.pipeline.company_sync import sync_companies
    from vsme_pipeline.pipeline.metrics_stage import compute_year
    from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
    from vsme_pipeline.pipeline.validation_stage import validate_year
    from vsme_pipeline.settings import load_settings

    async with open_databases(load_settings()) as databases:
        await init_documents(databases, create_indexes=False)  # as a Dagster resource does
        target = databases.vsme_guru
        stages = (
            lambda: sync_companies(read_only(databases.scope321), target, full=True),
            lambda: validate_year(target, year),
            lambda: compute_year(target, read_only(databases.reference), year),
            lambda: snapshot_year(target, year, {"scope321": None, "vsme_guru": None}, batch_size=batch_size),
        )
        for stage in stages:
            report = await stage()
            print(f"{report.stage}: processed {report.processed} written {report.written} failed {report.failed}",
                  flush=True)
            for problem in report.problems[:3]:
                print(f"  {problem}", flush=True)

def main(argv: list[str]) -> None:
    fault = os.environ.get("VSME_TEST_FAULT", "")
    if fault:
        _install_fault(fault)
    if argv[0] == "stages":
        asyncio.run(_stages(int(argv[1]), int(argv[2])))
    elif argv[0] == "cli":
        from vsme_pipeline.cli.main import app

        app(argv[1:], prog_name="vsme")
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
