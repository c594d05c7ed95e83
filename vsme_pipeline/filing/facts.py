"""The fact model of a filing: what one XBRL fact says, independent of the output format.

Decimals policy (`decimals_for`): monetary amounts and physical quantities (energy, emissions,
mass, volume, area) and counts 2 (the EFRAG template's convention), percentages written as fractions 4
(0.1234 = 12.34 %), GHG intensities per currency unit 7, gYear/date/text/boolean/enumeration facts
none. Values are never rounded: ``decimals`` states their accuracy only.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

__all__ = ["Entity", "Fact", "FactSet", "FilingNote", "Period", "decimals_for", "format_number"]


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A duration ``start``-``end`` (both inclusive dates) or an instant at the end of ``end``."""

    end: date
    start: date | None = None

    @property
    def is_instant(self) -> bool:
        return self.start is None


@dataclass(frozen=True, slots=True)
class Entity:
    scheme: str
    identifier: str


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact: concept qname, value (lexical), period, unit, decimals, dimensions.

    ``dimensions`` maps an axis qname to a member qname (explicit) or a typed value (typed axes,
    listed in ``typed``). Default members are never put here. ``source`` says which report field
    the fact came from (for findings and the readable report).
    """

    concept: str
    value: str
    period: Period
    unit: str | None = None
    decimals: int | None = None
    dimensions: tuple[tuple[str, str], ...] = ()
    typed: frozenset[str] = frozenset()
    source: str = ""

    def key(self) -> tuple[str, tuple[tuple[str, str], ...], Period]:
        """Identity of the fact's aspects (two facts with one key are duplicates)."""
        return (self.concept, self.dimensions, self.period)

    def sort_key(self) -> tuple[str, str, str, str]:
        start = self.period.start.isoformat() if self.period.start else ""
        return (self.concept, repr(self.dimensions), self.period.end.isoformat(), start)


@dataclass(frozen=True, slots=True)
class FilingNote:
    """Something the mapping could not tag, or tagged differently from the field (a finding)."""

    severity: str  # "error" | "warning" | "info"
    code: str
    message: str
    source: str = ""


@dataclass(slots=True)
class FactSet:
    """Facts of one report with the notes of their mapping."""

    entity: Entity
    period: Period
    edition: str
    currency: str
    facts: list[Fact] = field(default_factory=list)
    notes: list[FilingNote] = field(default_factory=list)

    def sorted_facts(self) -> list[Fact]:
        return sorted(self.facts, key=Fact.sort_key)


def decimals_for(data_type: str) -> int | None:
    """Decimals by the stated policy (see module docstring)."""
    local = data_type.split(":", 1)[-1]
    if local == "percentItemType":
        return 4
    if local == "ghgEmissionsPerMonetaryItemType":
        return 7
    if local in ("monetaryItemType", "energyItemType", "ghgEmissionsItemType", "massItemType", "volumeItemType",
                 "areaItemType", "decimalItemType", "pureItemType", "integerItemType", "nonNegativeIntegerItemType"):
        return 2
    return None


def format_number(value: float | Decimal) -> str:
    """Lexical xs:decimal form: no exponent, no trailing ``.0``; a float keeps its shortest
    round-trip digits (``0.014893617021276596``, never rounded to 15 digits)."""
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if number == number.to_integral_value() and abs(number) < 10**15:
        return str(int(number))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
