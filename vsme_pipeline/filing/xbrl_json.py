"""Facts -> xBRL-JSON (OIM 1.0) report document, byte-identical for one fact set.

Facts are sorted by concept, dimensions and period and numbered ``f0001``...; keys are sorted;
periods follow OIM (a duration ``start/end`` with the end date's following midnight, an instant
at the following midnight of its date). Pure facts (percentages, counts, ratios) carry no unit.
"""

import json
from datetime import date, timedelta
from typing import Any

from vsme_pipeline.filing.facts import FactSet, Period
from vsme_pipeline.filing.taxonomy import load_taxonomy

__all__ = ["XBRL_JSON_DOCUMENT_TYPE", "oim_period", "to_xbrl_json", "xbrl_json_document"]

XBRL_JSON_DOCUMENT_TYPE = "https://xbrl.org/2021/xbrl-json"


def _midnight_after(day: date) -> str:
    return f"{(day + timedelta(days=1)).isoformat()}T00:00:00"


def oim_period(period: Period) -> str:
    """OIM lexical period: ``2024-01-01T00:00:00/2025-01-01T00:00:00`` or ``2025-01-01T00:00:00``."""
    if period.start is None:
        return _midnight_after(period.end)
    return f"{period.start.isoformat()}T00:00:00/{_midnight_after(period.end)}"


def xbrl_json_document(facts: FactSet) -> dict[str, Any]:
    """The xBRL-JSON document as a dict (see `to_xbrl_json`)."""
    taxonomy = load_taxonomy(facts.edition)
    used_prefixes = {"vsme", "xbrli", "iso4217", "utr"}
    out: dict[str, Any] = {}
    for number, fact in enumerate(facts.sorted_facts(), start=1):
        dimensions: dict[str, Any] = {
            "concept": fact.concept,
            "entity": f"scheme:{fact_entity_identifier(facts)}",
            "period": oim_period(fact.period),
        }
        if fact.unit is not None:
            dimensions["unit"] = fact.unit
        for axis, member in fact.dimensions:
            dimensions[axis] = member
            used_prefixes.add(axis.split(":", 1)[0])
            if axis not in fact.typed:
                used_prefixes.add(member.split(":", 1)[0])
        entry: dict[str, Any] = {"value": fact.value, "dimensions": dimensions}
        if fact.decimals is not None:
            entry["decimals"] = fact.decimals
        out[f"f{number:04d}"] = entry
    namespaces = {p: taxonomy.namespaces[p] for p in sorted(used_prefixes) if p in taxonomy.namespaces}
    namespaces["scheme"] = facts.entity.scheme
    return {
        "documentInfo": {
            "documentType": XBRL_JSON_DOCUMENT_TYPE,
            "namespaces": namespaces,
            "taxonomy": [taxonomy.entry_point],
        },
        "facts": out,
    }


def fact_entity_identifier(facts: FactSet) -> str:
    return facts.entity.identifier


def to_xbrl_json(facts: FactSet) -> bytes:
    """Serialise deterministically (sorted keys, two-space indent, UTF-8, trailing newline)."""
    return (json.dumps(xbrl_json_document(facts), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
