"""Batched, resumable data migrations for revision scripts.

:func:`transform_documents` walks a collection in ``_id`` order (keyset pagination: no skip, no
long-lived cursor), computes one update per document with a pure function, writes each batch with
one unordered ``bulk_write`` and then stores a checkpoint (the last ``_id`` done) in
``_migration_checkpoints``. After a crash the next run starts after the checkpoint; because every
update is also guarded by the selection filter and the transformation is idempotent, a batch
that was written but not checkpointed is harmless to redo. The checkpoint is removed when the
walk completes. Batches stay small so that each write finishes far below the driver's timeouts.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from vsme_pipeline.migration import operations as ops

CHECKPOINT_COLLECTION = "_migration_checkpoints"
DEFAULT_BATCH_SIZE = 100

Transform = Callable[[dict[str, Any]], Mapping[str, Any] | None]
"""document -> update document (``{"$set": ..., "$unset": ...}``), or None to leave it alone."""


@dataclass(frozen=True)
class TransformResult:
    job: str
    scanned: int
    updated: int
    resumed_from: Any | None


async def transform_documents(
    db: AsyncDatabase[Any],
    collection: str,
    *,
    job: str,
    filter: Mapping[str, Any],
    transform: Transform,
    batch_size: int = DEFAULT_BATCH_SIZE,
    projection: Mapping[str, Any] | None = None,
    console: Console | None = None,
    bypass_validation: bool = False,
) -> TransformResult:
    """Apply ``transform`` to every document of ``collection`` matching ``filter``.

    ``job`` names the checkpoint (unique per revision and direction, e.g.
    ``"0002_reports_to_b3:upgrade"``). ``filter`` must select exactly the documents that still need
    the change, so that the walk is idempotent. ``bypass_validation`` restores documents that were
    stored before any validator (a downgrade back to a shape no validator of the chain accepts)."""
    checkpoints = db[CHECKPOINT_COLLECTION]
    checkpoint = await checkpoints.find_one({"_id": job}, session=ops.session()) or {}
    last_id = checkpoint.get("lastId")
    scanned, updated = int(checkpoint.get("scanned", 0)), int(checkpoint.get("updated", 0))
    selection = dict(filter)

    def after(last: Any) -> dict[str, Any]:  # $and keeps an ``_id`` condition of the filter itself
        return {"$and": [selection, {"_id": {"$gt": last}}]} if last is not None else selection

    session = ops.session()  # the transaction of a transactional revision, if any
    total = scanned + await db[collection].count_documents(after(last_id), session=session)
    if last_id is not None:
        ops.note(f"{db.name}.{collection}: job {job} resumed after _id {last_id} ({scanned} already scanned)")
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console or Console(stderr=True), transient=False,
                        disable=total == 0)  # no "0/0" bar for an empty job
    with progress:
        task = progress.add_task(f"{db.name}.{collection} {job}", total=total, completed=scanned)
        while True:
            cursor = db[collection].find(after(last_id), projection=dict(projection) if projection else None,
                                         session=session)
            batch = await cursor.sort("_id", 1).limit(batch_size).to_list(batch_size)
            if not batch:
                break
            requests = []
            for document in batch:
                update = transform(document)
                if update:
                    requests.append(UpdateOne({**selection, "_id": document["_id"]}, dict(update)))
            if requests:
                result = await db[collection].bulk_write(requests, ordered=False, session=session,
                                                         bypass_document_validation=bypass_validation)
                updated += result.modified_count
            scanned += len(batch)
            last_id = batch[-1]["_id"]
            await checkpoints.update_one(
                {"_id": job},
                {"$set": {"collection": collection, "lastId": last_id, "scanned": scanned, "updated": updated,
                          "updatedAt": datetime.now(UTC)}},
                upsert=True,
                session=session,
            )
            progress.update(task, completed=scanned)
    await checkpoints.delete_one({"_id": job}, session=session)
    return TransformResult(job, scanned, updated, checkpoint.get("lastId"))


def get_path(document: Mapping[str, Any], dotted: str) -> Any:
    """``document["a"]["b"]`` for ``"a.b"`` (None when any part is missing)."""
    value: Any = document
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value
