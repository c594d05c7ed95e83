"""Change detection costs O(changed): what each stage reads is counted from the driver's command
monitoring (real driver, real embedded server), never timed.

A report *body* read is a ``find`` on ``reports`` without a projection; the documents its replies
return are counted by id. The planted change that bypasses ``metadata.updatedAt`` stands for a
direct database fix or a script that forgets the web app's bookkeeping: the incremental path cannot
see it (by design), the reconciliation (full mode) must, and must name it.
"""

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from bson import ObjectId
from pymongo import monitoring

from tests.pipeline.conftest import YEARS, stage_flow, stage_year
from vsme_pipeline.connections import Databases, open_databases, read_only
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.seed import seed_sample_data
from vsme_pipeline.settings import Settings


@dataclass
class Monitor(monitoring.CommandListener):
    """Commands per collection, and the ids of the report bodies the replies carried."""

    active: bool = False
    commands: Counter[str] = field(default_factory=Counter)
    bodies: list[Any] = field(default_factory=list)
    _body_requests: set[int] = field(default_factory=set)

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if not self.active:
            return
        self.commands[event.command_name] += 1
        command = event.command
        if event.command_name == "find" and command.get("find") == "reports" and not command.get("projection"):
            self._body_requests.add(event.request_id)
        if event.command_name == "getMore" and command.get("collection") == "reports":
            self._body_requests.add(event.request_id)  # continues a body cursor (projected ones are tiny)

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        if event.request_id in self._body_requests:
            self._body_requests.discard(event.request_id)
            cursor = event.reply.get("cursor") or {}
            self.bodies.extend(doc.get("_id") for doc in cursor.get("firstBatch", cursor.get("nextBatch", [])))

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._body_requests.discard(event.request_id)

    def reset(self) -> None:
        self.commands.clear()
        self.bodies.clear()

    @property
    def round_trips(self) -> int:
        return sum(self.commands.values())


MONITOR = Monitor()
monitoring.register(MONITOR)  # for clients opened from now on; it records only while active


@pytest.fixture
async def watched(test_settings: Settings) -> AsyncIterator[Databases]:
    """The test's databases, seeded with the sample data and taken through one full run, on
    clients the monitor watches."""
    async with open_databases(test_settings) as dbs:
        await seed_sample_data(dbs)
        await stage_flow(dbs)
        MONITOR.reset()
        MONITOR.active = True
        try:
            yield dbs
        finally:
            MONITOR.active = False
            MONITOR.reset()
            for database in (dbs.scope321, dbs.vsme_guru, dbs.reference):
                await database.client.drop_database(database.name)


async def a_snapshotted_report(dbs: Databases, year: int = 2024) -> dict[str, Any]:
    snapshot = await dbs.vsme_guru["report_snapshots"].find_one({"reportingYear": year})
    report: dict[str, Any] = await dbs.vsme_guru["reports"].find_one({"_id": snapshot["reportId"]})
    return report


async def _undated(dbs: Databases) -> tuple[list[dict[str, Any]], set[Any]]:
    """The sample's reports without a usable ``metadata.updatedAt`` (always considered) and the
    ids of the bodies their validation reads (themselves and last year's of their company)."""
    reports = dbs.vsme_guru["reports"]
    undated = [doc async for doc in reports.find({"metadata.updatedAt": {"$not": {"$type": "date"}}},
                                                 projection={"companyId": 1, "reportingYear": 1})]
    ids = {doc["_id"] for doc in undated}
    for doc in undated:
        async for previous in reports.find({"companyId": doc["companyId"], "reportingYear": doc["reportingYear"] - 1},
                                           projection={"_id": 1}):
            ids.add(previous["_id"])
    return undated, ids


async def test_an_unchanged_rerun_reads_no_report_body(watched):
    undated, undated_bodies = await _undated(watched)
    assert len(undated) == 1  # the sample's report the web app saved without metadata.updatedAt
    MONITOR.reset()

    runs = await stage_flow(watched)

    # no report body, but those of the report without updatedAt (always considered, and counted)
    assert set(MONITOR.bodies) == undated_bodies
    for year, stages in runs.items():
        always = sum(1 for doc in undated if doc["reportingYear"] == year)
        assert stages["report_validation"].extra["without_updated_at"] == always, year
        assert stages["report_validation"].processed == stages["report_validation"].skipped == always, year
        for name, stage in stages.items():
            assert stage.written == 0, (year, name)
            assert stage.extra["mode"] == "incremental", (year, name)
        assert stages["report_metrics"].processed == stages["report_snapshots"].processed == 0, year
    # a fixed number of small queries per stage and year, whatever the number of reports
    assert MONITOR.round_trips <= 10 + len(YEARS) * 3 * 10, MONITOR.commands


async def test_changing_one_report_reads_and_rewrites_only_that_report(watched):
    report = await a_snapshotted_report(watched)
    water = (report["modules"].get("b6") or {}).get("totalWaterWithdrawal") or 0
    await watched.vsme_guru["reports"].update_one({"_id": report["_id"]}, {"$set": {
        "modules.b6.totalWaterWithdrawal": float(water) + 10.0, "metadata.updatedAt": datetime.now(UTC)}})
    previous = await watched.vsme_guru["reports"].find_one(
        {"companyId": report["companyId"], "reportingYear": report["reportingYear"] - 1}, projection={"_id": 1})
    following = await watched.vsme_guru["reports"].find_one(
        {"companyId": report["companyId"], "reportingYear": report["reportingYear"] + 1}, projection={"_id": 1})
    MONITOR.reset()

    stages = await stage_year(watched, report["reportingYear"])

    assert {name: (stage.processed, stage.written) for name, stage in stages.items()} == {
        "report_validation": (1, 1), "report_metrics": (1, 1), "report_snapshots": (1, 1)}
    # bodies: the report itself (validation, metrics, snapshot) and last year's for the comparative rules
    assert Counter(MONITOR.bodies) == Counter({report["_id"]: 3, **({previous["_id"]: 1} if previous else {})})

    # the year after: only the report whose comparative (last year's) report changed is looked at
    MONITOR.reset()
    after = await stage_year(watched, report["reportingYear"] + 1)
    _, undated_bodies = await _undated(watched)
    always = after["report_validation"].extra["without_updated_at"]
    assert after["report_validation"].processed == (1 if following else 0) + always
    assert set(MONITOR.bodies) <= {following["_id"] if following else None, report["_id"], *undated_bodies}

    # and a second rerun inside the look-back window reads nothing again
    MONITOR.reset()
    await stage_year(watched, report["reportingYear"])
    assert set(MONITOR.bodies) <= undated_bodies


async def test_a_change_that_bypasses_updated_at_is_missed_by_incremental_and_caught_by_reconciliation(watched):
    report = await a_snapshotted_report(watched)
    water = (report["modules"].get("b6") or {}).get("totalWaterWithdrawal") or 0
    # planted: content changed, metadata.updatedAt left as it was (a direct fix, a careless script)
    await watched.vsme_guru["reports"].update_one({"_id": report["_id"]},
                                                  {"$set": {"modules.b6.totalWaterWithdrawal": float(water) + 7.0}})
    year = report["reportingYear"]

    incremental = await stage_year(watched, year)
    assert incremental["report_validation"].written == 0 and incremental["report_validation"].processed == 0

    reconciled = await stage_year(watched, year, full=True)
    validation = reconciled["report_validation"]
    assert validation.extra["mode"] == "full" and validation.written == 1
    assert validation.extra["missed_by_incremental"] == 1
    assert validation.extra["missed_ids"] == [str(report["_id"])]
    # downstream, the reconciled result is a change the incremental path sees: nothing missed there
    for name in ("report_metrics", "report_snapshots"):
        assert reconciled[name].written == 1, name
        assert reconciled[name].extra["missed_by_incremental"] == 0, name
    assert (await watched.vsme_guru["report_snapshots"].count_documents({"reportId": report["_id"]})) == 2

    # once reconciled, the next incremental run has nothing left to do
    again = await stage_year(watched, year)
    assert all(stage.written == 0 for stage in again.values())


async def _scope321_record(dbs: Databases, report: dict[str, Any], scope1_kg: float, updated: datetime) -> ObjectId:
    entry = await dbs.vsme_guru["company_directory"].find_one({"companyId": report["companyId"]})
    year = str(report["reportingYear"])
    emissions = {year: {"Scope1": scope1_kg, "Scope2": 1000.0, "Scope3": 1000.0, "TotalCo2": (scope1_kg + 2000.0) / 1000,
                        "Revenue": 1e6, "co2Intensity": 0.1, "locked": False, "updatedAt": updated}}
    result = await dbs.reference["companies"].insert_one({"OrgId": entry["organizationId"], "CompanyName": "x",
                                                          "Emissions": emissions})
    return result.inserted_id


def _scope1_notes(metrics: dict[str, Any]) -> list[str]:
    return next(m for m in metrics["metrics"] if m["key"] == "b3.scope1_tco2e").get("notes", [])


async def test_a_scope321_change_recomputes_the_metrics_it_feeds(watched):
    report = await a_snapshotted_report(watched)
    year = report["reportingYear"]
    stated = report["modules"]["b3"]["scope1Emissions"]
    record_id = await _scope321_record(watched, report, stated * 1000, datetime.now(UTC))  # agrees: no warning
    first = await compute_year(watched.vsme_guru, read_only(watched.reference), year)
    assert first.written >= 1  # the new record is part of the inputs fingerprint
    before = await watched.vsme_guru["report_metrics"].find_one({"reportId": report["_id"]}, sort=[("version", -1)])
    assert not any("warning" in note for note in _scope1_notes(before))

    # Scope321 changes its emissions (and its updatedAt, as its writer does)
    MONITOR.reset()
    await watched.reference["companies"].update_one({"_id": record_id}, {"$set": {
        f"Emissions.{year}.Scope1": stated * 3000, f"Emissions.{year}.TotalCo2": (stated * 3000 + 2000.0) / 1000,
        f"Emissions.{year}.updatedAt": datetime.now(UTC)}})
    changed = await compute_year(watched.vsme_guru, read_only(watched.reference), year)

    assert changed.written == 1 and changed.processed == 1
    after = await watched.vsme_guru["report_metrics"].find_one({"reportId": report["_id"]}, sort=[("version", -1)])
    assert after["version"] == before["version"] + 1
    assert any(f"{stated * 3:g} tCO2e" in note for note in _scope1_notes(after))
    # one query for the batch's Scope321 records, not one per report
    assert MONITOR.bodies == [report["_id"]]

    # a Scope321 edit that leaves updatedAt alone: the incremental path misses it, the reconciliation does not
    await watched.reference["companies"].update_one({"_id": record_id}, {"$set": {f"Emissions.{year}.locked": True}})
    assert (await compute_year(watched.vsme_guru, read_only(watched.reference), year)).written == 0
    full = await compute_year(watched.vsme_guru, read_only(watched.reference), year, full=True)
    assert full.written == 1 and full.extra["missed_by_incremental"] == 1
    assert full.extra["missed_ids"] == [str(report["_id"])]


async def test_a_rule_set_change_makes_the_next_run_full(watched, monkeypatch):
    from vsme_pipeline.pipeline import validation_stage

    monkeypatch.setattr(validation_stage, "inputs_hash", lambda: "sha256:another-rule-set")
    stage = await validate_year(watched.vsme_guru, 2024)
    assert stage.extra["mode"] == "full" and "global inputs" in stage.extra["mode_reason"]
    assert stage.processed == await watched.vsme_guru["reports"].count_documents({"reportingYear": 2024})
