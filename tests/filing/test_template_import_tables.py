"""Template import of the tables: every cell that cannot be read is a finding naming ``Sheet!Cell``
and its named range, the rest of the table is still imported (EFRAG's sample with planted defects)."""

from pathlib import Path

import openpyxl
import pytest
from bson import ObjectId
from openpyxl.workbook.defined_name import DefinedName

from documents.enums import HumanRightType
from vsme_pipeline.filing.template_import import report_from_template

SAMPLE = Path(__file__).parent / "data" / "VSME-Digital-Template-Sample-1.3.0.xlsx"
ENV = "Environmental Disclosures"


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    workbook = openpyxl.load_workbook(SAMPLE, data_only=True)  # cached values instead of formulas
    env, soc = workbook[ENV], workbook["Social Disclosures"]
    env["D82"], env["G82"] = "Unobtainium", 4  # unknown pollutant
    env["G83"] = 7  # amount without a pollutant
    env["J80"] = "lots"  # not a number
    env["D330"], env["G330"], env["J330"] = "99 99 99 - Hazardous - Made up waste", "metric tonnes (t)", 5  # no EWC member
    env["D331"], env["J331"] = "    15 01 04 - Non-Hazardous - Metallic packaging", 1  # no unit in the row
    env["G25"] = 999  # C3 base-year total that is not the sum of its scopes
    env["C293"] = "acres"  # unknown land-use unit
    soc["D190"] = True  # C7 "other": the grid has no accident-prevention row
    env["D33"] = "lots of CO2"  # Scope 3 category 4 (a row without named range): not a number
    workbook["Table of Contents & Validation"]["D8"] = True  # a box ticked on a row that is no disclosure
    workbook.defined_names["MadeUpConceptOfSite"] = DefinedName("MadeUpConceptOfSite", attr_text="'General Information'!$D$406")
    path = tmp_path_factory.mktemp("planted") / "planted.xlsx"
    workbook.save(path)
    report, imported = report_from_template(path, ObjectId(), 2026)
    assert report is not None, imported.findings
    return report, imported.findings


def _finding(findings, where):
    found = [f for f in findings if f.startswith(where)]
    assert found, f"no finding at {where}: {findings}"
    return found[0]


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_each_planted_defect_is_a_finding_at_its_cell(planted):
    _, findings = planted
    assert "no pollutant" in _finding(findings, f"{ENV}!D82 (TypeOfPollutantAxis)")
    assert "without a pollutant" in _finding(findings, f"{ENV}!G83 (AmountOfEmissionToAir)")
    assert "not a number" in _finding(findings, f"{ENV}!J80 (AmountOfEmissionToWater)")
    assert "no EWC waste type" in _finding(findings, f"{ENV}!D330 (TypeOfWasteAxis)")
    assert "no t/kg/m3 unit" in _finding(findings, f"{ENV}!D331 (TypeOfWasteAxis)")
    assert "not the sum of its scopes (225" in _finding(findings, f"{ENV}!G25 (TotalGrossLocationBasedScope1AndScope2GHGEmissions_BaselineYearMember)")
    assert sum(f.startswith(f"{ENV}!C293 (") and "no known unit" in f for f in findings) == 4
    assert "not known to the import" in _finding(findings, "General Information!D406 (MadeUpConceptOfSite)")
    assert "not a number" in _finding(findings, f"{ENV}!D33 (Scope 3 category 4)")
    assert "is no disclosure" in _finding(findings, "Table of Contents & Validation!D8:")
    assert len(findings) == 13, findings


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_the_rest_of_each_table_is_imported(planted):
    report, _ = planted
    modules = report.modules
    pollutants = {(p.pollutant.value, p.medium.value): p.amount for p in modules.b4.pollutants}
    assert pollutants == {("alachlor", "air"): 10, ("alachlor", "soil"): 3, ("aldrin", "air"): 10, ("aldrin", "water"): 3, ("aldrin", "soil"): 5}
    assert len(modules.b7.waste_streams) == 7  # the two defective rows are not imported
    assert modules.b5.total_use_of_land is None  # no unit: not imported at all
    assert modules.c7.incident_types == [HumanRightType.OTHER]
    base = {t.scope.value: t.base_year_value for t in modules.c3.targets}
    assert base == {"scope1": 150, "scope2_location_based": 75, "scope3": 300}
    assert [(c.category.value, c.emissions, c.base_year_emissions, c.target_year_emissions)
            for c in modules.b3.scope3_categories] == [("purchased_goods_and_services", 200, 300, 100)]
    assert [c.value for c in report.omitted_disclosures] == ["B6", "B6.water_withdrawal", "B6.water_consumption"]
