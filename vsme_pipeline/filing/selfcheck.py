"""Offline self-check of a fact set against the taxonomy extract of its edition.

Checked for every fact: the concept exists and is not abstract; the value's lexical form fits the
data type (decimal, boolean, gYear, date, enumeration members in the concept's domain, one member
for a single enumeration); the period type (instant/duration); dimensions: a non-dimensional concept
has none, a dimensional one fits one of its tables (closed tables: no other axis; every axis of the
table without a default is given; explicit members are in the axis' domain; typed axes are typed
axes of the table; default members are never written); the unit is allowed for the data type
(``iso4217:<ccy>`` for monetary, a UTR unit of the right item type, ``tCO2e/<ccy>`` for intensities,
no unit for pure types); numeric facts have decimals, others none; percentages are fractions
(|x| <= 1, except concepts that may exceed 100 %); no two facts share concept, dimensions and period.

Not checked (needs the full taxonomy package and an XBRL processor, see `arelle_check`): XBRL
formula/assertion rules of the taxonomy, calculation and presentation linkbases, XML schema facets
beyond the data types above, and the inline XBRL transformation rules.
"""

import re
from dataclasses import dataclass
from datetime import date

from vsme_pipeline.filing.facts import Fact, FactSet
from vsme_pipeline.filing.taxonomy import Concept, Taxonomy, load_taxonomy, load_utr

__all__ = ["CheckFinding", "FilingCheckError", "PERCENT_ABOVE_ONE_ALLOWED", "check_facts", "require_valid"]

PERCENT_ABOVE_ONE_ALLOWED = frozenset({"vsme:EmployeeTurnoverRate"})
"""Percentages that may exceed 100 % (turnover rate of seasonal businesses, guidance 183)."""

_PURE_TYPES = {"percentItemType", "decimalItemType", "pureItemType", "integerItemType", "nonNegativeIntegerItemType"}
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class CheckFinding:
    severity: str  # "error" | "warning"
    code: str
    concept: str
    message: str
    source: str = ""


class FilingCheckError(ValueError):
    """The export is refused: the self-check found errors."""

    def __init__(self, findings: list[CheckFinding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        lines = "; ".join(f"{f.code} {f.concept}: {f.message}" for f in errors[:10])
        super().__init__(f"{len(errors)} self-check error(s): {lines}")


def check_facts(facts: FactSet, taxonomy: Taxonomy | None = None) -> list[CheckFinding]:
    """All findings for ``facts`` (errors and warnings), in fact order."""
    taxonomy = taxonomy or load_taxonomy(facts.edition)
    findings: list[CheckFinding] = []
    seen: dict[tuple[object, ...], str] = {}
    if not facts.entity.scheme or not facts.entity.identifier:
        findings.append(CheckFinding("error", "entity", "", "entity scheme and identifier are required"))
    for fact in facts.sorted_facts():
        findings.extend(_check_fact(fact, taxonomy))
        key = fact.key()
        if key in seen and seen[key] != fact.value:
            findings.append(CheckFinding("error", "inconsistent-duplicate", fact.concept, f"two values {seen[key]!r} and {fact.value!r} for one context", fact.source))
        elif key in seen:
            findings.append(CheckFinding("warning", "duplicate", fact.concept, "fact repeated with the same value", fact.source))
        seen[key] = fact.value
    return findings


def require_valid(facts: FactSet) -> list[CheckFinding]:
    """Run `check_facts`; raise `FilingCheckError` on any error, return the warnings."""
    findings = check_facts(facts)
    if any(f.severity == "error" for f in findings):
        raise FilingCheckError(findings)
    return findings


def _err(fact: Fact, code: str, message: str) -> CheckFinding:
    return CheckFinding("error", code, fact.concept, message, fact.source)


def _check_fact(fact: Fact, taxonomy: Taxonomy) -> list[CheckFinding]:
    concept = taxonomy.concept(fact.concept)
    if concept is None:
        return [_err(fact, "unknown-concept", f"not in taxonomy {taxonomy.edition}")]
    out: list[CheckFinding] = []
    if concept.abstract:
        out.append(_err(fact, "abstract-concept", "abstract concepts carry no facts"))
    out.extend(_check_value(fact, concept, taxonomy))
    if (concept.period_type == "instant") != fact.period.is_instant:
        out.append(_err(fact, "period-type", f"concept is {concept.period_type}"))
    if fact.period.start is not None and fact.period.start > fact.period.end:
        out.append(_err(fact, "period", "start after end"))
    out.extend(_check_dimensions(fact, taxonomy))
    out.extend(_check_unit(fact, concept))
    if concept.numeric and fact.decimals is None:
        out.append(_err(fact, "decimals", "numeric fact without decimals"))
    if not concept.numeric and fact.decimals is not None:
        out.append(_err(fact, "decimals", "decimals on a non-numeric fact"))
    return out


def _check_value(fact: Fact, concept: Concept, taxonomy: Taxonomy) -> list[CheckFinding]:
    kind, value = concept.type_local, fact.value
    if concept.numeric:
        if not _DECIMAL.match(value):
            return [_err(fact, "data-type", f"{value!r} is not a decimal")]
        if kind == "percentItemType" and abs(float(value)) > 1 and fact.concept not in PERCENT_ABOVE_ONE_ALLOWED:
            return [_err(fact, "percent-not-fraction", f"{value} is above 1: percentages are fractions (0.25 = 25 %)")]
        return []
    if kind == "booleanItemType" and value not in ("true", "false"):
        return [_err(fact, "data-type", f"{value!r} is not a boolean")]
    if kind == "gYearItemType" and not re.match(r"^\d{4}$", value):
        return [_err(fact, "data-type", f"{value!r} is not a gYear")]
    if kind == "dateItemType":
        try:
            date.fromisoformat(value)
        except ValueError:
            return [_err(fact, "data-type", f"{value!r} is not a date")]
    if concept.is_enumeration:
        members = value.split()
        if not members or (not concept.is_enumeration_set and len(members) != 1):
            return [_err(fact, "enumeration", "a single enumeration takes exactly one member")]
        domain = {taxonomy.expand(m) for m in concept.domain}
        unknown = [m for m in members if m not in domain]
        if unknown:
            return [_err(fact, "member-not-in-domain", f"{', '.join(unknown)} not in the domain of the concept")]
        if members != sorted(set(members)):
            return [_err(fact, "enumeration", "set members must be unique and sorted")]
    return []


def _check_dimensions(fact: Fact, taxonomy: Taxonomy) -> list[CheckFinding]:
    dims = dict(fact.dimensions)
    for axis, member in dims.items():
        if taxonomy.defaults.get(axis) == member:
            return [_err(fact, "default-member", f"default member {member} must not be written")]
    tables = taxonomy.tables_of(fact.concept)
    if not tables:
        return [_err(fact, "dimension-not-allowed", f"concept is in no table, dimensions {sorted(dims)} not allowed")] if dims else []
    reasons: list[str] = []
    for table in tables:
        problems: list[str] = []
        axes = set(table.explicit) | set(table.typed)
        extra = set(dims) - axes
        if extra and table.closed:
            problems.append(f"axes {sorted(extra)} not in closed {table.name}")
        for axis, members in table.explicit.items():
            if axis in dims:
                if axis in fact.typed:
                    problems.append(f"{axis} is explicit")
                elif dims[axis] not in members:
                    problems.append(f"{dims[axis]} not in the domain of {axis}")
            elif axis not in taxonomy.defaults:
                problems.append(f"required member on {axis} missing")
        for axis in table.typed:
            if axis not in dims:
                problems.append(f"typed axis {axis} missing")
            elif axis not in fact.typed:
                problems.append(f"{axis} is typed")
            elif not dims[axis].strip():
                problems.append(f"empty typed value on {axis}")
        if not problems:
            return []
        reasons.append(f"{table.name}: {'; '.join(problems)}")
    return [_err(fact, "dimensions", " | ".join(reasons))]


def _check_unit(fact: Fact, concept: Concept) -> list[CheckFinding]:
    if not concept.numeric:
        return [_err(fact, "unit", "unit on a non-numeric fact")] if fact.unit else []
    kind = concept.type_local
    if kind in _PURE_TYPES:
        return [] if fact.unit in (None, "xbrli:pure") else [_err(fact, "unit", f"{fact.unit} on a pure fact")]
    if fact.unit is None:
        return [_err(fact, "unit", "numeric fact without unit")]
    utr = load_utr()
    if kind == "monetaryItemType":
        ok = fact.unit.startswith("iso4217:") and fact.unit in utr
    elif kind == "ghgEmissionsPerMonetaryItemType":
        numerator, _, denominator = fact.unit.partition("/")
        ok = numerator == "utr:tCO2e" and denominator.startswith("iso4217:") and denominator in utr
    else:
        ok = fact.unit in utr and utr[fact.unit].get("itemType") == kind
    return [] if ok else [_err(fact, "unit", f"{fact.unit} not allowed for {concept.data_type}")]
