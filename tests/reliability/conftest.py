"""Fixtures of the reliability tests (the pipeline tests' seeded databases)."""

from tests.pipeline.conftest import seeded  # noqa: F401
