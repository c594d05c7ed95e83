"""Schema drift: the live collections (validators, indexes) against the documents' schema.

``diff_schema(desired, live)`` is pure (the Dagster schema-drift sensor and ``vsme migrate drift``
use it); ``read_live_schema(db)`` reads one database with ``listCollections`` / ``listIndexes``.
A validator that could not be changed because the server lacks ``collMod`` shows up here as a
``validator_mismatch``: nothing is skipped silently.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from vsme_pipeline.migration.schema import CollectionSchema, DatabaseSchema, IndexSpec, plain
from vsme_pipeline.migration.snapshot import same_validator

INTERNAL_COLLECTIONS = frozenset({"_migrations", "_migration_lock", "_migration_checkpoints"})


@dataclass(frozen=True)
class Difference:
    """One way the live database differs from the desired schema.

    ``severity`` is ``error`` for what the pipeline relies on (missing collection, index or
    validator differences) and ``info`` for extra collections or indexes nobody declared."""

    collection: str
    kind: str
    detail: str
    severity: str = "error"
    database: str | None = None

    def __str__(self) -> str:
        where = f"{self.database}.{self.collection}" if self.database else self.collection
        return f"{where}: {self.kind}: {self.detail}"


async def read_live_schema(db: AsyncDatabase[Any]) -> DatabaseSchema:
    """Validators, validation actions and indexes of every user collection of ``db``."""
    result: DatabaseSchema = {}
    async for info in await db.list_collections():
        name = info["name"]
        if name in INTERNAL_COLLECTIONS or name.startswith("system.") or info.get("type", "collection") != "collection":
            continue
        options = dict(info.get("options") or {})
        indexes = []
        async for index in await db[name].list_indexes():
            index = dict(index)
            if index.get("name") == "_id_":
                continue
            keys = list(dict(index.pop("key")).items())
            indexes.append(IndexSpec.build(index.pop("name", None), keys, index))
        validator = plain(options.get("validator")) or None
        action = options.get("validationAction") or ("error" if validator else None)
        result[name] = CollectionSchema(name, validator, tuple(sorted(indexes, key=lambda i: i.name)), action)
    return dict(sorted(result.items()))


def _validator_detail(desired: Any, live: Any) -> str:
    want = ((desired or {}).get("$jsonSchema") or {}).get("properties", {})
    have = ((live or {}).get("$jsonSchema") or {}).get("properties", {})
    if live is None:
        return "collection has no validator"
    missing = sorted(want.keys() - have.keys())
    extra = sorted(have.keys() - want.keys())
    changed = sorted(k for k in want.keys() & have.keys() if not same_validator(want[k], have[k]))
    parts = [f"{label}: {', '.join(names)}" for label, names in
             (("fields missing", missing), ("fields not declared", extra), ("fields changed", changed)) if names]
    return "; ".join(parts) or "validator differs (required fields or top-level options)"


def diff_schema(
    desired: Mapping[str, CollectionSchema],
    live: Mapping[str, CollectionSchema],
    *,
    validation_action: str | None = None,
    database: str | None = None,
) -> list[Difference]:
    """Differences between the desired and the live schema of one database (pure).

    ``validation_action``: also report collections whose validator uses another action."""
    out: list[Difference] = []

    def add(collection: str, kind: str, detail: str, severity: str = "error") -> None:
        out.append(Difference(collection, kind, detail, severity, database))

    for name in sorted(desired.keys() - live.keys()):
        add(name, "missing_collection", "declared by the documents, absent from the database")
    for name in sorted(live.keys() - desired.keys()):
        add(name, "unexpected_collection", "present in the database, not declared by any document", "info")
    for name in sorted(desired.keys() & live.keys()):
        want, have = desired[name], live[name]
        if not same_validator(want.validator, have.validator):
            add(name, "validator_mismatch", _validator_detail(want.validator, have.validator))
        elif validation_action and want.validator is not None and have.validation_action != validation_action:
            add(name, "validation_action_mismatch", f"expected {validation_action}, found {have.validation_action}")
        want_ix = {i.name: i for i in want.indexes}
        have_ix = {i.name: i for i in have.indexes}
        for index in sorted(want_ix.keys() - have_ix.keys()):
            add(name, "missing_index", f"{index} {list(want_ix[index].keys)}")
        for index in sorted(have_ix.keys() - want_ix.keys()):
            add(name, "unexpected_index", f"{index} {list(have_ix[index].keys)}", "info")
        for index in sorted(want_ix.keys() & have_ix.keys()):
            if want_ix[index] != have_ix[index]:
                add(name, "index_mismatch", f"{index}: expected {want_ix[index].to_dict()}, found {have_ix[index].to_dict()}")
    return out
