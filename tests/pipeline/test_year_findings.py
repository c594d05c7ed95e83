"""The findings tally of one shard (``year_findings`` with a company filter) reads its companies, and
``forget_deleted_reports`` removes the results of deleted reports, in ``$in`` lists of at most
``DEFAULT_BATCH_SIZE`` ids: a shard's whole list would be unbounded (the
embedded server refuses an ``$in`` of ~450 ids, MongoDB a command over 16 MB). The aggregations
are counted from the real driver's command monitoring, on the real embedded server."""

from collections import Counter
from typing import Any

from bson import ObjectId
from pymongo import AsyncMongoClient, monitoring

from vsme_pipeline.connections import Databases
from vsme_pipeline.embedded_db import ensure_running
from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE
from vsme_pipeline.pipeline.shards import shard_filter
from vsme_pipeline.pipeline.validation_stage import RESULTS, forget_deleted_reports, year_findings
from vsme_pipeline.settings import Settings

COMPANIES = DEFAULT_BATCH_SIZE + 50  # more than one chunk


class InLengths(monitoring.CommandListener):
    """The length of the ``companyId`` ``$in`` of every aggregation on the validation results, and
    of the ``_id`` ``$in`` of every delete of them."""

    def __init__(self) -> None:
        self.lengths: list[int] = []
        self.deletes: list[int] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name == "aggregate" and event.command.get("aggregate") == RESULTS:
            match = event.command["pipeline"][0]["$match"]
            if "$lookup" not in str(event.command["pipeline"]):
                self.lengths.append(len(match["companyId"]["$in"]) if "companyId" in match else 0)
        if event.command_name == "delete" and event.command.get("delete") == RESULTS:
            self.deletes.extend(len(d["q"]["_id"]["$in"]) for d in event.command["deletes"])

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


def _result(company: int) -> dict[str, Any]:
    """A validation result whose findings differ by company: every third has a second code."""
    findings = [{"severity": "error", "code": "E1", "disclosure": "B1", "path": "a", "message": "m"}]
    if company % 3 == 0:
        findings.append({"severity": "warning", "code": "W2", "disclosure": "B3", "path": "b", "message": "n"})
    return {"reportId": ObjectId(), "companyId": ObjectId(), "reportingYear": 2024, "findings": findings}


async def test_a_shard_tally_reads_its_companies_in_bounded_in_lists(databases: Databases, test_settings: Settings):
    await databases.vsme_guru[RESULTS].insert_many([_result(i) for i in range(COMPANIES)])
    expected = Counter({("error", "E1", "B1"): COMPANIES, ("warning", "W2", "B3"): len(range(0, COMPANIES, 3))})
    listener = InLengths()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        ensure_running(test_settings.embedded_dir).uri, event_listeners=[listener])
    try:
        watched = client[databases.vsme_guru.name]
        whole_year = await year_findings(watched, 2024)
        one_shard = await year_findings(watched, 2024, shard_filter(0, 1))  # the one shard holds every company
    finally:
        await client.close()

    assert whole_year.counts == one_shard.counts == expected
    assert set(one_shard.examples) == set(expected)
    assert listener.lengths == [0, DEFAULT_BATCH_SIZE, COMPANIES - DEFAULT_BATCH_SIZE]  # whole year, then two chunks


async def test_results_of_deleted_reports_are_removed_in_bounded_in_lists(databases: Databases, test_settings: Settings):
    """``forget_deleted_reports``: more gone reports than one chunk (none of the results' reports
    exists) are removed in ``$in`` lists of at most ``DEFAULT_BATCH_SIZE``; other years stay."""
    await databases.vsme_guru[RESULTS].insert_many([_result(i) for i in range(COMPANIES)])
    await databases.vsme_guru[RESULTS].insert_one({**_result(0), "reportingYear": 2023})
    listener = InLengths()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        ensure_running(test_settings.embedded_dir).uri, event_listeners=[listener])
    try:
        removed = await forget_deleted_reports(client[databases.vsme_guru.name], 2024)
    finally:
        await client.close()

    assert removed == COMPANIES
    assert listener.deletes == [DEFAULT_BATCH_SIZE, COMPANIES - DEFAULT_BATCH_SIZE]
    assert await databases.vsme_guru[RESULTS].count_documents({}) == 1  # 2023's result is untouched
