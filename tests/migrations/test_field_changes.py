"""Issue 14.3: autogenerate and check understand what a change does to the data."""

from datetime import datetime

import pymongo
from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from tests.migrations import fixture_documents
from vsme_pipeline.migration import check
from vsme_pipeline.migration.autogenerate import create_revision
from vsme_pipeline.migration.schema import desired_schema


class ShopRenamedAndRequired(Document):
    """``Shop`` with ``created_at`` renamed to ``opened_at``, ``employees`` removed, ``vat_number``
    added as required and ``country`` narrowed (a string only, no null)."""

    model_config = fixture_documents.CONFIG

    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    opened_at: datetime | None = None
    vat_number: str

    class Settings:
        name = "shops"
        indexes = [IndexModel([("name", pymongo.ASCENDING)], name="name_unique", unique=True)]


def changed():
    return {**fixture_documents.documents(), "scope321": [ShopRenamedAndRequired]}


def test_check_lists_every_change_by_collection_and_field(fixture_config):
    result = check(fixture_config, changed())
    described = [op.describe() for op in result.operations]
    text = "\n".join(described)
    assert "scope321.shops" in text
    for expected in ("rename createdAt -> openedAt", "remove employees", "add vatNumber", "require vatNumber",
                     "narrow country"):
        assert expected in text, text


def test_autogenerate_moves_renamed_data_and_warns_with_what_to_check(fixture_config):
    new = create_revision("rename and require", autogenerate=True, versions_dir=fixture_config.versions_dir, desired=desired_schema(changed()))
    source = new.path.read_text()
    assert "changes.rename_field('shops', 'createdAt', 'openedAt')" in source  # downgrade: its inverse
    assert "# WARNING" in source
    for what in ("employees", "vatNumber", "country"):
        assert any(what in w for w in new.warnings), new.warnings
        assert what in source.split("# WARNING", 1)[1]
    assert "countDocuments" in source  # what to check, as a query


def test_no_renames_flag_generates_drop_and_add(fixture_config):
    new = create_revision("drop and add", autogenerate=True, versions_dir=fixture_config.versions_dir, desired=desired_schema(changed()),
                          renames=False)
    source = new.path.read_text()
    assert "rename_field" not in source
    assert any("createdAt" in w and "removed" in w for w in new.warnings)


async def test_rename_field_moves_the_data_and_is_idempotent(databases):
    from vsme_pipeline.migration import operations as ops

    shops = databases.scope321["shops"]
    await shops.insert_many([{"name": "a", "createdAt": 1}, {"name": "b"}])
    await ops.rename_field(databases.scope321, "shops", "createdAt", "openedAt")
    await ops.rename_field(databases.scope321, "shops", "createdAt", "openedAt")
    docs = [d async for d in shops.find({}, {"_id": 0}).sort("name", 1)]
    assert docs == [{"name": "a", "openedAt": 1}, {"name": "b"}]


def test_deleting_a_generated_revision_leaves_nothing_stale(fixture_config):
    """No snapshot file: the schema is replayed from the revisions that exist, so after deleting a
    generated revision ``check`` names its changes again and autogenerate writes them again."""
    new = create_revision("rename and require", autogenerate=True, versions_dir=fixture_config.versions_dir,
                          desired=desired_schema(changed()))
    assert check(fixture_config, changed()).ok
    new.path.unlink()
    result = check(fixture_config, changed())
    assert not result.ok and "rename createdAt -> openedAt" in "\n".join(op.describe() for op in result.operations)
    again = create_revision("again", autogenerate=True, versions_dir=fixture_config.versions_dir,
                            desired=desired_schema(changed()))
    assert again.changes == new.changes
    assert check(fixture_config, changed()).ok
