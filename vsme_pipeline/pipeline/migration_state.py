"""Migration state as the pipeline reads it (revisions for snapshots, pending revisions, drift)."""

from collections.abc import Awaitable, Callable, Mapping
from typing import cast

from documents.pipeline.snapshot import MigrationRevisions
from vsme_pipeline.connections import Databases
from vsme_pipeline.pipeline.handles import ReadableDatabase, WritableDatabase


def _databases(scope321: ReadableDatabase, vsme_guru: WritableDatabase, reference: ReadableDatabase) -> Databases:
    # The migration API takes a Databases; read-only wrappers stand in for scope321 and reference
    # (status and drift only read, and the wrappers make sure of it).
    return Databases(scope321=cast(WritableDatabase, scope321), vsme_guru=vsme_guru,
                     reference=cast(WritableDatabase, reference))


async def migration_revisions(scope321: ReadableDatabase, vsme_guru: WritableDatabase,
                              reference: ReadableDatabase) -> dict[str, str | None]:
    """The last applied revision of each database as a snapshot stores it
    (:class:`~documents.pipeline.snapshot.MigrationRevisions`: ``scope321``, ``vsmeGuru``; and
    ``reference``)."""
    from vsme_pipeline.migration import current_revisions

    revisions = await current_revisions(_databases(scope321, vsme_guru, reference))
    stored = MigrationRevisions(scope321=revisions.get("scope321"), vsme_guru=revisions.get("vsme_guru"))
    # ``reference`` is not a field of MigrationRevisions yet (a validator change needs collMod,
    # which the embedded server lacks): stored beside the declared keys, which the validator allows.
    return {**stored.model_dump(by_alias=True), "reference": revisions.get("reference")}


Revisions = Mapping[str, str | None]
RevisionsSource = Revisions | Callable[[], Awaitable[Revisions]]
"""The revisions a snapshot stores, or how to read them (:func:`migration_revisions` bound to its
databases): :class:`RevisionsOnDemand` reads them only if a snapshot is written."""


class RevisionsOnDemand:
    """The migration revisions of a run, read the first time a snapshot needs them (a run that
    writes no snapshot makes no round trip for them), then kept for the rest of the run."""

    def __init__(self, source: RevisionsSource):
        self._read = None if isinstance(source, Mapping) else source
        self._value: dict[str, str | None] | None = dict(source) if isinstance(source, Mapping) else None

    async def get(self) -> dict[str, str | None]:
        if self._value is None:
            assert self._read is not None
            self._value = dict(await self._read())
        return self._value

    @property
    def read(self) -> dict[str, str | None] | None:
        """The revisions if they were given or read (None: no snapshot needed them)."""
        return self._value


async def pending_migrations(scope321: ReadableDatabase, vsme_guru: WritableDatabase,
                             reference: ReadableDatabase) -> dict[str, list[str]]:
    """Database key -> revisions not applied yet (empty lists when up to date)."""
    from vsme_pipeline.migration import pending_revisions

    return await pending_revisions(_databases(scope321, vsme_guru, reference))


async def schema_differences(database: ReadableDatabase, key: str) -> list[str]:
    """Differences between the live collections of ``database`` and what the documents declare
    (validators, validation actions, indexes), one readable line each."""
    from vsme_pipeline.migration import desired_schema, diff_schema, read_live_schema

    live = await read_live_schema(cast(WritableDatabase, database))  # only reads
    differences = diff_schema(desired_schema().get(key, {}), live, database=key)
    return [f"{key}.{d.collection}: {d.kind}: {d.detail}" for d in differences if d.severity == "error"]
