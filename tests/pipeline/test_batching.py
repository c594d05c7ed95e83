"""Adaptive, bounded, idempotent bulk writes (``vsme_pipeline.pipeline.batching``) against the real
embedded server, with faults injected at the driver boundary.

The fault layer (:class:`FaultyCollection`) wraps the real ``AsyncCollection``: every write reaches
the real server; the fault is added on the way back (a slow write is a clock that advances by the
given seconds; a timeout is raised *after* the server completed the write, as in issue 9 where 239
snapshots landed under a failed run). What this stand-in cannot prove: that the driver surfaces a
real socket timeout as ``NetworkTimeout`` (an ``AutoReconnect``) rather than another error, that a
server writes a timed-out batch completely rather than partly (the upserts make a partial write
just as harmless, but no test here cuts a batch in the middle), and how elapsed times on a real
slow server compare with :data:`~vsme_pipeline.pipeline.batching.TARGET_WRITE_S`. Elapsed time is
the injected clock's, never measured: no timed asserts.
"""

from collections.abc import Callable
from typing import Any

import pytest
from pymongo import UpdateOne
from pymongo.errors import AutoReconnect, NetworkTimeout, ServerSelectionTimeoutError

from vsme_pipeline.pipeline.batching import AdaptiveSize, BulkWriteFailed, bulk_upsert


class Clock:
    """The write clock and retry pause of ``bulk_upsert``: time advances only when a write says
    so; pauses are recorded, not waited."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def pause(self, seconds: float) -> None:
        self.sleeps.append(seconds)


class FaultyCollection:
    """The real collection, with a fault after (or instead of) each bulk write."""

    def __init__(self, real: Any, clock: Clock, fault: Callable[[int, int], tuple[float, BaseException | None, bool]]):
        self.real, self.clock, self.fault = real, clock, fault
        self.attempts: list[int] = []
        self.name, self.database = real.name, real.database

    async def bulk_write(self, requests: list[Any], ordered: bool = True) -> Any:
        attempt = len(self.attempts)
        self.attempts.append(len(requests))
        seconds, error, write_first = self.fault(attempt, len(requests))
        result = await self.real.bulk_write(requests, ordered=ordered) if write_first else None
        self.clock.now += seconds
        if error is not None:
            raise error
        return result


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def upsert(collection: FaultyCollection, operations: list[UpdateOne], size: int | AdaptiveSize = 100,
                 **kwargs: Any) -> int:
    return await bulk_upsert(collection, operations, size, clock=collection.clock, pause=collection.clock.pause, **kwargs)


def _operations(n: int, value: int = 1) -> list[UpdateOne]:
    return [UpdateOne({"key": i}, {"$set": {"key": i, "value": value}}, upsert=True) for i in range(n)]


def test_size_halves_above_the_target_and_doubles_back_when_fast() -> None:
    size = AdaptiveSize(100, target_s=5.0, low=1, high=400)
    size.observe(100, 12.0)
    assert size.size == 50
    size.observe(50, 6.0)
    assert size.size == 25
    size.observe(25, 3.0)  # between target/4 and the target: kept
    assert size.size == 25
    for expected in (50, 100, 200, 400, 400):  # fast full batches grow back, bounded by high
        size.observe(size.size, 0.5)
        assert size.size == expected
    size.observe(10, 0.1)  # a short last batch is no evidence for growth
    assert size.size == 400
    for _ in range(20):
        size.observe(size.size, 60.0)
    assert size.size == 1, "never below low"


async def test_slow_batches_shrink_the_next_ones_and_fast_ones_grow_them_back(databases, clock) -> None:
    real = databases.vsme_guru["batching_probe"]

    def slow_then_fast(attempt: int, count: int) -> tuple[float, BaseException | None, bool]:
        return (8.0 if attempt < 3 else 0.2), None, True  # three slow writes, then fast ones

    collection = FaultyCollection(real, clock, slow_then_fast)
    written = await upsert(collection, _operations(600), AdaptiveSize(100))
    # halved after each slow write, doubled after each fast full one (the last one is the rest)
    assert collection.attempts == [100, 50, 25, 12, 24, 48, 96, 192, 53], collection.attempts
    assert written == 600
    assert await real.count_documents({}) == 600 and len(set(await real.distinct("key"))) == 600


async def test_a_timeout_after_the_server_wrote_is_retried_and_writes_each_record_once(databases, clock) -> None:
    real = databases.vsme_guru["batching_probe"]

    def timeout_after_write(attempt: int, count: int) -> tuple[float, BaseException | None, bool]:
        if attempt == 1:  # the server completed the second batch; the client saw its socket time out
            return 60.0, NetworkTimeout("127.0.0.1:27017: timed out (configured timeouts: socketTimeoutMS: 60000.0ms)"), True
        return 0.1, None, True

    collection = FaultyCollection(real, clock, timeout_after_write)
    await upsert(collection, _operations(350, value=7), AdaptiveSize(100))
    # the timed-out batch is re-sent whole; its time (the timeout included) halves the next one
    assert collection.attempts == [100, 200, 200, 50], collection.attempts
    assert clock.sleeps == [0.25]
    rows = await real.find({}, projection={"_id": 0}).sort("key", 1).to_list()
    assert rows == [{"key": i, "value": 7} for i in range(350)], "each record exactly once, as written"
    # a whole rerun of the same operations (a retried stage) changes nothing either
    await upsert(FaultyCollection(real, clock, lambda a, c: (0.1, None, True)), _operations(350, value=7))
    assert await real.count_documents({}) == 350


@pytest.mark.parametrize("error", [NetworkTimeout("timed out"), AutoReconnect("connection reset")])
async def test_retries_are_bounded(databases, clock, error) -> None:
    collection = FaultyCollection(databases.vsme_guru["batching_probe"], clock, lambda a, c: (30.0, error, False))
    with pytest.raises(type(error)):
        await upsert(collection, _operations(10), retries=3)
    assert collection.attempts == [10, 10, 10, 10], "the first try and three retries, then the error"
    assert clock.sleeps == [0.25, 0.5, 1.0]


async def test_no_server_is_not_retried(databases, clock) -> None:
    lost = ServerSelectionTimeoutError("127.0.0.1:1: [Errno 111] Connection refused")
    collection = FaultyCollection(databases.vsme_guru["batching_probe"], clock, lambda a, c: (5.0, lost, False))
    with pytest.raises(ServerSelectionTimeoutError):
        await upsert(collection, _operations(10))
    assert collection.attempts == [10] and clock.sleeps == []


async def test_a_refused_write_names_collection_and_codes_never_the_documents(databases, clock) -> None:
    await databases.vsme_guru.create_collection(
        "batching_refusing", validator={"$jsonSchema": {"properties": {"value": {"bsonType": "int"}}}})
    real = databases.vsme_guru["batching_refusing"]
    operations = [UpdateOne({"key": 1}, {"$set": {"value": "secret@example.com"}}, upsert=True),
                  UpdateOne({"key": 2}, {"$set": {"value": 2}}, upsert=True)]
    with pytest.raises(BulkWriteFailed) as raised:
        await upsert(FaultyCollection(real, clock, lambda a, c: (0.1, None, True)), operations)
    message = str(raised.value)
    assert "batching_refusing" in message and "refused 1 operation(s)" in message and "121" in message, message
    assert "secret@example.com" not in message
    assert raised.value.__cause__ is None and raised.value.__suppress_context__, "the driver's error (with the document) is not chained"
    assert await real.count_documents({}) == 1, "unordered: the good operation is written"
