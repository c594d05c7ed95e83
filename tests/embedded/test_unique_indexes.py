"""Unique and partial unique indexes refuse every duplicate (single, compound, nested, arrays, numbers)."""

from typing import Any

import pytest
from bson import ObjectId
from pymongo import ASCENDING, DESCENDING, UpdateOne
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError


def test_single_field_unique_refuses_duplicate_with_key_pattern(db: Database[Any]) -> None:
    db.results.create_index("reportId", unique=True, name="report_id_unique")
    report_id = ObjectId()
    db.results.insert_one({"reportId": report_id})
    with pytest.raises(DuplicateKeyError) as caught:
        db.results.insert_one({"reportId": report_id})
    assert caught.value.code == 11000
    assert caught.value.details is not None and caught.value.details["keyPattern"] == {"reportId": 1}
    db.results.insert_one({"reportId": ObjectId()})
    assert db.results.count_documents({}) == 2


def test_compound_unique_refuses_insert_update_and_upsert_duplicates(db: Database[Any]) -> None:
    db.reports.create_index([("companyId", ASCENDING), ("reportingYear", ASCENDING)], unique=True)
    company = ObjectId()
    db.reports.insert_many([{"companyId": company, "reportingYear": 2023}, {"companyId": company, "reportingYear": 2024}])
    with pytest.raises(DuplicateKeyError):
        db.reports.insert_one({"companyId": company, "reportingYear": 2024})
    with pytest.raises(DuplicateKeyError):
        db.reports.update_one({"reportingYear": 2023}, {"$set": {"reportingYear": 2024}})
    with pytest.raises(DuplicateKeyError):
        db.reports.update_one(
            {"companyId": company, "reportingYear": 2025, "x": 1}, {"$set": {"reportingYear": 2024}}, upsert=True
        )
    db.reports.insert_one({"companyId": ObjectId(), "reportingYear": 2024})
    assert db.reports.count_documents({}) == 3


def test_compound_unique_with_numeric_keys_of_different_types(db: Database[Any]) -> None:
    db.metrics.create_index([("reportId", ASCENDING), ("version", DESCENDING)], unique=True)
    report = ObjectId()
    db.metrics.insert_one({"reportId": report, "version": 1})
    with pytest.raises(DuplicateKeyError):
        db.metrics.insert_one({"reportId": report, "version": 1.0})  # 1 == 1.0 in MongoDB
    db.metrics.insert_one({"reportId": report, "version": 2})


def test_numeric_single_field_unique(db: Database[Any]) -> None:
    db.counters.create_index("n", unique=True)
    db.counters.insert_one({"n": 7})
    with pytest.raises(DuplicateKeyError):
        db.counters.insert_one({"n": 7.0})


def test_unique_on_nested_field(db: Database[Any]) -> None:
    db.items.create_index("meta.key", unique=True)
    db.items.insert_one({"meta": {"key": "grid:DE:2023"}})
    with pytest.raises(DuplicateKeyError):
        db.items.insert_one({"meta": {"key": "grid:DE:2023", "other": 1}})
    db.items.insert_one({"meta": {"key": "grid:FR:2023"}})


def test_unique_on_array_field_compares_every_element(db: Database[Any]) -> None:
    db.tags.create_index("tags", unique=True)
    db.tags.insert_one({"tags": ["a", "b"]})
    with pytest.raises(DuplicateKeyError):
        db.tags.insert_one({"tags": ["c", "b"]})
    with pytest.raises(DuplicateKeyError):
        db.tags.insert_one({"tags": "a"})
    db.tags.insert_one({"tags": ["c"]})
    with pytest.raises(DuplicateKeyError):
        db.tags.insert_one({"tags": ["c"]})


def test_unique_on_field_inside_array_of_subdocuments(db: Database[Any]) -> None:
    db.users.create_index("memberships.companyId", unique=True)
    company = ObjectId()
    db.users.insert_one({"memberships": [{"companyId": ObjectId()}, {"companyId": company}]})
    with pytest.raises(DuplicateKeyError):
        db.users.insert_one({"memberships": [{"companyId": company}]})
    with pytest.raises(DuplicateKeyError):
        db.users.insert_one({"memberships": {"companyId": company}})


def test_partial_unique_refuses_duplicates_inside_the_filter_only(db: Database[Any]) -> None:
    db.users.create_index("clerkId", unique=True, partialFilterExpression={"clerkId": {"$type": "string"}})
    db.users.insert_many([{"name": "a"}, {"name": "b"}, {"clerkId": "user_1"}])
    with pytest.raises(DuplicateKeyError):
        db.users.insert_one({"clerkId": "user_1"})
    db.users.insert_one({"name": "c"})
    assert db.users.count_documents({}) == 4


def test_missing_field_counts_as_null_for_a_plain_unique_index(db: Database[Any]) -> None:
    db.things.create_index("code", unique=True)
    db.things.insert_one({"name": "first"})
    with pytest.raises(DuplicateKeyError):
        db.things.insert_one({"name": "second"})


def test_unordered_bulk_upserts_report_each_duplicate_and_write_the_rest(db: Database[Any]) -> None:
    db.reports.create_index([("companyId", ASCENDING), ("reportingYear", ASCENDING)], unique=True)
    company = ObjectId()
    db.reports.insert_one({"companyId": company, "reportingYear": 2024, "key": "taken"})
    operations = [
        UpdateOne({"key": f"k{i}"}, {"$set": {"companyId": company if i == 3 else ObjectId(), "reportingYear": 2024}},
                  upsert=True)
        for i in range(6)
    ]
    with pytest.raises(BulkWriteError) as caught:
        db.reports.bulk_write(operations, ordered=False)
    errors = caught.value.details["writeErrors"]
    assert [(e["index"], e["code"]) for e in errors] == [(3, 11000)]
    assert db.reports.count_documents({}) == 6
