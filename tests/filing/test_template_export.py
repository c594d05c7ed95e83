"""Filled template export: a report -> template 1.3.0 xlsx -> read back -> the same facts."""

import io

import openpyxl
import pytest
from bson import ObjectId

from vsme_pipeline.filing.mapping import facts_from_report
from vsme_pipeline.filing.template_export import render_template
from vsme_pipeline.filing.template_import import report_from_template
from vsme_pipeline.sample_data import full_company, full_report


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_template_round_trip_keeps_facts_and_formulas(tmp_path):
    company = full_company()
    facts = facts_from_report(full_report(company=company), company.profile(), edition="2026-05-01")
    path = tmp_path / "filled.xlsx"
    path.write_bytes(render_template(facts))
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    formulas = sum(1 for ws in workbook.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("="))
    assert formulas > 100  # the template's formulas are kept
    assert "Turnover" in workbook.defined_names
    report, imported = report_from_template(path, ObjectId(), 2024)
    assert report is not None, imported.findings
    again = facts_from_report(report, company.profile(), edition="2026-05-01")
    original = {(f.concept, f.value) for f in facts.facts if not f.dimensions}
    back = {(f.concept, f.value) for f in again.facts if not f.dimensions}
    written_back = original & back
    assert len(written_back) >= 50
    missing = {c for c, _ in original - back}
    reasons = {}
    for concept in missing:
        local = concept.split(":", 1)[1]
        defined = workbook.defined_names.get(local)
        cells = [] if defined is None else [c for sheet, ref in defined.destinations for row in _rows(workbook[sheet][ref]) for c in row]
        if len(cells) == 1 and isinstance(cells[0].value, str) and cells[0].value.startswith("="):
            reasons[concept] = "formula cell: the template computes it (kept, never overwritten)"
        elif len(cells) != 1:
            reasons[concept] = "table or multi-cell range: not written yet"
        elif local in imported.cells and local not in imported.used:
            reasons[concept] = "written, but the import does not read it yet"
        else:
            reasons[concept] = "UNEXPLAINED"
    assert [c for c, r in reasons.items() if r == "UNEXPLAINED"] == [], reasons
    assert facts.period.start == report.reporting_period_start


def _rows(cells):
    if not isinstance(cells, tuple):
        return ((cells,),)
    return tuple(row if isinstance(row, tuple) else (row,) for row in cells)
