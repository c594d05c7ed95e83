"""Attribution of the pipeline's writes: one ``records_written`` audit event per written batch.

The event names who wrote (``actor``: the asset, the CLI command or the migration revision), the
run (Dagster run id, or the migration run), the collection, the natural keys of the records and the
time, so every document the pipeline writes to vsme_guru can be traced to the run that wrote it.
Keys are ids, never values: no personal data reaches the audit trail.

The writer of a run declares itself once (``with attributed("asset:report_snapshots", run_id):``,
as the Dagster assets do); every ``bulk_upsert`` inside it then records its batches. Writes outside
such a block (tests calling a stage directly) are not attributed.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vsme_pipeline.pipeline.handles import WritableDatabase

KIND = "records_written"
MAX_KEYS_PER_EVENT = 1000


@dataclass(frozen=True)
class WriteAttribution:
    """Who is writing: ``actor`` (``asset:report_snapshots``, ``cli:privacy erase``,
    ``migration:0003_...``) and ``run_id``."""

    actor: str
    run_id: str | None = None


def write_events(attribution: WriteAttribution, collection: str, keys: Sequence[Any], *, now: datetime) -> list[dict[str, Any]]:
    """The audit events for one written batch (split so that no event grows without bound)."""
    return [
        {"kind": KIND, "occurredAt": now, "companyId": None, "reportId": None, "reportingYear": None,
         "runId": attribution.run_id,
         "details": {"actor": attribution.actor, "collection": collection,
                     "keys": list(keys[start:start + MAX_KEYS_PER_EVENT]), "count": len(keys[start:start + MAX_KEYS_PER_EVENT])}}
        for start in range(0, len(keys), MAX_KEYS_PER_EVENT)
    ]


async def record_writes(target: WritableDatabase, attribution: WriteAttribution, collection: str, keys: Sequence[Any], *,
                        now: datetime) -> None:
    """Append the events of one written batch to ``audit_events`` of ``target`` (vsme_guru)."""
    events = write_events(attribution, collection, keys, now=now)
    if events:
        await target["audit_events"].insert_many(events, ordered=False)


_ATTRIBUTION: ContextVar[WriteAttribution | None] = ContextVar("vsme_write_attribution", default=None)


@contextmanager
def attributed(actor: str, run_id: str | None = None) -> Iterator[WriteAttribution]:
    """Attribute every pipeline write inside the block to ``actor`` and ``run_id``."""
    attribution = WriteAttribution(actor, run_id)
    token = _ATTRIBUTION.set(attribution)
    try:
        yield attribution
    finally:
        _ATTRIBUTION.reset(token)


def current_attribution() -> WriteAttribution | None:
    return _ATTRIBUTION.get()
