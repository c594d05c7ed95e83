"""Conformance: EFRAG's filled sample template -> import -> xBRL-JSON, against the 144 facts EFRAG's
converter extracts from that sample (tests/filing/data, MIT, EFRAG).

Strict: a fact matches when concept, dimensions, period (the sample's 2026 calendar year; the C3
base and target years as the converter derives them), unit, decimals and value (exact decimal
equality) are the same. Every other expected fact is a named difference whose project fact is
checked too: amounts the template gives in kg or m2 are exported in the unit the report model
stores (t, ha) and must be exactly the same quantity. The counts are asserted exactly, so a fact
that stops matching fails the test, and so does an exported fact the converter does not make
unless `EXTRA_FACTS` names it.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from bson import ObjectId

from documents.company import CompanyProfile
from documents.identifiers import EntityIdentifier, EntityIdentifierScheme
from vsme_pipeline.filing.facts import Period
from vsme_pipeline.filing.mapping import facts_from_report
from vsme_pipeline.filing.selfcheck import check_facts
from vsme_pipeline.filing.taxonomy import load_taxonomy
from vsme_pipeline.filing.template_import import report_from_template

DATA = Path(__file__).parent / "data"
SAMPLE_PERIOD = Period(start=date(2026, 1, 1), end=date(2026, 12, 31))
"""The sample's reporting period (General Information D6:D12)."""

CONVERTED_UNITS = {"utr:kg": ("utr:t", Decimal("0.001")), "utr:sqm": ("utr:ha", Decimal("0.0001"))}
CONVERTED = {
    # concept: number of the converter's facts given in kg / m2
    "vsme:WasteDivertedToRecycleOrReuseMass": 1,  # the 16 08 06 row is in kg, the others in t
    "vsme:WasteDirectedToDisposalMass": 1,
    "vsme:TotalWasteRecycledReusedAndDirectedToDisposalMass": 1,
    "vsme:TotalHazardousWasteGeneratedMass": 1,
    "vsme:TotalNonHazardousWasteGeneratedMass": 1,
    "vsme:TotalWasteGeneratedMass": 1,
    "vsme:WeightOfMaterialUsed": 1,
    "vsme:TotalMassOfMaterialUsed": 1,
    "vsme:AreaOfSiteInBiodiversitySensitiveArea": 1,
    "vsme:TotalSealedArea": 1,
    "vsme:TotalNatureOrientedAreaOnSite": 1,
    "vsme:TotalNatureOrientedAreaOffSite": 1,
    "vsme:TotalUseOfLand": 1,
}
"""Right: the report model stores one unit per concept (t, ha; comparable across companies and
years), the import converts the template's kg/m2 exactly; the fact is the same quantity."""

KNOWN_DIFFERENCES: dict[str, tuple[int, str]] = {}
"""concept -> (number of the converter's facts that differ, why the project's fact is right)."""

EXTRA_FACTS: dict[str, str] = {}
"""Facts the project exports from the sample that the converter does not, and why."""

MATCHED = 144 - sum(CONVERTED.values()) - sum(n for n, _ in KNOWN_DIFFERENCES.values())


def _expected():
    facts = json.loads((DATA / "template-1.3.0-sample-facts.json").read_text())["facts"]
    years = {"BaselineYearMember": next(int(f["value"]) for f in facts if f["concept"] == "vsme:GreenhouseGasEmissionReductionTargetBaseYear"),
             "TargetYearMember": next(int(f["value"]) for f in facts if f["concept"] == "vsme:GreenhouseGasEmissionReductionTargetYear")}
    taxonomy = load_taxonomy("2026-05-01")
    out = []
    for fact in facts:
        aspects = fact["aspects"]
        value = fact["value"]
        concept = taxonomy.concept(fact["concept"])
        assert concept is not None
        if "hidden-value" in aspects:
            value = " ".join(sorted(json.loads(aspects["hidden-value"]).split()))
        elif aspects.get("transform") in ("fixed-true", "fixed-false"):
            value = "true" if aspects["transform"] == "fixed-true" else "false"
        elif concept.numeric:
            value = Decimal(value).scaleb(int(json.loads(aspects.get("numeric-scale", "0"))))
        dims = {}
        for key, member in aspects.items():
            if key.startswith("vsme:"):
                dims[key] = member
            elif key.startswith("typed "):
                dims[key.removeprefix("typed ")] = json.loads(member).removeprefix("<vsme:TYP>").removesuffix("</vsme:TYP>")
        unit = aspects.get("units") or (json.loads(aspects["complex-units"]) if "complex-units" in aspects else None)
        if concept.type_local == "monetaryItemType":
            unit = "iso4217:EUR"  # the converter's default monetary unit (template_currency)
        if unit == "xbrli:pure":
            unit = None
        if "period" in aspects:  # named period: the year of the reporting period's end
            year = years[aspects["period"]]
            period = Period(start=date(year, 1, 1), end=date(year, 12, 31))
        elif aspects["period-type"] == "instant":
            period = Period(end=SAMPLE_PERIOD.end)
        else:
            period = SAMPLE_PERIOD
        out.append({"concept": fact["concept"], "value": value, "unit": unit, "dims": dims, "period": period,
                    "decimals": int(json.loads(aspects["decimals"])) if "decimals" in aspects else None})
    return out


@pytest.fixture(scope="module")
def exported():
    report, imported = report_from_template(DATA / "VSME-Digital-Template-Sample-1.3.0.xlsx", ObjectId(), 2026)
    assert report is not None, imported.findings
    scheme, identifier = imported.entity
    profile = CompanyProfile(entity_identifier=EntityIdentifier(scheme=EntityIdentifierScheme(str(scheme).lower()), value=str(identifier)))
    return facts_from_report(report, profile, edition="2026-05-01"), imported


def _same_value(want, have: str) -> bool:
    if isinstance(want, Decimal):
        return Decimal(have) == want
    want, have = str(want).replace("\r\n", "\n").strip(), have.replace("\r\n", "\n").strip()
    if "\u2026[" in want and want.endswith(" chars]"):  # the stored sample abbreviates long texts: "…[1234 chars]"
        head, _, size = want.partition("\u2026[")
        return have.startswith(head) and len(have) == int(size.removesuffix(" chars]"))
    return have == want


def _compare(facts):
    matched, converted, differences = [], {}, {}
    for expected in _expected():
        same_aspects = [f for f in facts.facts if f.concept == expected["concept"] and dict(f.dimensions) == expected["dims"]
                        and f.period == expected["period"]]
        if expected["unit"] in CONVERTED_UNITS:
            unit, factor = CONVERTED_UNITS[expected["unit"]]
            ok = [f for f in same_aspects if f.unit == unit and Decimal(f.value) == expected["value"] * factor]
            if ok:
                converted[expected["concept"]] = converted.get(expected["concept"], 0) + 1
                matched.append(ok[0])
                continue
        ok = [f for f in same_aspects if f.unit == expected["unit"] and f.decimals == expected["decimals"]
              and _same_value(expected["value"], f.value)]
        if ok:
            matched.append(ok[0])
        else:
            differences.setdefault(expected["concept"], []).append(
                f"{expected['dims']} {expected['period']} expected {expected['value']!r} {expected['unit']} d={expected['decimals']}, "
                f"got {[(f.value, f.unit, f.decimals, f.period) for f in same_aspects]}")
    return matched, converted, differences


def test_sample_template_matches_the_converter_facts(exported):
    facts, _ = exported
    assert not [f for f in check_facts(facts) if f.severity == "error"]
    assert facts.entity.scheme == "http://standards.iso.org/iso/17442"
    matched, converted, differences = _compare(facts)
    assert converted == CONVERTED
    unexplained = {c: d for c, d in differences.items() if c not in KNOWN_DIFFERENCES or KNOWN_DIFFERENCES[c][0] != len(d)}
    assert unexplained == {}, "\n".join(f"{c}: {d}" for c, d in unexplained.items())
    stale = sorted(set(KNOWN_DIFFERENCES) - set(differences))
    assert stale == [], f"listed differences that no longer occur: {stale}"
    exact = len(matched) - sum(converted.values())
    print(f"conformance: {exact} of 144 converter facts identical, {sum(converted.values())} the same quantity in the model's unit, "
          f"{sum(map(len, differences.values()))} named differences")
    assert exact == MATCHED
    extra = sorted({f.concept for f in facts.facts if not any(f is m for m in matched)})
    assert extra == sorted(EXTRA_FACTS), f"exported facts the converter does not make: {extra}"


def test_import_findings_name_what_was_not_imported(exported):
    _, imported = exported
    assert imported.findings == []
