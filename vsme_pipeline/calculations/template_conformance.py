"""Conformance harness: EFRAG's VSME Digital Template 1.3.0 recalculated by its own formulas.

1. :func:`fill_template` writes a report's inputs into a copy of the empty template (openpyxl).
2. :func:`recalculate` has LibreOffice (headless, >= 24.8 for ``XLOOKUP``; Debian package
   ``libreoffice-calc-nogui`` from bookworm-backports) recalculate and re-save the workbooks, all in
   one ``soffice`` call.
3. :func:`compare` reads every computed template cell of :data:`CHECKS` and compares it with the
   project's metric (:func:`compute_metrics` on the same report): *agree*, *differs by design*
   (the reason names the convention, see docs/disclosures.md) or *unexplained*.

:func:`report_from_workbook` reads the inputs of a filled workbook (EFRAG's sample) back into a
report document, so the sample runs through the same fill → recalculate → compare loop, and its
own cached values can be checked too.  No I/O at import; LibreOffice is looked up at call time.
"""

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]

from vsme_pipeline.calculations.access import DocView, as_document
from vsme_pipeline.calculations.compute import compute_metrics
from vsme_pipeline.calculations.fuels import FUELS_BY_KEY, normalise_fuel_key
from vsme_pipeline.calculations.metric import MetricSet
from vsme_pipeline.calculations.template import GENDER_GROUPS, per_gender_training_average, scope3_flag
from vsme_pipeline.calculations.units import to_decimal, unit_kind

DATA = Path(__file__).parent / "data" / "efrag"
TEMPLATE = DATA / "VSME-Digital-Template-1.3.0.xlsx"
SAMPLE = DATA / "VSME-Digital-Template-Sample-1.3.0.xlsx"

GEN, ENV, SOC, GOV, FUEL = ("General Information", "Environmental Disclosures", "Social Disclosures",
                            "Governance Disclosures", "Fuel Converter")
HAZARDOUS_LABEL = "16 08 06 - Hazardous - Spent liquids used as catalysts"
NON_HAZARDOUS_LABEL = "20 01 01 - Non-Hazardous - Paper and cardboard"
UNIT_T, UNIT_KG, UNIT_M3 = "metric tonnes (t)", "kilograms (kg)", "cubic meters (m3)"
FUEL_UNITS = {"l": "L - Liter", "m3": "m³ - cubic meters", "t": "t - tonne", "kg": "Kg - Kilogram",
              "g": "g - gram", "gg": "Gg - Gigagram"}
FUEL_COLUMNS = ("O", "S", "W", "AA", "AE", "AI", "AM", "AQ", "AU", "AY")  # per-row result blocks

# Scalar inputs: (sheet, cell, document path).  Used to fill the template and to read the sample.
SCALARS: tuple[tuple[str, str, str], ...] = (
    (GEN, "E282", "modules.b1.balance_sheet_total"),
    (GEN, "E283", "modules.b1.turnover"),
    (GEN, "E284", "modules.b1.number_of_employees"),
    (ENV, "G12", "modules.b3.electricity.renewable"),
    (ENV, "J12", "modules.b3.electricity.non_renewable"),
    (ENV, "G13", "modules.b3.self_generated_electricity.renewable"),
    (ENV, "J13", "modules.b3.self_generated_electricity.non_renewable"),
    (ENV, "D22", "modules.b3.scope1_emissions"),
    (ENV, "D23", "modules.b3.scope2_location_based_emissions"),
    (ENV, "D24", "modules.b3.scope2_market_based_emissions"),
    (ENV, "D303", "modules.b6.total_water_withdrawal"),
    (ENV, "D310", "modules.b6.water_discharge"),
    (SOC, "D10", "modules.b8.permanent_employees"),
    (SOC, "D18", "modules.b8.male_employees"),
    (SOC, "D19", "modules.b8.female_employees"),
    (SOC, "D20", "modules.b8.other_gender_employees"),
    (SOC, "D21", "modules.b8.not_reported_gender_employees"),
    (SOC, "D134", "modules.b8.employees_who_left"),
    (SOC, "D135", "modules.b8.employees_at_start_of_period"),
    (SOC, "D136", "modules.b8.employees_at_end_of_period"),
    (SOC, "D140", "modules.b9.recordable_accidents"),
    (SOC, "D148", "modules.b10.average_gross_hourly_pay_male"),
    (SOC, "D149", "modules.b10.average_gross_hourly_pay_female"),
    (SOC, "D151", "modules.b10.employees_covered_by_cba"),
    (SOC, "D165", "modules.c5.male_managers"),
    (SOC, "D166", "modules.c5.female_managers"),
    (GOV, "H14", "modules.c8.revenue_coal"),
    (GOV, "H15", "modules.c8.revenue_oil"),
    (GOV, "H16", "modules.c8.revenue_gas"),
    (GOV, "H31", "modules.c9.female_board_members"),
    (GOV, "H32", "modules.c9.male_board_members"),
)
TARGET_ROWS = {"scope1": 22, "scope2_location_based": 23, "scope2_market_based": 24, "scope3": 30}


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- fill ------------------------------------------------------------------------------------

def fill_template(report: Any, target: Path, waste_unit: str = UNIT_T, template: Path = TEMPLATE) -> Path:
    """Write the report's inputs into a copy of the empty template at ``target``."""
    doc = DocView(as_document(report))
    wb = openpyxl.load_workbook(template)
    for sheet, cell, path in SCALARS:
        wb[sheet][cell] = _num(doc.number(path))
    env, soc, gov, fc = wb[ENV], wb[SOC], wb[GOV], wb[FUEL]
    b3, b7, b8, b9, b10, c3 = (doc.sub(f"modules.{m}") for m in ("b3", "b7", "b8", "b9", "b10", "c3"))
    env["G10"] = True
    _fill_fuels(b3, env, fc)
    has_s3 = scope3_flag(b3)
    env["G29"] = has_s3
    cats = [c.number("emissions") for c in b3.items("scope3_categories")]
    if any(v is not None for v in cats):
        for i, v in enumerate(cats[:15]):
            env[f"D{30 + i}"] = _num(v)
    else:
        env["D30"] = _num(b3.number("scope3_emissions"))
    targets = list(c3.items("targets"))
    env["J19"] = bool(targets)
    for t in targets:
        row = TARGET_ROWS.get(str(t.value("scope")))
        if row is None:
            continue
        env[f"G{row}"], env[f"J{row}"] = _num(t.number("base_year_value")), _num(t.number("target_year_value"))
        env["G21"], env["J21"] = t.value("base_year"), t.value("target_year")
    env["D309"] = doc.number("modules.b6.water_discharge") is not None
    _fill_waste(b7, env, waste_unit)
    _fill_materials(b7, env)
    # Soc!D141 hours per full-time employee: measured hours / employees when hours are measured.
    employees, measured = doc.number("modules.b1.number_of_employees"), b9.number("hours_worked")
    per_fte = b9.number("hours_per_full_time_employee") or Decimal(2000)
    if measured is not None and employees:
        per_fte = measured / employees
    soc["D141"] = float(per_fte)
    for row, group in zip(range(157, 161), GENDER_GROUPS, strict=False):
        soc[f"D{row}"] = _num(per_gender_training_average(b10, b8, group))
    gov["H30"] = doc.number("modules.c9.female_board_members") is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def _fill_fuels(b3: DocView, env: Any, fc: Any) -> None:
    rows = list(b3.items("fuel_activities"))
    if rows and all(unit_kind(r.text("unit")) == "energy" for r in rows):
        # The Fuel Converter takes no energy units: the template lets the undertaking overwrite
        # Env!G14/J14 with its MWh (note in Env!M14).
        ren = non = None
        for r in rows:
            key = normalise_fuel_key(r.value("fuel"))
            mwh = (r.number("quantity") or Decimal(0)) * _to_mwh(r.text("unit"))
            if key is not None and FUELS_BY_KEY[key].renewable:
                ren = (ren or Decimal(0)) + mwh
            else:
                non = (non or Decimal(0)) + mwh
        env["G14"] = "-" if ren is None else float(ren)
        env["J14"] = "-" if non is None else float(non)
        return
    fc["D23"] = True
    for i, r in enumerate(rows[:10]):
        key = normalise_fuel_key(r.value("fuel"))
        fc[f"A{10 + i}"] = FUELS_BY_KEY[key].name if key else r.text("fuel")
        fc[f"B{10 + i}"] = FUEL_UNITS.get((r.text("unit") or "").lower().replace("³", "3"), r.text("unit"))
        fc[f"C{10 + i}"] = _num(r.number("quantity"))


def _to_mwh(unit: str | None) -> Decimal:
    from vsme_pipeline.calculations.units import energy_to_mwh

    return energy_to_mwh(Decimal(1), unit) or Decimal(0)


def _fill_waste(b7: DocView, env: Any, unit: str) -> None:
    streams = list(b7.items("waste_streams"))
    env["G423"] = unit if streams else None
    for i, s in enumerate(streams[:100]):
        row = 323 + i
        env[f"D{row}"] = HAZARDOUS_LABEL if s.flag("hazardous") else NON_HAZARDOUS_LABEL
        env[f"G{row}"] = UNIT_T
        div, dis = s.number("diverted_to_recycling_or_reuse_mass"), s.number("directed_to_disposal_mass")
        if div is None and dis is None:
            div = s.number("total_mass")
        env[f"J{row}"], env[f"K{row}"] = _num(div), _num(dis)


def _fill_materials(b7: DocView, env: Any) -> None:
    mats = list(b7.items("materials"))
    env["G433"] = bool(mats)
    for i, m in enumerate(mats[:100]):
        row = 435 + i
        env[f"D{row}"] = m.text("name") or f"material {i + 1}"
        if m.number("weight") is not None:
            env[f"G{row}"], env[f"J{row}"] = _num(m.number("weight")), UNIT_T
        else:
            env[f"G{row}"], env[f"J{row}"] = _num(m.number("volume")), UNIT_M3


# --- recalculate -------------------------------------------------------------------------------

def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(paths: Sequence[Path], outdir: Path) -> list[Path]:
    """Recalculate and re-save the workbooks with LibreOffice headless (one process for all)."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: see scripts/system-packages.txt")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [binary, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), *map(str, paths)],
            check=True, capture_output=True, timeout=600,
        )
    out = [outdir / p.name for p in paths]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return out


# --- compare -----------------------------------------------------------------------------------

Design = Callable[[DocView, MetricSet], str | None]


@dataclass(frozen=True)
class Check:
    """One computed template cell and the project metric it corresponds to."""

    sheet: str
    cell: str
    key: str
    scale: Decimal = Decimal(1)  # project value × scale = template convention (e.g. % → fraction)
    rel_tol: float = 1e-9
    design: Design | None = None  # reason when the project deliberately differs in this case

    @property
    def ref(self) -> str:
        return f"'{self.sheet}'!{self.cell}"


def _b3(doc: DocView, path: str) -> Decimal | None:
    return doc.number(f"modules.b3.{path}")


def _no_renewable_fuel(doc: DocView, ms: MetricSet) -> str | None:
    return "no renewable fuel listed: template '-', project 0 MWh" if ms.value("b3.fuels_renewable_mwh") == 0 else None


def _no_non_renewable_fuel(doc: DocView, ms: MetricSet) -> str | None:
    return "no non-renewable fuel listed: template '-', project 0 MWh" if ms.value("b3.fuels_non_renewable_mwh") == 0 else None


def _lb_blank(doc: DocView, ms: MetricSet) -> str | None:
    if _b3(doc, "scope1_emissions") is None or _b3(doc, "scope2_location_based_emissions") is None:
        return "a scope left blank: template sums what is there, project gives no total"
    return None


def _s3_zero(doc: DocView, ms: MetricSet) -> str | None:
    return "Scope 3 of 0 (or not disclosed): template '-', project 0" if not ms.value("b3.scope3_tco2e") else None


def _total_incomplete(doc: DocView, ms: MetricSet) -> str | None:
    return _lb_blank(doc, ms) or _s3_zero(doc, ms) or (
        None if scope3_flag(doc.sub("modules.b3")) else "Scope 3 not disclosed: template '-'")


def _intensity_s3(doc: DocView, ms: MetricSet) -> str | None:
    if scope3_flag(doc.sub("modules.b3")):
        return "Scope 3 disclosed: template gives only the intensities including Scope 3"
    return _lb_blank(doc, ms)


def _mb_intensity(doc: DocView, ms: MetricSet) -> str | None:
    return "Scope 3 disclosed: template gives only the intensities including Scope 3" if scope3_flag(doc.sub("modules.b3")) else None


def _target_blank(scope: str) -> Design:
    def design(doc: DocView, ms: MetricSet) -> str | None:
        for t in doc.sub("modules.c3").items("targets"):
            if t.value("scope") == scope and t.number("target_year_value") is None:
                return "target-year value blank: template −(1 − 0/base) = −1, project not computable"
        return None
    return design


def _discharge_exceeds(doc: DocView, ms: MetricSet) -> str | None:
    w, d = doc.number("modules.b6.total_water_withdrawal"), doc.number("modules.b6.water_discharge")
    return "discharge > withdrawal: template negative consumption, project not computable" if w is not None and d is not None and d > w else None


def _covered_exceeds(doc: DocView, ms: MetricSet) -> str | None:
    c, e = doc.number("modules.b10.employees_covered_by_cba"), doc.number("modules.b1.number_of_employees")
    return "more covered than employees: template > 100 %, project not computable" if c is not None and e is not None and c > e else None


def _training_weighted(doc: DocView, ms: MetricSet) -> str | None:
    return "training average: project weights by employees (total hours ÷ employees), template averages the per-gender averages"


def _board_zero(doc: DocView, ms: MetricSet) -> str | None:
    c9 = doc.sub("modules.c9")
    if 0 in (c9.number("female_board_members"), c9.number("male_board_members")):
        return "a group with no members: template 0, project not computable (ratio undefined) or 0"
    return None


PCT = Decimal("0.01")
NEG_PCT = Decimal("-0.01")


def checks(waste_unit: str = UNIT_T) -> tuple[Check, ...]:
    """Every computed template cell compared with a project metric."""
    w = "t" if waste_unit == UNIT_T else "kg"
    return (
        Check(ENV, "G14", "b3.fuels_renewable_mwh", rel_tol=1e-6, design=_no_renewable_fuel),
        Check(ENV, "G14", "b3.fuels_renewable_mwh_template", rel_tol=1e-6),
        Check(ENV, "J14", "b3.fuels_non_renewable_mwh", rel_tol=1e-6, design=_no_non_renewable_fuel),
        Check(ENV, "J14", "b3.fuels_non_renewable_mwh_template", rel_tol=1e-6),
        Check(ENV, "K14", "b3.fuels_mwh_template", rel_tol=1e-6),
        Check(ENV, "D25", "b3.scope1_2_location_tco2e", design=_lb_blank),
        Check(ENV, "D25", "b3.scope1_2_location_tco2e_template"),
        Check(ENV, "D26", "b3.scope1_2_market_tco2e"),
        Check(ENV, "D45", "b3.scope3_tco2e", design=_s3_zero),
        Check(ENV, "D45", "b3.scope3_tco2e_template"),
        Check(ENV, "D46", "b3.total_location_tco2e", design=_total_incomplete),
        Check(ENV, "D46", "b3.total_location_tco2e_template"),
        Check(ENV, "D47", "b3.total_market_tco2e", design=_total_incomplete),
        Check(ENV, "G66", "b3.ghg_intensity_location", design=_intensity_s3),
        Check(ENV, "G66", "b3.ghg_intensity_location_template"),
        Check(ENV, "G67", "b3.ghg_intensity_market", design=_mb_intensity),
        Check(ENV, "G67", "b3.ghg_intensity_market_template"),
        Check(ENV, "G68", "b3.ghg_intensity_total_location", design=_total_incomplete),
        Check(ENV, "G68", "b3.ghg_intensity_total_location_template"),
        Check(ENV, "G69", "b3.ghg_intensity_total_market"),
        Check(ENV, "K22", "c3.scope1_target_reduction_percent", scale=NEG_PCT, design=_target_blank("scope1")),
        Check(ENV, "K22", "c3.scope1_target_change_template"),
        Check(ENV, "K23", "c3.scope2_location_target_reduction_percent", scale=NEG_PCT, design=_target_blank("scope2_location_based")),
        Check(ENV, "K23", "c3.scope2_location_target_change_template"),
        Check(ENV, "K24", "c3.scope2_market_target_reduction_percent", scale=NEG_PCT, design=_target_blank("scope2_market_based")),
        Check(ENV, "K24", "c3.scope2_market_target_change_template"),
        Check(ENV, "K25", "c3.scope1_2_location_target_change"),
        Check(ENV, "K26", "c3.scope1_2_market_target_change"),
        Check(ENV, "K45", "c3.scope3_target_change_template"),
        Check(ENV, "K46", "c3.total_location_target_change"),
        Check(ENV, "K47", "c3.total_market_target_change"),
        Check(ENV, "D311", "b6.water_consumption_m3", design=_discharge_exceeds),
        Check(ENV, "J423", f"b7.hazardous_waste_from_streams_{w}"),
        Check(ENV, "J424", f"b7.non_hazardous_waste_from_streams_{w}"),
        Check(ENV, "J425", f"b7.total_waste_from_streams_{w}"),
        Check(ENV, "G535", "b7.materials_mass_kg"),
        Check(ENV, "G536", "b7.materials_volume_m3"),
        Check(SOC, "D11", "b8.temporary_employees"),
        Check(SOC, "D137", "b8.employee_turnover_rate_percent", scale=PCT),
        Check(SOC, "D142", "b9.hours_worked_h"),
        Check(SOC, "D143", "b9.accident_rate"),
        Check(SOC, "D150", "b10.gender_pay_gap_percent", scale=PCT),
        Check(SOC, "D152", "b10.collective_bargaining_coverage_percent", scale=PCT, design=_covered_exceeds),
        Check(SOC, "C162", "b10.training_hours_per_employee", design=_training_weighted),
        Check(SOC, "C162", "b10.training_hours_per_employee_template"),
        Check(SOC, "D167", "c5.female_to_male_management_ratio"),
        Check(GOV, "H17", "c8.fossil_fuel_revenue_eur"),
        Check(GOV, "H33", "c9.board_gender_diversity_ratio", design=_board_zero),
        Check(GOV, "H33", "c9.board_gender_diversity_ratio_template"),
    )


@dataclass(frozen=True)
class Result:
    ref: str
    key: str
    template: Decimal | None
    project: Decimal | None
    status: str  # "agree" | "differs-by-design" | "unexplained"
    reason: str | None = None


def template_number(value: Any) -> Decimal | None:
    """A template cell as a number; "-", "", None, text and errors (#DIV/0!, Err:…) → None."""
    if isinstance(value, bool):
        return None
    return to_decimal(value) if isinstance(value, (int, float)) else None


def _close(a: Decimal, b: Decimal, rel_tol: float) -> bool:
    return abs(a - b) <= max(abs(a), abs(b)) * Decimal(str(rel_tol)) + Decimal("1e-12")


def compare(report: Any, values: dict[str, Any], metrics: MetricSet | None = None,
            waste_unit: str = UNIT_T) -> list[Result]:
    """Compare the recalculated cells (``values``: ``"'Sheet'!A1"`` → value) with the metrics."""
    doc = DocView(as_document(report))
    ms = metrics if metrics is not None else compute_metrics(report)
    results = []
    for check in checks(waste_unit):
        tpl = template_number(values.get(check.ref))
        raw = ms.value(check.key)
        proj = None if raw is None else raw * check.scale
        if (tpl is None and proj is None) or (tpl is not None and proj is not None and _close(tpl, proj, check.rel_tol)):
            results.append(Result(check.ref, check.key, tpl, proj, "agree"))
            continue
        reason = check.design(doc, ms) if check.design else None
        results.append(Result(check.ref, check.key, tpl, proj, "differs-by-design" if reason else "unexplained", reason))
    return results


def read_values(path: Path, refs: Iterable[str]) -> dict[str, Any]:
    """The cached (recalculated) values of the given ``'Sheet'!A1`` cells."""
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ref in refs:
        sheet, cell = ref.rsplit("!", 1)
        out[ref] = wb[sheet.strip("'")][cell].value
    return out


def run(reports: Sequence[Any], workdir: Path | None = None, waste_units: Sequence[str] | None = None) -> list[list[Result]]:
    """Fill, recalculate (one LibreOffice run) and compare each report."""
    units = list(waste_units) if waste_units is not None else [UNIT_T] * len(reports)
    with tempfile.TemporaryDirectory(prefix="vsme-conformance-") as tmp:
        base = workdir or Path(tmp)
        filled = [fill_template(r, base / "in" / f"case{i:04d}.xlsx", units[i]) for i, r in enumerate(reports)]
        done = recalculate(filled, base / "out")
        refs = sorted({c.ref for c in checks()} | {c.ref for c in checks(UNIT_KG)})
        return [compare(r, read_values(p, refs), waste_unit=u) for r, p, u in zip(reports, done, units, strict=False)]


# --- the sample --------------------------------------------------------------------------------

def report_from_workbook(path: Path = SAMPLE) -> dict[str, Any]:
    """The inputs of a filled template as a report document (snake_case paths)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    doc: dict[str, Any] = {}

    def put(path_: str, value: Any) -> None:
        node = doc
        *parents, leaf = path_.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value

    for sheet, cell, path_ in SCALARS:
        value = wb[sheet][cell].value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            put(path_, value)
    env, soc, gov, fc = wb[ENV], wb[SOC], wb[GOV], wb[FUEL]
    fuels = []
    for i in range(10):
        name, unit, qty = (fc[f"{c}{10 + i}"].value for c in "ABC")
        if name and qty is not None:
            fuels.append({"fuel": name, "unit": str(unit).split(" - ")[0], "quantity": qty})
    put("modules.b3.fuel_activities", fuels)
    put("modules.b3.reports_scope3", env["G29"].value is True)
    cats = [{"category": str(i + 1), "emissions": env[f"D{30 + i}"].value} for i in range(15)
            if isinstance(env[f"D{30 + i}"].value, (int, float))]
    put("modules.b3.scope3_categories", cats)
    targets = []
    for scope, row in TARGET_ROWS.items():
        base, tgt = env[f"G{row}"].value, env[f"J{row}"].value
        if base is not None or tgt is not None:
            targets.append({"scope": scope, "base_year": env["G21"].value, "target_year": env["J21"].value,
                            "base_year_value": base, "target_year_value": tgt})
    put("modules.c3.targets", targets)
    streams = []
    for row in range(323, 423):
        kind, unit = env[f"D{row}"].value, env[f"G{row}"].value
        if not kind:
            continue
        factor = Decimal("0.001") if unit == UNIT_KG else Decimal(1)
        div, dis = (env[f"{c}{row}"].value for c in "JK")
        streams.append({"waste_type": kind, "hazardous": " Hazardous " in f" {kind} " and "Non-Hazardous" not in kind,
                        "diverted_to_recycling_or_reuse_mass": None if div is None else float(Decimal(str(div)) * factor),
                        "directed_to_disposal_mass": None if dis is None else float(Decimal(str(dis)) * factor)})
    put("modules.b7.waste_streams", streams)
    mats = []
    for row in range(435, 535):
        name, value, unit = env[f"D{row}"].value, env[f"G{row}"].value, env[f"J{row}"].value
        if value is None:
            continue
        if unit == UNIT_M3:
            mats.append({"name": name, "volume": value})
        else:
            mats.append({"name": name, "weight": float(Decimal(str(value)) / (1000 if unit == UNIT_KG else 1))})
    put("modules.b7.materials", mats)
    employees = wb[GEN]["E284"].value
    hours = soc["D141"].value
    if isinstance(hours, (int, float)) and isinstance(employees, (int, float)):
        put("modules.b9.hours_per_full_time_employee", hours)
    for row, group in zip(range(157, 161), GENDER_GROUPS, strict=False):
        avg, count = soc[f"D{row}"].value, soc[f"D{18 + row - 157}"].value
        if isinstance(avg, (int, float)) and isinstance(count, (int, float)):
            put(f"modules.b10.training_hours_{group}", float(Decimal(str(avg)) * Decimal(str(count))))
    del gov
    return doc


def sample_waste_unit(path: Path = SAMPLE) -> str:
    return str(openpyxl.load_workbook(path, data_only=True)[ENV]["G423"].value or UNIT_T)
