"""Reading in bounded batches; writing with adaptive, retried, idempotent bulk writes.

Writes are sized by elapsed time as well as count (:class:`AdaptiveSize`): a bulk write that took
longer than :data:`TARGET_WRITE_S` halves the next one, a fast one doubles it (bounded), so a slow
server (the embedded one writes ~100 documents/s on a large collection) never sees a bulk write
that outlives the client's socket timeout. A write that times out is retried a bounded number of
times: every operation the pipeline writes is an upsert keyed by natural ids (report id, company
id + year + version, a deterministic event id), so a retry after a timeout whose server still
completed the work changes nothing. Errors never carry the documents (no personal data in logs):
:class:`BulkWriteFailed` names the collection, the count and the first error codes only.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from pymongo import UpdateOne
from pymongo.errors import AutoReconnect, BulkWriteError, ExecutionTimeout, ServerSelectionTimeoutError

from vsme_pipeline.pipeline.handles import WritableCollection
from vsme_pipeline.pipeline.write_audit import current_attribution, record_writes

AUDIT_COLLECTION = "audit_events"

DEFAULT_BATCH_SIZE = 400
"""Records per read batch, and the first write batch (a batch of reports is a few MB: memory
stays bounded by it, not by the year; fewer, larger batches mean fewer round trips). Also the
most ids in one ``$in`` list: the embedded server refuses a query whose expression tree is deeper
than 1,000 (an ``$in`` of ~450 ids on an unindexed field, ~1,000 on an indexed one), which a
season's batch of 500 companies reached; MongoDB has no such limit (one more round trip per
2,000 records than batches of 500)."""

TARGET_WRITE_S = 5.0
"""Elapsed time one bulk write should stay under (far below the 60 s socket timeout)."""

MIN_WRITE_BATCH, MAX_WRITE_BATCH = 1, 1_000
Pause = Callable[[float], Awaitable[None]]
RETRIES = 3
"""Retries of one bulk write after a timeout or a lost connection (then the stage fails)."""


class BulkWriteFailed(RuntimeError):
    """A bulk write the server refused: collection, counts and error codes, never the documents."""


class AdaptiveSize:
    """A write batch size that follows the elapsed time of the previous writes."""

    def __init__(self, size: int = DEFAULT_BATCH_SIZE, target_s: float = TARGET_WRITE_S,
                 low: int = MIN_WRITE_BATCH, high: int = MAX_WRITE_BATCH):
        self.size, self.target_s, self.low, self.high = size, target_s, low, high

    def observe(self, count: int, elapsed_s: float) -> None:
        if elapsed_s > self.target_s:
            self.size = max(self.low, min(self.size, count) // 2)
        elif elapsed_s < self.target_s / 4 and count >= self.size:
            self.size = min(self.high, self.size * 2)


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


def _describe(collection: WritableCollection, exc: BulkWriteError) -> str:
    errors = exc.details.get("writeErrors") or []
    codes = sorted({int(e.get("code", 0)) for e in errors})
    first = errors[0] if errors else {}
    # errmsg of a validator failure is generic; keyValue/errInfo/op would carry the document: left out
    message = str(first.get("errmsg", ""))[:120].split(" {")[0]
    return (f"bulk write to {getattr(collection, 'name', '?')} refused {len(errors)} operation(s) "
            f"(codes {codes}; first at index {first.get('index')}: {message})")


async def _write(collection: WritableCollection, chunk: Sequence[Any], retries: int, pause: Pause) -> Any:
    for attempt in range(retries + 1):
        try:
            return await collection.bulk_write(list(chunk), ordered=False)
        except BulkWriteError as exc:
            raise BulkWriteFailed(_describe(collection, exc)) from None
        except ServerSelectionTimeoutError:
            raise  # no server: retrying only delays the clear failure
        except (AutoReconnect, ExecutionTimeout):
            if attempt == retries:
                raise
            await pause(min(2.0, 0.25 * 2**attempt))
    raise AssertionError("unreachable")


async def _attribute(collection: WritableCollection, chunk: Sequence[UpdateOne]) -> None:
    """One ``records_written`` audit event for a written batch when the run declared its writer
    (:func:`~vsme_pipeline.pipeline.write_audit.attributed`); the keys are the operations' filters
    (natural ids, no values)."""
    attribution = current_attribution()
    if attribution is None or collection.name == AUDIT_COLLECTION:
        return
    keys = [getattr(operation, "_filter", None) for operation in chunk]  # pymongo keeps the filter there
    await record_writes(collection.database, attribution, collection.name, keys, now=datetime.now(UTC))


async def bulk_upsert(collection: WritableCollection, operations: Sequence[UpdateOne], size: int | AdaptiveSize = DEFAULT_BATCH_SIZE,
                      *, retries: int = RETRIES, clock: Callable[[], float] = time.monotonic,
                      pause: Pause = asyncio.sleep) -> int:
    """Run idempotent ``UpdateOne`` operations in unordered bulk writes sized by
    :class:`AdaptiveSize`; return how many documents were inserted or changed (a batch re-sent
    after a timeout counts only what the re-send changed). ``clock`` times each write and
    ``pause`` waits between retries (tests pass their own: no real waiting, no timed asserts)."""
    adaptive = size if isinstance(size, AdaptiveSize) else AdaptiveSize(size)
    changed, start = 0, 0
    while start < len(operations):
        chunk = operations[start : start + adaptive.size]
        began = clock()
        result = await _write(collection, chunk, retries, pause)
        adaptive.observe(len(chunk), clock() - began)
        await _attribute(collection, chunk)
        changed += result.upserted_count + result.modified_count
        start += len(chunk)
    return changed
