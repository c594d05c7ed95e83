"""``vsme export`` (filings of the latest snapshots) and ``vsme import-template`` (EFRAG template)."""

from pathlib import Path
from typing import Annotated, Any

import typer

from vsme_pipeline.cli.console import console, run_async, settings_or_exit

__all__ = ["export", "import_template", "register"]


def export(
    out: Annotated[Path, typer.Option("--out", help="Output directory (one file per company-year).")],
    fmt: Annotated[str, typer.Option("--format", help="xbrl-json, ixbrl, pdf or template (EFRAG digital template 1.3.0 xlsx).")] = "xbrl-json",
    year: Annotated[int | None, typer.Option("--year", help="Reporting year (default: all).")] = None,
    company: Annotated[str | None, typer.Option("--company", help="Company id (default: all).")] = None,
) -> None:
    """Export the latest snapshot of every company-year as a self-checked filing."""
    from vsme_pipeline.connections import open_databases
    from vsme_pipeline.filing.stage import FORMAT_EXTENSIONS, file_snapshots, latest_snapshots

    if fmt not in FORMAT_EXTENSIONS:
        console.print(f"[red]format {fmt!r} is not implemented yet; available: {', '.join(FORMAT_EXTENSIONS)}[/red]")
        raise typer.Exit(2)
    settings = settings_or_exit()

    async def go() -> list[dict[str, Any]]:
        async with open_databases(settings) as databases:
            return await latest_snapshots(databases.vsme_guru, year=year, company=company)

    from vsme_pipeline.filing.arelle_check import PACKAGE_SETTING, arelle_package_paths

    try:
        packages = arelle_package_paths()
    except FileNotFoundError as missing:
        console.print(f"[red]{missing}[/red]")
        raise typer.Exit(2) from missing
    if fmt in ("xbrl-json", "ixbrl") and not packages:
        console.print(f"{PACKAGE_SETTING} is not set: no Arelle validation (no taxonomy package); "
                      "the offline self-check against the taxonomy extract is the only check")
    snapshots = run_async(go())
    result = file_snapshots(snapshots, out, fmt, taxonomy_packages=packages)
    if result.arelle_validated:
        console.print(f"Arelle validated {result.arelle_validated} file(s) with {', '.join(p.name for p in packages)}")
    for name, error in sorted(result.failed.items()):
        console.print(f"[red]{name}: {error}[/red]")
    console.print(
        f"{len(result.written)} filing(s) written, {result.unchanged} unchanged, "
        f"{result.skipped_not_eligible} not eligible, {len(result.failed)} failed the self-check or Arelle, in {out}"
    )
    if result.failed:
        raise typer.Exit(1)


def import_template(
    path: Annotated[Path, typer.Argument(exists=True, help="Filled EFRAG VSME digital template (.xlsx)")],
    company: Annotated[str | None, typer.Option("--company", help="Company id: store the report (else: dry run).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Reporting year (default: the template's period end).")] = None,
) -> None:
    """Import a filled template into vsme_guru as a draft report; list what could not be imported."""
    from bson import ObjectId

    from vsme_pipeline.filing.template_import import read_template, store_template_report

    if company is None:
        result = read_template(path)
        report_id = None
    else:
        from vsme_pipeline.connections import open_databases

        settings = settings_or_exit()

        async def go() -> Any:
            async with open_databases(settings) as databases:
                return await store_template_report(databases, path, ObjectId(company), year)

        report_id, result = run_async(go())
    console.print(f"{len(result.cells)} concept cell(s) read, {len(result.findings)} finding(s)")
    for finding in result.findings:
        console.print(f"- {finding}")
    if company is not None:
        console.print(f"report {report_id} stored (draft)" if report_id else "[red]nothing stored[/red]")
        if report_id is None:
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``import-template`` to the ``vsme`` app."""
    app.command("export")(export)
    app.command("import-template")(import_template)
