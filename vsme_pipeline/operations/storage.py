"""Storage of a database per collection: documents, data size, index size (for monitoring).

Uses the ``$collStats`` aggregation stage (MongoDB 3.4+, Atlas), then the ``collStats`` command;
on a server that has neither (the embedded development server) it counts the documents and sums
their BSON sizes from one cursor, and says so in ``source``. Works on read-only handles.
"""

from dataclasses import dataclass
from typing import Any

import bson
from pymongo.errors import PyMongoError

from vsme_pipeline.pipeline.handles import ReadableDatabase


@dataclass(frozen=True)
class CollectionStorage:
    database: str
    collection: str
    documents: int
    data_bytes: int
    index_bytes: int | None
    indexes: int
    source: str

    @property
    def total_bytes(self) -> int:
        return self.data_bytes + (self.index_bytes or 0)


async def _from_collstats_stage(database: ReadableDatabase, name: str) -> dict[str, Any] | None:
    try:
        rows = [row async for row in await database[name].aggregate([{"$collStats": {"storageStats": {}}}])]
    except PyMongoError:
        return None
    stats = rows[0].get("storageStats") if rows else None
    return dict(stats) if stats else None


async def _from_command(database: ReadableDatabase, name: str) -> dict[str, Any] | None:
    try:
        return dict(await database.command("collStats", name))
    except PyMongoError:
        return None


async def collection_storage(database: ReadableDatabase, name: str) -> CollectionStorage:
    indexes = len([i async for i in await database[name].list_indexes()])
    for source, reader in (("$collStats", _from_collstats_stage), ("collStats", _from_command)):
        stats = await reader(database, name)
        if stats and "count" in stats:
            return CollectionStorage(database.name, name, int(stats["count"]), int(stats.get("size", 0)),
                                     int(stats["totalIndexSize"]) if "totalIndexSize" in stats else None,
                                     indexes, source)
    documents = size = 0
    async for document in database[name].find({}, batch_size=1000):  # also through a read-only handle
        documents += 1
        size += len(bson.encode(document))
    return CollectionStorage(database.name, name, documents, size, None, indexes, "scan")


async def database_storage(database: ReadableDatabase) -> list[CollectionStorage]:
    names = sorted(n for n in await database.list_collection_names() if not n.startswith("system."))
    return [await collection_storage(database, name) for name in names]


def over_capacity(rows: list[CollectionStorage], threshold_bytes: int) -> str | None:
    """A message when the database's data and indexes exceed ``threshold_bytes``, else None."""
    total = sum(row.total_bytes for row in rows)
    if total <= threshold_bytes:
        return None
    largest = sorted(rows, key=lambda r: r.total_bytes, reverse=True)[:3]
    names = ", ".join(f"{r.collection} ({r.total_bytes / 1e6:.1f} MB)" for r in largest)
    return (f"{rows[0].database if rows else '?'} holds {total / 1e6:.1f} MB, above the capacity threshold of "
            f"{threshold_bytes / 1e6:.1f} MB (largest: {names}). Apply retention (`vsme retention apply`), "
            "raise the cluster tier, or raise VSME_CAPACITY_THRESHOLD_BYTES if the growth is expected.")
