"""Facts -> EFRAG VSME digital template 1.3.0 (xlsx), named ranges written, formulas kept.

The blank template (``data/VSME-Digital-Template-1.3.0.xlsx``, EFRAG) is opened with its formulas;
every non-dimensional fact whose concept is a single-cell named range is written in the template's
convention (enumeration labels as the drop-downs show them, ``YES``/``NO`` or TRUE/FALSE as the cell
expects, percentages as fractions in %-formatted cells, numbers as numbers), plus the reporting period, currency and
entity identifier cells; every table (`template_tables`: energy breakdown and C3 base/target
cells, sites, subsidiaries, pollutants, B5 sites, waste streams, materials, employees per country,
B2/C6/C7 grids, NACE and unchanged-disclosure lists, unit cells, the Table of Contents' omitted-disclosure
boxes, Scope 3 per category) and the "is there data" switches
the template's validation formulas look at. Cells holding a formula are never overwritten (the
fuel row of the energy breakdown excepted, see `template_tables`). `not_written` lists the facts
a template cannot hold. The workbook is flagged to recalculate on load (openpyxl keeps formulas
but no cached values: EFRAG's converter reads cached values, so the file must be opened and saved
by Excel or LibreOffice first, see `recalculated`). openpyxl drops the workbook's data-validation
*extensions* on save (the drop-down lists of some cells); values and formulas are kept.
"""

import io
import json
from importlib import resources
from typing import Any

from vsme_pipeline.filing.facts import Fact, FactSet
from vsme_pipeline.filing.named_ranges import named_range_cells
from vsme_pipeline.filing.taxonomy import load_taxonomy
from vsme_pipeline.filing.template_tables import UNIT_TEXTS, TableWriter, is_formula

__all__ = ["BOOLEAN_TRUE_FALSE_CONCEPTS", "SWITCHES", "TemplateExport", "export_template", "render_template"]

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


SWITCHES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Environmental Disclosures", "G10", ("EnergyConsumptionFrom",)),
    ("Environmental Disclosures", "J19", ("GreenhouseGasEmissionReductionTarget",)),
    ("Environmental Disclosures", "G184", ("SiteLocatedInABiodiversitySensitiveArea", "SiteLocatedNearABiodiversitySensitiveArea",
                                            "AreaOfSiteInBiodiversitySensitiveArea")),
    ("Environmental Disclosures", "G433", ("NameOfMaterialUsed", "WeightOfMaterialUsed", "VolumeOfMaterialUsed")),
    ("Social Disclosures", "E27", ("NumberOfEmployeesForCountryOfEmploymentContract",)),
    ("General Information", "C512", ("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative",)),
)
UNIT_SWITCHES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Environmental Disclosures", "C293", ("TotalSealedArea", "TotalNatureOrientedAreaOnSite", "TotalNatureOrientedAreaOffSite", "TotalUseOfLand")),
)
"""Unit cells without a named range (B5 land use, read by the converter from C293)."""
"""Input switches without a concept ("has the undertaking ... ?") set TRUE when facts of their
section were written: the template's checks and totals look at them."""

_SCHEME_LABELS = {
    "http://standards.iso.org/iso/17442": "LEI",
    "https://www.dnb.co.uk/duns-number": "DUNS",
    "https://e-justice.europa.eu/topics/registers-business-insolvency-land/business-registers-search-company-eu_en": "EU ID",
    "https://permid.org/": "PermID",
}
"""Entity schemes of the template's drop-down (``enum_ListIdentifier``, converter configuration)."""


def _write(cell: Any, value: Any) -> bool:
    if is_formula(cell):
        return False
    cell.value = value
    return True


class TemplateExport:
    """The filled workbook's bytes and the facts it could not hold (with the reason)."""

    def __init__(self, content: bytes, not_written: list[tuple[Fact, str]], warnings: list[str]) -> None:
        self.content = content
        self.not_written = not_written
        self.warnings = warnings


def render_template(facts: FactSet) -> bytes:
    """The filled template as xlsx bytes."""
    return export_template(facts).content


def export_template(facts: FactSet) -> TemplateExport:
    """Fill the template from ``facts``; also says which facts found no cell."""
    import openpyxl  # type: ignore[import-untyped]

    taxonomy = load_taxonomy(facts.edition)
    source = resources.files("vsme_pipeline.filing").joinpath("data", "VSME-Digital-Template-1.3.0.xlsx")
    with source.open("rb") as handle:
        workbook = openpyxl.load_workbook(handle)
    reverse = _labels_to_cells()
    written: set[Fact] = set()
    formula_cells: set[Fact] = set()
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
        if _write(cells[0], value):
            written.add(fact)
        else:
            formula_cells.add(fact)
    for name, value in (("template_reporting_period_startdate", facts.period.start), ("template_reporting_period_enddate", facts.period.end),
                        ("template_currency", facts.currency), ("template_reporting_entity_identifier", facts.entity.identifier)):
        for cell in named_range_cells(workbook, name)[:1]:
            _write(cell, value)
    warnings: list[str] = []
    scheme = _SCHEME_LABELS.get(facts.entity.scheme)
    for cell in named_range_cells(workbook, "template_reporting_entity_identifier_scheme")[:1]:
        if scheme is not None:
            _write(cell, scheme)
    if scheme is None:
        warnings.append(f"entity scheme {facts.entity.scheme} is none of the template's (LEI, DUNS, EU ID, PermID): "
                        "EFRAG's converter refuses the file until one is entered")
    sheet = workbook["General Information"]  # the period's input cells (D9/D13 are formulas over them)
    if facts.period.start is not None:
        for row, value in zip((6, 7, 8), (facts.period.start.year, facts.period.start.month, facts.period.start.day), strict=True):
            _write(sheet.cell(row, 4), value)
    for row, value in zip((10, 11, 12), (facts.period.end.year, facts.period.end.month, facts.period.end.day), strict=True):
        _write(sheet.cell(row, 4), value)
    tables = TableWriter(workbook, facts, taxonomy)
    tables.write_all()
    written |= tables.written
    formula_cells |= tables.formula
    for sheet_name, coordinate, prefixes in SWITCHES:
        if any(f.concept.split(":", 1)[1].startswith(prefixes) for f in written):
            _write(workbook[sheet_name][coordinate], True)
    for sheet_name, coordinate, prefixes in UNIT_SWITCHES:
        units = {f.unit for f in written if f.concept.split(":", 1)[1] in prefixes}
        if len(units) == 1 and (text := UNIT_TEXTS.get(units.pop() or "")) is not None:
            _write(workbook[sheet_name][coordinate], text)
    workbook.calculation.fullCalcOnLoad = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    not_written = [(f, tables.reasons.get(f)
                    or ("formula cell: the template computes it" if f in formula_cells else _reason(workbook, f)))
                   for f in facts.sorted_facts() if f not in written]
    return TemplateExport(buffer.getvalue(), not_written, warnings)


def _reason(workbook: Any, fact: Fact) -> str:
    local = fact.concept.split(":", 1)[1]
    if local not in workbook.defined_names and not any(n.startswith(f"{local}_") for n in workbook.defined_names):
        return "no named range of the template holds this concept"
    return "no free cell for it (table full, unit not convertible or member not in the template's drop-down)"


def recalculated(content: bytes) -> bytes:
    """The workbook recalculated and saved by LibreOffice headless (cached values of every formula,
    as Excel leaves them on save): what EFRAG's converter, which reads cached values, needs.
    Raises ``RuntimeError`` when LibreOffice is not installed."""
    import tempfile
    from pathlib import Path

    from vsme_pipeline.calculations.template_conformance import recalculate

    with tempfile.TemporaryDirectory(prefix="vsme-template-") as tmp:
        source = Path(tmp) / "in" / "template.xlsx"
        source.parent.mkdir()
        source.write_bytes(content)
        (out,) = recalculate([source], Path(tmp) / "out")
        return out.read_bytes()
