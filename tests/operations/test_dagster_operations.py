"""The operations assets and checks through real Dagster machinery (``materialize``): a backup
whose restore test passes, a capacity check that fails above its threshold and says what to do,
and the database health check."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from assets.operations import OPERATIONS_ASSETS, OPERATIONS_CHECKS
from assets.resources import default_resources
from tests.operations.conftest import run_stages
from vsme_pipeline.connections import open_databases
from vsme_pipeline.pipeline.aio import run_coroutine
from vsme_pipeline.settings import load_settings


def _prepare() -> None:
    async def go() -> None:
        from vsme_pipeline.migration import upgrade
        from vsme_pipeline.seed import seed_sample_data

        settings = load_settings()
        async with open_databases(settings) as dbs:
            await upgrade(dbs, "head", settings=settings)
            await seed_sample_data(dbs, settings)
            await run_stages(dbs)

    run_coroutine(go())


def _drop() -> None:
    async def go() -> None:
        async with open_databases(load_settings()) as dbs:
            for database in (dbs.scope321, dbs.vsme_guru, dbs.reference):
                await database.client.drop_database(database.name)

    run_coroutine(go())


@pytest.fixture
def prepared(database_names: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("VSME_BACKUP_DIR", str(tmp_path / "backups"))
    _prepare()
    yield tmp_path / "backups"
    _drop()


def _run(selection: list[str]) -> dg.ExecuteInProcessResult:
    return dg.materialize([*OPERATIONS_ASSETS, *OPERATIONS_CHECKS], selection=selection, resources=default_resources(),
                          raise_on_error=False)


def test_backup_asset_and_its_restore_check(prepared: Path) -> None:
    result = _run(["vsme_guru_backup"])
    assert result.success
    [event] = result.get_asset_materialization_events()
    assert event.materialization.metadata["documents"].value > 0
    assert len([p for p in prepared.iterdir() if (p / "manifest.json").is_file()]) == 1
    [check] = result.get_asset_check_evaluations()
    assert check.passed, check.description
    assert "match the backup" in (check.description or "")


def test_capacity_check_fails_above_its_threshold(prepared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(["database_storage_usage"])
    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    assert checks["storage_within_capacity"].passed and checks["databases_reachable"].passed
    monkeypatch.setenv("VSME_CAPACITY_THRESHOLD_BYTES", "1000")
    checks = {c.check_name: c for c in _run(["database_storage_usage"]).get_asset_check_evaluations()}
    failed = checks["storage_within_capacity"]
    assert not failed.passed
    assert "above the capacity threshold" in (failed.description or "") and "vsme retention apply" in (failed.description or "")
