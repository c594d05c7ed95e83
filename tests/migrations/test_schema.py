"""The desired schema is derived from the documents without a database."""

from tests.migrations.fixture_documents import Filing, Shop, documents
from vsme_pipeline.migration.autogenerate import render_revision
from vsme_pipeline.migration.schema import desired_schema, json_schema_validator
from vsme_pipeline.migration.snapshot import diff_schemas


def test_validator_maps_types_bounds_enums_and_required_fields():
    schema = json_schema_validator(Filing)["$jsonSchema"]
    props = schema["properties"]
    assert schema["bsonType"] == "object"
    assert schema["required"] == ["shopId", "year"]  # only fields without default
    assert props["_id"] == {"bsonType": "objectId"}
    assert props["shopId"] == {"bsonType": "objectId"}
    assert props["year"] == {"bsonType": ["int", "long"], "minimum": 1900, "maximum": 2100}
    assert props["status"] == {"bsonType": "string", "enum": ["draft", "submitted"]}
    assert props["total"] == {"bsonType": ["double", "int", "long", "null"], "minimum": 0}
    assert "additionalProperties" not in schema
    shop = json_schema_validator(Shop)["$jsonSchema"]["properties"]
    assert shop["createdAt"] == {"bsonType": ["date", "null"]}
    assert shop["country"] == {"bsonType": ["string", "null"], "pattern": "^[A-Z]{2}$"}


def test_indexes_come_from_settings():
    filings = desired_schema(documents())["vsme_guru"]["filings"]
    by_name = {i.name: i for i in filings.indexes}
    assert by_name["shop_year_unique"].keys == (("shopId", 1), ("year", -1))
    assert dict(by_name["shop_year_unique"].options) == {"unique": True}
    assert dict(by_name["status_partial"].options) == {"partialFilterExpression": {"status": {"$eq": "submitted"}}}


def test_real_documents_give_every_collection_with_the_report_unique_index():
    schema = desired_schema()
    assert {"companies", "users"} <= schema["scope321"].keys()
    assert "reports" in schema["vsme_guru"] and "emission_factors" in schema["reference"]
    report_index = schema["vsme_guru"]["reports"].index("company_year_unique")
    assert report_index.keys == (("companyId", 1), ("reportingYear", 1)) and dict(report_index.options)["unique"]


def test_rendered_initial_revision_compiles_and_states_its_collections():
    from vsme_pipeline.migration.autogenerate import schema_changes

    desired = desired_schema(documents())
    operations = diff_schemas({}, desired)
    assert {op.kind for op in operations} == {"create_collection"}
    source = render_revision("0001_x", None, "initial", operations, changes=schema_changes({}, desired, operations))
    compile(source, "0001_x.py", "exec")
    assert "changes.create_collection('shops'" in source
    assert "import documents" not in source and "from documents" not in source


def test_validator_maps_binary_formats_and_refuses_types_bson_cannot_check():
    import datetime as dt
    import uuid

    import pytest
    from pydantic import BaseModel

    from vsme_pipeline.migration.schema import SchemaError

    class Blob(BaseModel):
        token: uuid.UUID
        payload: bytes | None = None
        mode: str | None = None

    props = json_schema_validator(Blob)["$jsonSchema"]["properties"]
    assert props["token"] == {"bsonType": "binData"}
    assert props["payload"] == {"bsonType": ["binData", "null"]}

    class Span(BaseModel):
        length: dt.timedelta

    with pytest.raises(SchemaError, match="duration"):
        json_schema_validator(Span)


async def test_seed_refuses_production_even_without_explicit_settings(monkeypatch):
    import pytest

    from vsme_pipeline.seed import SeedRefused, seed_sample_data

    monkeypatch.setenv("VSME_ENV", "production")
    monkeypatch.setenv("SCOPE321_DATABASE_URL", "mongodb://nowhere.invalid")
    monkeypatch.setenv("VSME_GURU_DATABASE_URL", "mongodb://nowhere.invalid")
    with pytest.raises(SeedRefused, match="production"):
        await seed_sample_data(None)  # refused before it touches any database
