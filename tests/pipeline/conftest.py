"""Fixtures of the pipeline tests: migrated, seeded test databases, the stage functions called
as the assets call them, and Dagster helpers.

What a stage writes, finds, reruns, deletes or reads is tested on the stage functions directly
(``stage_year``, ``stage_flow``: no Dagster, a fraction of a ``materialize``'s cost); ``materialize``
is kept for what only Dagster does (assets, checks, metadata, partitions, jobs, resources).

Dagster tests are plain synchronous functions: Dagster runs the async assets in its own event loop,
and the fixtures here prepare the databases in a short-lived loop of their own (``run_db``), so no
loop is shared between pytest-asyncio, the fixtures and Dagster.
"""

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import dagster as dg
import pytest

from assets.checks import ASSET_CHECKS
from assets.partitions import add_reporting_years, partition_key
from assets.resources import default_resources
from assets.run_config import sync_run_config
from vsme_pipeline.connections import Databases, open_databases, read_only
from vsme_pipeline.definitions import ASSETS
from vsme_pipeline.pipeline.aio import run_coroutine
from vsme_pipeline.pipeline.change_detection import StatesAhead, states_read_ahead
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.reporting_stages import REPORTING_STAGES as STAGE_STATES
from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
from vsme_pipeline.pipeline.stage import StageReport
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.settings import Settings, load_settings

YEARS = ("2023", "2024", "2025")
REPORTING_STAGES = ("report_validation", "report_metrics", "report_snapshots")


async def stage_year(databases: Databases, year: int, *, full: bool = False,
                     revisions: dict[str, str | None] | None = None) -> dict[str, StageReport]:
    """Validation, metrics and snapshots of ``year`` (one shard: the whole year), called as the
    assets call them, by asset name; ``revisions``: what the snapshots record (default none)."""
    target, reference = databases.vsme_guru, read_only(databases.reference)
    with states_read_ahead(StatesAhead(STAGE_STATES, year)):  # as a run's assets share them
        return {
            "report_validation": await validate_year(target, year, full=full),
            "report_metrics": await compute_year(target, reference, year, full=full),
            "report_snapshots": await snapshot_year(target, year, revisions or {}, full=full),
        }


async def stage_flow(databases: Databases, *, full: bool = False) -> dict[int, dict[str, StageReport]]:
    """The company sync (``full`` also finds deletions), then :func:`stage_year` for every year of
    the sample data: what ``vsme run`` does, without Dagster."""
    await sync_companies(read_only(databases.scope321), databases.vsme_guru, full=full)
    return {int(year): await stage_year(databases, int(year), full=full) for year in YEARS}


def run_db[T](settings: Settings, action: Callable[[Databases], Awaitable[T]]) -> T:
    """Run ``action(databases)`` in a fresh event loop with fresh clients."""

    async def go() -> T:
        async with open_databases(settings) as databases:
            return await action(databases)

    return run_coroutine(go())


async def _prepare(databases: Databases, settings: Settings) -> None:
    from vsme_pipeline.migration import upgrade
    from vsme_pipeline.seed import seed_sample_data

    await upgrade(databases, "head", settings=settings)
    await seed_sample_data(databases, settings)


async def _drop(databases: Databases) -> None:
    for database in (databases.scope321, databases.vsme_guru, databases.reference):
        await database.client.drop_database(database.name)


@pytest.fixture
def seeded(database_names: dict[str, str]) -> Iterator[Settings]:
    """Fresh test databases, migrated to head and seeded with the sample data."""
    settings = load_settings()
    run_db(settings, lambda dbs: _prepare(dbs, settings))
    yield settings
    run_db(settings, _drop)


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    """An ephemeral instance whose dynamic partitions are the sample data's reporting years."""
    with dg.DagsterInstance.ephemeral() as inst:
        add_reporting_years(inst, YEARS)
        yield inst


def materialize_sync(instance: dg.DagsterInstance, *, full: bool = True) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [*ASSETS, *ASSET_CHECKS],
        selection=["company_directory"],
        instance=instance,
        resources=default_resources(),
        run_config=sync_run_config(full=full),
    )


def materialize_year(instance: dg.DagsterInstance, year: str, *, raise_on_error: bool = True,
                     selection: list[str] | None = None, run_config: dict[str, Any] | None = None,
                     shard: str = "0-of-1") -> dg.ExecuteInProcessResult:
    """The reporting assets of one year's ``shard`` (default: the one shard of the whole year)."""
    return dg.materialize(
        [*ASSETS, *ASSET_CHECKS],
        selection=selection or ["report_validation", "report_metrics", "report_snapshots"],
        partition_key=partition_key(year, shard),
        instance=instance,
        resources=default_resources(),
        raise_on_error=raise_on_error,
        run_config=run_config,
    )


def materialize_all(instance: dg.DagsterInstance, *, full: bool = True) -> dict[str, dict[str, int]]:
    """Company sync, then every year; returns ``{asset: {processed, written, skipped, failed}}``."""
    totals: dict[str, dict[str, int]] = {}
    results = [materialize_sync(instance, full=full)] + [materialize_year(instance, y, raise_on_error=False) for y in YEARS]
    for result in results:
        for event in result.get_asset_materialization_events():
            stage = totals.setdefault(event.asset_key.to_user_string(), {"processed": 0, "written": 0, "skipped": 0, "failed": 0})
            for key in stage:
                stage[key] += int(event.materialization.metadata[key].value)
    return totals


def check_results(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}
