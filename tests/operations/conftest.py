"""A vsme_guru holding every kind of pipeline output: migrated, seeded, and the stages run for one
year (directly, without Dagster), so backups, retention and privacy work on real documents."""

from collections.abc import AsyncIterator

import pytest

from vsme_pipeline.connections import Databases, read_only

YEAR = 2024


async def run_stages(databases: Databases, year: int = YEAR) -> None:
    from vsme_pipeline.pipeline.company_sync import sync_companies
    from vsme_pipeline.pipeline.metrics_stage import compute_year
    from vsme_pipeline.pipeline.migration_state import migration_revisions
    from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
    from vsme_pipeline.pipeline.validation_stage import validate_year

    await sync_companies(read_only(databases.scope321), databases.vsme_guru, full=True)
    await validate_year(databases.vsme_guru, year)
    await compute_year(databases.vsme_guru, read_only(databases.reference), year)
    revisions = await migration_revisions(read_only(databases.scope321), databases.vsme_guru, read_only(databases.reference))
    await snapshot_year(databases.vsme_guru, year, revisions, run_id="test")  # type: ignore[arg-type]


@pytest.fixture
async def populated(databases: Databases, test_settings) -> AsyncIterator[Databases]:  # type: ignore[no-untyped-def]
    from vsme_pipeline.migration import upgrade
    from vsme_pipeline.seed import seed_sample_data

    await upgrade(databases, "head", settings=test_settings)
    await seed_sample_data(databases, test_settings)
    await run_stages(databases)
    assert await databases.vsme_guru["report_snapshots"].count_documents({}) > 0
    yield databases
