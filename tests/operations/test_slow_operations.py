"""Slow operations are recorded from the real driver's command monitoring, with their collection
and shape and never their values."""

import time
from typing import Any

from pymongo import AsyncMongoClient

from vsme_pipeline.connections import Databases
from vsme_pipeline.embedded_db import ensure_running
from vsme_pipeline.operations.slow_operations import SlowOperationLog, shape
from vsme_pipeline.settings import Settings


def test_shape_keeps_fields_and_operators_and_drops_values() -> None:
    described = shape({"email": "alex@example.com", "reportingYear": {"$in": [2023, 2024, 2025, 2026]}})
    assert described == {"email": "str", "reportingYear": {"$in": ["int", "int", "int", "…"]}}


async def test_every_command_over_the_threshold_is_recorded_without_values(databases: Databases,
                                                                             test_settings: Settings) -> None:
    log = SlowOperationLog(threshold_ms=0)  # everything is "slow"
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(ensure_running(test_settings.embedded_dir).uri,
                                                                event_listeners=[log])
    started = time.time()
    try:
        collection = client[databases.vsme_guru.name]["reports"]
        await collection.insert_one({"contact": "alex@example.com"})
        await collection.find_one({"contact": "alex@example.com"})
    finally:
        await client.close()
    recorded = log.since(started)
    assert [(r.command, r.collection) for r in recorded][:2] == [("insert", "reports"), ("find", "reports")]
    assert all("alex@example.com" not in r.line() for r in recorded)
    assert recorded[1].shape == {"filter": {"contact": "str"}}
    assert SlowOperationLog(threshold_ms=10_000).since(started) == []
