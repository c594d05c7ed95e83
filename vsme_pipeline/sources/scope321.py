"""Scope321's own ``companies`` records (reference database): per-year emissions into B3 (pure,
plus one small read helper).

A record is ``{OrgId, CompanyName, Emissions: {"2024": {Scope1, Scope2, Scope3, TotalCo2, Revenue,
co2Intensity, locked, updatedAt}}}``; no unit is stored. **Unit decision** (``decide_unit``): the
ratio of ``TotalCo2`` to ``Scope1 + Scope2 + Scope3`` tells the units apart when it is about 1/1000
(scopes in kg, ``TotalCo2`` in tonnes: the app shows it "once as kg and once as tonnes") or about
1000 (scopes in tonnes, ``TotalCo2`` in kg). A ratio about 1 says only that both share one unit,
not which: the other years of the same record are then asked (one decisive year decides the
record), and when none is decisive the reader **refuses**: no B3 value is offered or compared and
a finding says why. Any other ratio is inconsistent data and refused alike.

When the report leaves a B3 scope empty, the Scope321 figure (converted to tCO2e) is offered as a
metric marked ``source: ["scope321"]`` with the year's ``updatedAt`` and ``locked``; when the report
states its own value and the two differ by more than ``tolerance`` (relative), a warning names both.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vsme_pipeline.pipeline.handles import ReadableDatabase
from vsme_pipeline.pipeline.hashing import content_hash
from vsme_pipeline.sources.provenance import Finding, SourceShape

__all__ = [
    "DEFAULT_TOLERANCE",
    "PROJECTION",
    "SCOPE_FIELDS",
    "Scope321Offer",
    "UnitDecision",
    "apply_scope321",
    "decide_unit",
    "offer_b3",
    "organization_of",
    "read_scope321_emissions",
    "read_scope321_records",
    "scope321_record_hash",
]

DEFAULT_TOLERANCE = 0.05
"""Relative difference above which a stated B3 value and Scope321's differ (5 %)."""
PROJECTION = {"OrgId": 1, "CompanyName": 1, "Emissions": 1}
# Scope321 field -> (B3 field of the report, metric key of the calculations)
SCOPE_FIELDS: dict[str, tuple[str, str]] = {
    "Scope1": ("scope1Emissions", "b3.scope1_tco2e"),
    "Scope2": ("scope2LocationBasedEmissions", "b3.scope2_location_tco2e"),
    "Scope3": ("scope3Emissions", "b3.scope3_tco2e"),
}
_RATIO_SLACK = 0.02


@dataclass(frozen=True)
class UnitDecision:
    """Units of one Scope321 year: ``scopes_unit`` / ``total_unit`` are ``"kg"``, ``"t"`` or None."""

    scopes_unit: str | None
    total_unit: str | None
    reason: str

    @property
    def decided(self) -> bool:
        return self.scopes_unit is not None


@dataclass
class Scope321Offer:
    """What Scope321 brings to one report's B3: metrics to use, warnings, findings."""

    metrics: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unit: UnitDecision | None = None
    record_read: bool = False
    """A Scope321 record of the organisation was found (source shape ``scope321_record``)."""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _ratio_unit(year: Mapping[str, Any]) -> UnitDecision:
    scopes = [_number(year.get(name)) for name in SCOPE_FIELDS]
    total = _number(year.get("TotalCo2"))
    if total is None or any(s is None for s in scopes):
        return UnitDecision(None, None, "TotalCo2 or a scope missing: the unit cannot be told")
    scope_sum = sum(s for s in scopes if s is not None)
    if scope_sum <= 0 or total <= 0:
        return UnitDecision(None, None, "zero emissions: the unit cannot be told")
    ratio = total / scope_sum
    if abs(ratio * 1000 - 1) <= _RATIO_SLACK:
        return UnitDecision("kg", "t", f"TotalCo2 = sum of scopes / 1000 (ratio {ratio:.6g}): scopes in kg, TotalCo2 in t")
    if abs(ratio / 1000 - 1) <= _RATIO_SLACK:
        return UnitDecision("t", "kg", f"TotalCo2 = sum of scopes x 1000 (ratio {ratio:.6g}): scopes in t, TotalCo2 in kg")
    if abs(ratio - 1) <= _RATIO_SLACK:
        return UnitDecision(None, None, "TotalCo2 = sum of scopes: one unit, kg or t cannot be told")
    return UnitDecision(None, None, f"TotalCo2 / sum of scopes = {ratio:.6g}: inconsistent, unit refused")


def decide_unit(emissions: Mapping[str, Any], year: int) -> UnitDecision:
    """The units of ``emissions[str(year)]``; a year whose ratio is 1 borrows a decisive year's units
    of the same record (the record's units do not change between years)."""
    own = _ratio_unit(emissions.get(str(year)) or {})
    if own.decided:
        return own
    if own.reason.startswith("TotalCo2 = sum of scopes: one unit"):
        for other, values in sorted(emissions.items()):
            if other == str(year) or not isinstance(values, Mapping):
                continue
            borrowed = _ratio_unit(values)
            if borrowed.decided:
                return UnitDecision(borrowed.scopes_unit, borrowed.scopes_unit,
                                    f"TotalCo2 = sum of scopes in {year}; units of the record told by {other}: {borrowed.reason}")
    return own


def offer_b3(
    b3: Mapping[str, Any] | None,
    record: Mapping[str, Any] | None,
    year: int,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
) -> Scope321Offer:
    """Compare a report's stored B3 (camelCase, tCO2e) with Scope321's ``year`` (pure)."""
    offer = Scope321Offer(record_read=record is not None)
    if record is None:
        return offer
    label = f"Scope321 record {record.get('_id')} (OrgId {record.get('OrgId')})"
    emissions = record.get("Emissions")
    values = emissions.get(str(year)) if isinstance(emissions, Mapping) else None
    if not isinstance(values, Mapping):
        return offer
    unit = offer.unit = decide_unit(emissions if isinstance(emissions, Mapping) else {}, year)
    if not unit.decided:
        offer.findings.append(Finding(SourceShape.SCOPE321_RECORD, label, f"Emissions.{year}.TotalCo2",
                                      values.get("TotalCo2"), f"{unit.reason}; no B3 value taken from Scope321"))
        return offer
    factor = 0.001 if unit.scopes_unit == "kg" else 1.0
    stated_b3 = b3 or {}
    for source_field, (b3_field, key) in SCOPE_FIELDS.items():
        raw = _number(values.get(source_field))
        if raw is None:
            continue
        tonnes = raw * factor
        stated = _number(stated_b3.get(b3_field))
        if stated is None:
            offer.metrics.append({
                "key": key, "disclosure": "B3", "value": tonnes, "result": None, "unit": "tCO2e", "computable": True,
                "reason": None, "formula": f"Scope321 Emissions.{year}.{source_field} ({unit.scopes_unit}) -> tCO2e",
                "formulaVersion": "scope321-1", "estimated": False, "source": ["scope321"],
                "inputs": {"OrgId": record.get("OrgId"), "year": year, source_field: raw, "unit": unit.scopes_unit},
                "notes": [unit.reason], "sourceUpdatedAt": values.get("updatedAt"),
                "locked": bool(values.get("locked", False)),
            })
            continue
        reference = max(abs(stated), abs(tonnes))
        if reference > 0 and abs(stated - tonnes) / reference > tolerance:
            offer.warnings.append(
                f"B3 {b3_field}: the report states {stated:g} tCO2e, Scope321 has {tonnes:g} tCO2e for {year} "
                f"({label}, updated {_when(values.get('updatedAt'))}, {'locked' if values.get('locked') else 'open'})"
            )
    return offer


def _when(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


async def read_scope321_emissions(reference: ReadableDatabase, organization_id: str | None) -> dict[str, Any] | None:
    """Scope321's record of one organisation (read-only, projection, index ``org_id`` on ``OrgId``)."""
    if not organization_id:
        return None
    record: dict[str, Any] | None = await reference["companies"].find_one({"OrgId": organization_id}, projection=PROJECTION)
    return record


def merge_offer(metrics: list[dict[str, Any]], offer: Scope321Offer) -> list[dict[str, Any]]:
    """``metrics`` (stored metric documents) with Scope321's offer applied (pure): an offered metric
    replaces a calculated one of the same key that is not computable (or is added); each warning is
    added to the notes of its scope's metric (a ``b3.scope321_comparison`` metric when none)."""
    by_key = {m["key"]: i for i, m in enumerate(metrics)}
    merged = [dict(m) for m in metrics]
    for offered in offer.metrics:
        index = by_key.get(offered["key"])
        if index is None:
            by_key[offered["key"]] = len(merged)
            merged.append(offered)
        elif not merged[index].get("computable"):
            merged[index] = offered
    for warning in offer.warnings:
        b3_field = warning.split(":", 1)[0].removeprefix("B3 ")
        key = next((k for f, k in SCOPE_FIELDS.values() if f == b3_field), None)
        index = by_key.get(key) if key else None
        if index is None:
            by_key[key or b3_field] = len(merged)
            merged.append({"key": key or b3_field, "disclosure": "B3", "value": None, "result": None, "unit": "tCO2e",
                           "computable": False, "reason": "stated value only", "formula": "", "source": ["scope321"],
                           "inputs": {}, "notes": [], "estimated": False, "formulaVersion": "scope321-1"})
            index = by_key[key or b3_field]
        merged[index] = {**merged[index], "notes": [*merged[index].get("notes", []), f"warning: {warning}"]}
    return merged


def organization_of(report: Mapping[str, Any], profile: Mapping[str, Any] | None) -> Any:
    """The Clerk organisation a report joins Scope321 by: the report's, else its company's."""
    return report.get("organizationId") or (profile or {}).get("organizationId")


async def read_scope321_records(reference: ReadableDatabase, organization_ids: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Scope321's records of many organisations in one query (read-only, projection, index
    ``org_id`` on ``OrgId``): ``{OrgId: record}``; of several records of one organisation the
    first by ``_id`` (what ``find_one`` returns in natural order on an insert-ordered collection)."""
    wanted = sorted({org for org in organization_ids if isinstance(org, str) and org})
    records: dict[str, dict[str, Any]] = {}
    if not wanted:
        return records
    async for record in reference["companies"].find({"OrgId": {"$in": wanted}}, projection=PROJECTION).sort("_id", 1):
        org = record.get("OrgId")
        if isinstance(org, str):
            records.setdefault(org, record)
    return records


def scope321_record_hash(record: Mapping[str, Any] | None) -> str | None:
    """Content hash of what the metrics read of a Scope321 record (its ids and every year's
    emissions, ``updatedAt`` and ``locked``: the unit decision may borrow another year); None:
    no record."""
    if record is None:
        return None
    return content_hash({"_id": record.get("_id"), "OrgId": record.get("OrgId"), "Emissions": record.get("Emissions")})


def apply_scope321(
    report: Mapping[str, Any], record: Mapping[str, Any] | None, metrics: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], Scope321Offer]:
    """Apply the report's organisation's Scope321 ``record`` to ``metrics`` (pure; the record is
    read per batch with :func:`read_scope321_records`, joined by :func:`organization_of`)."""
    modules = report.get("modules")
    b3 = modules.get("b3") if isinstance(modules, Mapping) else None
    offer = offer_b3(b3 if isinstance(b3, Mapping) else None, record, int(report.get("reportingYear") or 0))
    return merge_offer(metrics, offer), offer
