"""The fixed cost per stage and year of an incremental run, counted from the driver's command
monitoring (never timed): one state read per stage and year, the findings tally kept with the
validation state when nothing was written, and the audit-copy repair only after a run that wrote snapshots
and did not finish. Results are the same as the per-year reads give."""

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from pymongo import monitoring

from vsme_pipeline.connections import Databases, open_databases, read_only
from vsme_pipeline.pipeline import snapshot_stage
from vsme_pipeline.pipeline.change_detection import STATE, begin, commit, state_id
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.metrics_stage import STAGE as METRICS_STAGE
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.migration_state import migration_revisions
from vsme_pipeline.pipeline.outputs import OutputValueError
from vsme_pipeline.pipeline.snapshot_stage import STAGE as SNAPSHOTS_STAGE
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.stage import StageFailed, StageReport
from vsme_pipeline.pipeline.validation_stage import STAGE as VALIDATION_STAGE
from vsme_pipeline.pipeline.validation_stage import validate_year, year_findings
from vsme_pipeline.seed import seed_sample_data
from vsme_pipeline.settings import Settings

YEARS = (2023, 2024, 2025)
STAGES = (VALIDATION_STAGE, METRICS_STAGE, SNAPSHOTS_STAGE)


@dataclass
class Commands(monitoring.CommandListener):
    """(command, collection) of every command sent while active; the pipelines of aggregations."""

    active: bool = False
    sent: Counter[tuple[str, str]] = field(default_factory=Counter)
    pipelines: list[list[dict[str, Any]]] = field(default_factory=list)

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if self.active:
            self.sent[(event.command_name, str(event.command.get(event.command_name)))] += 1
            if event.command_name == "aggregate":
                self.pipelines.append(list(event.command.get("pipeline", [])))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass

    def on(self, collection: str) -> int:
        return sum(n for (_, name), n in self.sent.items() if name == collection)

    def findings_tallies(self) -> int:
        return sum(1 for pipeline in self.pipelines if {"$unwind": "$findings"} in pipeline)


COMMANDS = Commands()
monitoring.register(COMMANDS)  # for clients opened from now on; it records only while active


@pytest.fixture
async def run_once(test_settings: Settings) -> AsyncIterator[Databases]:
    """The sample data taken through one full run, on clients the listener watches."""
    async with open_databases(test_settings) as dbs:
        await seed_sample_data(dbs)
        await run_all(dbs)
        COMMANDS.sent.clear()
        COMMANDS.pipelines.clear()
        COMMANDS.active = True
        try:
            yield dbs
        finally:
            COMMANDS.active = False
            for database in (dbs.scope321, dbs.vsme_guru, dbs.reference):
                await database.client.drop_database(database.name)


async def run_all(dbs: Databases) -> dict[int, dict[str, Any]]:
    """Each year's stages as a Dagster run calls them (the revisions read only for a snapshot)."""
    source, target, reference = read_only(dbs.scope321), dbs.vsme_guru, read_only(dbs.reference)
    await sync_companies(source, target)
    runs: dict[int, dict[str, Any]] = {}
    for year in YEARS:
        runs[year] = {"validation": await validate_year(target, year),
                      "metrics": await compute_year(target, reference, year),
                      "snapshots": await snapshot_year(target, year, lambda: migration_revisions(source, target, reference))}
    return runs


def _tally(report: Any) -> dict[tuple[str, str, str], int]:
    return dict(report.findings.counts)


async def _edit_a_snapshotted_report(dbs: Databases, year: int = 2024) -> Any:
    snapshot = await dbs.vsme_guru["report_snapshots"].find_one({"reportingYear": year})
    assert snapshot is not None
    await dbs.vsme_guru["reports"].update_one({"_id": snapshot["reportId"]}, {"$set": {
        "generalDisclosures.otherGeneralInformation": "Edited for the fixed-cost test.",
        "metadata.updatedAt": datetime.now(UTC)}})
    return snapshot["reportId"]


@pytest.mark.usefixtures("embedded_dir")
async def test_unchanged_rerun_keeps_the_tally_and_skips_the_audit_repair(run_once: Databases) -> None:
    target = run_once.vsme_guru
    runs = await run_all(run_once)
    assert COMMANDS.sent[("find", STATE)] == len(STAGES) * len(YEARS)  # each stage reads its own state
    assert COMMANDS.sent[("update", STATE)] == 0  # nothing new seen: every stored state stays valid
    assert COMMANDS.on("_migrations") == 0  # no snapshot written: the revisions are not read
    assert COMMANDS.findings_tallies() == 0  # the tallies came from the states
    assert COMMANDS.on("audit_events") == 0  # no repair count (no run left snapshots without copies), and no
    # erased-contact digests read by the company sync (no company to write)
    for year in YEARS:
        assert runs[year]["validation"].written == 0
        assert _tally(runs[year]["validation"]) == dict((await year_findings(target, year)).counts), year
    assert sum(sum(_tally(runs[year]["validation"]).values()) for year in YEARS) > 0  # the sample has findings

    edited = await _edit_a_snapshotted_report(run_once)
    COMMANDS.pipelines.clear()
    after_edit = await run_all(run_once)
    assert after_edit[2024]["validation"].written == 1 and after_edit[2024]["snapshots"].written == 1, edited
    snapshotted = [year for year in YEARS if after_edit[year]["snapshots"].written]
    assert COMMANDS.on("_migrations") == 3 * len(snapshotted)  # once per year that wrote snapshots, per database
    snapshot = await target["report_snapshots"].find_one({"reportId": edited}, sort=[("version", -1)])
    assert snapshot is not None and set(snapshot["migrationRevisions"]) == {"scope321", "vsmeGuru", "reference"}
    assert after_edit[2024]["snapshots"].extra["migration_revisions"] == snapshot["migrationRevisions"]
    written = [year for year in YEARS if after_edit[year]["validation"].written]
    assert 2024 in written and 2023 not in written  # 2025 too when the comparative rules changed a result
    assert COMMANDS.findings_tallies() == len(written)  # aggregated again for the years written
    for year in YEARS:
        assert _tally(after_edit[year]["validation"]) == dict((await year_findings(target, year)).counts), year


@pytest.mark.usefixtures("embedded_dir")
async def test_snapshots_left_without_audit_copies_by_an_incremental_run_are_repaired(
        run_once: Databases, monkeypatch: pytest.MonkeyPatch) -> None:
    target, reference = run_once.vsme_guru, read_only(run_once.reference)
    report_id = await _edit_a_snapshotted_report(run_once)
    await sync_companies(read_only(run_once.scope321), target)
    assert (await validate_year(target, 2024)).written == 1
    assert (await compute_year(target, reference, 2024)).written == 1

    async def lost(*_: Any) -> int:  # the process dies after the snapshots, before their copies
        raise ConnectionError("killed between the snapshot and its audit_events copy")

    monkeypatch.setattr(snapshot_stage, "write_events", lost)
    with pytest.raises(StageFailed):
        await snapshot_year(target, 2024, {})
    monkeypatch.undo()
    new = await target["report_snapshots"].find_one({"reportId": report_id}, sort=[("version", -1)])
    assert new is not None and new["version"] == 2
    assert await target["audit_events"].count_documents({"_id": new["audit"]["_id"]}) == 0

    rerun = await snapshot_year(target, 2024, {})
    assert rerun.extra.get("mode") == "incremental"
    assert rerun.extra.get("audit_events_repaired") == 1
    assert rerun.written == 0
    assert await target["audit_events"].count_documents({"_id": new["audit"]["_id"]}) == 1

    COMMANDS.sent.clear()
    quiet = await snapshot_year(target, 2024, {})
    assert quiet.extra.get("audit_events_repaired") is None and COMMANDS.on("audit_events") == 0


@pytest.mark.usefixtures("embedded_dir")
async def test_a_state_of_the_wrong_type_is_refused_and_the_stored_one_kept(run_once: Databases) -> None:
    """The state is written through ``StageState`` (strict): a bad value names its field and
    writes nothing."""
    target = run_once.vsme_guru
    key = state_id(VALIDATION_STAGE, 2024)
    before = await target[STATE].find_one({"_id": key})
    detection = await begin(target, VALIDATION_STAGE, 2024, before["inputsHash"], full=False, now=datetime.now(UTC))
    detection.save("findingsTally", "not a list of rows")
    with pytest.raises(OutputValueError, match="findingsTally"):
        await commit(target, detection, StageReport(VALIDATION_STAGE))
    assert await target[STATE].find_one({"_id": key}) == before
