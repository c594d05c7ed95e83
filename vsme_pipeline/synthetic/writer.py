"""Bulk writer of a synthetic season: unordered ``insert_many`` batches, idempotent by ``_id``.

A batch is inserted (the cheapest write a server has: no query per document); documents whose
``_id`` is already stored (duplicate key, a repeated seeding) are then replaced by ``_id`` in one
unordered bulk write, so seeding twice leaves the same documents as seeding once.

Where each shape goes (the databases the pipeline reads):

* project shape: ``scope321.companies`` and ``scope321.users`` (Beanie ``Company``/``User``),
  ``vsme_guru.reports`` (``Report``), encoded by Beanie's own encoder as ``vsme seed`` does;
* architecture shape: replaces the project-shape company in ``scope321.companies``;
* Prisma shape: ``vsme_guru.companies`` (one per organisation and year) and ``vsme_guru.reports``
  (``year``, no ``reportingYear``): the web app's own collections;
* Scope321 records: ``companies`` of the reference database (``co2-intensities-*``).

Documents that the collections' validators refuse by design (foreign shapes, planted defects such
as a number stored as text) are written with ``bypassDocumentValidation``, as data written before
a validator existed would be. ``validate=False`` bypasses the validators for the typed models'
documents too (a bulk load, as ``mongorestore --bypassDocumentValidation``: the documents come
from the models the validators are generated from; ``tests/scale/test_synthetic_writer.py`` seeds
with validation on). Seeding refuses staging and production.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from beanie.odm.utils.encoder import Encoder
from pymongo import ReplaceOne, UpdateOne
from pymongo.errors import BulkWriteError

from vsme_pipeline.connections import Databases
from vsme_pipeline.pipeline.handles import WritableCollection
from vsme_pipeline.seed import SeedRefused
from vsme_pipeline.settings import Environment, Settings, get_settings
from vsme_pipeline.synthetic.population import SHAPES, SyntheticCompany, synthetic_population

BATCH_SIZE = 100
"""Documents per ``insert_many`` (a report is ~1,300 values: 100 are a few MB on the wire, and a
few seconds on the embedded server, far below the driver's ~20 s timeout)."""
DUPLICATE_KEY = 11000


@dataclass
class SyntheticSummary:
    """What one synthetic seeding wrote."""

    companies: int = 0
    reports: int = 0
    written: Counter[str] = field(default_factory=Counter)
    replaced: Counter[str] = field(default_factory=Counter)
    """Of ``written``, the documents whose ``_id`` was stored already (replaced, not inserted)."""
    defects: Counter[str] = field(default_factory=Counter)
    size_classes: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)


class _Buffer:
    """Pending documents per (database, collection, bypass)."""

    def __init__(self, databases: Databases, batch_size: int, *, validate: bool = True):
        self.databases = databases
        self.batch_size = batch_size
        self.validate = validate
        self.pending: dict[tuple[str, str, bool], list[dict[str, Any]]] = {}
        self.written: Counter[str] = Counter()
        self.replaced: Counter[str] = Counter()

    async def add(self, role: str, collection: str, document: dict[str, Any], *, bypass: bool = False) -> None:
        key = (role, collection, bypass or not self.validate)
        self.pending.setdefault(key, []).append(document)
        if len(self.pending[key]) >= self.batch_size:
            await self._flush(key)

    async def _flush(self, key: tuple[str, str, bool]) -> None:
        documents = self.pending.pop(key, [])
        if not documents:
            return
        role, name, bypass = key
        collection = self.databases.by_name(role)[name]
        stored = await _insert_new(collection, documents, bypass)
        if stored:
            await collection.bulk_write([ReplaceOne({"_id": d["_id"]}, d, upsert=True) for d in stored],
                                        ordered=False, bypass_document_validation=bypass)
        self.written[f"{role}.{name}"] += len(documents)
        self.replaced[f"{role}.{name}"] += len(stored)

    async def flush(self) -> None:
        for key in list(self.pending):
            await self._flush(key)


async def _insert_new(collection: WritableCollection, documents: list[dict[str, Any]], bypass: bool) -> list[dict[str, Any]]:
    """Insert ``documents`` (unordered); return those whose ``_id`` was stored already. Any other
    write error is raised."""
    try:
        # insert_many adds an ``_id`` to a document without one: every document here has its own
        await collection.insert_many(documents, ordered=False, bypass_document_validation=bypass)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        other = [e for e in errors if e.get("code") != DUPLICATE_KEY]
        if other or exc.details.get("writeConcernErrors"):
            raise
        return [documents[e["index"]] for e in errors]
    return []


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
    validate: bool = True,
) -> SyntheticSummary:
    """Write the synthetic season of ``n`` reports (``progress(k)``: k more reports generated and
    queued) and, unless ``factors=False``, the emission factors. The collections must exist
    (``vsme migrate upgrade head``); safe to repeat (a stored ``_id`` is replaced).
    ``validate=False``: the typed models' documents bypass the collections' validators too (a
    bulk load; those refused by design always do)."""
    settings = settings or get_settings()
    if settings.env in (Environment.STAGING, Environment.PRODUCTION):
        raise SeedRefused(f"refusing to seed synthetic data into a {settings.env.value} environment")
    from vsme_pipeline.odm import init_documents

    await init_documents(databases)  # the encoder reads the documents' settings
    encoder = Encoder(to_db=True, keep_nulls=True)
    buffer = _Buffer(databases, batch_size, validate=validate)
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
    summary.replaced = buffer.replaced
    return summary
