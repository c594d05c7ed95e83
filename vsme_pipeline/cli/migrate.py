"""``vsme migrate ...``: versioned migrations of scope321, vsme_guru and the reference database.

Every command is a thin layer over :mod:`vsme_pipeline.migration`. Exit codes: 0 success,
1 failure or (``current``/``check``/``drift``) "not clean", 2 invalid settings.
"""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from vsme_pipeline.cli.console import console, fail, run_async, settings_or_exit
from vsme_pipeline.connections import Databases, open_databases
from vsme_pipeline.embedded_db import EmbeddedDatabaseError
from vsme_pipeline.migration import MigrationConfig, MigrationError, MigrationRunner, check, detect_drift
from vsme_pipeline.migration.autogenerate import create_merge, create_revision
from vsme_pipeline.migration.lock import force_unlock
from vsme_pipeline.migration.plan import resolve_revision
from vsme_pipeline.migration.replay import revision_changes
from vsme_pipeline.migration.revision import (
    DATABASE_KEYS,
    DEFAULT_VERSIONS_DIR,
    MERGE_HINT,
    RevisionChain,
    heads_message,
    load_revisions,
)
from vsme_pipeline.settings import Settings

app = typer.Typer(
    help="Versioned schema migrations of scope321, vsme_guru and the reference database.", no_args_is_help=True
)

_state: dict[str, Any] = {"config": MigrationConfig()}


@app.callback()
def _options(
    versions_dir: Path = typer.Option(DEFAULT_VERSIONS_DIR, "--versions-dir", envvar="VSME_MIGRATIONS_DIR",
                                      help="Directory of the revision scripts."),
) -> None:
    _state["config"] = MigrationConfig(versions_dir)


def _config() -> MigrationConfig:
    config = _state["config"]
    assert isinstance(config, MigrationConfig)
    return config


def _chain() -> RevisionChain:
    try:
        return load_revisions(_config().versions_dir)
    except MigrationError as exc:
        fail(str(exc))


def _merge_note(chain: RevisionChain) -> None:
    if len(chain.heads) > 1:
        console.print(f"[yellow]{heads_message(chain.heads)}[/]", highlight=False, soft_wrap=True)


def _with_databases[T](action: Callable[[Databases], Awaitable[T]], settings: Settings | None = None) -> T:
    settings = settings or settings_or_exit()

    async def run() -> T:
        async with open_databases(settings) as databases:
            return await action(databases)

    try:
        return run_async(run())
    except (MigrationError, EmbeddedDatabaseError) as exc:
        fail(str(exc))


def _with_runner[T](action: Callable[[MigrationRunner], Awaitable[T]], lock_timeout: float = 120.0) -> T:
    settings = settings_or_exit()
    return _with_databases(lambda databases: action(MigrationRunner(
        databases, config=_config(), settings=settings, console=console, lock_timeout=lock_timeout)), settings)


LOCK_TIMEOUT = typer.Option(120.0, "--lock-timeout", help="Seconds to wait for another runner's lock.")
DRY_RUN = typer.Option(False, "--dry-run", metavar="", help="Show what would run, against which database; change nothing.")
# "-1" is a target, not an option: unknown options are passed on as the TARGET argument
TARGET_COMMAND = {"ignore_unknown_options": True}


@app.command("upgrade", context_settings=TARGET_COMMAND)
def upgrade_command(
    target: str = typer.Argument("head", help="head | REV | +N"),
    dry_run: bool = DRY_RUN,
    lock_timeout: float = LOCK_TIMEOUT,
) -> None:
    """Apply revisions up to TARGET (default head)."""
    result = _with_runner(lambda r: r.upgrade(target, dry_run=dry_run), lock_timeout)
    verb = "would run" if dry_run else "ran"
    console.print(f"[green]upgrade {target}[/]: {verb} {len(result.steps)} step(s)")


@app.command("downgrade", context_settings=TARGET_COMMAND)
def downgrade_command(
    target: str = typer.Argument(..., help="REV (stays applied) | -N | base"),
    dry_run: bool = DRY_RUN,
    lock_timeout: float = LOCK_TIMEOUT,
) -> None:
    """Revert revisions down to TARGET."""
    result = _with_runner(lambda r: r.downgrade(target, dry_run=dry_run), lock_timeout)
    verb = "would run" if dry_run else "ran"
    console.print(f"[green]downgrade {target}[/]: {verb} {len(result.steps)} step(s)")


@app.command("plan", context_settings=TARGET_COMMAND)
def plan_command(
    target: str = typer.Argument("head", help="head | REV | +N | -N | base"),
    downgrade: bool = typer.Option(False, "--downgrade", metavar="", help="Plan a downgrade (default: inferred)."),
) -> None:
    """Show the steps an upgrade/downgrade to TARGET would run, per database (changes nothing)."""
    steps = _with_runner(lambda r: r.plan(target, "downgrade" if downgrade else None))
    _merge_note(_chain())
    if not steps:
        console.print("nothing to do: every database is at the target")
        return
    table = Table("revision", "database", "direction", "code")
    for step in steps:
        table.add_row(step.revision, step.database, step.direction, "yes" if step.runs_code else "record only")
    console.print(table)


@app.command("current")
def current_command() -> None:
    """Show each database's revision; exit 1 unless every database is at head (CI, readiness)."""
    statuses = _with_runner(lambda r: r.status())
    table = Table("database", "name", "current", "head", "pending", "failed")
    for s in statuses:
        table.add_row(s.key, s.name, s.current or "(base)", s.head or "-", str(len(s.pending)),
                      ", ".join(s.failed) or "-")
    console.print(table)
    problems = [p for s in statuses for p in s.problems]
    for problem in dict.fromkeys(problems):  # a graph problem (several heads) is every database's
        console.print(f"[red]problem:[/] {problem}", highlight=False, soft_wrap=True)
    if not all(s.at_head for s in statuses):
        console.print("[yellow]not at head[/]")
        raise typer.Exit(1)
    console.print("[green]every database is at head[/]")


@app.command("history")
def history_command() -> None:
    """List the revisions, oldest first, with their state and notes in each database."""
    rows = _with_runner(lambda r: r.history())
    chain = _chain()
    heads = set(chain.heads)
    for revision, records in rows:
        marks = [label for label, on in (("head", revision.revision in heads),
                                         ("merge", revision.is_merge),
                                         ("branch point", revision.revision in chain.branch_points)) if on]
        revises = ", ".join(revision.down_revisions) or "(base)"
        console.print(f"[bold]{revision.revision}[/]  {revision.message}  (revises {revises})"
                      + (f" [cyan]{', '.join(marks)}[/]" if marks else ""), highlight=False, soft_wrap=True)
        for key in DATABASE_KEYS:
            record = records.get(key)
            if record is None:
                console.print(f"    {key}: -", highlight=False)
                continue
            if record.status == "applied":
                when = record.applied_at.strftime("%Y-%m-%d %H:%M") if record.applied_at else "?"
                state = (f"[green]applied[/] {when} {record.applied_by or ''}@{record.host or ''} "
                         f"{record.duration_ms or 0} ms" + (" (stamped)" if record.stamped else ""))
            else:
                state = f"[red]{record.status}[/]" if record.status == "failed" else record.status
            console.print(f"    {key}: {state}", highlight=False, soft_wrap=True)
            for note in record.notes:
                console.print(f"      note: {note}", highlight=False, soft_wrap=True)
            if record.error:
                console.print(f"      [red]error:[/] {record.error}", highlight=False, soft_wrap=True)
    _merge_note(chain)


@app.command("stamp", context_settings=TARGET_COMMAND)
def stamp_command(
    target: str = typer.Argument(..., help="head | REV | +N | -N | base"),
    dry_run: bool = DRY_RUN,
    lock_timeout: float = LOCK_TIMEOUT,
) -> None:
    """Record TARGET as every database's revision without running any code."""
    result = _with_runner(lambda r: r.stamp(target, dry_run=dry_run), lock_timeout)
    if dry_run:
        console.print(f"[green]stamp {target}[/]: would stamp {len(result.steps)} record(s); nothing changed")
    else:
        console.print(f"[green]stamped {target}[/]: {len(result.steps)} record(s) changed")


@app.command("revision")
def revision_command(
    message: str = typer.Option(..., "-m", "--message", help="What the revision does."),
    autogenerate: bool = typer.Option(False, "--autogenerate", metavar="",
                                      help="Diff the documents against the schema replayed from the revisions."),
    no_renames: bool = typer.Option(False, "--no-renames", metavar="",
                                    help="A field removed and one of the same type added: drop+add, not a rename."),
) -> None:
    """Write a new revision script after head (with --autogenerate: the schema difference)."""
    config = _config()
    try:
        new = create_revision(message, autogenerate=autogenerate, versions_dir=config.versions_dir,
                              renames=not no_renames)
    except MigrationError as exc:
        fail(str(exc))
    console.print(f"wrote [bold]{new.path}[/]", highlight=False, soft_wrap=True)
    for database, listed in new.changes:
        for change in listed:
            console.print(f"  {database}.{change.describe()}", highlight=False, soft_wrap=True)
    for operation in new.operations:
        for old, renamed in operation.renames():
            console.print(f"  [cyan]rename:[/] {operation.database}.{operation.collection}: {old} -> {renamed}: "
                          "the revision moves the data (ops.rename_field); --no-renames for drop+add",
                          highlight=False, soft_wrap=True)
    for warning in new.warnings:
        console.print(f"[yellow]WARNING:[/] {warning}", highlight=False, soft_wrap=True)
    if autogenerate:
        console.print("review the revision and commit it (the schema is replayed from the revisions: no other file)")


@app.command("merge")
def merge_command(
    message: str = typer.Option(..., "-m", "--message", help="What the merge joins."),
    heads: list[str] = typer.Argument(None, help="The heads to merge (default: every head)."),
) -> None:
    """Write a merge revision that revises two (or more) heads, so the graph has one head again."""
    try:
        new = create_merge(message, versions_dir=_config().versions_dir, heads=heads or None)
    except MigrationError as exc:
        fail(str(exc))
    merged = load_revisions(_config().versions_dir).get(new.revision).down_revisions
    console.print(f"wrote [bold]{new.path}[/] (merges {', '.join(merged)})", highlight=False, soft_wrap=True)


@app.command("heads")
def heads_command() -> None:
    """List the head revisions (more than one: a branch to merge)."""
    chain = _chain()
    for head in chain.heads:
        console.print(f"{head}  {chain.get(head).message}", highlight=False, soft_wrap=True)
    _merge_note(chain)


@app.command("branches")
def branches_command() -> None:
    """List the branch points: revisions that more than one revision revises."""
    chain = _chain()
    if not chain.branch_points:
        console.print("no branches: every revision is revised by at most one other")
    for point in chain.branch_points:
        console.print(f"{point}  branches into {', '.join(chain.children(point))}", highlight=False, soft_wrap=True)
    _merge_note(chain)


@app.command("show")
def show_command(revision: str = typer.Argument(..., help="REV (an unambiguous prefix is enough) | head")) -> None:
    """Show one revision: what it revises, its docstring and its schema changes per database."""
    chain = _chain()
    try:
        revision_id = chain.head if revision == "head" else resolve_revision(chain.ids, revision)
    except MigrationError as exc:
        fail(str(exc))
    if revision_id is None:
        fail("there are no revisions")
    found = chain.get(revision_id)
    console.print(f"[bold]Revision:[/] {found.revision}", highlight=False, soft_wrap=True)
    console.print(f"Revises: {', '.join(found.down_revisions) or '(base)'}", highlight=False, soft_wrap=True)
    console.print(f"Revised by: {', '.join(chain.children(found.revision)) or '(head)'}", highlight=False,
                  soft_wrap=True)
    console.print(f"Path: {found.path}", highlight=False, soft_wrap=True)
    console.print(f"Functions: {', '.join(f'{d}_{db}' for d, db in sorted(found.functions)) or '-'}",
                  highlight=False, soft_wrap=True)
    console.print("", found.doc, highlight=False, soft_wrap=True, sep="\n")
    changes = revision_changes(found)
    if changes:
        console.print("\n[bold]Schema changes[/] (as replayed):")
        for database, listed in changes.items():
            for change in listed:
                console.print(f"  {database}.{change.describe()}", highlight=False, soft_wrap=True)


@app.command("check")
def check_command(
    live: bool = typer.Option(False, "--live", metavar="", help="Also compare the live databases with the documents."),
) -> None:
    """Exit 1 when the documents changed without a revision (and, with --live, on drift)."""
    try:
        result = check(_config())
    except MigrationError as exc:
        fail(str(exc))
    if len(result.heads) > 1:
        console.print(f"[red]{heads_message(result.heads)}[/]", highlight=False, soft_wrap=True)
        if not result.operations:
            console.print("the documents match the changes of every head replayed together")
            raise typer.Exit(1)
    if not result.ok:
        console.print("[red]the documents differ from the schema recorded by the revisions:[/]")
        for operation in result.operations:
            console.print(f"  {operation.database}.{operation.collection}: {operation.kind}"
                          + (f" {operation.describe().rsplit(': ', 1)[-1]}" if not operation.changes else ""),
                          highlight=False, soft_wrap=True)
            for change in operation.changes:
                console.print(f"      {change.describe()}", highlight=False, soft_wrap=True)
        console.print('run: vsme migrate revision --autogenerate -m "describe the change"'
                      + (f" (after {MERGE_HINT})" if len(result.heads) > 1 else ""))
        raise typer.Exit(1)
    console.print(f"[green]documents match the revisions[/] (head {result.head}, schema replayed from "
                  f"{result.revisions} revision(s))")
    if live:
        drift_command()


@app.command("drift")
def drift_command() -> None:
    """Compare the live collections (validators, indexes) with the documents; exit 1 on errors."""
    settings = settings_or_exit()
    differences = _with_databases(lambda dbs: detect_drift(dbs, validation_action=settings.validation_action.value),
                                  settings)
    errors = [d for d in differences if d.severity == "error"]
    for difference in differences:
        colour = "red" if difference.severity == "error" else "dim"
        console.print(f"[{colour}]{difference}[/]", highlight=False)
    if errors:
        raise typer.Exit(1)
    console.print("[green]no schema drift[/]")


@app.command("unlock")
def unlock_command(force: bool = typer.Option(False, "--force", metavar="",
                                              help="Remove the lock whoever holds it.")) -> None:
    """Show who holds the migration lock of each database; with --force remove it (only when its
    holder is known to be dead)."""
    from vsme_pipeline.migration.lock import LOCK_COLLECTION, LOCK_ID

    async def holders(databases: Databases) -> list[tuple[str, Any]]:
        return [(key, await databases.by_name(key)[LOCK_COLLECTION].find_one({"_id": LOCK_ID}))
                for key in DATABASE_KEYS]

    async def unlock(databases: Databases) -> list[tuple[str, Any]]:
        return [(key, await force_unlock(databases.by_name(key))) for key in DATABASE_KEYS]

    def who(holder: dict[str, Any]) -> str:
        return f"{holder.get('user')}@{holder.get('host')} (pid {holder.get('pid')}, {holder.get('command', '?')})"

    if not force:
        held = [(key, holder) for key, holder in _with_databases(holders) if holder]
        if not held:
            console.print("no migration lock is held on any database: nothing to unlock")
            return
        for key, holder in held:
            console.print(f"{key}: locked by {who(holder)}, expires {holder.get('expiresAt')}", highlight=False)
        fail("refusing without --force: remove a lock only when its holder is known to be dead "
             "(a live runner renews it; an abandoned one expires by itself)")
    for key, holder in _with_databases(unlock):
        console.print(f"{key}: " + (f"removed lock of {who(holder)}" if holder else "no lock"), highlight=False)
