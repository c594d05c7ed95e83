"""Move legacy flat emission figures of reports into the VSME B3 module.

Revision ID: 0002_legacy_environmental_to_b3
Revises: 0001_initial_schema
Created: 2026-01-15T09:00:00+00:00
Written by hand.

Early seed data and imports stored a report's emissions flat, as ``environmental.scope1`` ...;
the documents read them from ``modules.b3.scope1Emissions`` .... Upgrade moves every legacy value
into B3 (a value already present in B3 wins and the legacy one is kept in the note), removes
``environmental`` and remembers what it moved in ``migratedFromEnvironmental`` so that
the downgrade restores exactly the legacy shape. Batched and resumable (checkpoints in
``_migration_checkpoints``); both directions are idempotent.

Kept, narrowed (issue 8): no known program wrote this flat shape, but databases already at 0002
may hold reports it moved, and its downgrade must still restore them. It used to select every
report with an ``environmental`` object, so a report in the web app's real Prisma shape
(``environmental.energyAndEmissions``, ``year`` instead of ``reportingYear``) was rewritten into an
invalid document and ``upgrade head`` failed here. It now selects only reports carrying one of
its flat keys and a ``reportingYear``; the Prisma shape is migrated by ``0003_sources_shapes``.
"""

from vsme_pipeline.migration.data_migrations import get_path, transform_documents

revision = "0002_legacy_environmental_to_b3"
down_revision = "0001_initial_schema"
message = "move legacy environmental.* emission figures into modules.b3"
created = "2026-01-15T09:00:00+00:00"
transactional = False

# pymongo-migrate's loader and graph read these two
name = revision
dependencies = [down_revision] if down_revision else []

COLLECTION = "reports"
MARKER = "migratedFromEnvironmental"  # top level: restoring leaves no trace
BATCH_SIZE = 100

# legacy key under `environmental` -> field of `modules.b3` (frozen here: never import documents)
FIELD_MAP = {
    "scope1": "scope1Emissions",
    "scope2LocationBased": "scope2LocationBasedEmissions",
    "scope2MarketBased": "scope2MarketBasedEmissions",
    "scope3": "scope3Emissions",
    "totalEnergyConsumption": "totalEnergyConsumption",
}


LEGACY_REPORTS = {
    "environmental": {"$type": "object"},
    "environmental.energyAndEmissions": {"$exists": False},
    "reportingYear": {"$exists": True},
    "$or": [{f"environmental.{key}": {"$exists": True}} for key in FIELD_MAP],
}


def to_b3(report: dict) -> dict | None:
    """The update that moves one report's legacy figures into ``modules.b3`` (pure)."""
    legacy = report.get("environmental")
    if not isinstance(legacy, dict) or "energyAndEmissions" in legacy or not set(FIELD_MAP) & legacy.keys():
        return None
    modules = report.get("modules")
    b3 = modules.get("b3") if isinstance(modules, dict) else None
    b3_existed = isinstance(b3, dict)
    moved, kept, values = [], {}, {}
    for old, new in FIELD_MAP.items():
        if old not in legacy:
            continue
        if b3_existed and b3.get(new) is not None:
            kept[old] = legacy[old]  # B3 already has a value: it wins
            continue
        values[new] = legacy[old]
        moved.append(old)
    if b3_existed:
        updates = {f"modules.b3.{field}": value for field, value in values.items()}
    else:  # b3 is null or missing: write the whole sub-document
        updates = {"modules.b3": values} if isinstance(modules, dict) else {"modules": {"b3": values}}
    unmapped = {k: v for k, v in legacy.items() if k not in FIELD_MAP}
    updates[MARKER] = {"keys": moved, "kept": kept, "unmapped": unmapped, "b3Existed": b3_existed,
                       "b3WasNull": isinstance(modules, dict) and "b3" in modules and b3 is None,
                       "modulesExisted": isinstance(modules, dict)}
    return {"$set": updates, "$unset": {"environmental": ""}}


def from_b3(report: dict) -> dict | None:
    """The update that restores the legacy shape of one migrated report (pure)."""
    marker = get_path(report, MARKER)
    if not isinstance(marker, dict):
        return None
    b3 = get_path(report, "modules.b3") or {}
    environmental = {**marker.get("unmapped", {}), **marker.get("kept", {})}
    for old in marker.get("keys", []):
        environmental[old] = b3.get(FIELD_MAP[old])
    updates: dict = {"environmental": environmental}
    unset: dict = {MARKER: ""}
    if marker.get("b3Existed", True):
        unset.update({f"modules.b3.{FIELD_MAP[old]}": "" for old in marker.get("keys", [])})
    elif marker.get("b3WasNull"):
        updates["modules.b3"] = None
    elif marker.get("modulesExisted", True):
        unset["modules.b3"] = ""
    else:
        unset["modules"] = ""
    return {"$set": updates, "$unset": unset}


async def upgrade_vsme_guru(db):
    await transform_documents(
        db, COLLECTION, job=f"{revision}:upgrade", filter=LEGACY_REPORTS,
        transform=to_b3, batch_size=BATCH_SIZE,
    )


async def downgrade_vsme_guru(db):
    await transform_documents(
        db, COLLECTION, job=f"{revision}:downgrade", filter={MARKER: {"$type": "object"}},
        transform=from_b3, batch_size=BATCH_SIZE,
    )
