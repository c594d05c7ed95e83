"""Fixtures of the UI tests: the migrated, seeded test databases of the pipeline tests."""

from tests.pipeline.conftest import seeded  # noqa: F401  (re-exported fixture)
