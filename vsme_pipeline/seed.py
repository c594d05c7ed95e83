"""Sample development data: companies and users (scope321), reports for several years
(vsme_guru) and the emission factors (reference database).

Documents are built and validated by the Beanie classes and encoded by Beanie's own encoder (so
the stored shape is exactly what the documents declare), then written as upserts keyed by natural
ids (organisation number, Clerk id, company + year, factor key): seeding twice changes nothing.
Writes go in small unordered batches (inserts on the embedded server are slow and a long batch
would run into the driver's timeout). Seeding is a development tool: it refuses to run in
staging and production.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from beanie import Document
from beanie.odm.utils.encoder import Encoder
from pymongo import UpdateOne

from vsme_pipeline.connections import Databases
from vsme_pipeline.settings import Environment, Settings, get_settings

BATCH_SIZE = 25


class SeedRefused(RuntimeError):
    """Seeding was asked for in an environment that holds real data."""


@dataclass(frozen=True)
class SeedCount:
    collection: str
    total: int
    inserted: int
    updated: int


@dataclass(frozen=True)
class SeedSummary:
    counts: tuple[SeedCount, ...]

    def __str__(self) -> str:
        return ", ".join(f"{c.collection}: {c.total} ({c.inserted} new, {c.updated} changed)" for c in self.counts)


async def _upsert(documents: Sequence[Document], key: Callable[[dict[str, Any]], dict[str, Any]]) -> SeedCount:
    """Upsert ``documents`` of one class by natural key; ``_id`` is only written on insert."""
    if not documents:
        return SeedCount("-", 0, 0, 0)
    model = type(documents[0])
    collection = model.get_pymongo_collection()
    encoder = Encoder(to_db=True, keep_nulls=True)
    inserted = updated = 0
    for start in range(0, len(documents), BATCH_SIZE):
        requests = []
        for document in documents[start:start + BATCH_SIZE]:
            data = dict(encoder.encode(document))
            identifier = data.pop("_id", None)
            data.pop("revision_id", None)
            on_insert = {"_id": identifier} if identifier is not None else {}
            requests.append(UpdateOne(key(data), {"$set": data, "$setOnInsert": on_insert}, upsert=True))
        result = await collection.bulk_write(requests, ordered=False)
        inserted += result.upserted_count
        updated += result.modified_count
    return SeedCount(model.get_collection_name(), len(documents), inserted, updated)


async def seed_sample_data(databases: Databases, settings: Settings | None = None, *,
                           source_shapes: bool = False) -> SeedSummary:
    """Load the sample dataset and the emission factors, idempotently (the migrations must have
    created the collections first: ``vsme migrate upgrade head``); with ``source_shapes``, also a
    record of each real source shape (:mod:`vsme_pipeline.sample_sources`: architecture company,
    Prisma company and report as revision 0003 leaves them, Scope321's own records: ``vsme seed``
    and ``vsme run`` ask for them; tests that count the project-shape sample do not)."""
    from documents import EmissionFactor
    from vsme_pipeline.odm import init_documents
    from vsme_pipeline.reference_data import emission_factors
    from vsme_pipeline.sample_data import sample_dataset

    settings = settings or get_settings()  # no settings passed must not mean "no guard"
    if settings.env in (Environment.STAGING, Environment.PRODUCTION):
        raise SeedRefused(f"refusing to seed sample data into a {settings.env.value} environment")
    await init_documents(databases)
    dataset = sample_dataset()
    factors = [EmissionFactor.model_validate(row) for row in emission_factors()]
    counts: tuple[SeedCount, ...] = (
        await _upsert(dataset.companies, lambda d: {"organizationNumber": d["organizationNumber"]}),
        await _upsert(dataset.users, lambda d: {"clerkId": d["clerkId"]}),
        await _upsert(dataset.reports, lambda d: {"companyId": d["companyId"], "reportingYear": d["reportingYear"]}),
        await _upsert(factors, lambda d: {"key": d["key"]}),
    )
    if source_shapes:
        from vsme_pipeline.sample_sources import seed_source_shapes

        inserted = await seed_source_shapes(databases)
        counts += tuple(SeedCount(f"{name} (source shapes)", n, n, 0) for name, n in inserted.items())
    return SeedSummary(tuple(c for c in counts if c.total))
