"""Types of the database handles the pipeline passes around (no ``Any`` for a database)."""

from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from vsme_pipeline.connections import ReadOnlyCollection, ReadOnlyDatabase

MongoDocument = dict[str, Any]
"""A raw MongoDB document as PyMongo returns it."""

WritableDatabase = AsyncDatabase[MongoDocument]
"""vsme_guru: the pipeline's own collections are written through it."""

ReadableDatabase = AsyncDatabase[MongoDocument] | ReadOnlyDatabase
"""A database the code only reads: Scope321 and the reference database arrive wrapped read-only."""

WritableCollection = AsyncCollection[MongoDocument]
"""A collection of vsme_guru the pipeline writes."""

ReadableCollection = AsyncCollection[MongoDocument] | ReadOnlyCollection
"""A collection the code only reads (of a :data:`ReadableDatabase`)."""
