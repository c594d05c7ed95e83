"""Writing revision scripts: an empty template (``revision -m``) or the schema difference between
the documents and the committed snapshot (``revision -m --autogenerate``).

Generated code holds literal validators and index specs, calls only
``vsme_pipeline.migration.operations`` and never imports the documents.
"""

import pprint
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pymongo_migrate.generate import slugify

from vsme_pipeline.migration.errors import RevisionError
from vsme_pipeline.migration.revision import DATABASE_KEYS, DEFAULT_VERSIONS_DIR, load_revisions
from vsme_pipeline.migration.schema import DatabaseSchema, IndexSpec
from vsme_pipeline.migration.snapshot import (
    DEFAULT_SNAPSHOT_PATH,
    SchemaOperation,
    diff_schemas,
    load_snapshot,
    verify_snapshot,
    write_snapshot,
)

MAX_SLUG = 40

_HEADER = '''"""{message}
{summary}
Revision ID: {revision}
Revises: {down_revision}
Created: {created}
{origin}
"""

from vsme_pipeline.migration import operations as ops

revision = {revision!r}
down_revision = {down_revision!r}
message = {message!r}
created = {created!r}
transactional = False  # True: run in one transaction where the server supports them

# pymongo-migrate's loader and graph read these two
name = revision
dependencies = [down_revision] if down_revision else []
'''


def _literal(value: object, indent: int = 0) -> str:
    text = pprint.pformat(value, width=110 - indent, sort_dicts=False)
    return text.replace("\n", "\n" + " " * indent)


def _index_call(database_var: str, collection: str, index: IndexSpec) -> str:
    options = "".join(f", {key}={_literal(value, 8)}" for key, value in index.options)
    keys = _literal([list(k) for k in index.keys], 8)
    return f"await ops.create_index({database_var}, {collection!r}, {keys}, name={index.name!r}{options})"


def _key(op: SchemaOperation) -> str:
    return f"{op.database}.{op.collection}"


def _upgrade_lines(op: SchemaOperation) -> list[str]:
    coll = op.collection
    if op.kind == "create_collection":
        return [f"await ops.create_collection(db, {coll!r}, validator=VALIDATORS[{_key(op)!r}])",
                *(_index_call("db", coll, ix) for ix in op.new.indexes)]
    if op.kind == "drop_collection":
        return [f"# WARNING: drops {coll} with its data; a downgrade recreates it empty",
                f"await ops.drop_collection(db, {coll!r})"]
    if op.kind == "create_index":
        return [_index_call("db", coll, op.new)]
    if op.kind == "drop_index":
        return [f"await ops.drop_index(db, {coll!r}, {op.old.name!r})"]
    if op.kind == "set_validator":
        moves = [f"await ops.rename_field(db, {coll!r}, {old!r}, {new!r})  # data move of the rename"
                 for old, new in op.renames()]
        return [f"await ops.set_validator(db, {coll!r}, VALIDATORS[{_key(op)!r}])", *moves]
    raise ValueError(op.kind)


def _downgrade_lines(op: SchemaOperation) -> list[str]:
    coll = op.collection
    if op.kind == "create_collection":
        return [f"await ops.drop_collection(db, {coll!r})"]
    if op.kind == "drop_collection":
        return [f"await ops.create_collection(db, {coll!r}, validator=PREVIOUS_VALIDATORS[{_key(op)!r}])",
                *(_index_call("db", coll, ix) for ix in op.old.indexes)]
    if op.kind == "create_index":
        return [f"await ops.drop_index(db, {coll!r}, {op.new.name!r})"]
    if op.kind == "drop_index":
        return [_index_call("db", coll, op.old)]
    if op.kind == "set_validator":
        moves = [f"await ops.rename_field(db, {coll!r}, {new!r}, {old!r})  # data move of the rename, back"
                 for old, new in op.renames()]
        return [f"await ops.set_validator(db, {coll!r}, PREVIOUS_VALIDATORS[{_key(op)!r}])", *moves]
    raise ValueError(op.kind)


def revision_warnings(operations: Sequence[SchemaOperation]) -> list[str]:
    """What the change may do to stored documents, with the query that checks it."""
    return [warning for op in operations for warning in op.warnings()]


def _summary(operations: Sequence[SchemaOperation] | None) -> str:
    if not operations:
        return ""
    lines = ["", "Changes:"]
    for op in operations:
        if op.changes:
            lines.append(f"- {op.database}.{op.collection}: {op.kind}")
            lines.extend(f"    - {change.describe()}" for change in op.changes)
        else:
            lines.append(f"- {op.describe()}")
    return "\n".join(lines) + "\n"


def _warning_block(operations: Sequence[SchemaOperation]) -> str:
    warnings = revision_warnings(operations)
    renames = [f"{op.database}.{op.collection}: {old} renamed to {new}: the data is moved by "
               "ops.rename_field below (regenerate with --no-renames for drop+add)"
               for op in operations for old, new in op.renames()]
    block = ""
    if renames:
        block += "\n" + "".join(f"# NOTE: {line}\n" for line in renames)
    if warnings:
        block += "\n# WARNING: review what this revision does to stored documents before applying it:\n"
        block += "".join(f"#   - {textwrap.fill(w, 100, subsequent_indent='#     ')}\n" for w in warnings)
    return block


def _function(name: str, lines: Sequence[str]) -> str:
    body = "\n".join(f"    {line}" for line in lines) if lines else "    pass"
    return f"\n\nasync def {name}(db):\n{body}\n"


def render_revision(
    revision: str, down_revision: str | None, message: str, operations: Sequence[SchemaOperation] | None,
    created: str | None = None,
) -> str:
    """The source of a revision script (``operations`` None: an empty template to fill in)."""
    created = created or datetime.now(UTC).isoformat(timespec="seconds")
    origin = ("Autogenerated from the difference between the documents and migrations/schema_snapshot.json:\n"
              "review it before committing." if operations is not None else "Written by hand.")
    source = _HEADER.format(message=message.replace('"""', "'''"), revision=revision,
                            down_revision=down_revision, created=created, origin=origin,
                            summary=_summary(operations).replace('"""', "'''").replace("\\", "\\\\"))
    if operations is None:
        source += "\n# db is a PyMongo AsyncDatabase; use `ops` or raw PyMongo, never the Beanie documents."
        for database in DATABASE_KEYS:
            source += _function(f"upgrade_{database}", []) + _function(f"downgrade_{database}", [])
        return source
    new_validators = {_key(op): op.new.validator if op.kind == "create_collection" else op.new
                      for op in operations if op.kind in ("create_collection", "set_validator")}
    old_validators = {_key(op): op.old.validator if op.kind == "drop_collection" else op.old
                      for op in operations if op.kind in ("drop_collection", "set_validator")}
    source += _warning_block(operations)
    if new_validators:
        source += f"\nVALIDATORS = {_literal(new_validators)}\n"
    if old_validators:
        source += f"\nPREVIOUS_VALIDATORS = {_literal(old_validators)}\n"
    for database in DATABASE_KEYS:
        mine = [op for op in operations if op.database == database]
        if not mine:
            continue
        up = [line for op in mine for line in _upgrade_lines(op)]
        down = [line for op in reversed(mine) for line in _downgrade_lines(op)]
        source += _function(f"upgrade_{database}", up) + _function(f"downgrade_{database}", down)
    return source


@dataclass(frozen=True)
class NewRevision:
    revision: str
    path: Path
    operations: tuple[SchemaOperation, ...]
    snapshot_path: Path | None
    warnings: tuple[str, ...] = ()


def next_revision_id(existing: Sequence[str], message: str) -> str:
    number = 1 + max((int(r.split("_", 1)[0]) for r in existing if r.split("_", 1)[0].isdigit()), default=0)
    slug = slugify(message)[:MAX_SLUG].strip("_") or "revision"
    return f"{number:04d}_{slug}"


def create_revision(
    message: str,
    *,
    autogenerate: bool = False,
    versions_dir: Path | None = None,
    snapshot_path: Path | None = None,
    desired: Mapping[str, DatabaseSchema] | None = None,
    allow_empty: bool = False,
    renames: bool = True,
) -> NewRevision:
    """Write a new revision after the current head. With ``autogenerate`` the revision holds the
    difference between the documents (``desired``, default from ``documents``) and the snapshot,
    and the snapshot is updated; an empty difference raises unless ``allow_empty``."""
    from vsme_pipeline.migration.schema import desired_schema

    versions_dir = Path(versions_dir or DEFAULT_VERSIONS_DIR)
    snapshot_path = Path(snapshot_path or DEFAULT_SNAPSHOT_PATH)
    if not message.strip():
        raise RevisionError("a revision needs a message (-m)")
    chain = load_revisions(versions_dir)
    revision_id = next_revision_id(chain.ids, message)
    path = versions_dir / f"{revision_id}.py"
    if path.exists():
        raise RevisionError(f"{path} exists already")
    operations: list[SchemaOperation] | None = None
    desired_now = None
    if autogenerate:
        desired_now = dict(desired) if desired is not None else desired_schema()
        snapshot = load_snapshot(snapshot_path)
        verify_snapshot(snapshot, chain.ids, snapshot_path, chain.head)
        operations = diff_schemas(snapshot.databases, desired_now, renames=renames)
        if not operations and not allow_empty:
            raise RevisionError("no schema changes detected: the documents match migrations/schema_snapshot.json")
    path.write_text(render_revision(revision_id, chain.head, message.strip(), operations), encoding="utf-8")
    if desired_now is not None:
        write_snapshot(snapshot_path, desired_now, revision_id)
    return NewRevision(revision_id, path, tuple(operations or ()), snapshot_path if autogenerate else None,
                       tuple(revision_warnings(operations or [])))
