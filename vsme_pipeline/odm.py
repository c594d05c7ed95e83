"""Beanie initialisation for the three databases, inside the running event loop.

The schema (collections, validators, indexes) belongs to migrations, so the pipeline initialises
Beanie with ``skip_indexes=True``; tests of the documents alone may ask Beanie to create the
indexes the documents declare.
"""

from collections.abc import Iterable

from beanie import init_beanie

from vsme_pipeline.connections import Databases

ROLES = ("scope321", "vsme_guru", "reference")


async def init_documents(
    databases: Databases, *, roles: Iterable[str] = ROLES, create_indexes: bool = False
) -> None:
    """Bind the document classes of each role to its database (Company and User to scope321,
    Report and the pipeline's documents to vsme_guru, EmissionFactor to the reference database)."""
    from documents import REFERENCE_DOCUMENTS, SCOPE321_DOCUMENTS, VSME_GURU_DOCUMENTS

    models = {"scope321": SCOPE321_DOCUMENTS, "vsme_guru": VSME_GURU_DOCUMENTS, "reference": REFERENCE_DOCUMENTS}
    for role in roles:
        await init_beanie(
            database=databases.by_name(role), document_models=list(models[role]), skip_indexes=not create_indexes
        )
