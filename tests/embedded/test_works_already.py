"""Behaviours the project already relies on ("Works" in the measured gaps of the embedded engine)."""

from datetime import UTC, datetime
from typing import Any

from bson import Decimal128, ObjectId
from pymongo.database import Database


def test_object_id_references_in_queries_and_lookup(db: Database[Any]) -> None:
    companies = [ObjectId() for _ in range(3)]
    db.companies.insert_many([{"_id": c, "name": f"c{i}"} for i, c in enumerate(companies)])
    db.reports.insert_many([{"companyId": c, "year": 2024} for c in companies[:2]])
    assert db.reports.count_documents({"companyId": {"$in": companies[:1]}}) == 1
    assert db.reports.count_documents({"companyId": {"$ne": companies[0]}}) == 1
    joined = list(db.reports.aggregate([
        {"$lookup": {"from": "companies", "localField": "companyId", "foreignField": "_id", "as": "company"}},
        {"$unwind": "$company"}, {"$sort": {"company.name": 1}}, {"$project": {"_id": 0, "name": "$company.name"}},
    ]))
    assert joined == [{"name": "c0"}, {"name": "c1"}]


def test_group_facet_and_merge_into_another_database(db: Database[Any]) -> None:
    db.rows.insert_many([{"k": i % 3, "v": i} for i in range(30)])
    facet = next(db.rows.aggregate([{"$facet": {
        "sums": [{"$group": {"_id": "$k", "total": {"$sum": "$v"}}}, {"$sort": {"_id": 1}}],
        "count": [{"$count": "n"}],
    }}]))
    assert [s["total"] for s in facet["sums"]] == [135, 145, 155] and facet["count"] == [{"n": 30}]
    other = db.client[f"{db.name}_merge"]
    try:
        list(db.rows.aggregate([{"$group": {"_id": "$k", "n": {"$sum": 1}}},
                                {"$merge": {"into": {"db": other.name, "coll": "out"}}}]))
        assert sorted(d["n"] for d in other.out.find()) == [10, 10, 10]
    finally:
        db.client.drop_database(other.name)


def test_null_matches_missing_and_decimal128_round_trips(db: Database[Any]) -> None:
    db.values.insert_many([{"f": None}, {}, {"f": 1, "d": Decimal128("12.345"), "t": datetime(2024, 1, 2, tzinfo=UTC)}])
    assert db.values.count_documents({"f": None}) == 2
    stored = db.values.find_one({"f": 1})
    assert stored is not None and stored["d"] == Decimal128("12.345")
    assert stored["t"].replace(tzinfo=UTC) == datetime(2024, 1, 2, tzinfo=UTC)


def test_json_schema_validator_on_create_collection(db: Database[Any]) -> None:
    import pytest
    from pymongo.errors import WriteError

    db.create_collection("v", validator={"$jsonSchema": {"bsonType": "object", "required": ["a"]}})
    with pytest.raises(WriteError) as caught:
        db.v.insert_one({"b": 1})
    assert caught.value.code == 121
    db.v.insert_one({"a": 1})
    with pytest.raises(WriteError):
        db.v.update_one({"a": 1}, {"$unset": {"a": ""}})


def test_list_indexes_and_ttl_index(db: Database[Any]) -> None:
    db.audit.create_index("occurredAt", expireAfterSeconds=3600, name="ttl")
    indexes = {i["name"]: i for i in db.audit.list_indexes()}
    assert indexes["ttl"]["expireAfterSeconds"] == 3600 and "_id_" in indexes
    db.audit.drop_index("ttl")
    assert [i["name"] for i in db.audit.list_indexes()] == ["_id_"]
