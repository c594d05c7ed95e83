"""Versioned migrations of the scope321, vsme_guru and reference databases.

Python API (the CLI ``vsme migrate ...`` is a thin layer over it)::

    from vsme_pipeline.migration import upgrade, downgrade, current_revisions, pending_revisions

    async with open_databases(settings) as dbs:
        await upgrade(dbs)                        # to head; "REV", "+1" also work
        await downgrade(dbs, "-1")                # or "base", "REV"
        await current_revisions(dbs)              # {"scope321": "0002_...", "vsme_guru": ..., ...}
        await pending_revisions(dbs)              # {"scope321": [], ...}
        await plan(dbs, "head")                   # [Step(revision, database, direction), ...]
        await detect_drift(dbs)                   # live schema vs documents
    check()                                       # documents vs the schema replayed from the revisions

Drift for sensors: ``diff_schema(desired_schema()["vsme_guru"], await read_live_schema(db))``.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vsme_pipeline.connections import Databases
from vsme_pipeline.migration.drift import Difference, diff_schema, read_live_schema
from vsme_pipeline.migration.errors import (
    ChecksumMismatch,
    LockLost,
    LockTimeout,
    MigrationError,
    MigrationFailed,
    OperationError,
    PlanError,
    RevisionError,
)
from vsme_pipeline.migration.plan import Step
from vsme_pipeline.migration.runner import DatabaseStatus, MigrationConfig, MigrationRunner, RunResult
from vsme_pipeline.migration.schema import CollectionSchema, IndexSpec, desired_schema
from vsme_pipeline.migration.snapshot import SchemaOperation, diff_schemas
from vsme_pipeline.settings import Settings

__all__ = [
    "ChecksumMismatch", "CheckResult", "CollectionSchema", "DatabaseStatus", "Difference", "IndexSpec",
    "LockLost", "LockTimeout", "MigrationConfig", "MigrationError", "MigrationFailed", "MigrationRunner",
    "OperationError", "PlanError", "RevisionError", "RunResult", "Step", "check", "current_revisions",
    "desired_schema", "detect_drift", "diff_schema", "downgrade", "pending_revisions", "plan",
    "read_live_schema", "stamp", "status", "upgrade",
]


def _runner(databases: Databases, config: MigrationConfig | None, settings: Settings | None, **options: Any) -> MigrationRunner:
    return MigrationRunner(databases, config=config, settings=settings, **options)


async def upgrade(databases: Databases, target: str = "head", *, dry_run: bool = False,
                  config: MigrationConfig | None = None, settings: Settings | None = None, **options: Any) -> RunResult:
    """Apply revisions up to ``target`` (``head`` | REV | ``+N``) to every database."""
    return await _runner(databases, config, settings, **options).upgrade(target, dry_run=dry_run)


async def downgrade(databases: Databases, target: str, *, dry_run: bool = False,
                    config: MigrationConfig | None = None, settings: Settings | None = None, **options: Any) -> RunResult:
    """Revert revisions down to ``target`` (REV stays applied | ``-N`` | ``base``)."""
    return await _runner(databases, config, settings, **options).downgrade(target, dry_run=dry_run)


async def stamp(databases: Databases, target: str, *, dry_run: bool = False, config: MigrationConfig | None = None,
                settings: Settings | None = None, **options: Any) -> RunResult:
    """Record ``target`` (``head`` | ``base`` | REV | ``+N`` | ``-N``) as current without running code."""
    return await _runner(databases, config, settings, **options).stamp(target, dry_run=dry_run)


async def plan(databases: Databases, target: str = "head", direction: str | None = None, *,
               config: MigrationConfig | None = None) -> list[Step]:
    """What an upgrade (or downgrade) to ``target`` would run, against which database."""
    return await MigrationRunner(databases, config=config).plan(target, direction)  # type: ignore[arg-type]


async def status(databases: Databases, *, config: MigrationConfig | None = None) -> list[DatabaseStatus]:
    return await MigrationRunner(databases, config=config).status()


async def current_revisions(databases: Databases, *, config: MigrationConfig | None = None) -> dict[str, str | None]:
    """Database key -> the last applied revision (None: nothing applied)."""
    return {s.key: s.current for s in await status(databases, config=config)}


async def pending_revisions(databases: Databases, *, config: MigrationConfig | None = None) -> dict[str, list[str]]:
    """Database key -> revisions not (successfully) applied yet, in chain order."""
    return {s.key: list(s.pending) for s in await status(databases, config=config)}


@dataclass(frozen=True)
class CheckResult:
    """``check``: the documents vs the schema replayed from the revisions, and the graph's heads."""

    operations: tuple[SchemaOperation, ...]
    heads: tuple[str, ...]
    revisions: int

    @property
    def head(self) -> str | None:
        return self.heads[0] if len(self.heads) == 1 else None

    @property
    def ok(self) -> bool:
        return not self.operations and len(self.heads) <= 1


def check(config: MigrationConfig | None = None, documents: Mapping[str, Iterable[type]] | None = None) -> CheckResult:
    """Fail (``ok`` False) when the documents changed without a revision, or the graph has several
    heads (compared then with every head's changes replayed). Loading the chain raises
    :class:`RevisionError` for a broken one (bad module, unknown down_revision)."""
    from vsme_pipeline.migration.replay import schema_at
    from vsme_pipeline.migration.revision import load_revisions

    config = config or MigrationConfig()
    chain = load_revisions(config.versions_dir)
    operations = diff_schemas(schema_at(chain), desired_schema(documents))
    return CheckResult(tuple(operations), tuple(chain.heads), len(chain))


async def detect_drift(databases: Databases, *, documents: Mapping[str, Iterable[type]] | None = None, validation_action: str | None = None,
                       keys: tuple[str, ...] = ("scope321", "vsme_guru", "reference")) -> list[Difference]:
    """Live schema of every database vs the documents' schema."""
    desired = desired_schema(documents)
    out: list[Difference] = []
    for key in keys:
        live = await read_live_schema(databases.by_name(key))
        out.extend(diff_schema(desired.get(key, {}), live, validation_action=validation_action, database=key))
    return out
