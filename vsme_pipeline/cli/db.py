"""``vsme db start|stop|status``: the embedded development database."""

import typer
from rich.table import Table

from vsme_pipeline.cli.console import console, fail, settings_or_exit
from vsme_pipeline.embedded_db import EmbeddedDatabaseError, start, status, stop

app = typer.Typer(help="Start, stop and inspect the embedded MongoDB (mongoeco on SQLite).", no_args_is_help=True)


@app.command("start")
def start_command() -> None:
    """Start the embedded database unless it is running (idempotent)."""
    settings = settings_or_exit()
    try:
        state, started = start(settings.embedded_dir)
    except EmbeddedDatabaseError as exc:
        fail(str(exc))
    verb = "started" if started else "already running"
    console.print(f"embedded database {verb}: [bold]{state.uri}[/] (pid {state.pid}, data {state.data_file})")


@app.command("stop")
def stop_command() -> None:
    """Stop the embedded database (no-op when it is not running)."""
    settings = settings_or_exit()
    if stop(settings.embedded_dir):
        console.print("embedded database stopped")
    else:
        console.print("embedded database was not running")


@app.command("status")
def status_command() -> None:
    """Show whether the embedded database runs; exit code 1 when it does not."""
    settings = settings_or_exit()
    state = status(settings.embedded_dir)
    if state is None:
        console.print(f"embedded database not running (data directory {settings.embedded_dir})")
        raise typer.Exit(1)
    table = Table(show_header=False, box=None)
    for key in ("uri", "pid", "data_file", "started_at"):
        table.add_row(key, str(getattr(state, key)))
    console.print(table)
