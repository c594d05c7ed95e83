"""The pipeline cannot write to scope321 or the reference database: the resources hand out
read-only handles (the full-flow test also compares both databases before and after)."""

import pytest

from assets.resources import ReferenceResource, Scope321Resource, VsmeGuruResource
from vsme_pipeline.connections import ReadOnlyViolation
from vsme_pipeline.pipeline.aio import run_coroutine


@pytest.mark.parametrize("resource", [Scope321Resource(), ReferenceResource()], ids=["scope321", "reference"])
def test_source_resources_refuse_writes(database_names, resource):
    async def attempt():
        async with resource.open() as db:
            assert await db["companies"].count_documents({}) == 0  # reads work
            with pytest.raises(ReadOnlyViolation):
                await db["companies"].insert_one({"name": "x"})
            with pytest.raises(ReadOnlyViolation):
                db["companies"].update_many({}, {"$set": {"name": "x"}})
            with pytest.raises(ReadOnlyViolation):
                await db["companies"].aggregate([{"$merge": {"into": "elsewhere"}}])
            with pytest.raises(ReadOnlyViolation):
                await db.command({"drop": "companies"})
            with pytest.raises(ReadOnlyViolation):
                db.drop_collection("companies")

    run_coroutine(attempt())


def test_resources_use_the_configured_database_names(database_names):
    async def names():
        async with Scope321Resource().open() as a, VsmeGuruResource().open() as b, ReferenceResource().open() as c:
            return a.name, b.name, c.name

    assert run_coroutine(names()) == (
        database_names["SCOPE321_DATABASE_NAME"], database_names["VSME_GURU_DATABASE_NAME"], database_names["EXTERNAL_DATABASE_NAME"])
    assert Scope321Resource(database_name="elsewhere").settings().scope321_database_name == "elsewhere"
