"""Filled template: every table is written, EFRAG's converter accepts the file and extracts our facts.

Real parts: the project's own blank template 1.3.0, LibreOffice headless recalculating it (as Excel
does on save; the converter reads cached values) and EFRAG's converter (vendored ``mireport``,
tests/third_party/efrag_converter) extracting the facts. What this cannot prove: the converter's
Inline XBRL rendering and Arelle's validation of it (aoix and the taxonomy package are not
obtainable here), and Excel itself (LibreOffice stands in for the recalculation).
"""

import io
from pathlib import Path

import openpyxl
import pytest
from bson import ObjectId

from documents.enums import DisclosureCode
from documents.identifiers import EntityIdentifier, EntityIdentifierScheme
from tests.filing.efrag_converter import compare, converter_facts, our_key
from vsme_pipeline.calculations.template_conformance import soffice
from vsme_pipeline.filing.facts import FactSet
from vsme_pipeline.filing.mapping import facts_from_report
from vsme_pipeline.filing.template_export import export_template, recalculated
from vsme_pipeline.filing.template_import import report_from_template
from vsme_pipeline.filing.template_tables import is_formula, ranges
from vsme_pipeline.sample_data import full_company, full_report

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
BLANK = Path(__file__).parents[2] / "vsme_pipeline" / "filing" / "data" / "VSME-Digital-Template-1.3.0.xlsx"


OMITTED = [DisclosureCode.B2_COOPERATIVE, DisclosureCode.OTHER_GENERAL, DisclosureCode.C8_REVENUES]
"""Omitted as classified or sensitive: a part, the para-10 information (ToC row "Introduction: ..."), a part of C8."""


def _profile():
    return full_company().profile().model_copy(update={"entity_identifier": EntityIdentifier(scheme=EntityIdentifierScheme.LEI, value="5299000J2N45DDNE4Y28")})


def _rich_facts() -> FactSet:
    report = full_report(company=full_company()).model_copy(update={"omitted_disclosures": OMITTED})
    return facts_from_report(report, _profile(), edition="2026-05-01")


@pytest.fixture(scope="module")
def exported():
    facts = _rich_facts()
    return facts, export_template(facts)


@pytest.fixture(scope="module")
def blank():
    """The blank template with its formulas and its named ranges (loaded once for the module)."""
    workbook = openpyxl.load_workbook(BLANK)
    return workbook, ranges(workbook)


def _cells(workbook, sheet, column, first, last):
    return [workbook[sheet][f"{column}{r}"].value for r in range(first, last + 1)]


def test_every_table_is_written_with_formulas_and_named_ranges_kept(exported, blank):
    facts, export = exported
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    blank, _ = blank
    assert set(blank.defined_names) == set(workbook.defined_names)
    blank_formulas = {(ws.title, c.coordinate) for ws in blank.worksheets for row in ws.iter_rows() for c in row if is_formula(c)}
    kept = {(ws.title, c.coordinate) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if is_formula(c)}
    overwritten = blank_formulas - kept
    assert overwritten == {("Environmental Disclosures", "G14"), ("Environmental Disclosures", "J14")}  # fuel MWh, as Env!M14 allows
    gen, env, soc = "General Information", "Environmental Disclosures", "Social Disclosures"
    # energy breakdown (Concept_Member cells) and C3 base/target year cells
    assert (env_vals := [workbook[env][c].value for c in ("G12", "J12", "G13", "J13", "G14", "J14", "G10")]) == [419.04, 279.36, 104.76, 0, 0, 523.8, True], env_vals
    assert [workbook[env][c].value for c in ("G21", "J21", "G22", "J22", "G23", "J23", "J19")] == [2022, 2030, 121.68, 70.57, 305.2, 177.02, True]
    # B1 sites and subsidiaries (typed keys in the ID column)
    assert _cells(workbook, gen, "C", 406, 407) == ["HRB-100001-HQ", "HRB-100001-S2"]
    assert _cells(workbook, gen, "G", 406, 407) == ["Germany", "Germany"]
    assert is_formula(workbook[gen]["H406"])  # GPS: the template geocodes the address itself
    assert _cells(workbook, gen, "C", 292, 292) + _cells(workbook, gen, "D", 292, 292) == ["SUB-1", "Nordlicht Maschinenbau GmbH Austria GmbH"]
    # NACE list, B2 issue grid
    assert [v[:15] for v in _cells(workbook, gen, "E", 182, 184) if v] == ["NACE C - 28.41 ", "NACE C - 33.12 "]
    assert sum(1 for v in _cells(workbook, gen, "D", 512, 512) + [workbook[gen][f"{c}512"].value for c in "EFGHIJKLM"] if v is True) == 7
    # B4 pollutants: one unit cell for the table, kg converted to t
    assert workbook[env]["C78"].value == "metric tonnes (t)"
    rows = {workbook[env][f"D{r}"].value: (workbook[env][f"G{r}"].value, workbook[env][f"J{r}"].value) for r in range(80, 83)}
    assert rows["Zinc and compounds (Zn)"] == (None, 0.0035), rows
    # B5 sites, B7 waste streams (per-row unit) and materials, B8 employees per country
    assert [workbook[env][c].value for c in ("C188", "G188", "J188", "K188", "C186", "G184")] == ["HRB-100001-HQ", 2.5, False, True, "hectares (ha)", True]
    assert workbook[env]["D323"].value.strip().startswith("13 02 05") and workbook[env]["G323"].value == "metric tonnes (t)"
    assert [workbook[env][c].value for c in ("J323", "K323")] == [2.88, 0.72]
    assert [workbook[env][c].value for c in ("C435", "D435", "G435", "J435")] == ["MAT-1", "Steel", 432, "metric tonnes (t)"]
    assert [workbook[soc][c].value for c in ("C29", "E29", "C30", "E30", "E27")] == ["Austria", 36, "Germany", 144, True]
    # C6 grid: the five contents and "other"
    assert _cells(workbook, soc, "D", 174, 179) == [True] * 6
    # omitted disclosures: the Table of Contents' boxes (B2 cooperative, the introduction's para-10 row, C8 revenues)
    toc = workbook["Table of Contents & Validation"]
    assert [r for r in range(5, 71) if toc[f"D{r}"].value is True] == [7, 18, 64]
    # Scope 3 per category (rows 30 + n - 1), the "discloses Scope 3" switch; D45 sums them
    assert [workbook[env][f"D{r}"].value for r in range(30, 45)] == [1466.64, *[None] * 4, 43.65, 89.05, *[None] * 8]
    assert workbook[env]["G29"].value is True and is_formula(workbook[env]["D45"])
    # what no cell can hold is listed with its reason
    reasons = {f.concept: r for f, r in export.not_written}
    assert "formula" in reasons["vsme:TotalWasteGeneratedMass"] and "formula" in reasons["vsme:GPSLocationOfSite"]
    assert "vsme:GrossScope3GreenhouseGasEmissions" not in reasons  # the categories sum to it
    assert "vsme:ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation" not in reasons
    assert not [r for r in reasons.values() if r.startswith("no free cell")], reasons


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is installed by scripts/system-packages.txt")
def test_efrags_converter_accepts_the_export_and_extracts_our_facts(exported, blank, tmp_path):
    facts, export = exported
    path = tmp_path / "filled.xlsx"
    path.write_bytes(recalculated(export.content))
    converted = converter_facts(path)
    assert converted.errors == []
    both, only_ours, only_theirs = compare(facts, converted.facts)
    not_written = {our_key(f) for f, _ in export.not_written}
    assert only_ours <= not_written, sorted(only_ours - not_written, key=str)  # every other fact came back
    blank, table = blank

    def computed(concept: str, dims) -> bool:  # the converter's fact comes from a template formula
        local = concept.split(":", 1)[1]
        names = [local] + [f"{local}_{m.split(':', 1)[1]}" for _, m in dims]
        return any(n in table and is_formula(blank[table[n].sheet].cell(table[n].min_row, table[n].min_col)) for n in names)

    unexplained = [k for k in only_theirs if not computed(k[0], k[1])]
    assert unexplained == [], unexplained
    # the template computes these from what the export wrote: the converter reads them as ours
    for local in ("ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation", "GrossScope3GreenhouseGasEmissions"):
        ours = [our_key(f) for f in facts.facts if f.concept == f"vsme:{local}" and not f.dimensions]
        assert len(ours) == 1 and ours[0] in both, (ours, [k for k in only_theirs if k[0] == f"vsme:{local}"])
    assert len(both) >= 105 and len(both) >= len(facts.facts) - len(export.not_written)


def test_converter_refuses_a_template_without_its_required_ranges():
    """The acceptance check is real: the blank template (no entity identifier) is refused."""
    converted = converter_facts(BLANK)
    assert converted.facts == []
    assert any("template_reporting_entity_identifier" in e for e in converted.errors), converted.errors


def test_round_trip_through_the_import_keeps_every_field_it_reads(exported, blank, tmp_path):
    """export -> template_import (no recalculation: no cached values) -> the same facts: every fact the
    export writes is read back (its cell, table column or ``<Concept>_<Member>`` cell) with its value."""
    facts, export = exported
    path = tmp_path / "filled.xlsx"
    path.write_bytes(export.content)
    report, imported = report_from_template(path, ObjectId(), 2024)
    assert report is not None, imported.findings
    again = facts_from_report(report, _profile(), edition="2026-05-01")
    back = {our_key(f) for f in again.facts}
    assert (again.period, again.currency) == (facts.period, facts.currency)
    _, blank = blank

    def read(key) -> bool:  # the import reads the concept: its cell, its table column or its <Concept>_<Member> cell
        local = key[0].split(":", 1)[1]
        if len(key[1]) == 1 and f"{local}_{next(iter(key[1]))[1].rpartition(':')[2]}" in imported.used:
            return True
        return local in imported.used and (not key[1] or (local in blank and blank[local].rows > 1))

    written = {our_key(f) for f in facts.facts} - {our_key(f) for f, _ in export.not_written}
    checked = {k for k in written if read(k)}
    assert len(checked) >= 50
    assert checked - back == set(), sorted(checked - back, key=str)
    assert {k[0] for k in checked} >= {"vsme:ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation",
                                       "vsme:GrossScope3GreenhouseGasEmissions",
                                       "vsme:SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative",
                                       "vsme:TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce"}
    assert again.scope3_categories == facts.scope3_categories and len(facts.scope3_categories) == 3  # no concept: compared here
    assert sorted({k[0] for k in written if not read(k)}) == []  # the import reads every cell the export writes
