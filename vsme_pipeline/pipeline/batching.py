"""Reading in bounded batches and writing with modest bulk writes."""

from collections.abc import AsyncIterator
from typing import Any

from pymongo import UpdateOne

DEFAULT_BATCH_SIZE = 100
"""Records per batch: small enough that one bulk write stays far below the driver's ~20 s
operation limit on the embedded server (~100 writes/s), large enough to amortise round trips."""


async def batches(cursor: Any, size: int = DEFAULT_BATCH_SIZE) -> AsyncIterator[list[dict[str, Any]]]:
    """Yield lists of at most ``size`` documents from an async PyMongo cursor."""
    batch: list[dict[str, Any]] = []
    async for document in cursor:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


async def bulk_upsert(collection: Any, operations: list[UpdateOne], size: int = DEFAULT_BATCH_SIZE) -> int:
    """Run idempotent ``UpdateOne`` operations in unordered bulk writes; return how many changed."""
    changed = 0
    for start in range(0, len(operations), size):
        chunk = operations[start : start + size]
        if not chunk:
            continue
        result = await collection.bulk_write(chunk, ordered=False)
        changed += result.upserted_count + result.modified_count
    return changed
