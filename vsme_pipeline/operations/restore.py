"""Restore a backup (``operations.backup``) into an empty database, and compare a restored
database with its backup.

The restore refuses before writing anything when the files do not match the manifest (size,
checksum, count), when the backup's migration revision is unknown to this code (a backup taken
by a newer release: restore it with that release), or when the target database holds documents.
It then re-creates every collection with its validator options, inserts the documents in batches,
re-creates the indexes and compares every restored document with the backup.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from vsme_pipeline.operations.backup import BackupError, Manifest, iter_documents, read_manifest, verify_files

INSERT_BATCH = 200
_INDEX_OPTION_KEYS = ("unique", "sparse", "partialFilterExpression", "expireAfterSeconds", "collation", "weights",
                      "default_language", "language_override", "textIndexVersion", "2dsphereIndexVersion", "hidden")


@dataclass
class RestoreResult:
    manifest: Manifest
    documents: dict[str, int] = field(default_factory=dict)
    indexes: dict[str, int] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def check_restorable(directory: Path, known_revisions: Collection[str]) -> Manifest:
    """The manifest of a backup that this code can restore, or :class:`BackupError`."""
    manifest = read_manifest(directory)
    problems = verify_files(directory, manifest)
    if problems:
        raise BackupError("the backup is corrupted: " + "; ".join(problems))
    for key, revision in sorted(manifest.revisions.items()):
        if revision is not None and revision not in known_revisions:
            raise BackupError(
                f"the backup's {key} is at migration revision {revision}, which this code does not know "
                "(a newer release took it): restore it with that release")
    return manifest


async def _create_collection(target: AsyncDatabase[Any], name: str, options: dict[str, Any]) -> None:
    await target.create_collection(name, **options)


async def _create_indexes(target: AsyncDatabase[Any], name: str, indexes: list[dict[str, Any]]) -> int:
    created = 0
    for index in indexes:
        if index.get("name") == "_id_":
            continue
        keys = list(index["key"].items())
        options = {key: index[key] for key in _INDEX_OPTION_KEYS if key in index}
        await target[name].create_index(keys, name=index["name"], **options)
        created += 1
    return created


async def restore_backup(directory: Path, target: AsyncDatabase[Any], *, known_revisions: Collection[str]) -> RestoreResult:
    """Restore ``directory`` into ``target``, which must hold no documents."""
    manifest = check_restorable(directory, known_revisions)
    existing = await target.list_collection_names()
    for name in existing:
        if await target[name].estimated_document_count():
            raise BackupError(f"database {target.name} is not empty (collection {name} holds documents): "
                              "restore into an empty database (--to NAME) or drop it first")
    result = RestoreResult(manifest)
    for entry in manifest.collections:
        if entry.name in existing:
            await target.drop_collection(entry.name)
        await _create_collection(target, entry.name, entry.options)
        batch: list[dict[str, Any]] = []
        for document in iter_documents(directory / entry.file):
            batch.append(document)
            if len(batch) >= INSERT_BATCH:
                await target[entry.name].insert_many(batch, ordered=True, bypass_document_validation=True)
                batch = []
        if batch:
            await target[entry.name].insert_many(batch, ordered=True, bypass_document_validation=True)
        result.documents[entry.name] = entry.count
        result.indexes[entry.name] = await _create_indexes(target, entry.name, entry.indexes)
    result.differences = await compare_with_backup(directory, target, manifest)
    return result


async def compare_with_backup(directory: Path, database: AsyncDatabase[Any], manifest: Manifest | None = None) -> list[str]:
    """Differences between ``database`` and the backup: collections, counts, every document
    (compared field by field, in ``_id`` order), index definitions and validator options."""
    manifest = manifest or read_manifest(directory)
    differences: list[str] = []
    live = {str(info["name"]): info async for info in await database.list_collections()}
    for entry in manifest.collections:
        if entry.name not in live:
            differences.append(f"{entry.name}: missing")
            continue
        options = {k: v for k, v in (live[entry.name].get("options") or {}).items() if k in entry.options}
        if options != entry.options:
            differences.append(f"{entry.name}: collection options (validator) differ from the backup")
        cursor = database[entry.name].find({}, batch_size=500).sort("_id", 1)
        expected = iter_documents(directory / entry.file, database.codec_options)
        position = 0
        async for document in cursor:
            original = next(expected, None)
            if original is None:
                differences.append(f"{entry.name}: document {document.get('_id')!r} is not in the backup")
                break
            if document != original:
                changed = sorted(k for k in set(document) | set(original) if document.get(k) != original.get(k))
                differences.append(f"{entry.name}: document {original.get('_id')!r} differs in {', '.join(changed)}")
            position += 1
        leftover = next(expected, None)
        if leftover is not None:
            differences.append(f"{entry.name}: document {leftover.get('_id')!r} of the backup is missing")
        if position != entry.count and leftover is None:
            differences.append(f"{entry.name}: {position} documents, the backup has {entry.count}")
        live_indexes = {i["name"]: i async for i in await database[entry.name].list_indexes()}
        for index in entry.indexes:
            found = live_indexes.get(index["name"])
            if found is None:
                differences.append(f"{entry.name}: index {index['name']} missing")
            elif dict(found["key"]) != dict(index["key"]) or bool(found.get("unique")) != bool(index.get("unique")):
                differences.append(f"{entry.name}: index {index['name']} differs")
    extra = sorted(set(live) - {c.name for c in manifest.collections} - {n for n in live if n.startswith("system.")})
    differences.extend(f"{name}: not in the backup" for name in extra)
    return differences
