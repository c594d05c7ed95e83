"""Issue 14.4: revisions a reviewer can read. Autogenerate states the change (add property, add
enum value, set required ...) instead of whole validators; the schema at every revision is
replayed from the chain (no snapshot file); upgrade patches the validator with collMod and
downgrade applies the inverse changes."""

import copy
import json
from typing import Any

import pytest
from beanie import Document
from pydantic import Field

from tests.migrations import fixture_documents
from vsme_pipeline.migration import check, detect_drift, downgrade, read_live_schema, upgrade
from vsme_pipeline.migration.autogenerate import create_revision
from vsme_pipeline.migration.changes import (
    ChangeError,
    add_enum_value,
    apply_changes,
    database_changes,
    inverse_all,
)
from vsme_pipeline.migration.replay import revision_changes, schema_at
from vsme_pipeline.migration.revision import load_revisions
from vsme_pipeline.migration.schema import CollectionSchema, IndexSpec, desired_schema
from vsme_pipeline.migration.snapshot import diff_schemas


def _canonical(schema: Any) -> str:
    return json.dumps({db: {name: c.to_dict() for name, c in colls.items()} for db, colls in schema.items()},
                      sort_keys=True, default=str)


def test_the_real_chain_replays_to_the_documents_schema_at_head(real_config):
    chain = load_revisions(real_config.versions_dir)
    replayed = schema_at(chain)
    assert diff_schemas(replayed, desired_schema()) == []
    assert _canonical(replayed) == _canonical(desired_schema())
    assert not (real_config.versions_dir.parent / "schema_snapshot.json").exists()
    # the older revisions carry whole validators: replaying 0001 gives 0001's validators
    first = chain.revisions[0]
    at_first = schema_at(chain, first.revision)
    assert at_first["vsme_guru"]["reports"].validator == first.module.VALIDATORS["vsme_guru.reports"]
    # a data-only revision changes no schema
    assert revision_changes(chain.get("0002_legacy_environmental_to_b3")) == {}


def _with_enum_value(schema: dict[str, Any], value: str) -> dict[str, Any]:
    """The documents' schema with one more incident type (as one new enum member would give)."""
    changed = copy.deepcopy(schema)
    reports = changed["vsme_guru"]["reports"]
    items = reports.validator["$jsonSchema"]["properties"]["modules"]["properties"]["c7"]
    node = items["properties"]["incidentTypes"]["items"] if "properties" in items else None
    if node is None:  # modules.c7 may be nullable: anyOf-free, properties inside
        raise AssertionError("expected modules.c7.incidentTypes in the reports validator")
    node["enum"] = [*node["enum"][:-1], value, node["enum"][-1]]
    return changed


def test_one_new_enum_value_is_a_revision_of_a_few_dozen_lines(real_config):
    desired = _with_enum_value(desired_schema(), "modern_slavery")
    new = create_revision("modern slavery incident type", autogenerate=True, versions_dir=real_config.versions_dir,
                          desired=desired)
    source = new.path.read_text()
    assert len(source.splitlines()) < 60, len(source.splitlines())
    assert "changes.add_enum_value('reports', 'modules.c7.incidentTypes.[]', 'modern_slavery', at=" in source
    assert "$jsonSchema" not in source  # no whole validator
    # the docstring summarises the change
    doc = source.split('"""', 2)[1]
    assert "vsme_guru.reports: add enum value 'modern_slavery' to modules.c7.incidentTypes.[]" in doc
    # the chain now replays to the changed schema: check is clean against it
    assert _canonical(schema_at(load_revisions(real_config.versions_dir))) == _canonical(desired)


class ShopChanged(Document):
    """``Shop`` changed in several ways at once: a renamed field, a required new field, a removed
    field, a narrowed type and a new enum-typed field."""

    model_config = fixture_documents.CONFIG

    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    opened_at: fixture_documents.datetime | None = None
    vat_number: str
    status: fixture_documents.Status = fixture_documents.Status.DRAFT

    class Settings:
        name = "shops"
        indexes = fixture_documents.Shop.Settings.indexes


def _multi_change_documents() -> dict[str, list[type]]:
    return {**fixture_documents.documents(), "scope321": [ShopChanged]}


def test_a_multi_document_change_round_trips_through_its_changes(fixture_config):
    old = desired_schema(fixture_documents.documents())
    new = desired_schema(_multi_change_documents())
    # and in another database: a new index, a dropped one, a new collection
    filings = new["vsme_guru"]["filings"]
    new["vsme_guru"]["filings"] = CollectionSchema(filings.name, filings.validator, (
        *[i for i in filings.indexes if i.name != "status_partial"], IndexSpec.build("year", [("year", 1)], {})))
    new["reference"]["units"] = CollectionSchema("units", {"$jsonSchema": {"bsonType": "object"}}, ())
    operations = diff_schemas(old, new)
    renames = {op.collection: op.renames() for op in operations if op.renames()}
    for database in old:
        found = database_changes(old[database], new[database], renames if database == "scope321" else None)
        assert found, database
        assert all(c.kind != "set_validator" for c in found), [c.describe() for c in found]
        after = apply_changes(old[database], found)
        assert _canonical({database: after}) == _canonical({database: new[database]})
        assert _canonical({database: apply_changes(after, inverse_all(found))}) == _canonical({database: old[database]})
    kinds = {c.kind for db in old for c in database_changes(old[db], new[db], renames)}
    assert {"rename_field", "add_property", "drop_property", "set_required", "set_keyword", "create_index",
            "drop_index", "create_collection"} <= kinds


def test_a_change_that_does_not_fit_the_schema_is_refused_with_the_field():
    schema = desired_schema(fixture_documents.documents())["vsme_guru"]
    with pytest.raises(ChangeError, match="filings: add enum value 'draft' to status: the value is allowed already"):
        apply_changes(schema, [add_enum_value("filings", "status", "draft", at=0)])
    with pytest.raises(ChangeError, match="no property 'nope'"):
        apply_changes(schema, [add_enum_value("filings", "nope.status", "x", at=0)])


async def test_upgrade_patches_the_validator_with_collmod_and_downgrade_reverts(databases, fixture_config):
    await upgrade(databases, config=fixture_config)
    shops = databases.scope321["shops"]
    await shops.insert_one({"name": "a", "createdAt": fixture_documents.datetime(2020, 1, 1)})
    original = (await read_live_schema(databases.scope321))["shops"].validator
    new = create_revision("shops change", autogenerate=True, versions_dir=fixture_config.versions_dir,
                          desired=desired_schema(_multi_change_documents()))
    source = new.path.read_text()
    assert "changes.rename_field('shops', 'createdAt', 'openedAt')" in source
    assert "changes.set_required('shops', 'vatNumber')" in source
    await shops.update_one({"name": "a"}, {"$set": {"vatNumber": "X1", "country": "DE"}})
    await upgrade(databases, config=fixture_config)
    assert await detect_drift(databases, documents=_multi_change_documents()) == []
    moved = await shops.find_one({"name": "a"}, {"_id": 0, "openedAt": 1, "createdAt": 1})
    assert set(moved) == {"openedAt"} and moved["openedAt"].year == 2020  # the rename moved the data
    await downgrade(databases, "-1", config=fixture_config)
    assert (await read_live_schema(databases.scope321))["shops"].validator == original
    assert await detect_drift(databases, documents=fixture_documents.documents()) == []
    back = await shops.find_one({"name": "a"}, {"_id": 0, "openedAt": 1, "createdAt": 1})
    assert set(back) == {"createdAt"} and back["createdAt"].year == 2020  # and the downgrade moved it back
    assert check(fixture_config, _multi_change_documents()).ok
