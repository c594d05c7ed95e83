"""``vsme run``, ``vsme snapshots export DIR`` and ``vsme ui``: the Dagster pipeline from the CLI."""

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from vsme_pipeline.cli.console import console, debug_enabled, err_console, fail, run_async, settings_or_exit
from vsme_pipeline.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from vsme_pipeline.orchestration.runner import RunSummary

snapshots_app = typer.Typer(help="Immutable report snapshots.", no_args_is_help=True)


def _parse_years(years: str | None, available: list[str]) -> list[str]:
    """The requested years (default: every year with reports); a year without reports is an error."""
    if not years:
        return available
    wanted = sorted({y.strip() for y in years.split(",") if y.strip()})
    unknown = [y for y in wanted if y not in available]
    if unknown:
        fail(f"no reports in reporting year(s) {', '.join(unknown)} (years with reports: {', '.join(available) or 'none'})")
    return wanted


def run(
    years: str | None = typer.Option(None, "--years", help="Comma-separated reporting years (default: every year with reports)."),
    seed: bool = typer.Option(True, "--seed/--no-seed", help="Load the sample data (development and test only)."),
    full_sync: bool = typer.Option(True, "--full-sync/--incremental-sync", help="Company sync mode."),
    export_dir: Path | None = typer.Option(None, "--export", help="Also export the snapshots as JSON files here."),
) -> None:
    """Run the whole flow: start the embedded database if needed, apply migrations, seed sample data,
    sync companies, validate, compute metrics and snapshot every reporting year; print a summary.
    Runs are recorded in DAGSTER_HOME (default .dagster/) and show in `vsme ui`."""
    import dagster as dg

    from vsme_pipeline.embedded_db import EmbeddedDatabaseError, ensure_running
    from vsme_pipeline.migration import MigrationError
    from vsme_pipeline.orchestration.runner import (
        RunSummary,
        dagster_home,
        materialize_flow,
        prepare_databases,
        read_misfiled,
        read_state,
        read_totals,
    )
    from vsme_pipeline.settings import Environment

    settings = settings_or_exit()
    if seed and settings.env in (Environment.STAGING, Environment.PRODUCTION):
        seed = False
        err_console.print(f"not seeding sample data into {settings.env.value}")
    summary = RunSummary()
    try:
        if settings.uses_embedded_database:
            state = ensure_running(settings.embedded_dir)
            console.print(f"embedded database: {state.uri} (data {settings.embedded_dir})", highlight=False)
        summary.migrations_applied, summary.seeded_changes, available = run_async(prepare_databases(settings, seed=seed))
    except (EmbeddedDatabaseError, MigrationError) as exc:
        fail(str(exc))
    console.print(f"migrations: {summary.migrations_applied} step(s) applied; "
                  f"sample data: {summary.seeded_changes if seed else 'not'} new document(s)")
    summary.years = _parse_years(years, available)
    summary.state_before = run_async(read_state(settings))

    home = dagster_home()
    with dg.DagsterInstance.get() as instance:
        console.print(f"Dagster instance: {home}")
        materialize_flow(instance, summary.years, summary, full_sync=full_sync,
                         export_dir=str(export_dir) if export_dir else None, debug=debug_enabled())
    summary.totals = run_async(read_totals(settings))
    summary.misfiled_reports, summary.misfiled_total = run_async(read_misfiled(settings))
    summary.state_after = run_async(read_state(settings))
    _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


def _print_summary(summary: "RunSummary") -> None:
    table = Table(title="Pipeline stages (this run)")
    for column in ("stage", "processed", "written", "unchanged", "failed"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name, totals in summary.stages.items():
        failed = str(totals.failed)
        if totals.step_failures:
            failed += f" + step failed in {len(totals.step_failures)} run(s)"
        table.add_row(name, str(totals.processed), str(totals.written), str(totals.skipped), failed)
    console.print(table)
    for lost in summary.lost_runs:
        err_console.print(f"[yellow]earlier run marked failed[/] (its process was gone): {lost}", highlight=False)
    if summary.source_shapes:
        console.print("records read by source shape: "
                      + ", ".join(f"{k} {v}" for k, v in sorted(summary.source_shapes.items()))
                      + f"; fields that could not be mapped (kept as stored, named in the sync's findings): "
                      f"{summary.unmapped_fields}", highlight=False)
    t = summary.totals
    console.print(
        f"years {', '.join(summary.years) or '-'}: {t['companies']} companies ({t['companies_deleted']} deleted), "
        f"{t['reports_validated']}/{t['reports']} reports validated ({t['reports_passed']} passed), "
        f"findings {t['errors']} errors / {t['warnings']} warnings, {t['metric_versions']} metric versions, "
        f"{t['snapshots']} snapshots",
        highlight=False,
    )
    if summary.misfiled_total:
        err_console.print(f"[yellow]reports in no reporting year:[/] {summary.misfiled_total} (reportingYear is no "
                          "number; not validated, not merged into any year)", highlight=False)
        for line in summary.misfiled_reports[:20]:
            err_console.print(f"  {line}", highlight=False)
        if summary.misfiled_total > 20:
            err_console.print(f"  … and {summary.misfiled_total - 20} more", highlight=False)
    for check in summary.failed_checks:
        err_console.print(f"[yellow]check not passed:[/] {check}", highlight=False)
    for name, totals in summary.stages.items():
        for failure in totals.step_failures:
            err_console.print(f"[red]stage failed:[/] {name} ({failure})", highlight=False)
    for run in summary.failed_runs:
        err_console.print(f"[red]run failed:[/] {run}", highlight=False)
    written = "the databases were updated" if summary.changed else "nothing was written"
    if summary.failed:
        err_console.print(f"[red]failed[/]: {len(summary.failed_runs)} run(s) failed; {written}"
                          + (" (also by the failed runs)" if summary.databases_changed else ""), highlight=False)
    elif summary.changed:
        console.print("[green]done[/]: the databases were updated")
    else:
        console.print("[green]nothing changed[/]: every company, report, metric and snapshot was already up to date")


@snapshots_app.command("export")
def export(
    directory: Path = typer.Argument(..., help="Where to write the JSON files"),
    years: str | None = typer.Option(None, "--years", help="Comma-separated reporting years (default: all)."),
) -> None:
    """Write the latest snapshot of every company-year as one JSON file (unchanged files are kept)."""
    from vsme_pipeline.connections import open_databases
    from vsme_pipeline.pipeline.export import export_snapshots

    settings = settings_or_exit()
    wanted = [int(y) for y in years.split(",")] if years else None

    async def go() -> tuple[list[Path], int]:
        async with open_databases(settings) as databases:
            return await export_snapshots(databases.vsme_guru, directory, wanted)

    written, unchanged = run_async(go())
    console.print(f"{len(written)} snapshot file(s) written, {unchanged} unchanged, in {directory}")


def ui(
    port: int = typer.Option(3000, "--port", "-p", help="Port of the Dagster UI."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind."),
    shutdown_timeout: float = typer.Option(
        10.0, "--shutdown-timeout", min=0.5, help="Seconds Dagster gets to stop after Ctrl-C or SIGTERM; then its "
                                                  "processes are killed."),
) -> None:
    """Open the Dagster UI and daemon on this project (`dg dev -w workspace.yaml`), with
    DAGSTER_HOME defaulting to .dagster/ so that the runs of `vsme run` show. Ctrl-C or SIGTERM
    stops every process it started within --shutdown-timeout seconds."""
    import dagster as dg

    from vsme_pipeline.orchestration.instance import dagster_home, fail_lost_runs
    from vsme_pipeline.orchestration.ui import dev_command, dev_environment, run_supervised

    home = dagster_home()
    with dg.DagsterInstance.get() as instance:
        for run_id in fail_lost_runs(instance):
            err_console.print(f"earlier run marked failed (its process was gone): {run_id}")
    command = dev_command(PROJECT_ROOT / "workspace.yaml", host, port)
    console.print(f"DAGSTER_HOME={home}\n{' '.join(command)}", highlight=False, soft_wrap=True)
    code = run_supervised(command, env=dev_environment(os.environ, home), cwd=PROJECT_ROOT,
                          shutdown_timeout_s=shutdown_timeout)
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add the pipeline commands to the ``vsme`` app."""
    app.command("run")(run)
    app.command("ui")(ui)
    app.add_typer(snapshots_app, name="snapshots")
