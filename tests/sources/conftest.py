"""Fixtures of the source-shape tests."""

import shutil
from pathlib import Path

import pytest

from vsme_pipeline.migration import MigrationConfig
from vsme_pipeline.settings import PROJECT_ROOT


@pytest.fixture
def real_config(tmp_path: Path) -> MigrationConfig:
    """A copy of the project's migrations/."""
    target = tmp_path / "migrations"
    shutil.copytree(PROJECT_ROOT / "migrations", target)
    return MigrationConfig(target / "versions")
