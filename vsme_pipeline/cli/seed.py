"""``vsme seed``: load sample development data, or a synthetic season at volume
(idempotent upserts through the documents)."""

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from vsme_pipeline.cli.console import console, fail, run_async, settings_or_exit
from vsme_pipeline.connections import open_databases
from vsme_pipeline.embedded_db import EmbeddedDatabaseError
from vsme_pipeline.settings import Settings


def seed(
    synthetic: Annotated[int | None, typer.Option(
        "--synthetic", min=1, metavar="N",
        help="Instead of the sample data, a deterministic synthetic season of N reports "
             "(companies across countries, NACE sections and size classes, 1-3 years each, a few "
             "percent with planted defects, every source shape).")] = None,
    seed_value: Annotated[int, typer.Option("--seed", help="Seed of the synthetic population (same seed, same documents).")] = 0,
    shapes: Annotated[str, typer.Option(
        "--shapes", help="Comma-separated source shapes of the synthetic season: project, architecture, prisma, "
                         "scope321_records.")] = "project,architecture,prisma,scope321_records",
    validate: Annotated[bool, typer.Option(
        "--validate/--no-validate",
        help="With --synthetic: --no-validate bypasses the collections' validators for the documents of the "
             "typed models too (a bulk load; they are built by the models the validators come from).")] = True,
) -> None:
    """Load sample companies and users (scope321), reports for several years (vsme_guru) and the
    emission factors (reference database); or, with --synthetic N, a synthetic season of N reports.
    Run `vsme migrate upgrade` first; safe to repeat. Refused in staging and production."""
    from vsme_pipeline.seed import SeedRefused, SeedSummary, seed_sample_data

    settings = settings_or_exit()
    if synthetic is not None:
        _seed_synthetic(settings, synthetic, seed_value, tuple(s.strip() for s in shapes.split(",") if s.strip()), validate)
        return

    async def run() -> SeedSummary:
        async with open_databases(settings) as databases:
            return await seed_sample_data(databases, settings, source_shapes=True)

    try:
        summary = run_async(run())
    except (SeedRefused, EmbeddedDatabaseError) as exc:
        fail(str(exc))
    for count in summary.counts:
        console.print(f"{count.collection}: {count.total} documents ({count.inserted} inserted, {count.updated} updated)")
    console.print("[green]sample data loaded[/]")


def _seed_synthetic(settings: Settings, n: int, seed_value: int, shapes: tuple[str, ...], validate: bool) -> None:
    from vsme_pipeline.seed import SeedRefused
    from vsme_pipeline.synthetic import SHAPES, SyntheticSummary, seed_synthetic

    unknown = sorted(set(shapes) - set(SHAPES))
    if unknown:
        fail(f"unknown shapes {', '.join(unknown)}; known: {', '.join(SHAPES)}")
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn())

    async def run() -> SyntheticSummary:
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task("reports", total=n, rate="")

            def advance(k: int) -> None:
                progress.advance(task, k)
                elapsed = progress.tasks[task].elapsed or 0.0
                done = progress.tasks[task].completed
                progress.update(task, rate=f"{done / elapsed:.1f}/s" if elapsed else "")

            async with open_databases(settings) as databases:
                return await seed_synthetic(databases, n, seed_value, shapes=shapes, settings=settings,
                                            progress=advance, validate=validate)

    try:
        summary = run_async(run())
    except (SeedRefused, EmbeddedDatabaseError, ValueError) as exc:
        fail(str(exc))
    for collection, count in sorted(summary.written.items()):
        replaced = summary.replaced.get(collection, 0)
        console.print(f"{collection}: {count} documents written ({count - replaced} inserted, {replaced} replaced)")
    console.print(f"{summary.companies} companies, {summary.reports} reports; size classes "
                  f"{dict(summary.size_classes)}; planted defects {dict(summary.defects) or 'none'}")
    console.print("[green]synthetic season loaded[/]")
