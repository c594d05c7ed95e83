"""Revision scripts: loading, validating and ordering ``migrations/versions/*.py``.

A revision module defines (alembic-style, one chain for every database)::

    revision = "0002_backfill_schema_version"   # equals the file name (pymongo-migrate's rule)
    down_revision = "0001_initial_schema"        # None for the first revision
    message = "backfill schemaVersion"
    created = "2026-01-31T10:00:00+00:00"
    transactional = False                        # True: run in a transaction where supported
    name = revision                              # for pymongo-migrate's loader and graph
    dependencies = [down_revision] if down_revision else []

    async def upgrade_vsme_guru(db): ...         # any subset of upgrade_/downgrade_ x
    async def downgrade_vsme_guru(db): ...       # scope321 | vsme_guru | reference

Functions receive raw PyMongo ``AsyncDatabase`` handles, never Beanie classes, so that a revision
still runs after the documents change.

pymongo-migrate does the loading (``load_module_migrations``) and the ordering and connectivity
check (``MigrationsGraph``). What it lacks is added here: the alembic fields, per-database
functions, async functions, branch (multiple heads) detection with a clear message, and the
checksum of each script.
"""

import hashlib
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from pymongo_migrate.loader import load_module_migrations
from pymongo_migrate.migrations import MigrationsGraph

from vsme_pipeline.migration.errors import RevisionError
from vsme_pipeline.settings import PROJECT_ROOT

DATABASE_KEYS: tuple[str, ...] = ("scope321", "vsme_guru", "reference")
"""Databases a revision may touch, in the order a revision is applied to them."""

DIRECTIONS: tuple[str, ...] = ("upgrade", "downgrade")
DEFAULT_VERSIONS_DIR = PROJECT_ROOT / "migrations" / "versions"
_FUNCTION_NAME = re.compile(r"^(upgrade|downgrade)_(\w+)$")
_LOADER_NAMESPACE = "vsme_pipeline.migration._revisions"

MigrationFunction = Callable[[Any], Any]


def script_checksum(path: Path) -> str:
    """sha256 of a script with line endings normalised (a CRLF checkout is not an edit)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


@dataclass(frozen=True)
class Revision:
    """One loaded revision script."""

    revision: str
    down_revision: str | None
    message: str
    created: str
    path: Path
    checksum: str
    transactional: bool = False
    functions: dict[tuple[str, str], MigrationFunction] = field(default_factory=dict, repr=False)

    def function(self, direction: str, database: str) -> MigrationFunction | None:
        """``upgrade_<database>`` / ``downgrade_<database>``, or None when the script has none."""
        return self.functions.get((direction, database))

    def databases(self, direction: str) -> frozenset[str]:
        return frozenset(db for d, db in self.functions if d == direction)


@dataclass(frozen=True)
class RevisionChain:
    """The revisions in order, first (base) to last (head)."""

    revisions: tuple[Revision, ...]
    directory: Path

    def __iter__(self) -> Iterator[Revision]:
        return iter(self.revisions)

    def __len__(self) -> int:
        return len(self.revisions)

    @property
    def ids(self) -> list[str]:
        return [r.revision for r in self.revisions]

    @property
    def head(self) -> str | None:
        return self.revisions[-1].revision if self.revisions else None

    def get(self, revision_id: str) -> Revision:
        for revision in self.revisions:
            if revision.revision == revision_id:
                return revision
        raise RevisionError(f"unknown revision '{revision_id}' (not in {self.directory})")


def _attribute(module: ModuleType, path: Path, name: str, kinds: tuple[type, ...]) -> Any:
    if not hasattr(module, name):
        raise RevisionError(f"{path.name}: missing module attribute '{name}'")
    value = getattr(module, name)
    if not isinstance(value, kinds):
        raise RevisionError(f"{path.name}: '{name}' must be {' or '.join(k.__name__ for k in kinds)}")
    return value


def _revision_from_module(module: ModuleType, path: Path) -> Revision:
    revision = _attribute(module, path, "revision", (str,))
    down_revision = _attribute(module, path, "down_revision", (str, type(None)))
    if revision != path.stem:
        raise RevisionError(f"{path.name}: revision '{revision}' must equal the file name '{path.stem}'")
    expected_dependencies = [down_revision] if down_revision else []
    if list(getattr(module, "dependencies", [])) != expected_dependencies:
        raise RevisionError(
            f"{path.name}: 'dependencies' must be {expected_dependencies!r} (pymongo-migrate reads it; "
            "write `dependencies = [down_revision] if down_revision else []`)"
        )
    functions: dict[tuple[str, str], MigrationFunction] = {}
    for attr, value in vars(module).items():
        match = _FUNCTION_NAME.match(attr)
        if not match or not callable(value):
            continue
        direction, database = match.groups()
        if database not in DATABASE_KEYS:
            raise RevisionError(
                f"{path.name}: function '{attr}' names an unknown database '{database}' "
                f"(expected one of {', '.join(DATABASE_KEYS)})"
            )
        if not inspect.iscoroutinefunction(value):
            raise RevisionError(f"{path.name}: '{attr}' must be an async function (async def)")
        functions[(direction, database)] = value
    return Revision(
        revision=revision,
        down_revision=down_revision,
        message=str(getattr(module, "message", "") or next(iter((module.__doc__ or "").strip().splitlines()), "")),
        created=str(getattr(module, "created", "")),
        path=path,
        checksum=script_checksum(path),
        transactional=bool(getattr(module, "transactional", False)),
        functions=functions,
    )


def load_revisions(directory: Path | None = None) -> RevisionChain:
    """Load every revision in ``directory`` (default ``migrations/versions``) and order them.

    Raises :class:`RevisionError` for a broken module, a revision that revises an unknown one, a
    branch (two revisions revising the same one) or more than one base.
    """
    directory = Path(directory or DEFAULT_VERSIONS_DIR)
    if not directory.is_dir():
        raise RevisionError(f"revisions directory {directory} does not exist")
    graph = MigrationsGraph()
    by_id: dict[str, Revision] = {}
    try:
        wrappers = list(load_module_migrations(directory, namespace=_LOADER_NAMESPACE))
    except RevisionError:
        raise
    except AssertionError as exc:  # pymongo-migrate asserts name == file stem
        raise RevisionError(f"a revision in {directory} has 'name' different from its file name: {exc}") from exc
    except Exception as exc:
        raise RevisionError(f"cannot import a revision script in {directory}: {type(exc).__name__}: {exc}") from exc
    for wrapper in wrappers:
        path = Path(wrapper.module.__file__ or directory / f"{wrapper.name}.py")
        revision = _revision_from_module(wrapper.module, path)
        by_id[revision.revision] = revision
        graph.add_migration(wrapper)
    for revision in by_id.values():
        if revision.down_revision and revision.down_revision not in by_id:
            raise RevisionError(
                f"{revision.path.name}: down_revision '{revision.down_revision}' does not exist in {directory}"
            )
    for parent, children in graph.required_by.items():
        if len(children) > 1:
            raise RevisionError(
                f"branch in the revision chain: {', '.join(sorted(children))} all revise '{parent}'. "
                "Re-point the down_revision of the newer, unapplied one to the other and regenerate it."
            )
    if not by_id:
        return RevisionChain((), directory)
    try:
        ordered = [by_id[m.name] for m in graph]
        graph.verify()
    except ValueError as exc:
        bases = sorted(r.revision for r in by_id.values() if not r.down_revision)
        raise RevisionError(f"revision chain in {directory} is broken ({exc}); bases: {bases or 'none'}") from exc
    return RevisionChain(tuple(ordered), directory)
