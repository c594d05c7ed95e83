"""Dagster resources: one per database role, configured from the environment settings.

Each resource opens its client *inside the running event loop* of the asset, check or sensor that
uses it (``async with resource.open() as db``) and closes it afterwards: nothing connects at import
or at resource construction, so Dagster can import the definitions in any process.

- :class:`Scope321Resource` and :class:`ReferenceResource` yield a
  :class:`~vsme_pipeline.connections.ReadOnlyDatabase`: the pipeline cannot write to Scope321 or to
  the reference database, whatever its code does (a write raises ``ReadOnlyViolation``).
- :class:`VsmeGuruResource` yields the read-write vsme_guru database, with Beanie always initialised
  on it (``skip_indexes``: the schema belongs to migrations); nothing internal is configurable in
  the launchpad, only the database name.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import dagster as dg
from pydantic import Field

from vsme_pipeline.connections import ReadOnlyDatabase, open_databases, read_only
from vsme_pipeline.odm import init_documents
from vsme_pipeline.pipeline.change_detection import StatesAhead
from vsme_pipeline.pipeline.handles import WritableDatabase
from vsme_pipeline.pipeline.reporting_stages import REPORTING_STAGES
from vsme_pipeline.settings import Settings, load_settings


class _DatabaseResource(dg.ConfigurableResource):  # type: ignore[type-arg]
    """Common part: the settings of the environment, with an optional database name override."""

    database_name: str | None = Field(
        default=None, description="Database name; default from the environment settings."
    )

    _name_setting: str = ""  # the Settings field the override replaces

    def settings(self) -> Settings:
        """The environment settings in effect now (read at run time, never at import)."""
        overrides: dict[str, Any] = {}
        if self.database_name:
            overrides[self._name_setting] = self.database_name
        return load_settings(**overrides)


class Scope321Resource(_DatabaseResource):
    """The Scope321 directory (companies, users), read-only."""

    _name_setting: str = "scope321_database_name"

    @asynccontextmanager
    async def open(self) -> AsyncIterator[ReadOnlyDatabase]:
        async with open_databases(self.settings()) as databases:
            yield read_only(databases.scope321)


class ReferenceResource(_DatabaseResource):
    """The environment's reference database (emission factors), read-only."""

    _name_setting: str = "external_database_name"

    @asynccontextmanager
    async def open(self) -> AsyncIterator[ReadOnlyDatabase]:
        async with open_databases(self.settings()) as databases:
            yield read_only(databases.reference)


class VsmeGuruResource(_DatabaseResource):
    """The VSME Guru database (reports, and the pipeline's own collections), read-write."""

    _name_setting: str = "vsme_guru_database_name"
    _states_ahead: dict[tuple[str, int, str | None], StatesAhead] = {}

    @asynccontextmanager
    async def open(self) -> AsyncIterator[WritableDatabase]:
        async with open_databases(self.settings()) as databases:
            await init_documents(databases, roles=("vsme_guru",))
            yield databases.vsme_guru

    def states_ahead(self, run_id: str, year: int, shard: str | None) -> StatesAhead:
        """The stage states of one run's partition, read in one query for its reporting stages
        (the assets of a run share this resource: ``in_process_executor``; a step in a process of
        its own reads its state itself). Only the current run's are kept."""
        key = (run_id, year, shard)
        if key not in self._states_ahead:
            self._states_ahead = {key: StatesAhead(REPORTING_STAGES, year, shard)}
        return self._states_ahead[key]


def default_resources() -> dict[str, dg.ConfigurableResource]:  # type: ignore[type-arg]
    """The resources of the code location (names as the assets expect them)."""
    return {"scope321": Scope321Resource(), "vsme_guru": VsmeGuruResource(), "reference": ReferenceResource()}
