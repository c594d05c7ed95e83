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
from vsme_pipeline.migration.autogenerate import create_revision
from vsme_pipeline.migration.lock import force_unlock
from vsme_pipeline.migration.revision import DATABASE_KEYS, DEFAULT_VERSIONS_DIR
from vsme_pipeline.migration.snapshot import DEFAULT_SNAPSHOT_PATH
from vsme_pipeline.settings import Settings

app = typer.Typer(
    help="Versioned schema migrations of scope321, vsme_guru and the reference database.", no_args_is_help=True
)

_state: dict[str, Any] = {"config": MigrationConfig()}


@app.callback()
def _options(
    versions_dir: Path = typer.Option(DEFAULT_VERSIONS_DIR, "--versions-dir", envvar="VSME_MIGRATIONS_DIR",
                                      help="Directory of the revision scripts."),
    snapshot: Path = typer.Option(DEFAULT_SNAPSHOT_PATH, "--snapshot", envvar="VSME_SCHEMA_SNAPSHOT",
                                  help="The committed schema snapshot."),
) -> None:
    _state["config"] = MigrationConfig(versions_dir, snapshot)


def _config() -> MigrationConfig:
    return _state["config"]


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
    for problem in problems:
        console.print(f"[red]problem:[/] {problem}", highlight=False)
    if not all(s.at_head for s in statuses):
        console.print("[yellow]not at head[/]")
        raise typer.Exit(1)
    console.print("[green]every database is at head[/]")


@app.command("history")
def history_command() -> None:
    """List the revisions, oldest first, with their state and notes in each database."""
    rows = _with_runner(lambda r: r.history())
    for revision, records in rows:
        console.print(f"[bold]{revision.revision}[/]  {revision.message}", highlight=False, soft_wrap=True)
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
    autogenerate: bool = typer.Option(False, "--autogenerate", metavar="", help="Diff the documents against the snapshot."),
    no_renames: bool = typer.Option(False, "--no-renames", metavar="",
                                    help="A field removed and one of the same type added: drop+add, not a rename."),
) -> None:
    """Write a new revision script after head (with --autogenerate: the schema difference)."""
    config = _config()
    try:
        new = create_revision(message, autogenerate=autogenerate, versions_dir=config.versions_dir,
                              snapshot_path=config.snapshot_path, renames=not no_renames)
    except MigrationError as exc:
        fail(str(exc))
    console.print(f"wrote [bold]{new.path}[/]")
    for operation in new.operations:
        console.print(f"  {operation.describe()}", highlight=False, soft_wrap=True)
        for old, renamed in operation.renames():
            console.print(f"  [cyan]rename:[/] {operation.database}.{operation.collection}: {old} -> {renamed}: "
                          "the revision moves the data (ops.rename_field); --no-renames for drop+add",
                          highlight=False, soft_wrap=True)
    for warning in new.warnings:
        console.print(f"[yellow]WARNING:[/] {warning}", highlight=False, soft_wrap=True)
    if new.snapshot_path:
        console.print(f"updated {new.snapshot_path}: review both files and commit them together")


@app.command("check")
def check_command(
    live: bool = typer.Option(False, "--live", metavar="", help="Also compare the live databases with the documents."),
) -> None:
    """Exit 1 when the documents changed without a revision (and, with --live, on drift)."""
    try:
        result = check(_config())
    except MigrationError as exc:
        fail(str(exc))
    if not result.ok:
        console.print("[red]the documents differ from the schema recorded by the revisions:[/]")
        for operation in result.operations:
            console.print(f"  {operation.database}.{operation.collection}: {operation.kind}"
                          + (f" {operation.describe().rsplit(': ', 1)[-1]}" if not operation.changes else ""),
                          highlight=False, soft_wrap=True)
            for change in operation.changes:
                console.print(f"      {change.describe()}", highlight=False, soft_wrap=True)
        console.print('run: vsme migrate revision --autogenerate -m "describe the change"')
        raise typer.Exit(1)
    console.print(f"[green]documents match the revisions[/] (head {result.head}, schema of {result.snapshot_revision})")
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
