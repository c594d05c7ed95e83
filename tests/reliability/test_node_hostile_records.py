"""Hostile records written by the web app's own driver (Node.js ``mongodb``, most with
``bypassDocumentValidation`` as documents stored before a validator existed), next to the sample
data; then the whole flow: no stage crashes, each bad record is named by id and field path, every
good record is validated (and, when it passes, computed and snapshotted), nothing read is changed.

The writer is ``tests/fixtures/node/write_hostile_records.mjs`` (setup.sh installs its driver)."""

import json
import shutil
import subprocess
from typing import Any

import pytest
from bson import ObjectId, json_util

from tests.pipeline.conftest import run_db
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.stage import StageReport
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.settings import PROJECT_ROOT, load_settings

WRITER = PROJECT_ROOT / "tests" / "fixtures" / "node" / "write_hostile_records.mjs"
SAMPLE_YEARS = (2023, 2024, 2025)
# setup.sh installs the driver wherever node is present; without node this writer cannot run
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed on this machine")


async def _write_with_node(databases: Any) -> list[dict[str, Any]]:
    template_report = await databases.vsme_guru["reports"].find_one({"reportingYear": 2024, "status": "completed"})
    assert template_report is not None
    template_company = await databases.scope321["companies"].find_one({"_id": template_report["companyId"]})
    host, port = await databases.vsme_guru.client.address  # type: ignore[misc]
    written = subprocess.run(
        ["node", str(WRITER), f"mongodb://{host}:{port}", databases.vsme_guru.name, databases.scope321.name],
        input=json_util.dumps({"report": template_report, "company": template_company},
                              json_options=json_util.CANONICAL_JSON_OPTIONS),
        check=True, capture_output=True, text=True, timeout=120, cwd=WRITER.parent,
    )
    rows = json.loads(written.stdout)
    for row in rows:
        row["id"] = json_util.loads(row["id"])
    return rows


async def _state(databases: Any) -> dict[str, list[str]]:
    return {"reports": sorted(repr(d) for d in await databases.vsme_guru["reports"].find({}).to_list()),
            "companies": sorted(repr(d) for d in await databases.scope321["companies"].find({}).to_list())}


async def _flow(databases: Any, years: list[int]) -> list[StageReport]:
    source, target = read_only(databases.scope321), databases.vsme_guru
    stages = [await sync_companies(source, target, full=True)]
    for year in years:  # any StageFailed here is a crash: the test fails on it
        stages.append(await validate_year(target, year))
        stages.append(await compute_year(target, read_only(databases.reference), year))
        stages.append(await snapshot_year(target, year, {"scope321": None, "vsme_guru": None}))
    return stages


def _named(text: str, record_id: Any, path: str) -> bool:
    shown = str(record_id) if isinstance(record_id, ObjectId) else repr(record_id)[:20]
    return shown in text and path.split(".")[-1] in text


def test_hostile_records_written_by_the_node_driver_are_named_and_good_ones_flow(seeded):
    async def go(databases: Any) -> None:
        rows = await _write_with_node(databases)
        refused = [r for r in rows if not r["written"]]
        assert not refused, f"the server refused what the app's driver can write: {refused}"
        before = await _state(databases)
        years = sorted({*SAMPLE_YEARS, 2029, *range(2030, 2030 + len(rows))})
        stages = await _flow(databases, years)
        target = databases.vsme_guru
        problems = "\n".join(p for s in stages for p in s.problems)
        sync_findings = "\n".join(stages[0].extra.get("source_findings", []))

        for row in rows:
            record_id, path = row["id"], row["path"]
            if path is None:
                continue  # the good one, below
            if row["collection"] == "companies":
                assert _named(problems + "\n" + sync_findings, record_id, path), (path, problems, sync_findings)
                continue
            result = await target["validation_results"].find_one({"reportId": record_id}) \
                if isinstance(record_id, ObjectId) else None
            at_path = [f for f in (result or {}).get("findings", [])
                       if f["path"] == path or f["path"].startswith(f"{path}.") or f["path"].startswith(f"{path}[")]
            if result is not None and at_path:
                assert not result["passed"], (path, result["findings"])
                assert all(f["severity"] == "error" for f in at_path), (path, at_path)
            else:  # not even keyed or in no year: named in a stage's problems by id and field
                assert result is None, (path, "validated without a finding at its path", result)
                assert _named(problems, record_id, path), (path, record_id, problems)

        # every good report (the sample data's and the one the app wrote normally) is validated;
        # the passing ones are computed, the passing completed ones snapshotted
        bad = {r["id"] for r in rows if r["path"] is not None and r["collection"] == "reports"}
        good = [d async for d in target["reports"].find({"reportingYear": {"$in": [*SAMPLE_YEARS, 2029]}})
                if d["_id"] not in bad]
        assert any(d["reportingYear"] == 2029 for d in good)
        for doc in good:
            result = await target["validation_results"].find_one({"reportId": doc["_id"]})
            assert result is not None, doc["_id"]
            if result["passed"]:
                assert await target["report_metrics"].find_one({"reportId": doc["_id"]}) is not None
                if doc["status"] == "completed":
                    assert await target["report_snapshots"].find_one({"reportId": doc["_id"]}) is not None
        # every good company reaches the directory
        hostile_companies = {r["id"] for r in rows if r["collection"] == "companies"}
        async for company in databases.scope321["companies"].find({"_id": {"$nin": list(hostile_companies)}}):
            assert await target["company_directory"].find_one({"companyId": company["_id"]}) is not None
        assert await _state(databases) == before, "nothing read was changed or deleted"

    run_db(load_settings(), go)
