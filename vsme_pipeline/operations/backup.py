"""Backups of a database as BSON files with a manifest, and their verification.

A backup is a directory holding one ``<collection>.bson`` file per collection (the documents in
``_id`` order, each encoded as BSON and concatenated: the format ``mongodump`` writes and
``mongorestore``/``bsondump`` read) and ``manifest.json`` (MongoDB Extended JSON, canonical), which
records per collection its document count, the file's size and sha256, its indexes and its
validator options, and for the whole backup the database, the migration revision of every database
and the time. Documents are streamed from a cursor to the file: memory is bounded by one batch.
"""

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bson
from bson import json_util
from bson.raw_bson import RawBSONDocument
from pymongo.asynchronous.database import AsyncDatabase

FORMAT = "vsme-backup/1"
MANIFEST = "manifest.json"
READ_BATCH = 500
_JSON_OPTIONS = json_util.CANONICAL_JSON_OPTIONS


@dataclass(frozen=True)
class CollectionManifest:
    """One collection of a backup."""

    name: str
    count: int
    bytes: int
    sha256: str
    indexes: list[dict[str, Any]]
    options: dict[str, Any]

    @property
    def file(self) -> str:
        return f"{self.name}.bson"


@dataclass(frozen=True)
class Manifest:
    """What a backup holds; written last, so a directory without it is an unfinished backup."""

    database: str
    created_at: datetime
    revisions: dict[str, str | None]
    collections: list[CollectionManifest] = field(default_factory=list)
    format: str = FORMAT

    @property
    def revision(self) -> str | None:
        """The migration revision of the backed-up database (``vsme_guru``)."""
        return self.revisions.get("vsme_guru")

    def to_json(self) -> str:
        data = {
            "format": self.format,
            "database": self.database,
            "createdAt": self.created_at,
            "revisions": self.revisions,
            "collections": [
                {"name": c.name, "file": c.file, "count": c.count, "bytes": c.bytes, "sha256": c.sha256,
                 "indexes": c.indexes, "options": c.options}
                for c in self.collections
            ],
        }
        # never sort keys: the order of an index key is its meaning
        return json_util.dumps(data, json_options=_JSON_OPTIONS, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json_util.loads(text, json_options=_JSON_OPTIONS)
        if data.get("format") != FORMAT:
            raise BackupError(f"not a backup of this project (format {data.get('format')!r}, expected {FORMAT})")
        created = data["createdAt"]
        return cls(
            database=data["database"],
            created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
            revisions=dict(data.get("revisions") or {}),
            collections=[
                CollectionManifest(name=c["name"], count=int(c["count"]), bytes=int(c["bytes"]), sha256=c["sha256"],
                                   indexes=list(c.get("indexes") or []), options=dict(c.get("options") or {}))
                for c in data.get("collections", [])
            ],
        )


class BackupError(Exception):
    """A backup cannot be written, read or trusted; the message says which file and why."""


def _index_definition(index: Mapping[str, Any]) -> dict[str, Any]:
    """An index as ``listIndexes`` gives it, without server bookkeeping (``v``, ``ns``)."""
    return {key: value for key, value in index.items() if key not in ("v", "ns")}


def _collection_options(info: Mapping[str, Any]) -> dict[str, Any]:
    options = dict(info.get("options") or {})
    return {key: options[key] for key in ("validator", "validationLevel", "validationAction", "capped", "size", "max")
            if key in options}


async def write_backup(database: AsyncDatabase[Any], directory: Path, *, revisions: Mapping[str, str | None],
                       now: datetime | None = None) -> Manifest:
    """Write every collection of ``database`` into ``directory`` (created; must be empty)."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: a backup goes into a new directory")
    collections: list[CollectionManifest] = []
    infos = [info async for info in await database.list_collections()]
    for info in sorted(infos, key=lambda i: str(i["name"])):
        name = str(info["name"])
        if info.get("type", "collection") != "collection" or name.startswith("system."):
            continue
        collection = database.get_collection(name).with_options(
            codec_options=bson.CodecOptions(document_class=RawBSONDocument))
        digest, count, size = hashlib.sha256(), 0, 0
        with (directory / f"{name}.bson").open("wb") as out:
            async for document in collection.find({}, batch_size=READ_BATCH).sort("_id", 1):
                raw = document.raw
                out.write(raw)
                digest.update(raw)
                count += 1
                size += len(raw)
        indexes = [_index_definition(index) async for index in await database[name].list_indexes()]
        collections.append(CollectionManifest(name=name, count=count, bytes=size, sha256=digest.hexdigest(),
                                              indexes=indexes, options=_collection_options(info)))
    manifest = Manifest(database=database.name, created_at=now or datetime.now(UTC), revisions=dict(revisions),
                        collections=collections)
    (directory / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} is missing: not a backup, or an unfinished one")
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from None


def verify_files(directory: Path, manifest: Manifest) -> list[str]:
    """Problems with the backup's files (missing, size, checksum, document count); empty when
    every file is exactly what the manifest recorded."""
    problems: list[str] = []
    for entry in manifest.collections:
        path = directory / entry.file
        if not path.is_file():
            problems.append(f"{entry.file}: missing")
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        if path.stat().st_size != entry.bytes:
            problems.append(f"{entry.file}: {path.stat().st_size} bytes, the manifest says {entry.bytes}")
        if digest.hexdigest() != entry.sha256:
            problems.append(f"{entry.file}: sha256 {digest.hexdigest()[:12]}… differs from the manifest's {entry.sha256[:12]}…")
            continue
        try:
            counted = sum(1 for _ in iter_documents(path))
        except BackupError as exc:
            problems.append(str(exc))
            continue
        if counted != entry.count:
            problems.append(f"{entry.file}: {counted} documents, the manifest says {entry.count}")
    return problems


def iter_documents(path: Path, codec_options: bson.CodecOptions[Any] | None = None) -> Iterator[dict[str, Any]]:
    """Decode the documents of one ``.bson`` file, one at a time (with the reading client's
    ``codec_options`` when comparing with a database, so that times compare alike)."""
    with path.open("rb") as handle:
        while True:
            head = handle.read(4)
            if not head:
                return
            if len(head) < 4:
                raise BackupError(f"{path.name}: truncated document length")
            length = int.from_bytes(head, "little")
            body = handle.read(length - 4)
            if len(body) != length - 4:
                raise BackupError(f"{path.name}: truncated document")
            try:
                yield bson.decode(head + body, codec_options=codec_options or bson.DEFAULT_CODEC_OPTIONS)
            except bson.errors.InvalidBSON as exc:
                raise BackupError(f"{path.name}: invalid BSON ({exc})") from None
