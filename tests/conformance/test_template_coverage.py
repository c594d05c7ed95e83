"""Every formula cell of EFRAG's template that computes from the undertaking's inputs is compared
with a project metric, or listed with its reason among the cells deliberately not compared; and
the docs/disclosures.md table names every compared cell and metric key.  No LibreOffice needed."""

import re
from pathlib import Path

import openpyxl
import pytest

from vsme_pipeline.calculations import template_conformance as tc
from vsme_pipeline.calculations.formulas import FORMULAS
from vsme_pipeline.calculations.template_cells import TemplateCells, group, in_area, parse_ref, ref_text

pytestmark = pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
DOCS = Path(__file__).parents[2] / "docs" / "disclosures.md"


@pytest.fixture(scope="module")
def cells() -> TemplateCells:
    return TemplateCells(openpyxl.load_workbook(tc.TEMPLATE))


def test_every_formula_cell_depending_on_inputs_is_compared_or_listed(cells: TemplateCells) -> None:
    dependent = cells.dependent_on_inputs()
    assert len(dependent) > 1000  # the analysis finds the template's computed cells at all
    compared = {parse_ref(c.ref) for c in [*tc.checks(), *tc.checks(tc.UNIT_KG)]}
    listed = {r for r in dependent if any(in_area(r, sheet, area) for sheet, area, _ in tc.NOT_COMPARED)}
    unlisted = dependent - compared - listed
    assert not unlisted, f"computed template cells neither compared nor listed: {group(unlisted)}"
    # Every compared cell is a formula cell that depends on inputs (no check of a dead cell).
    assert compared <= dependent, sorted(map(ref_text, compared - dependent))
    assert not compared & listed, sorted(map(ref_text, compared & listed))


def test_the_listed_areas_are_all_still_needed(cells: TemplateCells) -> None:
    dependent = cells.dependent_on_inputs()
    for sheet, area, reason in tc.NOT_COMPARED:
        assert reason
        assert any(in_area(r, sheet, area) for r in dependent), (sheet, area)


def test_every_compared_metric_is_in_the_catalogue_and_the_docs_table() -> None:
    table = DOCS.read_text()
    short = {tc.GEN: "General", tc.ENV: "Environmental", tc.SOC: "Social", tc.GOV: "Governance"}
    for check in [*tc.checks(), *tc.checks(tc.UNIT_KG)]:
        assert check.key in FORMULAS, check.key
        assert re.search(rf"`{re.escape(check.key)}`", table), f"{check.key} missing from docs/disclosures.md"
        assert f"{short[check.sheet]}!" in table
