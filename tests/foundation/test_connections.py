"""The embedded database and the connection layer, through the real driver."""

import pytest

from vsme_pipeline.connections import ReadOnlyViolation, check_health, read_only


async def test_three_databases_are_reachable_and_isolated(databases):
    for database in (databases.scope321, databases.vsme_guru, databases.reference):
        health = await check_health(database)
        assert health.ok, health.error
        assert health.server_version
    await databases.scope321["companies"].insert_one({"name": "A"})
    assert await databases.vsme_guru["companies"].count_documents({}) == 0
    assert await databases.scope321["companies"].count_documents({}) == 1


async def test_read_only_database_reads_but_refuses_writes(databases):
    await databases.scope321["companies"].insert_one({"name": "A"})
    guarded = read_only(databases.scope321)
    assert await guarded["companies"].count_documents({}) == 1
    assert (await guarded["companies"].find_one({}))["name"] == "A"
    for attempt in ("insert_one", "update_many", "delete_one", "bulk_write", "drop", "create_index"):
        with pytest.raises(ReadOnlyViolation, match="only reads"):
            getattr(guarded["companies"], attempt)
    with pytest.raises(ReadOnlyViolation):
        await guarded["companies"].aggregate([{"$merge": {"into": "x"}}])
    with pytest.raises(ReadOnlyViolation):
        await guarded.command("drop", "companies")
    with pytest.raises(ReadOnlyViolation):
        guarded.drop_collection
    assert await databases.scope321["companies"].count_documents({}) == 1
