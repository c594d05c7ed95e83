"""Test fixtures shared by the whole suite.

One embedded MongoDB server (mongoeco wire server on SQLite, the same launcher that development
uses) is started per test session in a temporary directory and stopped at the end. Tests that
touch a database get their own, uniquely named databases through the ``databases`` fixture, which
also points the environment (``SCOPE321_DATABASE_NAME`` …) at them, so that code reading settings
at run time (CLI, Dagster resources) lands in the same isolated databases.
"""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from vsme_pipeline.connections import Databases, open_databases
from vsme_pipeline.embedded_db import start, stop
from vsme_pipeline.settings import Settings, load_settings


@pytest.fixture(scope="session")
def embedded_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Data directory of the session's embedded server (started here, stopped at the end)."""
    directory = tmp_path_factory.mktemp("embedded-mongodb")
    previous = {key: os.environ.get(key) for key in ("VSME_ENV", "VSME_EMBEDDED_DIR")}
    os.environ["VSME_ENV"] = "test"
    os.environ["VSME_EMBEDDED_DIR"] = str(directory)
    for key in ("SCOPE321_DATABASE_URL", "VSME_GURU_DATABASE_URL", "PRIMARY_DATABASE_URL"):
        os.environ.pop(key, None)
    start(directory)
    yield directory
    stop(directory)
    for key, value in previous.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def database_names(embedded_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Fresh database names for one test, exported to the environment."""
    suffix = uuid.uuid4().hex[:10]
    names = {
        "SCOPE321_DATABASE_NAME": f"scope321_{suffix}",
        "VSME_GURU_DATABASE_NAME": f"vsme_guru_{suffix}",
        "EXTERNAL_DATABASE_NAME": f"co2-intensities-test_{suffix}",
    }
    for key, value in names.items():
        monkeypatch.setenv(key, value)
    return names


@pytest.fixture
def test_settings(database_names: dict[str, str]) -> Settings:
    return load_settings()


@pytest.fixture
async def databases(test_settings: Settings) -> AsyncIterator[Databases]:
    """The three databases of one test, empty at the start and dropped at the end."""
    async with open_databases(test_settings) as dbs:
        yield dbs
        for database in (dbs.scope321, dbs.vsme_guru, dbs.reference):
            await database.client.drop_database(database.name)


async def init_documents(databases: Databases, *, create_indexes: bool = True) -> None:
    """Initialise Beanie on the test databases (with the indexes the documents declare)."""
    from vsme_pipeline.odm import init_documents as _init

    await _init(databases, create_indexes=create_indexes)
