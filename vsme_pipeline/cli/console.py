"""Shared console output and error handling for the CLI."""

import asyncio
import os
from collections.abc import Coroutine
from typing import Any, NoReturn

import typer
from rich.console import Console

from vsme_pipeline.settings import Settings, SettingsError, load_settings

console = Console()
err_console = Console(stderr=True)



def fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def settings_or_exit() -> Settings:
    """Settings from the environment, or one clear line per problem and exit code 2."""
    try:
        return load_settings()
    except SettingsError as exc:
        err_console.print("[bold red]invalid settings:[/]")
        for problem in exc.problems:
            err_console.print(f"  - {problem}", highlight=False, markup=False)
        raise typer.Exit(2) from None


DEBUG = {"on": False}
"""Set by ``vsme --debug`` (or ``VSME_DEBUG=1``): full tracebacks instead of one line."""


def debug_enabled() -> bool:
    return DEBUG["on"] or os.environ.get("VSME_DEBUG", "") not in ("", "0")


def run_async[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """Run one coroutine in a fresh event loop (the CLI's own; never inside Dagster assets).

    An unexpected error (an unreachable server, a refused write) ends the command with one line
    and exit code 1; ``--debug`` shows the traceback."""
    try:
        return asyncio.run(coroutine)
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if debug_enabled():
            raise
        from vsme_pipeline.connections import one_line_error

        fail(f"{one_line_error(exc)} (run with --debug for the traceback)")
