"""``vsme backup``, ``vsme restore``, ``vsme storage``, ``vsme retention``, ``vsme privacy``."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from vsme_pipeline.cli.console import console, fail, run_async, settings_or_exit
from vsme_pipeline.connections import open_databases, read_only
from vsme_pipeline.embedded_db import EmbeddedDatabaseError
from vsme_pipeline.operations import tasks
from vsme_pipeline.operations.backup import BackupError, Manifest
from vsme_pipeline.operations.privacy import (
    ErasureResult,
    PersonalDatum,
    Subject,
    erase_personal_data,
    find_personal_data,
    resolve_subject,
)
from vsme_pipeline.operations.restore import RestoreResult
from vsme_pipeline.operations.retention import RetentionResult
from vsme_pipeline.operations.storage import CollectionStorage, database_storage, over_capacity
from vsme_pipeline.settings import Settings

retention_app = typer.Typer(help="Retention of the pipeline's records (see docs/operations.md).", no_args_is_help=True)
privacy_app = typer.Typer(help="Personal data the pipeline holds: export and erase (GDPR).", no_args_is_help=True)


def backup(directory: Annotated[Path | None, typer.Argument(help="New directory (default: VSME_BACKUP_DIR/vsme_guru-<time>)")] = None) -> None:
    """Back up every collection of vsme_guru as BSON with a manifest (counts, checksums, indexes,
    validators, migration revisions)."""
    settings = settings_or_exit()

    async def go() -> tuple[Path, Manifest]:
        async with open_databases(settings) as databases:
            return await tasks.take_backup(databases, settings, directory)

    try:
        path, manifest = run_async(go())
    except (BackupError, EmbeddedDatabaseError) as exc:
        fail(str(exc))
    console.print(f"backup written to {path}: {len(manifest.collections)} collections, "
                  f"{sum(c.count for c in manifest.collections)} documents, revision {manifest.revision}")


def restore(directory: Annotated[Path, typer.Argument(help="A backup directory (with manifest.json)")],
            to: Annotated[str | None, typer.Option("--to", help="Database to restore into (default: VSME_GURU_DATABASE_NAME)")] = None) -> None:
    """Restore a backup into an empty database, verifying checksums, counts and every document."""
    settings = settings_or_exit()

    async def go() -> RestoreResult:
        async with open_databases(settings) as databases:
            return await tasks.restore_into(databases, directory, to or settings.vsme_guru_database_name)

    try:
        result = run_async(go())
    except (BackupError, EmbeddedDatabaseError) as exc:
        fail(str(exc))
    documents = result.documents
    if result.differences:
        fail("restored, but the database differs from the backup: " + "; ".join(result.differences[:10]))
    console.print(f"restored {sum(documents.values())} documents in {len(documents)} collections into "
                  f"{to or settings.vsme_guru_database_name}; every document matches the backup")


def storage() -> None:
    """Storage per collection of the three databases, and the capacity check."""
    settings = settings_or_exit()

    async def go() -> list[list[CollectionStorage]]:
        async with open_databases(settings) as databases:
            return [await database_storage(db) for db in (databases.vsme_guru, databases.scope321, databases.reference)]

    try:
        per_database = run_async(go())
    except EmbeddedDatabaseError as exc:
        fail(str(exc))
    table = Table(title="Storage")
    for column in ("database", "collection", "documents", "data", "indexes", "measured by"):
        table.add_column(column)
    for rows in per_database:
        for row in rows:
            table.add_row(row.database, row.collection, str(row.documents), f"{row.data_bytes / 1e6:.2f} MB",
                          "-" if row.index_bytes is None else f"{row.index_bytes / 1e6:.2f} MB", row.source)
    console.print(table)
    problem = over_capacity(per_database[0], settings.capacity_threshold_bytes)
    if problem:
        fail(problem)


@retention_app.command("apply")
def retention_apply(dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be removed")] = False) -> None:
    """Remove superseded snapshot and metric versions and audit events past their retention."""
    settings = settings_or_exit()

    async def go() -> RetentionResult:
        async with open_databases(settings) as databases:
            return await tasks.enforce_retention(databases, settings, dry_run=dry_run)

    result = run_async(go())
    verb = "would remove" if dry_run else "removed"
    for collection, count in result.removed.items():
        console.print(f"{collection}: {verb} {count}")


def _subject_options(user: str | None, email: str | None) -> None:
    if bool(user) == bool(email):
        fail("give exactly one of --user CLERK_ID or --email ADDRESS", code=2)


async def _subject(settings: Settings, user: str | None, email: str | None) -> tuple[Subject, list[PersonalDatum]]:
    async with open_databases(settings) as databases:
        subject = await resolve_subject(read_only(databases.scope321), user=user, email=email)
        return subject, await find_personal_data(databases.vsme_guru, subject)


UserOption = Annotated[str | None, typer.Option("--user", help="Clerk user id")]
EmailOption = Annotated[str | None, typer.Option("--email", help="E-mail address")]


@privacy_app.command("export")
def privacy_export(user: UserOption = None, email: EmailOption = None) -> None:
    """List every personal datum the pipeline holds about a person (collection, document, field, value)."""
    _subject_options(user, email)
    settings = settings_or_exit()
    subject, data = run_async(_subject(settings, user, email))
    table = Table(title=f"Personal data held by the pipeline ({len(data)} values)")
    for column in ("collection", "document", "field", "value"):
        table.add_column(column)
    for datum in data:
        table.add_row(datum.collection, str(datum.document_id), datum.path, str(datum.value))
    console.print(table)
    if subject.user_ids:
        console.print(f"The person is also a Scope321 user ({len(subject.user_ids)} record(s) in scope321.users), "
                      "which Scope321 holds and the pipeline only reads.")


@privacy_app.command("erase")
def privacy_erase(user: UserOption = None, email: EmailOption = None,
                  yes: Annotated[bool, typer.Option("--yes", help="Confirm the erasure")] = False) -> None:
    """Remove a person's data from the pipeline's collections (snapshots are redacted, recorded and
    still verifiable); one audit event names the person only by a digest."""
    _subject_options(user, email)
    if not yes:
        fail("erasure cannot be undone: run `vsme privacy export` first, then add --yes", code=2)
    settings = settings_or_exit()

    async def go() -> ErasureResult:
        async with open_databases(settings) as databases:
            subject = await resolve_subject(read_only(databases.scope321), user=user, email=email)
            return await erase_personal_data(databases.vsme_guru, subject, now=datetime.now(UTC))

    result = run_async(go())
    console.print(f"erased {result.fields} values in {result.changed}; "
                  f"audit event personal_data_erased for subject {result.subject_digest[:12]}…. "
                  "Erase the person in Scope321 too: the pipeline never writes there.")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command("storage")(storage)
    app.add_typer(retention_app, name="retention")
    app.add_typer(privacy_app, name="privacy")
