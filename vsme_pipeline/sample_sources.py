"""Development seed records in each real source shape, stored with the BSON types their writers use.

``vsme seed`` (and ``vsme run``) add, next to the project-shape sample data:

* **Architecture ``Company``** (``scope321.companies``): a company exactly as the architecture
  document's interface specifies it (``balanceSheetSize``, ``employeeCount``, ``legalForm: "AS"``
  as typed, ``contactPerson{name, title, email}``, ``address.country`` as a name, ``siteLocations``,
  ``organizationId``), written as the Scope321 app's Node.js stack stores it: numbers as doubles,
  dates as BSON dates, the collection's validator on (it follows this interface). (PyMongo stores a
  Python int that fits as int32, as Prisma stores an ``Int``; a float as a double, as ``Float``.)
* **Scope321's own records** (``companies`` of the ``co2-intensities*`` reference database):
  ``{OrgId, CompanyName, Emissions: {"<year>": {Scope1, Scope2, Scope3, TotalCo2, Revenue,
  co2Intensity, locked, updatedAt}}}`` for sample organisations, scopes in kg and ``TotalCo2`` in
  tonnes (the unit rule of :mod:`vsme_pipeline.sources.scope321` can tell them apart).
* **The web app's first Prisma schema**: a company of one organisation and year
  (``scope321.companies``: ``year`` Int32, ``registrationNumber``, ``revenue``/``industryCo2Intensity``
  doubles, ``createdBy``) and its report (``vsme_guru.reports``: ``year``, ``organizationId``,
  ``environmental.energyAndEmissions.*``, ``social.employees.*`` Int32, ``governance.*``).

**Where Prisma-shape records enter.** They predate revision ``0003_sources_shapes``: a real
database holds them from before that revision, whose upgrade converts them. The seed runs after
the migrations (``vsme migrate upgrade head`` first), so writing them raw would leave shapes that
no later step converts (0003 is recorded as applied) and that the stages never read (no
``reportingYear``). The seed therefore stores them **as 0003 leaves a Prisma record**: built in
the Prisma shape with the Prisma client's BSON types, then converted by 0003's own pure functions
(``prisma_to_current``, ``merge_company_years``, loaded from the revision script), with the Prisma
original kept in the revision's markers (``migratedFromPrisma``, ``migratedFromPrismaCompanies``).
The readers tell these records apart by those markers (source shapes ``prisma_report``,
``prisma_company``). The raw Prisma shape as the Node.js driver writes it is proved against the
migration itself in ``tests/sources/test_node_writer.py``.

Records are upserted by ``_id`` with ``$setOnInsert``: seeding twice changes nothing.
"""

import importlib.util
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from vsme_pipeline.connections import Databases
from vsme_pipeline.pipeline.handles import WritableCollection
from vsme_pipeline.settings import PROJECT_ROOT

__all__ = ["SourceSeedCount", "architecture_company", "prisma_records", "scope321_records", "seed_source_shapes"]

_WRITTEN = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
PRISMA_ORG = "org-greentech-123"
ARCHITECTURE_ORG = "org-fjordlys-ndt"
_REVISION_0003 = PROJECT_ROOT / "migrations" / "versions" / "0003_sources_shapes.py"


def _oid(text: str) -> ObjectId:
    """A fixed ObjectId per sample record (12 bytes from its label)."""
    return ObjectId(text.encode("utf-8").ljust(12, b"_")[:12])


def architecture_company() -> dict[str, Any]:
    """A company in the architecture document's ``Company`` interface, all fields."""
    return {
        "_id": _oid("arch-fjordly"), "name": "Fjordlys Energi AS", "organizationNumber": "NO-998877665",
        "organizationId": ARCHITECTURE_ORG,
        "address": {"street": "Strandgata 1", "postalCode": "5004", "city": "Bergen", "country": "Norway"},
        "website": "https://fjordlys.example",
        "contactPerson": {"name": "Sample Contact", "title": "Head of Sustainability", "email": "esg@fjordlys.example"},
        "legalForm": "AS", "naceCodes": ["35.11"], "balanceSheetSize": 41_000_000.0, "turnover": 23_500_000.0,
        "employeeCount": 64.0, "siteLocations": [{"name": "Bergen HQ", "latitude": 60.39, "longitude": 5.32,
                                                  "country": "NO"}],
        "createdAt": _WRITTEN, "updatedAt": _WRITTEN,
    }


def scope321_records(organization_ids: list[str]) -> list[dict[str, Any]]:
    """Scope321's own records for ``organization_ids``: per-year emissions, scopes in kg,
    ``TotalCo2`` in tonnes (their ratio tells the unit)."""
    records = []
    for index, org in enumerate(organization_ids):
        emissions = {}
        for year in (2023, 2024, 2025):
            scopes = [110_000.0 + 1_000 * index + 500 * (year - 2023), 52_000.0 + 300 * index, 310_000.0 + 700 * index]
            emissions[str(year)] = {
                "Scope1": scopes[0], "Scope2": scopes[1], "Scope3": scopes[2], "TotalCo2": round(sum(scopes) / 1000, 3),
                "Revenue": 30_000_000.0, "co2Intensity": round(sum(scopes) / 30_000_000.0, 6), "locked": year < 2025,
                "updatedAt": datetime(year + 1, 2, 1, tzinfo=UTC),
            }
        records.append({"_id": _oid(f"s321-{index:04d}"), "OrgId": org, "CompanyName": f"Sample company {index + 1}",
                        "Emissions": emissions})
    return records


def _revision_0003() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vsme_seed_revision_0003", _REVISION_0003)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _apply(document: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """A top-level ``$set``/``$unset`` update applied to ``document`` (what 0003's report update is
    for a Prisma report, which has no ``modules`` yet)."""
    result = {k: v for k, v in document.items() if k not in update.get("$unset", {})}
    for key, value in update.get("$set", {}).items():
        assert "." not in key, key
        result[key] = value
    return result


def prisma_records() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(companies, reports) of the web app's first Prisma schema, as revision 0003 leaves them."""
    revision = _revision_0003()
    user = _oid("prisma-user1")
    company = {
        "_id": _oid("prisma-co-24"), "year": 2024, "name": "GreenTech Solutions AS", "organizationId": PRISMA_ORG,
        "registrationNumber": "987654321", "revenue": 15_000_000.0, "naceCode": "62.01",
        "industry": "Software Development", "industryCo2Intensity": 0.3, "createdBy": user,
        "createdAt": _WRITTEN, "updatedAt": _WRITTEN,
    }
    report = {
        "_id": _oid("prisma-rp-24"), "organizationId": PRISMA_ORG, "year": 2024, "companyId": company["_id"],
        "createdBy": user, "createdAt": _WRITTEN, "updatedAt": _WRITTEN,
        "environmental": {"energyAndEmissions": {
            "scope1": 120.5, "scope2": 40.0, "scope3Market": 10.0, "scope3Location": 12.0, "renewableEnergy": 300.0,
            "nonRenewableEnergy": 700.0, "climateDataCollectionMethod": "invoices", "climateDataUncertainty": "low",
            "reported": True}},
        "social": {"employees": {"fullTimeEmployees": 30, "partTimeEmployees": 5,
                                 "tempEmployees": 2, "reported": True}},
        "governance": {"ethics": {"corruptionCases": 0, "whistleBlowerReports": 1, "reported": True},
                       "finesAndPenalties": {"fnp": False, "reported": False}},
    }
    merged, removed = revision.merge_company_years([company])
    assert removed == []
    return [merged], [_apply(report, revision.prisma_to_current(report))]


class SourceSeedCount(dict[str, int]):
    """Records inserted per ``database.collection`` (0 on a reseed)."""


async def _insert_new(collection: WritableCollection, documents: list[dict[str, Any]], *, bypass: bool) -> int:
    if not documents:
        return 0
    requests = [UpdateOne({"_id": d["_id"]}, {"$setOnInsert": d}, upsert=True) for d in documents]
    result = await collection.bulk_write(requests, ordered=False, bypass_document_validation=bypass)
    return int(result.upserted_count)


async def seed_source_shapes(databases: Databases) -> SourceSeedCount:
    """Write the records of each real source shape (idempotent); return what was inserted."""
    organizations = sorted({o for o in await databases.scope321["companies"].distinct("organizationId")
                            if isinstance(o, str)} | {ARCHITECTURE_ORG, PRISMA_ORG})
    companies, reports = prisma_records()
    counts = SourceSeedCount()
    counts["scope321.companies"] = await _insert_new(databases.scope321["companies"], [architecture_company()],
                                                     bypass=False)
    # the Prisma records predate every validator (as 0003 leaves them, they keep the Prisma originals)
    counts["scope321.companies"] += await _insert_new(databases.scope321["companies"], companies, bypass=True)
    counts["vsme_guru.reports"] = await _insert_new(databases.vsme_guru["reports"], reports, bypass=True)
    counts["reference.companies"] = await _insert_new(databases.reference["companies"],
                                                      scope321_records(organizations), bypass=False)
    return counts
