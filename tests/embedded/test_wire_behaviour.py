"""Cursor ids, non-finite doubles, nesting depth and collMod behave as on MongoDB."""

import math
from typing import Any

import pytest
from bson.int64 import Int64
from pymongo.database import Database
from pymongo.errors import OperationFailure, WriteError


def test_cursor_ids_are_int64_and_pymongo_iterates_find_and_aggregate(db: Database[Any]) -> None:
    db.items.insert_many([{"i": i} for i in range(250)])
    reply = db.command("find", "items", batchSize=10)
    assert isinstance(reply["cursor"]["id"], Int64) and reply["cursor"]["id"] != 0
    assert [d["i"] for d in db.items.find({}, batch_size=7).sort("i", 1)] == list(range(250))
    assert len(list(db.items.aggregate([{"$match": {"i": {"$gte": 0}}}], batchSize=9))) == 250


def test_nan_and_infinities_are_stored_and_returned_as_doubles(db: Database[Any]) -> None:
    db.values.create_index("kind")
    db.values.insert_one({"_id": 1, "kind": "x", "nan": math.nan, "inf": math.inf, "ninf": -math.inf,
                          "list": [1.5, math.nan]})
    db.values.insert_one({"_id": 2, "kind": "y", "nan": 1.0})
    stored = db.values.find_one({"kind": "x"})
    assert stored is not None
    assert math.isnan(stored["nan"]) and isinstance(stored["nan"], float)
    assert stored["inf"] == math.inf and stored["ninf"] == -math.inf
    assert stored["list"][0] == 1.5 and math.isnan(stored["list"][1])
    db.values.update_one({"_id": 1}, {"$set": {"later": math.inf}})
    assert db.values.find_one({"_id": 1}, {"later": 1}) == {"_id": 1, "later": math.inf}
    assert [d["_id"] for d in db.values.find({"kind": {"$in": ["x", "y"]}}).sort("kind", 1)] == [1, 2]


def _nested(levels: int) -> dict[str, Any]:
    document: dict[str, Any] = {}
    current = document
    for _ in range(levels):
        current["a"] = {}
        current = current["a"]
    return document


def test_nesting_deeper_than_100_is_refused(db: Database[Any]) -> None:
    db.deep.insert_one(_nested(50))
    with pytest.raises(WriteError):
        db.deep.insert_one(_nested(150))
    with pytest.raises(WriteError):
        db.deep.update_one({}, {"$set": {"b": _nested(150)}})
    assert db.deep.count_documents({}) == 1


def test_coll_mod_changes_the_validator_level_and_action(db: Database[Any]) -> None:
    db.create_collection("reports", validator={"$jsonSchema": {"required": ["companyId"]}})
    with pytest.raises(WriteError) as caught:
        db.reports.insert_one({"other": 1})
    assert caught.value.code == 121
    db.command("collMod", "reports", validator={"$jsonSchema": {"required": ["reportingYear"]}},
               validationLevel="strict", validationAction="error")
    db.reports.insert_one({"reportingYear": 2024})
    with pytest.raises(WriteError):
        db.reports.insert_one({"companyId": 1})
    options = next(db.list_collections(filter={"name": "reports"}))["options"]
    assert options["validator"] == {"$jsonSchema": {"required": ["reportingYear"]}}
    assert options["validationAction"] == "error"
    db.command("collMod", "reports", validationAction="warn")
    db.reports.insert_one({"companyId": 1})  # accepted with a warning only
    assert db.reports.count_documents({}) == 2


def test_coll_mod_on_a_missing_collection_fails_with_namespace_not_found(db: Database[Any]) -> None:
    with pytest.raises(OperationFailure) as caught:
        db.command("collMod", "missing", validator={"$jsonSchema": {"required": ["x"]}})
    assert caught.value.code == 26


def test_results_larger_than_a_message_come_in_bounded_batches(db: Database[Any]) -> None:
    blob = "x" * 1_500_000
    for i in range(36):  # ~54 MB in all: more than the 48 MB maximum message size
        db.blobs.insert_one({"i": i, "blob": blob})
    assert [d["i"] for d in db.blobs.find({}, {"i": 1, "blob": 1}).sort("i", 1)] == list(range(36))
    assert sum(len(d["blob"]) for d in db.blobs.find({}, batch_size=5)) == 36 * len(blob)
    assert len(list(db.blobs.aggregate([{"$match": {}}]))) == 36
