"""Retention removes exactly the superseded versions and old audit events past their periods, and
never the latest snapshot of a company-year."""

from datetime import timedelta
from typing import Any

from bson import ObjectId

from vsme_pipeline.connections import Databases
from vsme_pipeline.operations.retention import RetentionPolicy, apply_retention
from vsme_pipeline.pipeline.clock import utcnow


async def _age(collection: Any, query: dict[str, Any], field: str, days: int) -> None:
    async for doc in collection.find(query):
        await collection.update_one({"_id": doc["_id"]}, {"$set": {field: doc[field] - timedelta(days=days)}})


async def test_retention_removes_exactly_what_the_policy_no_longer_keeps(populated: Databases) -> None:
    db = populated.vsme_guru
    now = utcnow()
    latest = await db["report_snapshots"].find_one({})
    # two superseded versions of that company-year: an old one and a recent one
    base = {k: v for k, v in latest.items() if k != "_id"}
    old_id, recent_id = ObjectId(), ObjectId()
    await db["report_snapshots"].insert_many([
        {**base, "_id": old_id, "version": -2, "createdAt": now - timedelta(days=4000)},
        {**base, "_id": recent_id, "version": -1, "createdAt": now - timedelta(days=10)},
    ], bypass_document_validation=True)
    # the latest version itself is old as well: it must stay
    await db["report_snapshots"].update_one({"_id": latest["_id"]}, {"$set": {"createdAt": now - timedelta(days=5000)}})
    await db["audit_events"].insert_many([
        {"kind": "test_old", "occurredAt": now - timedelta(days=4000), "details": {}},
        {"kind": "test_new", "occurredAt": now - timedelta(days=1), "details": {}},
    ])
    snapshots_before = await db["report_snapshots"].count_documents({})
    policy = RetentionPolicy(snapshot_versions_days=3653, metric_versions_days=730, audit_events_days=3653)

    dry = await apply_retention(db, policy, now=now, dry_run=True)
    assert dry.removed == {"report_snapshots": 1, "report_metrics": 0, "audit_events": 1}
    assert await db["report_snapshots"].count_documents({}) == snapshots_before

    done = await apply_retention(db, policy, now=now)
    assert done.removed == dry.removed
    assert await db["report_snapshots"].find_one({"_id": old_id}) is None
    assert await db["report_snapshots"].find_one({"_id": recent_id}) is not None
    assert await db["report_snapshots"].find_one({"_id": latest["_id"]}) is not None
    assert await db["audit_events"].count_documents({"kind": "test_old"}) == 0
    assert await db["audit_events"].count_documents({"kind": "test_new"}) == 1
    assert (await apply_retention(db, policy, now=now)).total == 0
