"""The operations as the CLI and the Dagster layer run them, on open database handles.

Each function is one operation end to end (backup with the migration revisions, restore with the
revisions this code knows, the restore test into a scratch database, retention with the settings'
periods); the modules beside this one hold the mechanics.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vsme_pipeline.connections import Databases
from vsme_pipeline.operations.backup import Manifest, read_manifest, write_backup
from vsme_pipeline.operations.restore import RestoreResult, restore_backup
from vsme_pipeline.operations.retention import RetentionPolicy, RetentionResult, apply_retention
from vsme_pipeline.settings import Settings

BACKUP_NAME_FORMAT = "vsme_guru-%Y%m%dT%H%M%SZ"


def known_revisions() -> set[str]:
    """Every revision of this code's migration chain."""
    from vsme_pipeline.migration.revision import load_revisions

    return set(load_revisions().ids)


async def take_backup(databases: Databases, settings: Settings, directory: Path | None = None,
                      *, now: datetime | None = None) -> tuple[Path, Manifest]:
    """Back up vsme_guru into ``directory`` (default: a new, time-named folder in the backup dir)."""
    from vsme_pipeline.migration import current_revisions

    now = now or datetime.now(UTC)
    target = directory or settings.backup_dir / now.strftime(BACKUP_NAME_FORMAT)
    revisions = await current_revisions(databases)
    return target, await write_backup(databases.vsme_guru, target, revisions=revisions, now=now)


def latest_backup(settings: Settings) -> Path | None:
    """The newest complete backup (one with a manifest) in the backup dir."""
    if not settings.backup_dir.is_dir():
        return None
    complete = [p for p in settings.backup_dir.iterdir() if (p / "manifest.json").is_file()]
    return max(complete, key=lambda p: read_manifest(p).created_at, default=None)


async def restore_into(databases: Databases, directory: Path, database_name: str) -> RestoreResult:
    """Restore ``directory`` into ``database_name`` on the vsme_guru cluster (must be empty)."""
    client: Any = databases.vsme_guru.client
    return await restore_backup(directory, client[database_name], known_revisions=known_revisions())


async def restore_test(databases: Databases, directory: Path, *, now: datetime | None = None) -> RestoreResult:
    """Restore ``directory`` into a scratch database, compare it with the backup, drop it."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    scratch = f"{databases.vsme_guru.name}_restore_test_{stamp}"[:63]
    client: Any = databases.vsme_guru.client
    try:
        return await restore_backup(directory, client[scratch], known_revisions=known_revisions())
    finally:
        await client.drop_database(scratch)


def retention_policy(settings: Settings) -> RetentionPolicy:
    return RetentionPolicy(snapshot_versions_days=settings.retention_snapshot_versions_days,
                           metric_versions_days=settings.retention_metric_versions_days,
                           audit_events_days=settings.retention_audit_events_days)


async def enforce_retention(databases: Databases, settings: Settings, *, dry_run: bool = False,
                            now: datetime | None = None) -> RetentionResult:
    return await apply_retention(databases.vsme_guru, retention_policy(settings), now=now or datetime.now(UTC),
                                 dry_run=dry_run)
