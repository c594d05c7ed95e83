"""Revision scripts: loading, validating and ordering ``migrations/versions/*.py``.

A revision module defines (alembic-style, one chain for every database)::

    revision = "202612020130_3fa9c1d2_add_status"  # equals the file name (pymongo-migrate's rule)
    down_revision = "0005_pipeline_outputs_..."     # None for the first; a tuple for a merge
    message = "backfill schemaVersion"
    created = "2026-01-31T10:00:00+00:00"
    transactional = False                        # True: run in a transaction where supported
    name = revision                              # for pymongo-migrate's loader and graph
    dependencies = [down_revision] if down_revision else []

    async def upgrade_vsme_guru(db): ...         # any subset of upgrade_/downgrade_ x
    async def downgrade_vsme_guru(db): ...       # scope321 | vsme_guru | reference

Functions receive raw PyMongo ``AsyncDatabase`` handles, never Beanie classes, so that a revision
still runs after the documents change.

pymongo-migrate does the loading (``load_module_migrations``). What it lacks is added here: the
alembic fields, per-database functions, async functions, the checksum of each script and the
revision graph: two revisions that revise the same one are a branch (two heads), a merge revision
(``down_revision`` a tuple) joins them again, and the revisions are ordered topologically (ties
by file name). pymongo-migrate's ``MigrationsGraph`` walks a graph depth-first and would visit a
merge twice, so ordering and connectivity are checked here.

Revision ids: ``YYYYMMDDHHMM_<8 random hex>_<slug>`` (``next_revision_id``). The random part
makes an id two engineers cannot both take; the timestamp only sorts the directory. The ids of
the older revisions (``0001_...`` to ``0005_...``) stay valid.
"""

import hashlib
import inspect
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from pymongo_migrate.generate import slugify  # type: ignore[import-untyped]
from pymongo_migrate.loader import load_module_migrations  # type: ignore[import-untyped]

from vsme_pipeline.migration.errors import MultipleHeads, RevisionError
from vsme_pipeline.settings import PROJECT_ROOT

DATABASE_KEYS: tuple[str, ...] = ("scope321", "vsme_guru", "reference")
"""Databases a revision may touch, in the order a revision is applied to them."""

DIRECTIONS: tuple[str, ...] = ("upgrade", "downgrade")
DEFAULT_VERSIONS_DIR = PROJECT_ROOT / "migrations" / "versions"
_FUNCTION_NAME = re.compile(r"^(upgrade|downgrade)_(\w+)$")
_LOADER_NAMESPACE = "vsme_pipeline.migration._revisions"
MAX_SLUG = 40
_NEW_ID = re.compile(r"^(\d{12})_([0-9a-f]{8})_")

MigrationFunction = Callable[[Any], Any]


def script_checksum(path: Path) -> str:
    """sha256 of a script with line endings normalised (a CRLF checkout is not an edit)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


@dataclass(frozen=True)
class Revision:
    """One loaded revision script."""

    revision: str
    down_revisions: tuple[str, ...]
    message: str
    created: str
    path: Path
    checksum: str
    transactional: bool = False
    functions: dict[tuple[str, str], MigrationFunction] = field(default_factory=dict, repr=False, compare=False)
    module: ModuleType | None = field(default=None, repr=False, compare=False)

    @property
    def down_revision(self) -> str | None:
        """The first parent (None for the base); a merge has more in ``down_revisions``."""
        return self.down_revisions[0] if self.down_revisions else None

    @property
    def is_merge(self) -> bool:
        return len(self.down_revisions) > 1

    @property
    def doc(self) -> str:
        return inspect.cleandoc((self.module.__doc__ if self.module is not None else None) or "")

    def function(self, direction: str, database: str) -> MigrationFunction | None:
        """``upgrade_<database>`` / ``downgrade_<database>``, or None when the script has none."""
        return self.functions.get((direction, database))

    def databases(self, direction: str) -> frozenset[str]:
        return frozenset(db for d, db in self.functions if d == direction)


MERGE_HINT = 'vsme migrate merge -m "merge heads"'


def heads_message(heads: Sequence[str]) -> str:
    return (f"the revision graph has {len(heads)} heads: {', '.join(heads)} (two revisions revise the same one). "
            f"Join them with a merge revision: `{MERGE_HINT}` (then `vsme migrate upgrade head`), or name "
            "one head as the target")


@dataclass(frozen=True)
class RevisionChain:
    """The revision graph, its revisions in topological order (base first; a revision always after
    the ones it revises). Linear in the common case; a branch has several heads until merged."""

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
    def parents(self) -> dict[str, tuple[str, ...]]:
        return {r.revision: r.down_revisions for r in self.revisions}

    def children(self, revision_id: str) -> list[str]:
        return [r.revision for r in self.revisions if revision_id in r.down_revisions]

    @property
    def heads(self) -> list[str]:
        """Revisions no other revision revises, in chain order."""
        revised = {parent for r in self.revisions for parent in r.down_revisions}
        return [r.revision for r in self.revisions if r.revision not in revised]

    @property
    def branch_points(self) -> list[str]:
        """Revisions that more than one revision revises."""
        return [r.revision for r in self.revisions if len(self.children(r.revision)) > 1]

    @property
    def head(self) -> str | None:
        """The one head (None: no revisions). Raises :class:`MultipleHeads` on a branched graph."""
        heads = self.heads
        if len(heads) > 1:
            raise MultipleHeads(heads_message(heads), heads)
        return heads[0] if heads else None

    def ancestors(self, revision_id: str) -> set[str]:
        """Every revision ``revision_id`` (transitively) revises, without itself."""
        parents = self.parents
        seen: set[str] = set()
        todo = list(parents.get(self.get(revision_id).revision, ()))
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(parents.get(current, ()))
        return seen

    def get(self, revision_id: str) -> Revision:
        for revision in self.revisions:
            if revision.revision == revision_id:
                return revision
        raise RevisionError(f"unknown revision '{revision_id}' (not in {self.directory})")


def next_revision_id(message: str, now: datetime | None = None) -> str:
    """``YYYYMMDDHHMM_<8 random hex>_<slug>``: unique without coordination (see the module doc)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M")
    slug = slugify(message)[:MAX_SLUG].strip("_") or "revision"
    return f"{stamp}_{secrets.token_hex(4)}_{slug}"


def short_id(revision_id: str) -> str:
    """The random part of a new id (``3fa9c1d2``), the number of an older one (``0004``)."""
    match = _NEW_ID.match(revision_id)
    return match.group(2) if match else revision_id.split("_", 1)[0]


def _attribute(module: ModuleType, path: Path, name: str, kinds: tuple[type, ...]) -> Any:
    if not hasattr(module, name):
        raise RevisionError(f"{path.name}: missing module attribute '{name}'")
    value = getattr(module, name)
    if not isinstance(value, kinds):
        raise RevisionError(f"{path.name}: '{name}' must be {' or '.join(k.__name__ for k in kinds)}")
    return value


def _revision_from_module(module: ModuleType, path: Path) -> Revision:
    revision = _attribute(module, path, "revision", (str,))
    down_revision = _attribute(module, path, "down_revision", (str, tuple, list, type(None)))
    if revision != path.stem:
        raise RevisionError(f"{path.name}: revision '{revision}' must equal the file name '{path.stem}'")
    if isinstance(down_revision, tuple | list):
        if not down_revision or not all(isinstance(d, str) for d in down_revision):
            raise RevisionError(f"{path.name}: a merge's 'down_revision' must be a tuple of revision ids")
        down_revisions = tuple(down_revision)
    else:
        down_revisions = (down_revision,) if down_revision else ()
    expected_dependencies = list(down_revisions)
    if list(getattr(module, "dependencies", [])) != expected_dependencies:
        raise RevisionError(
            f"{path.name}: 'dependencies' must be {expected_dependencies!r} (pymongo-migrate reads it; "
            "write `dependencies = [down_revision] if down_revision else []`, a merge `list(down_revision)`)"
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
        down_revisions=down_revisions,
        message=str(getattr(module, "message", "") or next(iter((module.__doc__ or "").strip().splitlines()), "")),
        created=str(getattr(module, "created", "")),
        path=path,
        checksum=script_checksum(path),
        transactional=bool(getattr(module, "transactional", False)),
        functions=functions,
        module=module,
    )


def load_revisions(directory: Path | None = None) -> RevisionChain:
    """Load every revision in ``directory`` (default ``migrations/versions``) and order them.

    Raises :class:`RevisionError` for a broken module, a revision that revises an unknown one, a
    cycle or more than one base. A branch (several heads) loads: see :attr:`RevisionChain.heads`.
    """
    directory = Path(directory or DEFAULT_VERSIONS_DIR)
    if not directory.is_dir():
        raise RevisionError(f"revisions directory {directory} does not exist")
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
    for revision in by_id.values():
        for parent in revision.down_revisions:
            if parent not in by_id:
                raise RevisionError(f"{revision.path.name}: down_revision '{parent}' does not exist in {directory}")
    if not by_id:
        return RevisionChain((), directory)
    bases = sorted(r.revision for r in by_id.values() if not r.down_revisions)
    if len(bases) != 1:
        raise RevisionError(f"revision chain in {directory} is broken (there must be a single first revision); "
                            f"bases: {bases or 'none'}")
    return RevisionChain(tuple(_topological(by_id, directory)), directory)


def _topological(by_id: dict[str, Revision], directory: Path) -> list[Revision]:
    """Kahn's order; among revisions ready at the same time the smaller file name first."""
    waiting = {rev: set(r.down_revisions) for rev, r in by_id.items()}
    ordered: list[Revision] = []
    ready = sorted(rev for rev, parents in waiting.items() if not parents)
    while ready:
        current = ready.pop(0)
        ordered.append(by_id[current])
        del waiting[current]
        for rev, parents in waiting.items():
            if current in parents:
                parents.discard(current)
                if not parents:
                    ready.append(rev)
        ready.sort()
    if waiting:
        raise RevisionError(f"revision chain in {directory} has a cycle through {', '.join(sorted(waiting))}")
    return ordered
