"""EFRAG's Digital-Template-to-XBRL-Converter, run for real on a filled template (test helper).

The converter's ``mireport`` package is vendored in ``tests/third_party/efrag_converter`` (MIT,
EFRAG; commit and changes in its README). ``converter_facts`` runs its ``XlsxProcessor`` exactly as
its own tests and web app do (``from_file(...).createReport()``), which reads the workbook with
cached values (``data_only``), validates the required ranges (entry point, entity identifier and
scheme, period, currency) and builds the facts. Not run: the Inline XBRL rendering (needs aoix,
not on PyPI) and Arelle's validation of that rendering (needs the taxonomy package).
"""

import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from vsme_pipeline.filing.facts import Fact, FactSet

VENDORED = Path(__file__).resolve().parents[1] / "third_party" / "efrag_converter"


@dataclass(frozen=True)
class Converted:
    facts: list[dict[str, Any]]
    errors: list[str]
    warnings: list[str]


@cache
def _load() -> None:
    if str(VENDORED) not in sys.path:
        sys.path.insert(0, str(VENDORED))
    from mireport.taxonomy import loadBuiltInTaxonomyJSON

    loadBuiltInTaxonomyJSON()


def converter_facts(path: Path) -> Converted:
    """Run the converter on ``path``: its facts (concept, value, aspects) and its messages."""
    _load()
    from mireport.conversionresults import ConversionResultsBuilder
    from mireport.data.disclosures import VSME_DEFAULTS
    from mireport.exceptions import EarlyAbortException
    from mireport.xlsx_template_reader.processor import XlsxProcessor

    results = ConversionResultsBuilder(consoleOutput=False)
    facts: list[dict[str, Any]] = []
    try:
        with path.open("rb") as handle:
            report = XlsxProcessor.from_file(handle, results, VSME_DEFAULTS).createReport()
        facts = [{"concept": str(f.concept.qname), "value": f.value, "aspects": {str(k): str(v) for k, v in f.aspects.items()}}
                 for f in report.facts]
    except EarlyAbortException:
        pass
    errors = [str(m) for m in results.messages if m.severity.name == "ERROR"]
    warnings = [str(m) for m in results.messages if m.severity.name == "WARNING"]
    return Converted(facts, errors, warnings)


# --- comparable form of a fact: (concept, dimensions, value, unit, period type) -------------------

Key = tuple[str, frozenset[tuple[str, str]], str, str | None, str]


def _number(text: str) -> str | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return repr(round(value, 9)) if math.isfinite(value) else None


def _value(text: str) -> str:
    tokens = text.split()
    if tokens and all("#" in t for t in tokens):
        return " ".join(sorted(tokens))
    return _number(text) or text.strip()


_MASS = {"utr:kg": 0.001, "utr:t": 1.0}


def _canonical(value: str, unit: str | None) -> tuple[str, str | None]:
    """Masses in tonnes (a template table has one unit cell: kg and t rows meet in one unit)."""
    if unit in _MASS and (number := _number(value)) is not None:
        return repr(round(float(number) * _MASS[unit], 9)), "utr:t"
    return value, unit


def converter_key(fact: dict[str, Any], currency: str = "EUR") -> Key:
    aspects = fact["aspects"]
    dims: set[tuple[str, str]] = set()
    for name, value in aspects.items():
        if name.startswith("typed "):
            dims.add((name[6:], re.sub(r"^\"?<[^>]+>(.*)</[^>]+>\"?$", r"\1", value)))
        elif name.endswith("Axis"):
            dims.add((name, value))
    if "hidden-value" in aspects:
        value = aspects["hidden-value"].strip('"')
    elif aspects.get("transform") in ("fixed-true", "fixed-false"):
        value = aspects["transform"][6:]
    else:
        value = str(fact["value"])
    unit = aspects.get("units") or aspects.get("complex-units")
    if unit is None and "decimals" in aspects:
        unit = f"iso4217:{currency}"  # monetary facts take the report's currency (aoix default)
    unit = unit.strip('"') if unit else None
    text, unit = _canonical(_value(value), unit)
    return (fact["concept"], frozenset(dims), text, unit, aspects.get("period-type", ""))


def our_key(fact: Fact) -> Key:
    unit = fact.unit if fact.unit is not None or fact.decimals is None else "xbrli:pure"  # numeric without unit: pure
    text, unit = _canonical(_value(fact.value), unit)
    return (fact.concept, frozenset(fact.dimensions), text, unit, "instant" if fact.period.is_instant else "duration")


def compare(ours: FactSet, theirs: Iterable[dict[str, Any]]) -> tuple[set[Key], set[Key], set[Key]]:
    """(in both, only ours, only the converter's)."""
    mine = {our_key(f) for f in ours.facts}
    converted = {converter_key(f, ours.currency) for f in theirs}
    return mine & converted, mine - converted, converted - mine
