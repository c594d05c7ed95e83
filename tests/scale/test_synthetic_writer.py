"""The synthetic season's bulk writer: inserted in unordered batches, with the collections'
validators on, and idempotent (a repeated seeding replaces by ``_id`` and leaves the same data)."""

from typing import Any

import pytest

from vsme_pipeline.connections import Databases
from vsme_pipeline.migration import upgrade
from vsme_pipeline.settings import Settings
from vsme_pipeline.synthetic import seed_synthetic

N = 30


async def _contents(databases: Databases) -> dict[str, list[dict[str, Any]]]:
    collections = {"scope321.companies": databases.scope321["companies"], "scope321.users": databases.scope321["users"],
                   "vsme_guru.reports": databases.vsme_guru["reports"],
                   "vsme_guru.companies": databases.vsme_guru["companies"],
                   "reference.companies": databases.reference["companies"]}
    return {name: await collection.find({}).sort("_id", 1).to_list() for name, collection in collections.items()}


@pytest.mark.usefixtures("embedded_dir")
async def test_seeding_twice_with_validators_on_leaves_the_same_documents(
        databases: Databases, test_settings: Settings) -> None:
    await upgrade(databases, "head", settings=test_settings)
    # validate=True: the typed models' documents pass the collections' validators; batches of 7
    # make several insert batches per collection
    first = await seed_synthetic(databases, N, 3, settings=test_settings, batch_size=7, factors=False)
    stored = await _contents(databases)
    assert first.reports == N
    assert sum(first.replaced.values()) == 0
    for name, count in first.written.items():
        assert len(stored[name]) == count, name  # every document written is stored, once

    second = await seed_synthetic(databases, N, 3, settings=test_settings, batch_size=7, factors=False)
    assert second.written == first.written
    assert second.replaced == second.written  # every _id was stored: all replaced, none added
    assert await _contents(databases) == stored


@pytest.mark.usefixtures("embedded_dir")
async def test_an_edited_document_is_restored_by_a_repeated_seeding(databases: Databases, test_settings: Settings) -> None:
    await upgrade(databases, "head", settings=test_settings)
    await seed_synthetic(databases, 10, 5, shapes=("project",), settings=test_settings, factors=False, validate=False)
    reports = databases.vsme_guru["reports"]
    original = await reports.find_one({}, sort=[("_id", 1)])
    assert original is not None
    await reports.update_one({"_id": original["_id"]}, {"$set": {"status": "draft", "edited": True}})
    await seed_synthetic(databases, 10, 5, shapes=("project",), settings=test_settings, factors=False, validate=False)
    assert await reports.find_one({"_id": original["_id"]}) == original
    assert await reports.count_documents({}) == 10
