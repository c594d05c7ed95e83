"""Read a filled EFRAG VSME digital template (xlsx, 1.3.0) into report data, with findings.

Named ranges are concept names. Single-cell concepts are mapped back to the report field that
carries the concept (schema annotations), converting the template's conventions: ``YES``/``NO``
and booleans, labels of enumeration members (the converter's ``cellValuesToTaxonomyLabels`` plus
the taxonomy labels), country names, percentages as fractions (x 100: the report stores 0-100),
``-`` as empty. The tables (B1 subsidiaries and sites, B2 grid, B3 energy breakdown, C3 base and
target years, B4 pollutants, B5 sites and land use, B7 waste and materials, B8 countries, C2, C6
and C7 grids, unit cells) are read by `template_table_reader`; NACE codes, omitted and unchanged
disclosures here. Every filled cell that is not imported, every value that does not fit its field
and every named range the import does not know is a finding ``Sheet!Cell (NamedRange): why``
(nothing is silently dropped).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from documents.enums import XBRL_MEMBERS
from documents.modules import DISCLOSURE_INFO
from documents.modules.general import GeneralDisclosures
from documents.report import ReportData
from vsme_pipeline.connections import Databases
from vsme_pipeline.filing.named_ranges import named_range_cells
from vsme_pipeline.filing.taxonomy import Taxonomy, load_taxonomy
from vsme_pipeline.filing.template_cells import PLACEHOLDERS, TemplateContext, grid_member, member_for_label
from vsme_pipeline.filing.template_table_reader import TABLE_CONCEPTS, disclosure_code, read_tables

__all__ = ["TemplateImport", "read_template", "report_from_template", "store_template_report"]

_PLACEHOLDERS = PLACEHOLDERS
_IGNORED_PREFIXES = ("enum_", "template_", "footnote_")


@dataclass(slots=True)
class TemplateImport:
    """Cells read (concept -> values in sheet order), the report data built, and the findings."""

    cells: dict[str, list[Any]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    entity: tuple[Any, Any] = (None, None)
    refs: dict[str, str] = field(default_factory=dict)
    """Named range -> its first filled cell (``Sheet!D80``), for findings."""


def _field_index() -> dict[str, tuple[tuple[str, ...], str, Any]]:
    """concept local name -> (path of the container, field name, annotation)."""
    index: dict[str, tuple[tuple[str, ...], str, Any]] = {}
    containers: list[tuple[tuple[str, ...], type[BaseModel]]] = [
        (("modules", info.attribute), info.model) for info in DISCLOSURE_INFO.values()
    ]
    containers.append((("generalDisclosures",), GeneralDisclosures))
    for path, model in containers:
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            concept = extra.get("xbrl")
            if isinstance(concept, str) and extra.get("xbrlMember") in (None, "TotalRenewableAndNonRenewableEnergyMember"):
                index.setdefault(concept, (path, name, info.annotation))
                if extra.get("unit") == "%":
                    index[concept] = (path, name, "percent")
    return index


def _enum_type(annotation: Any) -> type[StrEnum] | None:
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, StrEnum):
            return arg
    return None


_member_for_label = member_for_label


def _convert(taxonomy: Taxonomy, concept: str, annotation: Any, value: Any) -> Any:
    if annotation == "percent":
        return float(Decimal(repr(float(value))) * 100)  # exact in decimal (0.2840909090909091 -> 28.40909090909091)
    enum = _enum_type(annotation)
    tax_concept = taxonomy.concept(f"vsme:{concept}")
    if enum is not None and tax_concept is not None:
        member = _member_for_label(taxonomy, str(value), tax_concept.domain)
        if member is None:
            raise ValueError(f"{value!r} is no member of vsme:{concept}")
        local = member.split(":", 1)[1]
        for enum_value, member_local in XBRL_MEMBERS.get(enum, {}).items():
            if member_local == local:
                return enum_value
        raise ValueError(f"{member} has no {enum.__name__} value")
    if tax_concept is not None and tax_concept.is_enumeration and tax_concept.domain and tax_concept.domain[0].startswith("country:"):
        member = _member_for_label(taxonomy, str(value), tax_concept.domain)
        if member is None:
            raise ValueError(f"{value!r} is no country")
        return member.split(":", 1)[1]
    if tax_concept is not None and tax_concept.type_local == "booleanItemType":
        if isinstance(value, bool):
            return value
        text = str(value).strip().upper()
        if text in ("YES", "TRUE"):
            return True
        if text in ("NO", "FALSE"):
            return False
        raise ValueError(f"{value!r} is not YES/NO")
    return value


def _set(data: dict[str, Any], path: tuple[str, ...], name: str, value: Any) -> None:
    node = data
    for part in path:
        node = node.setdefault(part, {})
    node[name] = value


def read_template(path: Path, *, edition: str = "2026-05-01") -> TemplateImport:
    """Read every concept named range of a filled template (values in sheet order)."""
    import openpyxl  # type: ignore[import-untyped]

    taxonomy = load_taxonomy(edition)
    workbook = openpyxl.load_workbook(path, data_only=True)
    result = TemplateImport()
    for name, defined in workbook.defined_names.items():
        concept = taxonomy.concept(f"vsme:{name}")
        if concept is None or concept.abstract:
            continue
        values: list[Any] = []
        for sheet, ref in defined.destinations:
            cells = workbook[sheet][ref]
            rows = cells if isinstance(cells, tuple) else ((cells,),)
            for row in rows:
                for cell in row if isinstance(row, tuple) else (row,):
                    if cell.value is not None and str(cell.value).strip() not in _PLACEHOLDERS:
                        values.append(cell.value)
                        result.refs.setdefault(name, f"{sheet}!{cell.coordinate}")
        if values:
            result.cells[name] = values
    _build(result, taxonomy, workbook, path)
    return result


def _build(result: TemplateImport, taxonomy: Taxonomy, workbook: Any, source: Path) -> None:
    index = _field_index()
    data = result.data
    for concept, values in result.cells.items():
        if concept == "BasisForPreparation":
            text = str(values[0])
            data["reportingOption"] = "B" if "Option B" in text or "Comprehensive" in text else "A"
            result.used.add(concept)
            continue
        if concept in TABLE_CONCEPTS or concept not in index or len(values) != 1:
            continue
        path, name, annotation = index[concept]
        try:
            _set(data, path, name, _convert(taxonomy, concept, annotation, values[0]))
            result.used.add(concept)
        except (ValueError, TypeError) as error:
            result.findings.append(f"{_where(result, concept)}: {error}: not imported")
    _tables(result, taxonomy, workbook)
    context = TemplateContext(workbook, taxonomy, data, result.findings, source=source)
    try:
        read_tables(context)
    finally:
        context.close()
    result.used.update(context.used - context.dropped)
    for concept in sorted(set(result.cells) - result.used - context.dropped):
        result.findings.append(f"{_where(result, concept)}: filled in the template but not imported ({len(result.cells[concept])} value(s))")
    _unknown_ranges(result, taxonomy, context)


def _where(result: TemplateImport, name: str) -> str:
    return f"{result.refs[name]} ({name})" if name in result.refs else name


def _unknown_ranges(result: TemplateImport, taxonomy: Taxonomy, context: TemplateContext) -> None:
    """A filled named range that is neither a concept nor read by a table reader is a finding."""
    for name in sorted(context.workbook.defined_names):
        if name.startswith(_IGNORED_PREFIXES) or name in result.used or name in result.cells:
            continue
        concept = taxonomy.concept(f"vsme:{name}")
        if concept is not None and concept.abstract:
            continue  # tables, axes and period holders: read through their items
        first = next(iter(context.cells(name)), None)
        if first is not None:
            result.findings.append(f"{first.where()}: named range not known to the import: not imported")


def _column(workbook: Any, name: str) -> list[Any]:
    """The values of a named range, placeholders ("-", blanks) as None."""
    return [None if cell.value is None or str(cell.value).strip() in _PLACEHOLDERS else cell.value
            for cell in named_range_cells(workbook, name)]


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return value
    if hasattr(value, "date"):
        return value.date()
    text = str(value).strip()
    match = re.match(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$", text)
    return f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else text


def _single(workbook: Any, name: str) -> Any:
    values = [v for v in _column(workbook, name) if v is not None]
    return values[0] if values else None


def _tables(result: TemplateImport, taxonomy: Taxonomy, workbook: Any) -> None:
    data = result.data
    start, end = _single(workbook, "template_reporting_period_startdate"), _single(workbook, "template_reporting_period_enddate")
    if start is None or end is None:  # D9/D13 are formulas: read their inputs (year, month, day)
        sheet = workbook["General Information"]
        parts = [sheet.cell(row, 4).value for row in (6, 7, 8, 10, 11, 12)]
        if all(isinstance(p, (int, float)) for p in parts):
            y1, m1, d1, y2, m2, d2 = (int(p) for p in parts)
            start, end = f"{y1:04d}-{m1:02d}-{d1:02d}", f"{y2:04d}-{m2:02d}-{d2:02d}"
    if start is not None and end is not None:
        data["reportingPeriodStart"], data["reportingPeriodEnd"] = _as_date(start), _as_date(end)
    currency = _single(workbook, "template_currency")
    if isinstance(currency, str) and re.match(r"^[A-Z]{3}$", currency.strip()):
        data["currency"] = currency.strip()
    result.entity = (_single(workbook, "template_reporting_entity_identifier_scheme"), _single(workbook, "template_reporting_entity_identifier"))
    # NACE codes "NACE G - 47.22 Retail sale ..." -> "47.22"
    codes = [m.group(1) for v in result.cells.get("NaceSectorClassificationCodes", []) if (m := re.search(r"(\d{2}(?:\.\d{1,2})?)", str(v)))]
    if codes:
        data.setdefault("modules", {}).setdefault("b1", {})["naceCodes"] = codes
        result.used.add("NaceSectorClassificationCodes")
    # omitted / unchanged disclosures: "B6 - Water Withdrawal" -> the member with that label -> DisclosureCode
    for concept, key in (("ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation", "omittedDisclosures"),
                         ("ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting", "unchangedDisclosures")):
        codes = _disclosure_codes(result, taxonomy, concept)
        if codes and key == "omittedDisclosures":
            data["omittedDisclosures"] = codes
        elif codes:
            data.setdefault("generalDisclosures", {})["unchangedDisclosures"] = codes
        result.used.add(concept)
    # sites (B1 24(e)(vii))
    columns = {k: _column(workbook, k) for k in ("IdentifierOfSiteTypedAxis", "AddressOfSite", "PostalCodeOfSite", "CityOfSite", "CountryOfSite", "GPSLocationOfSite")}
    sites = []
    for i, address in enumerate(columns["AddressOfSite"]):
        row = {k: (v[i] if i < len(v) else None) for k, v in columns.items()}
        if not any(row[k] for k in ("AddressOfSite", "PostalCodeOfSite", "CityOfSite")):
            continue
        site: dict[str, Any] = {"identifier": str(row["IdentifierOfSiteTypedAxis"] or i + 1), "address": address,
                                "postalCode": None if row["PostalCodeOfSite"] is None else str(row["PostalCodeOfSite"]), "city": row["CityOfSite"]}
        if row["CountryOfSite"]:
            member = _member_for_label(taxonomy, str(row["CountryOfSite"]), taxonomy.concept("vsme:CountryOfSite").domain)  # type: ignore[union-attr]
            site["country"] = member.split(":", 1)[1] if member else None
        if row["GPSLocationOfSite"] and "," in str(row["GPSLocationOfSite"]):
            lat, lon = str(row["GPSLocationOfSite"]).split(",", 1)
            site["latitude"], site["longitude"] = float(lat), float(lon)
        sites.append(site)
    if sites:
        data.setdefault("modules", {}).setdefault("b1", {})["sites"] = sites
        result.used.update(k for k in columns if k in result.cells)


def _disclosure_codes(result: TemplateImport, taxonomy: Taxonomy, concept: str) -> list[str]:
    tax_concept = taxonomy.concept(f"vsme:{concept}")
    codes: list[str] = []
    for value in result.cells.get(concept, []):
        member = grid_member(taxonomy, str(value), tax_concept.domain) if tax_concept else None
        code = disclosure_code(member)
        if code is None:
            result.findings.append(f"{_where(result, concept)}: {value!r} is no disclosure of taxonomy {taxonomy.edition}: not imported")
        elif code not in codes:
            codes.append(code)
    return codes


def report_from_template(path: Path, company_id: Any, year: int, *, edition: str = "2026-05-01") -> tuple[ReportData | None, TemplateImport]:
    """Build `ReportData` from a template (``None`` with findings when the data does not validate)."""
    imported = read_template(path, edition=edition)
    try:
        report = ReportData.model_validate({"companyId": company_id, "reportingYear": year, **imported.data})
    except ValidationError as error:
        for problem in error.errors():
            imported.findings.append(f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}")
        return None, imported
    return report, imported


async def store_template_report(databases: Databases, path: Path, company_id: Any, year: int | None = None) -> tuple[Any, TemplateImport]:
    """Import a filled template into ``vsme_guru.reports`` as a draft report of ``company_id``.

    The year defaults to the template's reporting period end. Nothing is written when the data
    does not validate or the company already has a report for that year (a finding says why).
    Returns the new report's id (or ``None``) and the import with its findings.
    """
    from documents.report import Report, ReportStatus
    from vsme_pipeline.odm import init_documents

    await init_documents(databases, roles=["vsme_guru"])

    async def exists(year: int) -> bool:
        return await Report.find_one({"companyId": company_id, "reportingYear": year}) is not None

    if year is not None and await exists(year):  # refused before the file is read
        return None, TemplateImport(findings=[f"a report of company {company_id} for {year} exists already: nothing imported"])
    imported = read_template(path)
    end = imported.data.get("reportingPeriodEnd")
    year = year or (int(str(end)[:4]) if end else None)
    if year is None:
        imported.findings.append("reporting year: not given and not in the template")
        return None, imported
    if await exists(year):
        imported.findings.append(f"a report of company {company_id} for {year} exists already: nothing imported")
        return None, imported
    try:
        report = Report.build({**imported.data, "companyId": company_id, "reportingYear": year, "status": ReportStatus.DRAFT})
    except ValidationError as error:
        imported.findings.extend(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        return None, imported
    await report.insert()
    return report.id, imported
