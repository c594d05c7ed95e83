"""Facts -> EFRAG VSME digital template 1.3.0 (xlsx), named ranges written, formulas kept.

The blank template (``data/VSME-Digital-Template-1.3.0.xlsx``, EFRAG) is opened with its formulas;
every non-dimensional fact whose concept is a single-cell named range is written in the template's
convention (enumeration labels as the drop-downs show them, ``YES``/``NO`` or TRUE/FALSE as the cell
expects, percentages as fractions in %-formatted cells, numbers as numbers), plus the reporting period, currency and
entity identifier cells and the B1 list of sites. Cells holding a formula are never overwritten.
Not written yet: the other tables (energy breakdown rows, pollutants, waste, materials, employees
per country, C3 base/target rows, B2 and C6/C7 grids). openpyxl drops the workbook's data-validation
*extensions* on save (the drop-down lists of some cells); values and formulas are kept.
"""

import io
import json
from importlib import resources
from typing import Any

from vsme_pipeline.filing.facts import FactSet
from vsme_pipeline.filing.named_ranges import named_range_cells
from vsme_pipeline.filing.taxonomy import load_taxonomy

__all__ = ["BOOLEAN_TRUE_FALSE_CONCEPTS", "render_template"]

BOOLEAN_TRUE_FALSE_CONCEPTS = frozenset({
    "PubliclyAvailableDisclosure",
    "ReportContainsDisclosuresFromThePreviousReportingPeriodThatRemainUnchanged",
    "UndertakingHasSetATargetWhichIsRelatedToAPolicy",
})
"""Boolean cells the template fills with TRUE/FALSE (check boxes); the others take ``YES``/``NO``."""


def _labels_to_cells() -> dict[str, str]:
    text = resources.files("vsme_pipeline.filing").joinpath("data", "converter-vsme-config.json").read_text("utf-8")
    mapping: dict[str, str] = json.loads(text)["cellValuesToTaxonomyLabels"]
    return {label: cell for cell, label in mapping.items()}


def _write(cell: Any, value: Any) -> bool:
    if isinstance(cell.value, str) and cell.value.startswith("="):
        return False
    cell.value = value
    return True


def render_template(facts: FactSet) -> bytes:
    """The filled template as xlsx bytes."""
    import openpyxl  # type: ignore[import-untyped]

    taxonomy = load_taxonomy(facts.edition)
    source = resources.files("vsme_pipeline.filing").joinpath("data", "VSME-Digital-Template-1.3.0.xlsx")
    with source.open("rb") as handle:
        workbook = openpyxl.load_workbook(handle)
    reverse = _labels_to_cells()
    written = 0
    for fact in facts.sorted_facts():
        if fact.dimensions:
            continue
        local = fact.concept.split(":", 1)[1]
        cells = named_range_cells(workbook, local)
        concept = taxonomy.concept(fact.concept)
        if len(cells) != 1 or concept is None:
            continue
        value: Any
        if concept.numeric:
            value = float(fact.value)
        elif concept.type_local == "booleanItemType":
            truth = fact.value == "true"
            value = truth if local in BOOLEAN_TRUE_FALSE_CONCEPTS else ("YES" if truth else "NO")
        elif concept.is_enumeration and not concept.is_enumeration_set:
            namespace, _, member_local = fact.value.partition("#")
            prefix = next((p for p, ns in taxonomy.namespaces.items() if ns == namespace), "vsme")
            label = taxonomy.member_label(f"{prefix}:{member_local}") or member_local
            value = reverse.get(label, label.removesuffix(" [member]"))
        elif concept.type_local == "gYearItemType":
            value = int(fact.value)
        else:
            value = fact.value
        written += _write(cells[0], value)
    for name, value in (("template_reporting_period_startdate", facts.period.start), ("template_reporting_period_enddate", facts.period.end),
                        ("template_currency", facts.currency), ("template_reporting_entity_identifier", facts.entity.identifier)):
        for cell in named_range_cells(workbook, name)[:1]:
            _write(cell, value)
    sheet = workbook["General Information"]  # the period's input cells (D9/D13 are formulas over them)
    if facts.period.start is not None:
        for row, value in zip((6, 7, 8), (facts.period.start.year, facts.period.start.month, facts.period.start.day), strict=True):
            _write(sheet.cell(row, 4), value)
    for row, value in zip((10, 11, 12), (facts.period.end.year, facts.period.end.month, facts.period.end.day), strict=True):
        _write(sheet.cell(row, 4), value)
    _sites(workbook, facts)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sites(workbook: Any, facts: FactSet) -> None:
    axis = "vsme:IdentifierOfSiteTypedAxis"
    keys = sorted({dict(f.dimensions)[axis] for f in facts.facts if axis in dict(f.dimensions) and f.concept in (
        "vsme:AddressOfSite", "vsme:PostalCodeOfSite", "vsme:CityOfSite", "vsme:GPSLocationOfSite")})
    columns = {n: named_range_cells(workbook, n) for n in ("IdentifierOfSiteTypedAxis", "AddressOfSite", "PostalCodeOfSite", "CityOfSite", "GPSLocationOfSite")}
    for row, key in enumerate(keys):
        if row >= len(columns["AddressOfSite"]):
            break
        if columns["IdentifierOfSiteTypedAxis"]:
            _write(columns["IdentifierOfSiteTypedAxis"][row], key)
        for fact in facts.facts:
            if dict(fact.dimensions).get(axis) == key and fact.concept.split(":", 1)[1] in columns:
                _write(columns[fact.concept.split(":", 1)[1]][row], fact.value)
