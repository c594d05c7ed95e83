"""Write paths on the embedded database: the pipeline's idempotent bulk upserts (batch of 100)
against the baseline of a plain insert_many of the same documents into an empty collection."""

import asyncio
import tempfile
from pathlib import Path

from pymongo import AsyncMongoClient, UpdateOne

from benchmarks.harness import Comparison, median_seconds_async
from vsme_pipeline.embedded_db import start, stop


def _documents(n: int) -> list[dict]:
    return [{"key": f"k{i:05d}", "value": float(i), "payload": "x" * 200} for i in range(n)]


async def _compare(uri: str, repeats: int, size: int) -> Comparison:
    client = AsyncMongoClient(uri)
    database = client["benchmark"]
    documents = _documents(size)
    counter = iter(range(10_000))

    async def insert_many() -> None:
        collection = database[f"insert_{next(counter)}"]
        await collection.insert_many([dict(d) for d in documents])

    async def bulk_upsert() -> None:
        collection = database[f"upsert_{next(counter)}"]
        await collection.bulk_write(
            [UpdateOne({"key": d["key"]}, {"$set": d}, upsert=True) for d in documents], ordered=False
        )

    try:
        baseline = await median_seconds_async(insert_many, repeats)
        subject = await median_seconds_async(bulk_upsert, repeats)
    finally:
        await client.drop_database("benchmark")
        await client.close()
    return Comparison("embedded_writes", f"bulk upsert x{size}", f"insert_many x{size}", subject, baseline, repeats)


def run(repeats: int = 3, size: int = 100) -> list[Comparison]:
    with tempfile.TemporaryDirectory() as directory:
        state, _ = start(Path(directory))
        try:
            return [asyncio.run(_compare(state.uri, repeats, size))]
        finally:
            stop(Path(directory))
