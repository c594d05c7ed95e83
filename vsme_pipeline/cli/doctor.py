"""``vsme doctor``: settings in effect (secrets masked) and the health of every database."""

import asyncio

import typer
from rich.table import Table

from vsme_pipeline.cli.console import console, fail, run_async, settings_or_exit
from vsme_pipeline.connections import DatabaseHealth, check_health, open_databases
from vsme_pipeline.embedded_db import EmbeddedDatabaseError
from vsme_pipeline.settings import Settings


async def _health(settings: Settings) -> list[tuple[str, DatabaseHealth]]:
    """The three checks in parallel: an unreachable cluster costs one server-selection timeout."""
    async with open_databases(settings) as dbs:
        roles = {"scope321": dbs.scope321, "vsme_guru": dbs.vsme_guru, "reference": dbs.reference}
        results = await asyncio.gather(*(check_health(database) for database in roles.values()))
        return list(zip(roles, results, strict=True))


def doctor() -> None:
    """Check settings and that scope321, vsme_guru and the reference database answer."""
    settings = settings_or_exit()
    table = Table(title="Settings in effect", show_header=False)
    for key, value in settings.describe().items():
        table.add_row(key, value)
    console.print(table)
    try:
        results = run_async(_health(settings))
    except EmbeddedDatabaseError as exc:
        fail(str(exc))
    health = Table(title="Databases")
    for column in ("role", "database", "status", "server version", "latency"):
        health.add_column(column)
    for role, result in results:
        health.add_row(
            role,
            result.name,
            "[green]healthy[/]" if result.ok else f"[red]unreachable[/] {result.error}",
            result.server_version or "-",
            f"{result.latency_ms:.1f} ms" if result.latency_ms is not None else "-",
        )
    console.print(health)
    if not all(result.ok for _, result in results):
        raise typer.Exit(1)
    console.print("[green]all databases healthy[/]")
