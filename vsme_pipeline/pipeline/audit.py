"""Audit events written exactly once (``audit_events``, through ``documents.pipeline.AuditEvent``).

An event's ``_id`` is derived from its natural key (kind and what it is about: company, year,
version, time of the decision), so writing it again, after a retry or in a repair, is an upsert
that changes nothing. Such an ``_id`` is an ObjectId whose bytes are a hash, not a creation time:
order events by ``occurredAt``.
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from documents.pipeline import AuditEvent
from vsme_pipeline.pipeline.batching import bulk_upsert
from vsme_pipeline.pipeline.handles import WritableDatabase
from vsme_pipeline.pipeline.hashing import canonical_json
from vsme_pipeline.pipeline.outputs import collection_name, output_values

AUDIT = collection_name(AuditEvent)


def event_id(kind: str, *key: Any) -> ObjectId:
    """The deterministic id of the event ``kind`` about ``key``."""
    digest = hashlib.sha256(canonical_json([kind, *key]).encode("utf-8")).digest()
    return ObjectId(digest[:12])


def audit_event(kind: str, key: Iterable[Any], **fields: Any) -> dict[str, Any]:
    """An event as stored: ``_id`` from ``(kind, *key)``, the other fields through ``AuditEvent``."""
    return {"_id": event_id(kind, *key), **output_values(AuditEvent, {"kind": kind, **fields})}


async def write_events(target: WritableDatabase, events: list[dict[str, Any]]) -> int:
    """Upsert ``events`` by their deterministic ids; return how many were new."""
    operations = [UpdateOne({"_id": e["_id"]}, {"$setOnInsert": {k: v for k, v in e.items() if k != "_id"}}, upsert=True)
                  for e in events]
    return await bulk_upsert(target[AUDIT], operations)
