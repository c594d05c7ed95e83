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
        guarded.drop_collection  # noqa: B018 - the attribute access itself must raise
    assert await databases.scope321["companies"].count_documents({}) == 1


async def test_read_only_guard_hands_out_no_writable_object(databases):
    """No attribute, cursor or command of a guarded handle leads back to a write."""
    await databases.scope321["companies"].insert_many([{"name": "A"}, {"name": "B"}])
    guarded = read_only(databases.scope321)
    companies = guarded["companies"]
    for attempt in ("client", "with_options", "drop_collection", "create_collection", "aggregate", "watch"):
        with pytest.raises(ReadOnlyViolation):
            getattr(guarded, attempt)
    for attempt in ("with_options", "find_one_and_update", "rename", "watch"):
        with pytest.raises(ReadOnlyViolation):
            getattr(companies, attempt)
    with pytest.raises(ReadOnlyViolation):
        companies.database.drop_collection  # noqa: B018 - the attribute access itself must raise
    cursor = companies.find({}).sort("name", 1).limit(5)
    assert [doc["name"] async for doc in cursor] == ["A", "B"]
    for handle in (cursor.collection, companies.find({}).clone().collection):
        with pytest.raises(ReadOnlyViolation):
            handle.insert_one  # noqa: B018 - the attribute access itself must raise
    for pipeline in ([{"$out": "copy"}], [{"$match": {}}, {"$merge": {"into": "copy"}}]):
        with pytest.raises(ReadOnlyViolation, match=r"\$out/\$merge"):
            await guarded.command({"aggregate": "companies", "pipeline": pipeline, "cursor": {}})
        with pytest.raises(ReadOnlyViolation, match=r"\$out/\$merge"):
            await guarded.command("aggregate", "companies", pipeline=pipeline, cursor={})
    assert (await guarded.command("count", "companies"))["n"] == 2
    assert set(await databases.scope321.list_collection_names()) == {"companies"}


async def test_open_contexts_in_one_loop_share_one_client_per_url(test_settings):
    from vsme_pipeline.connections import open_databases

    async with open_databases(test_settings) as first:
        async with open_databases(test_settings) as second:
            assert first.scope321.client is second.vsme_guru.client is second.reference.client
        # the inner context's exit leaves the client open for the outer one
        assert await first.scope321.command("ping") == {"ok": 1.0}
    async with open_databases(test_settings) as later:
        assert later.scope321.client is not first.scope321.client  # closed with its last user
