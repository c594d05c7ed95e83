"""Offline taxonomy extracts per edition (EFRAG VSME taxonomy, via EFRAG's converter; MIT).

`load_taxonomy(edition)` reads ``data/vsme-<edition>.json`` once; `Taxonomy` answers what the
mapping and the self-check ask: concept facts, tables (hypercubes) of a concept, axis defaults,
enumeration domains, namespace URIs, members by code (NACE, EWC, countries).
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from documents.report import StandardEdition

__all__ = [
    "EDITION_OF_STANDARD",
    "EDITIONS",
    "Concept",
    "Table",
    "Taxonomy",
    "edition_for",
    "load_taxonomy",
    "load_utr",
]

EDITIONS = ("2024-12-17", "2025-07-30", "2026-05-01")
EDITION_OF_STANDARD: dict[StandardEdition, str] = {
    StandardEdition.EFRAG_2024_12: "2024-12-17",
    StandardEdition.REC_2025_1710: "2025-07-30",
    StandardEdition.DR_2026: "2026-05-01",
}
"""Taxonomy edition a report follows, by its `StandardEdition`."""


def edition_for(standard: StandardEdition | str | None) -> str:
    """The taxonomy edition for a report's standard edition (default: the 2025 Recommendation)."""
    if standard is None:
        return EDITION_OF_STANDARD[StandardEdition.REC_2025_1710]
    return EDITION_OF_STANDARD[StandardEdition(standard)]


@dataclass(frozen=True, slots=True)
class Concept:
    """One taxonomy concept (qualified name ``prefix:local``)."""

    qname: str
    data_type: str
    period_type: str
    abstract: bool
    numeric: bool
    domain: tuple[str, ...]
    label: str | None

    @property
    def local(self) -> str:
        return self.qname.split(":", 1)[1]

    @property
    def type_local(self) -> str:
        return self.data_type.split(":", 1)[-1]

    @property
    def is_enumeration(self) -> bool:
        return self.type_local in ("enumerationItemType", "enumerationSetItemType")

    @property
    def is_enumeration_set(self) -> bool:
        return self.type_local == "enumerationSetItemType"


@dataclass(frozen=True, slots=True)
class Table:
    """A hypercube: primary items, explicit axes with their members, typed axes."""

    name: str
    closed: bool
    primary_items: frozenset[str]
    explicit: dict[str, frozenset[str]]
    typed: frozenset[str]


@dataclass(slots=True)
class Taxonomy:
    """One edition of the VSME taxonomy extract."""

    edition: str
    entry_point: str
    namespaces: dict[str, str]
    defaults: dict[str, str]
    concepts: dict[str, Concept]
    tables: list[Table]
    presentation: list[dict[str, Any]]
    _tables_of: dict[str, list[Table]] = field(default_factory=dict)
    _by_code: dict[str, dict[str, str]] = field(default_factory=dict)

    def concept(self, qname: str) -> Concept | None:
        return self.concepts.get(qname)

    def tables_of(self, qname: str) -> list[Table]:
        """Tables whose primary items include ``qname`` (empty: the concept is not dimensional)."""
        if not self._tables_of:
            for table in self.tables:
                for item in table.primary_items:
                    self._tables_of.setdefault(item, []).append(table)
        return self._tables_of.get(qname, [])

    def expand(self, qname: str) -> str:
        """Expanded name ``namespace#local`` (the lexical form of enumeration values)."""
        prefix, local = qname.split(":", 1)
        return f"{self.namespaces[prefix]}#{local}"

    def vsme(self, local: str) -> str:
        return f"vsme:{local}"

    def nace_member(self, code: str) -> str | None:
        """``"47.21"`` (or ``"G47.21"``, ``"47"``) -> ``nace:NACE_G4721`` when the domain has it."""
        index = self._index("nace", r"^nace:NACE_([A-Z])(\d*)$")
        cleaned = code.strip().upper().replace("NACE", "").replace(" ", "")
        match = re.match(r"^([A-Z])?[ -]?([\d.]*)$", cleaned)
        if not match:
            return None
        letter, digits = match.group(1), match.group(2).replace(".", "")
        if not digits:
            member = f"nace:NACE_{letter}" if letter else None
            return member if member in self.concepts else None
        found = index.get(digits)
        if found is None or (letter and not found.startswith(f"nace:NACE_{letter}")):
            return None
        return found

    def waste_member(self, ewc_code: str) -> str | None:
        """European Waste Catalogue code ``"15 01 04"`` / ``"150104*"`` -> its ``waste:`` member."""
        digits = re.sub(r"\D", "", ewc_code)
        if len(digits) != 6:
            return None
        return self._index("waste", r"^waste:W-(\d{6})(?!\d)").get(digits)

    def _index(self, prefix: str, pattern: str) -> dict[str, str]:
        if prefix not in self._by_code:
            regex = re.compile(pattern)
            index: dict[str, str] = {}
            for qname in self.concepts:
                match = regex.match(qname)
                if match:
                    index[match.group(match.lastindex or 1)] = qname
            self._by_code[prefix] = index
        return self._by_code[prefix]

    def member_label(self, qname: str) -> str | None:
        concept = self.concepts.get(qname)
        return concept.label if concept else None


_ENTRY_POINTS = {"2024-12-17": "https://xbrl.efrag.org/taxonomy/vsme/2024-12-17/vsme-entry-point.xsd"}
"""Entry points as the converter's configuration lists them (where the extract differs)."""


@cache
def load_taxonomy(edition: str) -> Taxonomy:
    """Load the compacted extract of ``edition`` (one of `EDITIONS`)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown taxonomy edition {edition!r}; known: {', '.join(EDITIONS)}")
    text = resources.files("vsme_pipeline.filing").joinpath("data", f"vsme-{edition}.json").read_text("utf-8")
    raw = json.loads(text)
    concepts = {
        name: Concept(
            qname=name,
            data_type=entry.get("dataType") or "",
            period_type=entry.get("periodType") or "duration",
            abstract=bool(entry.get("abstract")),
            numeric=bool(entry.get("numeric")),
            domain=tuple(entry.get("domain") or ()),
            label=entry.get("label"),
        )
        for name, entry in raw["concepts"].items()
    }
    tables = [
        Table(
            name=t["table"],
            closed=t["closed"],
            primary_items=frozenset(t["primaryItems"]),
            explicit={axis: frozenset(members) for axis, members in t["explicit"].items()},
            typed=frozenset(t["typed"]),
        )
        for t in raw["tables"]
    ]
    return Taxonomy(
        edition=edition,
        entry_point=_ENTRY_POINTS.get(edition, raw["entryPoint"]),
        namespaces=raw["namespaces"],
        defaults=raw["defaults"],
        concepts=concepts,
        tables=tables,
        presentation=raw["presentation"],
    )


@cache
def load_utr() -> dict[str, dict[str, str]]:
    """Units registry (status REC) by ``prefix:unitId`` (``utr:MWh``, ``iso4217:EUR``)."""
    text = resources.files("vsme_pipeline.filing").joinpath("data", "utr.json").read_text("utf-8")
    units: dict[str, dict[str, str]] = {}
    for entry in json.loads(text)["utr"]:
        prefix = "iso4217" if entry.get("nsUnit", "").endswith("iso4217") else "utr"
        units[f"{prefix}:{entry['unitId']}"] = entry
    return units
