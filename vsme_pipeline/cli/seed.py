"""``vsme seed``: load sample development data (idempotent upserts through the documents)."""

from vsme_pipeline.cli.console import console, fail, run_async, settings_or_exit
from vsme_pipeline.connections import open_databases
from vsme_pipeline.embedded_db import EmbeddedDatabaseError


def seed() -> None:
    """Load sample companies and users (scope321), reports for several years (vsme_guru) and the
    emission factors (reference database). Run `vsme migrate upgrade` first; safe to repeat."""
    from vsme_pipeline.seed import SeedRefused, seed_sample_data

    settings = settings_or_exit()

    async def run():
        async with open_databases(settings) as databases:
            return await seed_sample_data(databases, settings)

    try:
        summary = run_async(run())
    except (SeedRefused, EmbeddedDatabaseError) as exc:
        fail(str(exc))
    for count in summary.counts:
        console.print(f"{count.collection}: {count.total} documents ({count.inserted} inserted, {count.updated} updated)")
    console.print("[green]sample data loaded[/]")
