"""The patch layer over mongoeco's SQLite engine: pinned version, indexed unique checks, fast start.

These tests run the engine in-process (no wire server) to count how many stored documents it
decodes, which is what made writes and start-up cost grow with the collection's size.
"""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from bson import ObjectId
from mongoeco.api import AsyncMongoClient
from mongoeco.errors import DuplicateKeyError

from vsme_pipeline.embedded_db.engine import (
    PINNED_MONGOECO_VERSION,
    MongoecoVersionError,
    SeasonSQLiteEngine,
    check_mongoeco_version,
)


class CountingEngine(SeasonSQLiteEngine):
    decoded = 0

    def _deserialize_document(self, payload: str, **kwargs: Any) -> Any:
        CountingEngine.decoded += 1
        return super()._deserialize_document(payload, **kwargs)


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[AsyncMongoClient]:
    async with AsyncMongoClient(CountingEngine(str(tmp_path / "data.sqlite"))) as opened:
        yield opened


def test_another_mongoeco_version_is_refused() -> None:
    check_mongoeco_version(PINNED_MONGOECO_VERSION)
    check_mongoeco_version()  # the installed one is the pinned one
    with pytest.raises(MongoecoVersionError, match="4.11.0 exactly"):
        check_mongoeco_version("4.12.0")


async def test_a_write_decodes_only_documents_that_can_conflict(client: AsyncMongoClient) -> None:
    reports = client["season"]["reports"]
    await reports.create_index([("companyId", 1), ("reportingYear", 1)], unique=True)
    results = client["season"]["results"]
    await results.create_index("reportId", unique=True)
    company = ObjectId()
    await reports.insert_many([{"companyId": ObjectId(), "reportingYear": 2024, "i": i} for i in range(300)])
    await reports.insert_one({"companyId": company, "reportingYear": 2023})

    CountingEngine.decoded = 0
    await reports.insert_one({"companyId": company, "reportingYear": 2024})
    await results.update_one({"reportId": company}, {"$set": {"passed": True}}, upsert=True)
    await results.update_one({"reportId": company}, {"$set": {"passed": False}}, upsert=True)
    assert CountingEngine.decoded < 20  # mongoeco alone decodes all 301 reports for the insert
    with pytest.raises(DuplicateKeyError):
        await reports.insert_one({"companyId": company, "reportingYear": 2023})


async def test_restart_skips_the_index_rebuild_and_indexes_still_hold(tmp_path: Path) -> None:
    path = str(tmp_path / "data.sqlite")
    async with AsyncMongoClient(CountingEngine(path)) as first:
        users = first["directory"]["users"]
        await users.create_index("clerkId", unique=True)
        await users.insert_many([{"clerkId": f"user_{i}", "n": i} for i in range(200)])
    CountingEngine.decoded = 0
    async with AsyncMongoClient(CountingEngine(path)) as second:
        users = second["directory"]["users"]
        assert CountingEngine.decoded == 0  # mongoeco alone rebuilds every index entry at connect
        with pytest.raises(DuplicateKeyError):
            await users.insert_one({"clerkId": "user_17"})
        assert (await users.find_one({"clerkId": "user_42"}, {"_id": 0})) == {"clerkId": "user_42", "n": 42}
        await users.insert_one({"clerkId": "user_200", "n": 200})
        expected = sum(1 for i in range(201) if f"user_{i}" >= "user_199")
        assert await users.count_documents({"clerkId": {"$gte": "user_199"}}) == expected


async def test_dropping_a_database_drops_its_expression_indexes(client: AsyncMongoClient) -> None:
    engine = client._engine
    assert isinstance(engine, SeasonSQLiteEngine)
    for name in ("keep", "gone"):
        reports = client[name]["reports"]
        await reports.create_index([("companyId", 1), ("reportingYear", 1)], unique=True)
        await reports.insert_many([{"companyId": ObjectId(), "reportingYear": 2024} for _ in range(3)])

    def expression_indexes() -> list[str]:
        rows = engine._require_connection().execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'vsme_expr_%'"
        ).fetchall()
        return [row[0] for row in rows]

    assert any("'gone'" in sql for sql in expression_indexes())
    await client.drop_database("gone")
    assert not any("'gone'" in sql for sql in expression_indexes())
    assert any("'keep'" in sql for sql in expression_indexes())
    await client["keep"].drop_collection("reports")
    assert expression_indexes() == []
