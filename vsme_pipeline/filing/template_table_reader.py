"""The tables of a filled EFRAG digital template (1.3.0) -> report data, as EFRAG's converter reads them.

Named ranges, per the converter (`mireport.xlsx_template_reader`): a table's primary items and
dimensions are column ranges joined by sheet row; ``<Concept>_<Member>`` presets a member (energy
breakdown, C3 base/target year, Scope 3 "currently stated" = the axis default); ``<Concept>_unit``
is the unit cell (one for the table or one per row); enumeration sets ticked in a grid take the
member labelled by the row/column header (the converter takes the position in the domain, which
mislabels C7's "other": the grid has no accident-prevention row); Scope 3 per category from the
rows 30-44 without named ranges (the totals summed from them when the file has no cached values);
omitted disclosures from the Table of Contents' check boxes (the B1 list is a formula over them).

Amounts are converted to the unit the report model stores (kg -> t, m2 -> ha, exactly in decimal);
pollutants keep their t/kg (the model carries it). Every cell that cannot be read (no member for a
label, no unit, not a number, a value without its row key) is a finding ``Sheet!Cell (NamedRange)``
and is not imported; C3 totals that differ from the sum of their scopes too (the export derives them).
"""

import re
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from documents.enums import (
    XBRL_MEMBERS,
    CodeOfConductContent,
    DisclosureCode,
    HumanRightType,
    MassUnit,
    Pollutant,
    Scope3Category,
    SustainabilityIssue,
)
from vsme_pipeline.filing.template_cells import (
    PLACEHOLDERS,
    CellValue,
    TemplateContext,
    axis_domain,
    convert_unit,
    grid_member,
    member_for_label,
    unit_of,
)
from vsme_pipeline.filing.template_tables import (
    OMITTED_CONCEPT,
    SCOPE3_COLUMNS,
    SCOPE3_FIRST_ROW,
    SCOPE3_LABEL_COLUMN,
    SCOPE3_SHEET,
    SCOPE3_SWITCH,
    SCOPE3_TOTAL,
    TOC_BOX_COLUMN,
    TOC_LABEL_COLUMN,
    TOC_SHEET,
)

__all__ = ["TABLE_CONCEPTS", "UNIT_SCALARS", "disclosure_code", "read_tables"]

UNIT_SCALARS = {
    "TotalSealedArea": "modules.b5.total_sealed_area",
    "TotalNatureOrientedAreaOnSite": "modules.b5.total_nature_oriented_area_on_site",
    "TotalNatureOrientedAreaOffSite": "modules.b5.total_nature_oriented_area_off_site",
    "TotalUseOfLand": "modules.b5.total_use_of_land",
    "TotalHazardousWasteGeneratedMass": "modules.b7.total_hazardous_waste_mass",
    "TotalNonHazardousWasteGeneratedMass": "modules.b7.total_non_hazardous_waste_mass",
    "TotalWasteGeneratedMass": "modules.b7.total_waste_mass",
    "TotalHazardousWasteGeneratedVolume": "modules.b7.total_hazardous_waste_volume",
    "TotalNonHazardousWasteGeneratedVolume": "modules.b7.total_non_hazardous_waste_volume",
    "TotalWasteGeneratedVolume": "modules.b7.total_waste_volume",
    "TotalMassOfMaterialUsed": "modules.b7.total_mass_of_materials_used",
    "TotalVolumeOfMaterialUsed": "modules.b7.total_volume_of_materials_used",
}
"""Single-cell quantities with a unit cell (``<Concept>_unit``): read here, not as plain cells."""

_KIND_UNIT = {"areaItemType": "ha", "massItemType": "t", "volumeItemType": "m3"}


def read_tables(ctx: TemplateContext) -> None:
    """Read every table of the template into ``ctx.data`` (findings into ``ctx.findings``)."""
    for reader in _READERS:
        reader(ctx)


# --- values -------------------------------------------------------------------------------------
def _number(ctx: TemplateContext, cell: CellValue | None, *, non_negative: bool = True) -> float | None:
    if cell is None:
        return None
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).strip().replace(",", "."))
        except ValueError:
            ctx.finding(cell.where(), f"{cell.value!r} is not a number: not imported")
            return None
    if non_negative and value < 0:
        ctx.finding(cell.where(), f"{value} is negative: not imported")
        return None
    return float(value)


def _boolean(ctx: TemplateContext, cell: CellValue | None) -> bool | None:
    if cell is None:
        return None
    if isinstance(cell.value, bool):
        return cell.value
    text = str(cell.value).strip().upper()
    if text in ("YES", "TRUE"):
        return True
    if text in ("NO", "FALSE"):
        return False
    ctx.finding(cell.where(), f"{cell.value!r} is not YES/NO: not imported")
    return None


def _key(cell: CellValue) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _enum_value(enum: type[StrEnum], member: str) -> StrEnum | None:
    local = member.split(":", 1)[1]
    return next((value for value, name in XBRL_MEMBERS[enum].items() if name == local), None)


def _in_unit(ctx: TemplateContext, cell: CellValue | None, unit_cell: CellValue | None, concept: str) -> float | None:
    """The amount of ``cell`` converted from the unit in ``unit_cell`` to the model's unit of ``concept``."""
    value = _number(ctx, cell)
    if value is None or cell is None:
        return None
    unit = unit_of(unit_cell.value if unit_cell else None)
    kind = ctx.taxonomy.concept(f"vsme:{concept}")
    wanted = _KIND_UNIT.get(kind.type_local if kind else "")
    if unit is None:
        where = unit_cell.where() if unit_cell else ctx.where(f"{concept}_unit")
        ctx.finding(where, f"no known unit for the amount in {cell.ref}: not imported", drop=cell.name)
        return None
    converted, model_unit = convert_unit(value, unit)
    if wanted is not None and model_unit != wanted:
        ctx.finding(unit_cell.where() if unit_cell else cell.where(), f"unit {unit} does not fit vsme:{concept}: not imported", drop=cell.name)
        return None
    return converted


def _rows_of(ctx: TemplateContext, *names: str) -> list[int]:
    rows: set[int] = set()
    for name in names:
        rows.update(ctx.rows(name))
    return sorted(rows)


def _without_key(ctx: TemplateContext, cells: list[CellValue | None], key: str) -> None:
    for cell in cells:
        if cell is not None and cell.value is not False:
            ctx.finding(cell.where(), f"value without a {key} in its row: not imported")


# --- B1 subsidiaries ------------------------------------------------------------------------------
def _subsidiaries(ctx: TemplateContext) -> None:
    ids, names, addresses = (ctx.rows(n) for n in ("IdentifierOfSubsidiaryTypedAxis", "NameOfTheSubsidiary", "RegisteredAddressOfTheSubsidiary"))
    out = []
    for row in _rows_of(ctx, "NameOfTheSubsidiary", "RegisteredAddressOfTheSubsidiary"):
        if row not in ids:
            _without_key(ctx, [names.get(row), addresses.get(row)], "subsidiary ID")
            continue
        name, address = names.get(row), addresses.get(row)
        out.append({"identifier": _key(ids[row]), "name": None if name is None else str(name.value),
                    "registered_address": None if address is None else str(address.value)})
    if out:
        ctx.put("modules.b1.subsidiaries", out)


# --- B3 energy, C3 targets ------------------------------------------------------------------------
_ENERGY_ROWS = {"EnergyConsumptionFromElectricity": "electricity",
                "EnergyConsumptionFromSelfGeneratedElectricity": "self_generated_electricity",
                "EnergyConsumptionFromFuels": "fuels"}
_ENERGY_PARTS = {"RenewableEnergyMember": "renewable", "NonRenewableEnergyMember": "non_renewable",
                 "TotalRenewableAndNonRenewableEnergyMember": "total"}


def _energy(ctx: TemplateContext) -> None:
    for concept, field in _ENERGY_ROWS.items():
        for member, part in _ENERGY_PARTS.items():
            value = _number(ctx, ctx.single(f"{concept}_{member}"))
            if value is not None:
                ctx.put(f"modules.b3.{field}.{part}", value)
    ctx.used.add("BreakdownOfEnergyConsumptionAxis")
    ctx.used.add("BreakdownOfEnergyConsumptionTable")


_CURRENTLY_STATED = {"GrossScope3GreenhouseGasEmissions": "modules.b3.scope3_emissions",
                     "TotalGrossLocationBasedGHGEmissions": "modules.b3.total_location_based_emissions",
                     "TotalGrossMarketBasedGHGEmissions": "modules.b3.total_market_based_emissions"}
_TARGET_SCOPES = {"GrossScope1GreenhouseGasEmissions": "scope1",
                  "GrossLocationBasedScope2GreenhouseGasEmissions": "scope2_location_based",
                  "GrossMarketBasedScope2GreenhouseGasEmissions": "scope2_market_based",
                  "GrossScope3GreenhouseGasEmissions": "scope3"}
_TARGET_TOTALS = {"TotalGrossLocationBasedScope1AndScope2GHGEmissions": ("scope1", "scope2_location_based"),
                  "TotalGrossMarketBasedScope1AndScope2GHGEmissions": ("scope1", "scope2_market_based"),
                  "TotalGrossLocationBasedGHGEmissions": ("scope1", "scope2_location_based", "scope3"),
                  "TotalGrossMarketBasedGHGEmissions": ("scope1", "scope2_market_based", "scope3")}


def _year(ctx: TemplateContext, name: str) -> int | None:
    cell = ctx.single(name)
    value = _number(ctx, cell)
    if value is None or cell is None:
        return None
    if not value.is_integer() or not 1900 <= value <= 2100:
        ctx.finding(cell.where(), f"{cell.value!r} is not a year: not imported")
        return None
    return int(value)


def _c3(ctx: TemplateContext) -> None:
    sums = _scope3_sums(ctx)
    for concept, path in _CURRENTLY_STATED.items():
        value = _number(ctx, ctx.single(f"{concept}_CurrentlyStatedMember"))
        if value is None and concept == SCOPE3_TOTAL and "CurrentlyStatedMember" in sums:
            value = sums["CurrentlyStatedMember"][1]
        if value is not None:
            ctx.put(path, value)
            ctx.used.add(concept)
    base_year = _year(ctx, "GreenhouseGasEmissionReductionTargetBaseYear")
    target_year = _year(ctx, "GreenhouseGasEmissionReductionTargetYear")
    ctx.used.update({"BaselineYearMember", "TargetYearMember"})
    targets: list[dict[str, Any]] = []
    values: dict[tuple[str, str], float] = {}
    for concept, scope in _TARGET_SCOPES.items():
        target: dict[str, Any] = {"scope": scope}
        for member, year, field in (("BaselineYearMember", base_year, "base_year"), ("TargetYearMember", target_year, "target_year")):
            cell = ctx.single(f"{concept}_{member}")
            value = _number(ctx, cell)
            if value is None and scope == "scope3" and member in sums:
                cell, value = sums[member]
            if value is None or cell is None:
                continue
            if year is None:
                ctx.finding(cell.where(), f"{field.replace('_', ' ')} not given: the value has no period, not imported")
                continue
            target[field], target[f"{field}_value"] = year, value
            values[(member, scope)] = value
        if len(target) > 1:
            targets.append(target)
    for concept, parts in _TARGET_TOTALS.items():
        for member in ("BaselineYearMember", "TargetYearMember"):
            cell = ctx.single(f"{concept}_{member}")
            stated = _number(ctx, cell)
            if stated is None or cell is None:
                continue
            if all((member, p) in values for p in parts):
                derived = sum(values[(member, p)] for p in parts)
                if abs(derived - stated) > 1e-9 * max(1.0, abs(stated)):
                    ctx.finding(cell.where(), f"{stated} is not the sum of its scopes ({derived}): the export derives the total")
            else:
                ctx.finding(cell.where(), "total without all of its scopes: not imported (the export derives totals from the scopes)")
    for name, year, field in (("GreenhouseGasEmissionReductionTargetBaseYear", base_year, "base_year"),
                              ("GreenhouseGasEmissionReductionTargetYear", target_year, "target_year")):
        if year is not None and not any(field in t for t in targets):
            cell = ctx.single(name)
            ctx.finding(cell.where() if cell else ctx.where(name), "year without any target value: the report keeps years per target, not imported", drop=name)
    if targets:
        ctx.put("modules.c3.targets", targets)
        ctx.put("modules.c3.has_targets", True)


# --- B3/C3 Scope 3 per category (Env rows 30-44, no named range) ------------------------------------
_SCOPE3_FIELDS = (("emissions", "CurrentlyStatedMember"), ("base_year_emissions", "BaselineYearMember"),
                  ("target_year_emissions", "TargetYearMember"))


def _scope3_rows(ctx: TemplateContext) -> list[tuple[Scope3Category, dict[str, tuple[CellValue, float]]]]:
    """The filled category rows (field -> (cell, number)): category n is row 29 + n when its label
    reads "n. ..." (read once per import, findings once)."""
    if "scope3_rows" in ctx.memo:
        return ctx.memo["scope3_rows"]  # type: ignore[no-any-return]
    out: list[tuple[Scope3Category, dict[str, tuple[CellValue, float]]]] = []
    ctx.memo["scope3_rows"] = out
    if SCOPE3_SHEET not in ctx.workbook.sheetnames:
        return out
    ws = ctx.workbook[SCOPE3_SHEET]
    filled: list[tuple[int, Scope3Category, dict[str, CellValue]]] = []
    for number, category in enumerate(Scope3Category, start=1):
        row = SCOPE3_FIRST_ROW + number - 1
        cells: dict[str, CellValue] = {}
        for (field, _), column in zip(_SCOPE3_FIELDS, SCOPE3_COLUMNS, strict=True):
            value = ws.cell(row=row, column=column).value
            if value is not None and not (isinstance(value, str) and value.strip() in PLACEHOLDERS):
                cells[field] = CellValue(value, f"{SCOPE3_SHEET}!{ws.cell(row=row, column=column).coordinate}",
                                         f"Scope 3 category {number}", row, column)
        if cells:
            filled.append((number, category, cells))
    labels = ctx.labels_on(SCOPE3_SHEET, [(SCOPE3_FIRST_ROW + n - 1, SCOPE3_LABEL_COLUMN) for n, _, _ in filled])
    for number, category, cells in filled:
        label = labels.get((SCOPE3_FIRST_ROW + number - 1, SCOPE3_LABEL_COLUMN)) or ""
        if not label.startswith(f"{number}."):
            ctx.finding(next(iter(cells.values())).where(), f"row label {label!r} is not Scope 3 category {number}: row not imported")
            continue
        numbers = {field: (cell, value) for field, cell in cells.items() if (value := _number(ctx, cell)) is not None}
        if numbers:
            out.append((category, numbers))
    return out


def _scope3_sums(ctx: TemplateContext) -> dict[str, tuple[CellValue, float]]:
    """Reporting-scope member -> (first cell, exact decimal sum) of the category rows: the template's
    Scope 3 totals (D45/G45/J45), for a file without cached values."""
    sums: dict[str, tuple[CellValue, Decimal]] = {}
    for _, numbers in _scope3_rows(ctx):
        for field, member in _SCOPE3_FIELDS:
            if field in numbers:
                cell, value = numbers[field]
                first, total = sums.get(member, (cell, Decimal(0)))
                sums[member] = (first, total + Decimal(repr(value)))
    return {member: (cell, float(total)) for member, (cell, total) in sums.items()}


def _scope3(ctx: TemplateContext) -> None:
    switch = ctx.workbook[SCOPE3_SHEET][SCOPE3_SWITCH].value if SCOPE3_SHEET in ctx.workbook.sheetnames else None
    if isinstance(switch, bool):
        ctx.put("modules.b3.reports_scope3", switch)
    rows = [{"category": category.value, **{field: value for field, (_, value) in numbers.items()}}
            for category, numbers in _scope3_rows(ctx)]
    if rows:
        ctx.put("modules.b3.scope3_categories", rows)


# --- B1 omitted disclosures: the Table of Contents' check boxes ------------------------------------
def disclosure_code(member: str | None) -> str | None:
    """``vsme:B6WaterWithdrawalMember`` -> ``B6.water_withdrawal`` (`DisclosureCode`); None when none."""
    local = (member or "").split(":", 1)[-1]
    return next((code.value for code, name in XBRL_MEMBERS[DisclosureCode].items() if name == local), None)


def _omitted(ctx: TemplateContext) -> None:
    """Ticked "classified or sensitive" boxes -> ``omittedDisclosures`` (with those B1 lists, if cached)."""
    concept = ctx.taxonomy.concept(f"vsme:{OMITTED_CONCEPT}")
    if TOC_SHEET not in ctx.workbook.sheetnames or concept is None:
        return
    ws = ctx.workbook[TOC_SHEET]
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=TOC_BOX_COLUMN).value is True]
    labels = ctx.labels_on(TOC_SHEET, [(r, TOC_LABEL_COLUMN) for r in rows])
    codes: list[str] = list(ctx.data.get("omittedDisclosures") or [])
    for row in rows:
        text = labels.get((row, TOC_LABEL_COLUMN)) or ""
        code = disclosure_code(grid_member(ctx.taxonomy, text, concept.domain))
        if code is None:
            ctx.finding(f"{TOC_SHEET}!{ws.cell(row=row, column=TOC_BOX_COLUMN).coordinate}",
                        f"{text!r} is no disclosure of taxonomy {ctx.taxonomy.edition}: not imported")
        elif code not in codes:
            codes.append(code)
    if codes:
        ctx.put("omittedDisclosures", codes)
        ctx.used.add(OMITTED_CONCEPT)


# --- B4 pollutants ----------------------------------------------------------------------------------
_MEDIA = {"AmountOfEmissionToAir": "air", "AmountOfEmissionToWater": "water", "AmountOfEmissionToSoil": "soil"}


def _pollutants(ctx: TemplateContext) -> None:
    axis = ctx.rows("TypeOfPollutantAxis")
    amounts = {concept: ctx.rows(concept) for concept in _MEDIA}
    ctx.used.add("AmountOfEmissionsTable")
    unit_cells = {concept: ctx.single(f"{concept}_unit") for concept in _MEDIA}
    domain = axis_domain(ctx.taxonomy, "vsme:TypeOfPollutantAxis")
    out = []
    for row in _rows_of(ctx, *_MEDIA):
        cells = {concept: amounts[concept].get(row) for concept in _MEDIA}
        if row not in axis:
            _without_key(ctx, list(cells.values()), "pollutant")
            continue
        member = member_for_label(ctx.taxonomy, str(axis[row].value), domain)
        pollutant = _enum_value(Pollutant, member) if member else None
        if pollutant is None:
            ctx.finding(axis[row].where(), f"{axis[row].value!r} is no pollutant of vsme:TypeOfPollutantAxis: row not imported")
            continue
        for concept, medium in _MEDIA.items():
            cell = cells[concept]
            amount = _number(ctx, cell)
            if amount is None or cell is None:
                continue
            unit_cell = unit_cells[concept]
            unit = unit_of(unit_cell.value if unit_cell else None)
            if unit not in (MassUnit.TONNE.value, MassUnit.KILOGRAM.value):
                where = unit_cell.where() if unit_cell else ctx.where(f"{concept}_unit")
                ctx.finding(where, f"no t/kg unit for the amount in {cell.ref}: not imported")
                continue
            out.append({"pollutant": pollutant.value, "medium": medium, "amount": amount, "unit": unit})
    if out:
        ctx.put("modules.b4.pollutants", out)


# --- B5 sites and land use ------------------------------------------------------------------------
def _biodiversity_sites(ctx: TemplateContext) -> None:
    ids = ctx.rows("IdentifierOfSitesInBiodiversitySensitiveAreasTypedAxis")
    areas, inside, near = (ctx.rows(n) for n in ("AreaOfSiteInBiodiversitySensitiveArea", "SiteLocatedInABiodiversitySensitiveArea",
                                                   "SiteLocatedNearABiodiversitySensitiveArea"))
    ctx.used.add("SitesInBiodiversitySensitiveAreasTable")
    unit_cell = ctx.single("AreaOfSiteInBiodiversitySensitiveArea_unit")
    out = []
    for row in sorted(set(ids) | set(areas) | set(inside) | set(near)):
        cells = [areas.get(row), inside.get(row), near.get(row)]
        if row not in ids:
            _without_key(ctx, cells, "site ID")
            continue
        site: dict[str, Any] = {"site_identifier": _key(ids[row])}
        area = _in_unit(ctx, areas.get(row), unit_cell, "AreaOfSiteInBiodiversitySensitiveArea")
        if area is not None:
            site["area"] = area
        for field, cell in (("in_sensitive_area", inside.get(row)), ("near_sensitive_area", near.get(row))):
            value = _boolean(ctx, cell)
            if value is not None:
                site[field] = value
        out.append(site)
    if out:
        ctx.put("modules.b5.sites", out)
        ctx.put("modules.b5.has_sites_in_or_near_sensitive_areas", True)


def _unit_scalars(ctx: TemplateContext) -> None:
    for concept, path in UNIT_SCALARS.items():
        cell = ctx.single(concept)
        unit_cell = ctx.single(f"{concept}_unit")
        value = _in_unit(ctx, cell, unit_cell, concept)
        if value is not None:
            ctx.put(path, value)


# --- B7 waste and materials ---------------------------------------------------------------------------
_WASTE_COLUMNS = (("WasteDivertedToRecycleOrReuse", "diverted_to_recycling_or_reuse"),
                  ("WasteDirectedToDisposal", "directed_to_disposal"),
                  ("TotalWasteRecycledReusedAndDirectedToDisposal", "total"))


def _waste(ctx: TemplateContext) -> None:
    kinds = ctx.rows("TypeOfWasteAxis")
    units = ctx.rows("WasteDivertedToRecycleOrReuseMass_unit")
    columns = {prefix: ctx.rows(f"{prefix}Mass") for prefix, _ in _WASTE_COLUMNS}
    for prefix, _ in _WASTE_COLUMNS:  # the volume ranges are the same cells
        ctx.used.update({f"{prefix}Volume", f"{prefix}Volume_unit", f"{prefix}Mass_unit"})
    ctx.used.add("WasteGeneratedTable")
    out = []
    for row in _rows_of(ctx, *(f"{prefix}Mass" for prefix, _ in _WASTE_COLUMNS)):
        cells = {prefix: columns[prefix].get(row) for prefix, _ in _WASTE_COLUMNS}
        if row not in kinds:
            _without_key(ctx, list(cells.values()), "type of waste")
            continue
        kind = kinds[row]
        match = re.match(r"^\s*(\d{2})\s*(\d{2})\s*(\d{2})\*?\s*-\s*(Hazardous|Non-Hazardous)\s*-\s*(.+?)\s*$", str(kind.value))
        member = ctx.taxonomy.waste_member("".join(match.group(1, 2, 3))) if match else None
        if match is None or member is None:
            ctx.finding(kind.where(), f"{str(kind.value).strip()!r} is no EWC waste type of vsme:TypeOfWasteAxis: row not imported")
            continue
        unit = unit_of(units[row].value) if row in units else None
        if unit not in ("t", "kg", "m3"):
            ctx.finding(units[row].where() if row in units else kind.where(), "no t/kg/m3 unit in the row: row not imported")
            continue
        suffix = "volume" if unit == "m3" else "mass"
        stream: dict[str, Any] = {"waste_type": match.group(5), "ewc_code": " ".join(match.group(1, 2, 3)),
                                  "hazardous": match.group(4) == "Hazardous"}
        for prefix, field in _WASTE_COLUMNS:
            cell = cells[prefix]
            value = _number(ctx, cell)
            if value is not None:
                stream[f"{field}_{suffix}"] = convert_unit(value, unit)[0]
        out.append(stream)
    if out:
        ctx.put("modules.b7.waste_streams", out)


def _materials(ctx: TemplateContext) -> None:
    ids, names = ctx.rows("IdentifierOfMaterialTypedAxis"), ctx.rows("NameOfMaterialUsed")
    amounts, units = ctx.rows("WeightOfMaterialUsed"), ctx.rows("WeightOfMaterialUsed_unit")
    ctx.used.update({"VolumeOfMaterialUsed", "VolumeOfMaterialUsed_unit", "BreakdownOfAnnualMassFlowOfRelevantMaterialsUsedByTheUndertakingHypercube"})
    out = []
    for row in sorted(set(names) | set(amounts)):
        if row not in ids:
            _without_key(ctx, [names.get(row), amounts.get(row)], "material ID")
            continue
        material: dict[str, Any] = {"identifier": _key(ids[row])}
        if row in names:
            material["name"] = str(names[row].value)
        if row in amounts:
            unit = unit_of(units[row].value) if row in units else None
            value = _number(ctx, amounts[row])
            if unit not in ("t", "kg", "m3"):
                ctx.finding(units[row].where() if row in units else amounts[row].where(), "no t/kg/m3 unit in the row: amount not imported")
            elif value is not None:
                material["volume" if unit == "m3" else "weight"] = convert_unit(value, unit)[0]
        out.append(material)
    if out:
        ctx.put("modules.b7.materials", out)


# --- B8 employees per country -----------------------------------------------------------------------
def _employees_by_country(ctx: TemplateContext) -> None:
    countries, numbers = ctx.rows("CountryOfEmploymentContractAxis"), ctx.rows("NumberOfEmployeesForCountryOfEmploymentContract")
    ctx.used.add("NumberOfEmployeesForCountryOfEmploymentContractTable")
    domain = axis_domain(ctx.taxonomy, "vsme:CountryOfEmploymentContractAxis")
    out = []
    for row in sorted(numbers):
        if row not in countries:
            _without_key(ctx, [numbers[row]], "country")
            continue
        member = member_for_label(ctx.taxonomy, str(countries[row].value), domain)
        if member is None or not member.startswith("country:"):
            ctx.finding(countries[row].where(), f"{countries[row].value!r} is no country: row not imported")
            continue
        value = _number(ctx, numbers[row])
        if value is not None:
            out.append({"country": member.split(":", 1)[1], "number_of_employees": value})
    if out:
        ctx.put("modules.b8.employees_by_country", out)
        ctx.put("modules.b8.operates_in_more_than_one_country", len(out) > 1)


# --- B2, C2, C6, C7 ---------------------------------------------------------------------------------
def _ticked(ctx: TemplateContext, name: str, enum: type[StrEnum]) -> list[StrEnum] | None:
    """Members ticked (TRUE) in an enumeration-set grid, by the header label of the row or column
    (its English text, `TemplateContext.labels`)."""
    concept = ctx.taxonomy.concept(f"vsme:{name}")
    cells = list(ctx.cells(name))
    if concept is None or not cells:
        return None
    one_row = len({c.row for c in cells}) == 1 and len({c.column for c in cells}) > 1
    first_column = min(c.column for c in cells)
    ticked = [c for c in cells if c.value is True]
    labels = ctx.labels(name, [(c.row - 1, c.column) if one_row else (c.row, first_column - 1) for c in ticked])
    out: list[StrEnum] = []
    for cell in cells:
        if cell.value is False:
            continue
        if cell.value is True:
            label = labels.get((cell.row - 1, cell.column) if one_row else (cell.row, first_column - 1))
        else:
            label = cell.value
        text = str(label or "").strip()
        if "#" in text:  # expanded names ("<namespace>#ClimateChangeMember ...") as an xBRL-JSON value
            for expanded in text.split():
                local = expanded.rpartition("#")[2]
                found = _enum_value(enum, f"vsme:{local}") if f"vsme:{local}" in concept.domain else None
                if found is None:
                    ctx.finding(cell.where(), f"{expanded!r} is no member of vsme:{name}: not imported")
                elif found not in out:
                    out.append(found)
            continue
        member = grid_member(ctx.taxonomy, text, concept.domain)
        value = _enum_value(enum, member) if member else None
        if value is None:
            ctx.finding(cell.where(), f"{text!r} is no member of vsme:{name}: not imported")
            continue
        if value not in out:
            out.append(value)
    return out


def _b2(ctx: TemplateContext) -> None:
    issues = _ticked(ctx, "SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative", SustainabilityIssue)
    public_cell = ctx.single("PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable")
    public = _boolean(ctx, public_cell)
    targets_cell = ctx.single("UndertakingHasSetATargetWhichIsRelatedToAPolicy")
    targets = _boolean(ctx, targets_cell)
    if not issues:
        for name, answer, cell in (("PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable", public, public_cell),
                                   ("UndertakingHasSetATargetWhichIsRelatedToAPolicy", targets, targets_cell)):
            if answer is not None and cell is not None:
                ctx.finding(cell.where(), "answer without a sustainability issue ticked: the report keeps it per issue, not imported", drop=name)
        return
    # the template answers per undertaking, the report per issue: every ticked issue carries the answer
    # (the export writes back any(...) = the template's answer); which of practice/policy/initiative is not said
    ctx.put("modules.b2.has_practices_policies_or_initiatives", True)
    ctx.put("modules.b2.issues", [{"issue": issue.value, "publicly_available": public, "has_targets": targets} for issue in issues])


def _c2(ctx: TemplateContext) -> None:
    description = ctx.single("DescriptionOfPracticesPoliciesAndOrFutureInitiatives")
    target = ctx.single("DescriptionOfATargetRelatedToAPolicy")
    if description is None and target is None:
        return
    ctx.put("modules.c2.descriptions", [{"description": None if description is None else str(description.value),
                                         "target_description": None if target is None else str(target.value)}])


def _c6_c7(ctx: TemplateContext) -> None:
    content = _ticked(ctx, "TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce", CodeOfConductContent)
    if content:
        ctx.put("modules.c6.code_of_conduct_content", [v.value for v in content])
    incidents = _ticked(ctx, "TypeOfHumanRightRelatedToTheConfirmedIncident", HumanRightType)
    if incidents:
        ctx.put("modules.c7.incident_types", [v.value for v in incidents])


_READERS: tuple[Callable[[TemplateContext], None], ...] = (
    _subsidiaries, _omitted, _b2, _energy, _scope3, _c3, _pollutants, _biodiversity_sites, _unit_scalars, _waste, _materials,
    _employees_by_country, _c2, _c6_c7,
)

TABLE_CONCEPTS = frozenset({
    *UNIT_SCALARS, *_MEDIA, "TypeOfPollutantAxis", "IdentifierOfSubsidiaryTypedAxis", "NameOfTheSubsidiary",
    "RegisteredAddressOfTheSubsidiary", "GreenhouseGasEmissionReductionTargetBaseYear", "GreenhouseGasEmissionReductionTargetYear",
    "AreaOfSiteInBiodiversitySensitiveArea", "SiteLocatedInABiodiversitySensitiveArea", "SiteLocatedNearABiodiversitySensitiveArea",
    "TypeOfWasteAxis", "IdentifierOfMaterialTypedAxis", "NameOfMaterialUsed", "WeightOfMaterialUsed", "VolumeOfMaterialUsed",
    "CountryOfEmploymentContractAxis", "NumberOfEmployeesForCountryOfEmploymentContract",
    "SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative", "PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable",
    "UndertakingHasSetATargetWhichIsRelatedToAPolicy", "DescriptionOfPracticesPoliciesAndOrFutureInitiatives",
    "DescriptionOfATargetRelatedToAPolicy", "TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce",
    "TypeOfHumanRightRelatedToTheConfirmedIncident",
    *(f"{prefix}{kind}" for prefix, _ in _WASTE_COLUMNS for kind in ("Mass", "Volume")),
})
"""Concept named ranges the table readers own (the single-cell import leaves them alone)."""
