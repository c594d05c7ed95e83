"""Bulk writer of a synthetic season: idempotent upserts keyed by ``_id`` in small unordered batches.

Where each shape goes (the databases the pipeline reads):

* project shape: ``scope321.companies`` and ``scope321.users`` (Beanie ``Company``/``User``),
  ``vsme_guru.reports`` (``Report``), encoded by Beanie's own encoder as ``vsme seed`` does;
* architecture shape: replaces the project-shape company in ``scope321.companies``;
* Prisma shape: ``vsme_guru.companies`` (one per organisation and year) and ``vsme_guru.reports``
  (``year``, no ``reportingYear``): the web app's own collections;
* Scope321 records: ``companies`` of the reference database (``co2-intensities-*``).

Documents that the collections' validators refuse by design (foreign shapes, planted defects such
as a number stored as text) are written with ``bypassDocumentValidation``, as data written before
a validator existed would be. Seeding refuses staging and production.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from beanie.odm.utils.encoder import Encoder
from pymongo import ReplaceOne, UpdateOne

from vsme_pipeline.connections import Databases
from vsme_pipeline.seed import SeedRefused
from vsme_pipeline.settings import Environment, Settings, get_settings
from vsme_pipeline.synthetic.population import SHAPES, SyntheticCompany, synthetic_population

BATCH_SIZE = 25
"""Operations per bulk write (the embedded server's writes slow down with collection size: small
batches stay far below the driver's timeout)."""


@dataclass
class SyntheticSummary:
    """What one synthetic seeding wrote."""

    companies: int = 0
    reports: int = 0
    written: Counter[str] = field(default_factory=Counter)
    defects: Counter[str] = field(default_factory=Counter)
    size_classes: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)


class _Buffer:
    """Pending replace operations per (database, collection, bypass)."""

    def __init__(self, databases: Databases, batch_size: int):
        self.databases = databases
        self.batch_size = batch_size
        self.pending: dict[tuple[str, str, bool], list[ReplaceOne[Any]]] = {}
        self.written: Counter[str] = Counter()

    async def add(self, role: str, collection: str, document: dict[str, Any], *, bypass: bool = False) -> None:
        key = (role, collection, bypass)
        self.pending.setdefault(key, []).append(ReplaceOne({"_id": document["_id"]}, document, upsert=True))
        if len(self.pending[key]) >= self.batch_size:
            await self._flush(key)

    async def _flush(self, key: tuple[str, str, bool]) -> None:
        operations = self.pending.pop(key, [])
        if not operations:
            return
        role, collection, bypass = key
        await self.databases.by_name(role)[collection].bulk_write(
            operations, ordered=False, bypass_document_validation=bypass
        )
        self.written[f"{role}.{collection}"] += len(operations)

    async def flush(self) -> None:
        for key in list(self.pending):
            await self._flush(key)


def _encode(encoder: Encoder, document: Any) -> dict[str, Any]:
    data = dict(encoder.encode(document))
    data.pop("revision_id", None)
    return data


async def _write_company(buffer: _Buffer, encoder: Encoder, item: SyntheticCompany) -> None:
    if item.architecture is not None:
        await buffer.add("scope321", "companies", item.architecture, bypass=True)
    else:
        await buffer.add("scope321", "companies", _encode(encoder, item.company))
    await buffer.add("scope321", "users", _encode(encoder, item.user))
    for report in item.reports:
        stored = _encode(encoder, report)
        override = item.raw_overrides.get(report.reporting_year)
        if override is not None:
            override(stored)
        await buffer.add("vsme_guru", "reports", stored, bypass=override is not None)
    for company in item.prisma_companies:
        await buffer.add("vsme_guru", "companies", company, bypass=True)
    for prisma_report in item.prisma_reports:
        await buffer.add("vsme_guru", "reports", prisma_report, bypass=True)
    if item.scope321_record is not None:
        await buffer.add("reference", "companies", item.scope321_record, bypass=True)


async def _write_factors(databases: Databases) -> None:
    from vsme_pipeline.reference_data import emission_factors

    encoder = Encoder(to_db=True, keep_nulls=True)
    from documents import EmissionFactor

    requests = []
    for row in emission_factors():
        data = _encode(encoder, EmissionFactor.model_validate(row))
        data.pop("_id", None)
        requests.append(UpdateOne({"key": data["key"]}, {"$set": data}, upsert=True))
    collection = databases.reference["emission_factors"]
    for start in range(0, len(requests), BATCH_SIZE):
        await collection.bulk_write(requests[start:start + BATCH_SIZE], ordered=False)


async def seed_synthetic(
    databases: Databases,
    n: int,
    seed: int = 0,
    *,
    shapes: Sequence[str] = SHAPES,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    factors: bool = True,
) -> SyntheticSummary:
    """Write the synthetic season of ``n`` reports (``progress(k)``: k more reports generated and
    queued) and, unless ``factors=False``, the emission factors. The collections must exist
    (``vsme migrate upgrade head``); safe to repeat."""
    settings = settings or get_settings()
    if settings.env in (Environment.STAGING, Environment.PRODUCTION):
        raise SeedRefused(f"refusing to seed synthetic data into a {settings.env.value} environment")
    from vsme_pipeline.odm import init_documents

    await init_documents(databases)  # the encoder reads the documents' settings
    encoder = Encoder(to_db=True, keep_nulls=True)
    buffer = _Buffer(databases, batch_size)
    summary = SyntheticSummary()
    if factors:
        await _write_factors(databases)
    for item in synthetic_population(n, seed, shapes=shapes):
        await _write_company(buffer, encoder, item)
        summary.companies += 1
        summary.reports += len(item.reports)
        summary.defects.update(item.defects.values())
        summary.size_classes[item.size_class] += 1
        summary.countries[str(item.company.primary_country)] += 1
        if progress is not None:
            progress(len(item.reports))
    await buffer.flush()
    summary.written = buffer.written
    return summary
