"""Beanie initialisation for the three databases, inside the running event loop.

The schema (collections, validators, indexes) belongs to migrations, so the pipeline initialises
Beanie with ``skip_indexes=True``; tests of the documents alone may ask Beanie to create the
indexes the documents declare.
"""

from beanie import init_beanie

from vsme_pipeline.connections import Databases


async def init_documents(databases: Databases, *, create_indexes: bool = False) -> None:
    """Bind every document class to its database (Company and User to scope321, Report and the
    pipeline's documents to vsme_guru, EmissionFactor to the reference database)."""
    from documents import REFERENCE_DOCUMENTS, SCOPE321_DOCUMENTS, VSME_GURU_DOCUMENTS

    for database, models in (
        (databases.scope321, SCOPE321_DOCUMENTS),
        (databases.vsme_guru, VSME_GURU_DOCUMENTS),
        (databases.reference, REFERENCE_DOCUMENTS),
    ):
        await init_beanie(database=database, document_models=list(models), skip_indexes=not create_indexes)
