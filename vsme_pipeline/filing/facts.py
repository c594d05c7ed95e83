"""The fact model of a filing: what one XBRL fact says, independent of the output format.

Decimals policy (`decimals_for`): monetary amounts and physical quantities (energy, emissions,
mass, volume, area) and counts 2 (the EFRAG template's convention), percentages written as fractions 4
(0.1234 = 12.34 %), GHG intensities per currency unit 7, gYear/date/text/boolean/enumeration facts
none. Values are not rounded to ``decimals`` (it states their accuracy, as EFRAG's converter writes
the template's values unrounded with decimals 2).

Numbers policy (`decimal_of`): a stored float becomes the decimal it stands for. Arithmetic on
short decimals leaves binary residue past the 15th significant digit (the precision a double
carries, DBL_DIG): 419.04 + 279.36 = 698.4000000000001. When the float rounded to 15 significant
digits has at most 12 (the three digits before the residue are zeros or nines), that rounding is
its value (698.4); otherwise its shortest round-trip digits are kept, so a ratio keeps every digit
(0.014893617021276596, as EFRAG's converter writes it). A value entered with 15 or fewer
significant digits is never changed.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

__all__ = ["Entity", "Fact", "FactSet", "FilingNote", "Period", "decimal_of", "decimals_for", "format_number"]


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
    scope3_categories: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    """GHG Protocol category (``Scope3Category`` value) -> lexical tCO2e of the reporting, base and
    target year. No taxonomy concept carries them (xBRL-JSON and iXBRL leave them out); the
    template's Scope 3 rows hold them and compute the Scope 3 totals from them."""

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


_DBL_DIG = 15
"""Significant decimal digits a binary double carries exactly."""
_RESIDUE_DIGITS = 3
"""Zeros (or nines) before the residue that mark a float as a short decimal plus noise."""


def decimal_of(value: float) -> Decimal:
    """The decimal a float stands for (numbers policy above): ``698.4000000000001`` -> ``698.4``,
    ``3.5999999999999996`` -> ``3.6``, ``0.014893617021276596`` kept."""
    shortest = Decimal(repr(value))
    if not shortest.is_finite() or len(shortest.as_tuple().digits) <= _DBL_DIG:
        return shortest
    rounded = Decimal(format(value, f".{_DBL_DIG}g")).normalize()
    if len(rounded.as_tuple().digits) <= _DBL_DIG - _RESIDUE_DIGITS:
        return rounded
    return shortest


def format_number(value: float | Decimal) -> str:
    """Lexical xs:decimal form: no exponent, no trailing ``.0``; a float as `decimal_of` reads it
    (float residue dropped, a ratio's digits kept), a Decimal exactly."""
    number = decimal_of(value) if isinstance(value, float) else value
    if number == number.to_integral_value() and abs(number) < 10**15:
        return str(int(number))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
