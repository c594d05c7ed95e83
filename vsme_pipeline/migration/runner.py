"""Running revisions against the databases: upgrade, downgrade, stamp, current, history.

Why not pymongo-migrate's ``MongoMigrate``: it is synchronous (the project uses PyMongo's async
API only), drives one database per runner (a revision here may touch scope321, vsme_guru and the
reference database), has no lock, no checksum and no record of a failed run. It still does the
loading and ordering (see :mod:`vsme_pipeline.migration.revision`); its tools cannot read the
``_migrations`` records (see :mod:`vsme_pipeline.migration.state`).

A run takes the migration lock of every database it may touch (in a fixed order, so two runners
cannot deadlock), reads what each database applied, refuses edited scripts, plans, then runs the
steps one by one: each step is recorded in that database as soon as it succeeds, and a failing
step is recorded as failed and stops the run, leaving every database as its last successful step
left it. A rerun resumes with the failed step.
"""

import contextlib
import time
import traceback
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from rich.console import Console

from vsme_pipeline.connections import Databases
from vsme_pipeline.migration.errors import ChecksumMismatch, MigrationFailed, OperationError, PlanError
from vsme_pipeline.migration.lock import LockOwner, MigrationLock
from vsme_pipeline.migration.operations import OperationContext, operation_context
from vsme_pipeline.migration.plan import Direction, Step, infer_direction, plan_steps
from vsme_pipeline.migration.replay import schema_at
from vsme_pipeline.migration.revision import (
    DATABASE_KEYS,
    DEFAULT_VERSIONS_DIR,
    MigrationFunction,
    Revision,
    RevisionChain,
    heads_message,
    load_revisions,
)
from vsme_pipeline.migration.schema import DatabaseSchema
from vsme_pipeline.migration.state import MIGRATIONS_COLLECTION, Actor, MigrationRecord, StateStore
from vsme_pipeline.settings import Settings, get_settings


@dataclass(frozen=True)
class MigrationConfig:
    """Where the revisions live (tests point this at temp copies). ``snapshot_path`` is accepted
    for older callers and ignored: the schema is replayed from the revisions (:mod:`replay`)."""

    versions_dir: Path = DEFAULT_VERSIONS_DIR
    snapshot_path: Path | None = None


@dataclass
class StepResult:
    step: Step
    status: str  # applied | reverted | failed | planned | stamped
    duration_ms: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class RunResult:
    command: str
    target: str
    steps: list[StepResult] = field(default_factory=list)
    dry_run: bool = False


@dataclass(frozen=True)
class DatabaseStatus:
    """Where one database stands in the chain."""

    key: str
    name: str
    current: str | None
    head: str | None
    pending: tuple[str, ...]
    failed: tuple[str, ...]
    problems: tuple[str, ...] = ()

    @property
    def at_head(self) -> bool:
        return not self.pending and not self.failed and not self.problems


def verify_checksums(chain: RevisionChain, database: str, records: dict[str, MigrationRecord]) -> None:
    """Refuse to run when an applied script was edited since it ran."""
    known = {r.revision: r for r in chain}
    for revision_id, record in sorted(records.items()):
        if not record.is_applied or revision_id not in known:
            continue  # unknown applied revisions are reported by the planner
        if record.checksum and record.checksum != known[revision_id].checksum:
            raise ChecksumMismatch(
                f"revision {revision_id} was edited after it was applied to database '{database}' "
                f"({known[revision_id].path}): recorded sha256 {record.checksum[:12]}…, file now "
                f"{known[revision_id].checksum[:12]}…. Restore the applied script and put the change into a new revision."
            )


class MigrationRunner:
    """Runs the revision chain against the databases of one :class:`Databases`."""

    def __init__(
        self,
        databases: Databases,
        *,
        config: MigrationConfig | None = None,
        settings: Settings | None = None,
        console: Console | None = None,
        lock_timeout: float = 120.0,
        lock_ttl: float = 60.0,
        command: str = "migrate",
        database_keys: tuple[str, ...] = DATABASE_KEYS,
    ):
        self.databases = databases
        self.config = config or MigrationConfig()
        self._settings = settings
        self.console = console or Console(quiet=True)
        self.lock_timeout = lock_timeout
        self.lock_ttl = lock_ttl
        self.keys = database_keys
        self.actor = Actor()
        self.owner = LockOwner(self.actor, command)
        self._locks: list[MigrationLock] = []

    # --- helpers ---------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = get_settings()
        return self._settings

    def db(self, key: str) -> AsyncDatabase[Any]:
        return self.databases.by_name(key)

    def chain(self) -> RevisionChain:
        return load_revisions(self.config.versions_dir)

    async def records(self) -> dict[str, dict[str, MigrationRecord]]:
        return {key: await StateStore(self.db(key), self.actor).records() for key in self.keys}

    @staticmethod
    def _applied(records: dict[str, dict[str, MigrationRecord]]) -> dict[str, set[str]]:
        return {key: {rev for rev, rec in recs.items() if rec.is_applied} for key, recs in records.items()}

    @staticmethod
    def _functions(chain: RevisionChain) -> dict[str, set[tuple[str, str]]]:
        return {r.revision: set(r.functions) for r in chain}

    @contextlib.asynccontextmanager
    async def _locked(self) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            self._locks = []
            for key in self.keys:
                lock = MigrationLock(self.db(key), self.owner, ttl=self.lock_ttl)
                await stack.enter_async_context(lock.held(self.lock_timeout))
                self._locks.append(lock)
            try:
                yield
            finally:
                self._locks = []

    @staticmethod
    async def _supports_transactions(db: AsyncDatabase[Any]) -> bool:
        """Decided by what the server says (``hello``), not by the environment: replica sets (every
        Atlas cluster) and sharded clusters do; standalone servers and the embedded development
        server, which reports no replica set, do not (there a transaction would block every other
        client)."""
        hello = await db.command("hello")
        return bool(hello.get("setName") or hello.get("msg") == "isdbgrid") and "logicalSessionTimeoutMinutes" in hello

    def _print_step(self, result: StepResult) -> None:
        step = result.step
        colour = {"applied": "green", "reverted": "green", "failed": "red", "planned": "cyan",
                  "stamped": "blue"}.get(result.status, "white")
        code = "" if step.runs_code else " [dim](record only)[/]"
        timing = f" {result.duration_ms} ms" if result.status not in ("planned",) else ""
        self.console.print(f"  [{colour}]{result.status:>8}[/] {step.revision}  {step.direction} "
                           f"[bold]{step.database}[/] ({self.db(step.database).name}){code}{timing}")

    # --- planning --------------------------------------------------------------------------------

    def _plan(self, chain: RevisionChain, records: dict[str, dict[str, MigrationRecord]], target: str,
              direction: Direction) -> list[Step]:
        for key, recs in records.items():
            verify_checksums(chain, key, recs)
        return plan_steps(chain.ids, self._applied(records), target, direction, self._functions(chain), self.keys,
                          chain.parents)

    async def plan(self, target: str = "head", direction: Direction | None = None) -> list[Step]:
        """The steps an upgrade/downgrade to ``target`` would run (direction inferred when None).
        On a branched graph ``head`` plans every head (what ``upgrade`` does once they are merged)."""
        chain, records = self.chain(), await self.records()
        if target == "head" and len(chain.heads) > 1:
            direction = direction or "upgrade"
            steps: list[Step] = []
            for head in chain.heads:
                steps += [s for s in self._plan(chain, records, head, direction) if s not in steps]
            order = {rev: i for i, rev in enumerate(chain.ids)}
            return sorted(steps, key=lambda s: order[s.revision]) if direction == "upgrade" else steps
        direction = direction or infer_direction(chain.ids, self._applied(records), target, chain.parents)
        return self._plan(chain, records, target, direction)

    # --- running ---------------------------------------------------------------------------------

    async def upgrade(self, target: str = "head", *, dry_run: bool = False) -> RunResult:
        return await self._migrate("upgrade", target, dry_run)

    async def downgrade(self, target: str, *, dry_run: bool = False) -> RunResult:
        return await self._migrate("downgrade", target, dry_run)

    async def _migrate(self, direction: Direction, target: str, dry_run: bool) -> RunResult:
        chain = self.chain()
        result = RunResult(direction, target, dry_run=dry_run)
        if dry_run:
            steps = self._plan(chain, await self.records(), target, direction)
            result.steps = [StepResult(step, "planned") for step in steps]
            for step_result in result.steps:
                self._print_step(step_result)
            return result
        async with self._locked():
            steps = self._plan(chain, await self.records(), target, direction)
            if not steps:
                self.console.print(f"nothing to {direction}: every database is at the target")
            for step in steps:
                for lock in self._locks:
                    lock.ensure_held()
                step_result = await self._run_step(chain, chain.get(step.revision), step)
                result.steps.append(step_result)
        return result

    async def _run_step(self, chain: RevisionChain, revision: Revision, step: Step) -> StepResult:
        db = self.db(step.database)
        store = StateStore(db, self.actor)
        ctx = OperationContext(validation_action=self.settings.validation_action.value,
                               report=lambda note: self.console.print(f"           [yellow]note:[/] {note}",
                                                                      highlight=False),
                               schema=self._schema_for(chain, revision, step))
        function = revision.function(step.direction, step.database)
        started = time.perf_counter()
        try:
            with operation_context(ctx):
                if function is not None:
                    await self._call(revision, function, db, ctx)
        except Exception as exc:
            duration = int((time.perf_counter() - started) * 1000)
            error = MigrationFailed(revision.revision, f"{step.database} ({db.name})", step.direction,
                                    self._where(revision, step, exc), exc)
            try:
                await store.record_failed(revision, step.direction, duration, str(error), ctx.notes)
            except Exception as record_exc:  # e.g. the connection is gone: still report the cause
                error.args = (f"{error} The failure could NOT be recorded in {db.name}.{MIGRATIONS_COLLECTION}: "
                              f"{type(record_exc).__name__}: {record_exc}",)
            self._print_step(StepResult(step, "failed", duration, ctx.notes))
            raise error from exc
        duration = int((time.perf_counter() - started) * 1000)
        if step.direction == "upgrade":
            await store.record_applied(revision, duration, ctx.notes)
            status = "applied"
        else:
            await store.record_reverted(revision, duration, ctx.notes)
            status = "reverted"
        step_result = StepResult(step, status, duration, list(ctx.notes))
        self._print_step(step_result)
        return step_result

    @staticmethod
    def _schema_for(chain: RevisionChain, revision: Revision, step: Step) -> DatabaseSchema | None:
        """What ``ops.apply_changes`` patches: the chain's schema before the revision (upgrade) or
        after it (downgrade: the inverse changes apply to it). Only revisions with ``CHANGES``."""
        if getattr(revision.module, "CHANGES", None) is None:
            return None
        return schema_at(chain, revision.revision, before=step.direction == "upgrade").get(step.database, {})

    async def _call(self, revision: Revision, function: MigrationFunction, db: AsyncDatabase[Any],
                    ctx: OperationContext) -> None:
        if revision.transactional and await self._supports_transactions(db):
            async with db.client.start_session() as session:
                async with await session.start_transaction():
                    ctx.session = session
                    await function(db)
            return
        if revision.transactional:
            ctx.note("transactional revision run without a transaction: this server does not support them")
        await function(db)

    @staticmethod
    def _where(revision: Revision, step: Step, exc: BaseException) -> str:
        """The operation that failed, and the line of the revision script that called it."""
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == revision.path]
        line = f" at {revision.path.name}:{frames[-1].lineno}" if frames else ""
        if isinstance(exc, OperationError):
            return f"{exc.operation}({exc.target}){line}"
        return f"{step.direction}_{step.database}{line}"

    # --- stamping and reading state --------------------------------------------------------------

    async def stamp(self, target: str, *, dry_run: bool = False) -> RunResult:
        """Record every database as being at ``target`` without running any code: for databases
        whose schema was created another way. Same grammar as upgrade/downgrade (``head``, ``base``,
        ``REV``, ``+N``, ``-N``): ``+1`` at head is an error, not a silent un-apply."""
        chain = self.chain()
        result = RunResult("stamp", target, dry_run=dry_run)
        context = contextlib.nullcontext() if dry_run else self._locked()
        async with context:
            records = await self.records()
            direction = infer_direction(chain.ids, self._applied(records), target, chain.parents)
            steps = self._plan(chain, records, target, direction)
            for step in steps:
                if not dry_run:
                    store = StateStore(self.db(step.database), self.actor)
                    revision = chain.get(step.revision)
                    if step.direction == "upgrade":
                        await store.record_applied(revision, 0, ["stamped: no code was run"], stamped=True)
                    else:
                        await store.record_reverted(revision, 0, ["stamped: no code was run"], stamped=True)
                result.steps.append(StepResult(step, "planned" if dry_run else "stamped"))
                self._print_step(result.steps[-1])
        return result

    async def status(self) -> list[DatabaseStatus]:
        """Each database's current revision, pending and failed revisions and problems."""
        chain = self.chain()
        records = await self.records()
        statuses = []
        for key in self.keys:
            recs = records[key]
            applied = {rev for rev, rec in recs.items() if rec.is_applied}
            problems: list[str] = []
            try:
                verify_checksums(chain, key, recs)
            except ChecksumMismatch as exc:
                problems.append(str(exc))
            for rev, rec in sorted(recs.items()):
                unmade = [n for n in rec.notes if "collMod unsupported" in n and "not changed" in n]
                if rec.is_applied and unmade:
                    problems.append(
                        f"revision {rev} is recorded as applied but a change it contains was not made "
                        f"({unmade[0]}); on a server with collMod run `vsme migrate stamp <previous>` then "
                        "`vsme migrate upgrade head` to apply it for real")
            unknown = sorted(applied - set(chain.ids))
            if unknown:
                problems.append(f"applied revisions not in the chain: {', '.join(unknown)}")
            heads = chain.heads
            if len(heads) > 1:
                problems.append(heads_message(heads))
            known = [rev for rev in chain.ids if rev in applied]
            tips = [rev for rev in known if not any(child in applied for child in chain.children(rev))]
            current = ", ".join(tips) or None
            pending = tuple(rev for rev in chain.ids if rev not in applied)
            failed = tuple(rev for rev, rec in recs.items() if rec.status == "failed")
            statuses.append(DatabaseStatus(key, self.db(key).name, current, ", ".join(heads) or None, pending,
                                           failed, tuple(problems)))
        return statuses

    async def history(self) -> list[tuple[Revision, dict[str, MigrationRecord | None]]]:
        """Every revision of the chain with its record in each database (None: never run)."""
        chain, records = self.chain(), await self.records()
        return [(rev, {key: records[key].get(rev.revision) for key in self.keys}) for rev in chain]


__all__ = ["DatabaseStatus", "MigrationConfig", "MigrationRunner", "PlanError", "RunResult", "StepResult"]
