"""Fixtures of the filing tests: the pipeline fixtures (seeded databases, a Dagster instance)."""

from tests.pipeline.conftest import instance, seeded  # noqa: F401
