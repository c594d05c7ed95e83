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

import functools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string  # type: ignore[import-untyped]

from vsme_pipeline.calculations.access import DocView, as_document
from vsme_pipeline.calculations.compute import compute_metrics
from vsme_pipeline.calculations.formulas import SCOPE3_CATEGORIES
from vsme_pipeline.calculations.fuels import FUELS_BY_KEY, normalise_fuel_key
from vsme_pipeline.calculations.metric import MetricSet
from vsme_pipeline.calculations.template import (
    GENDER_GROUPS,
    benchmark_criteria,
    none_of_the_above,
    per_gender_training_average,
    scope3_category_rows,
    scope3_flag,
    stream_volume_m3,
)
from vsme_pipeline.calculations.units import energy_to_mwh, to_decimal, unit_kind

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
    (GOV, "H12", "modules.c8.revenue_controversial_weapons"),
    (GOV, "H13", "modules.c8.revenue_tobacco"),
    (GOV, "H14", "modules.c8.revenue_coal"),
    (GOV, "H15", "modules.c8.revenue_oil"),
    (GOV, "H16", "modules.c8.revenue_gas"),
    (GOV, "H18", "modules.c8.revenue_chemicals"),
    (GOV, "H31", "modules.c9.female_board_members"),
    (GOV, "H32", "modules.c9.male_board_members"),
)
TARGET_ROWS = {"scope1": 22, "scope2_location_based": 23, "scope2_market_based": 24, "scope3": 30}


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- fill ------------------------------------------------------------------------------------

Cell = tuple[str, str]  # (sheet, "A1")


def template_inputs(report: Any, waste_unit: str = UNIT_T) -> dict[Cell, Any]:
    """Every input cell the report fills, with its value (None = left blank), in writing order."""
    doc = DocView(as_document(report))
    out: dict[Cell, Any] = {}
    for sheet, cell, path in SCALARS:
        out[sheet, cell] = _num(doc.number(path))
    b3, b7, b8, b9, b10, c3, c8 = (doc.sub(f"modules.{m}") for m in ("b3", "b7", "b8", "b9", "b10", "c3", "c8"))
    out[ENV, "G10"] = True
    _fill_fuels(b3, out)
    has_s3 = scope3_flag(b3)
    out[ENV, "G29"] = has_s3
    rows = scope3_category_rows(b3)
    if rows:
        for i, c in rows:
            out[ENV, f"D{30 + i}"] = _num(c.number("emissions"))
            out[ENV, f"G{30 + i}"] = _num(c.number("base_year_emissions"))
            out[ENV, f"J{30 + i}"] = _num(c.number("target_year_emissions"))
    else:
        out[ENV, "D30"] = _num(b3.number("scope3_emissions"))
    per_category = any(out.get((ENV, f"{col}{30 + i}")) is not None for i, _ in rows for col in "GJ")
    targets = list(c3.items("targets"))
    out[ENV, "J19"] = bool(targets)
    for t in targets:
        row = TARGET_ROWS.get(str(t.value("scope")))
        if row is None or (row == TARGET_ROWS["scope3"] and per_category):
            continue  # Scope 3 base / target come from the category rows when they carry them
        out[ENV, f"G{row}"], out[ENV, f"J{row}"] = _num(t.number("base_year_value")), _num(t.number("target_year_value"))
        out[ENV, "G21"], out[ENV, "J21"] = t.value("base_year"), t.value("target_year")
    out[ENV, "D309"] = doc.number("modules.b6.water_discharge") is not None
    _fill_waste(b7, out, waste_unit)
    _fill_materials(b7, out)
    # Soc!D141 hours per full-time employee: measured hours / employees when hours are measured.
    employees, measured = doc.number("modules.b1.number_of_employees"), b9.number("hours_worked")
    per_fte = b9.number("hours_per_full_time_employee") or Decimal(2000)
    if measured is not None and employees:
        per_fte = measured / employees
    out[SOC, "D141"] = float(per_fte)
    for row, group in zip(range(157, 161), GENDER_GROUPS, strict=False):
        out[SOC, f"D{row}"] = _num(per_gender_training_average(b10, b8, group))
    # Gov!H22:H26: the benchmark criteria as the undertaking answers them from its revenues.
    turnover = c8.number("turnover_reference")
    criteria = benchmark_criteria(c8, turnover if turnover is not None else doc.number("modules.b1.turnover"))
    for row, answer in zip(range(22, 26), criteria, strict=True):
        out[GOV, f"H{row}"] = answer
    out[GOV, "H26"] = none_of_the_above(criteria)
    out[GOV, "H30"] = doc.number("modules.c9.female_board_members") is not None
    return out


def fill_template(report: Any, target: Path, waste_unit: str = UNIT_T, template: Path = TEMPLATE) -> Path:
    """Write the report's inputs into a copy of the empty template at ``target``."""
    wb = openpyxl.load_workbook(template)
    for (sheet, cell), value in template_inputs(report, waste_unit).items():
        wb[sheet][cell] = value
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def _fill_fuels(b3: DocView, out: dict[Cell, Any]) -> None:
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
        out[ENV, "G14"] = "-" if ren is None else float(ren)
        out[ENV, "J14"] = "-" if non is None else float(non)
        return
    out[FUEL, "D23"] = True
    for i, r in enumerate(rows[:10]):
        key = normalise_fuel_key(r.value("fuel"))
        out[FUEL, f"A{10 + i}"] = FUELS_BY_KEY[key].name if key else r.text("fuel")
        out[FUEL, f"B{10 + i}"] = FUEL_UNITS.get((r.text("unit") or "").lower().replace("³", "3"), r.text("unit"))
        out[FUEL, f"C{10 + i}"] = _num(r.number("quantity"))


def _to_mwh(unit: str | None) -> Decimal:
    return energy_to_mwh(Decimal(1), unit) or Decimal(0)


def _fill_waste(b7: DocView, out: dict[Cell, Any], unit: str) -> None:
    streams = list(b7.items("waste_streams"))
    out[ENV, "G423"] = unit if streams else None
    for i, s in enumerate(streams[:100]):
        row = 323 + i
        out[ENV, f"D{row}"] = HAZARDOUS_LABEL if s.flag("hazardous") else NON_HAZARDOUS_LABEL
        if stream_volume_m3(s) is not None:  # a row in m³ (the stream has no mass)
            out[ENV, f"G{row}"] = UNIT_M3
            div, dis = s.number("diverted_to_recycling_or_reuse_volume"), s.number("directed_to_disposal_volume")
            if div is None and dis is None:
                div = s.number("total_volume")
        else:
            out[ENV, f"G{row}"] = UNIT_T
            div, dis = s.number("diverted_to_recycling_or_reuse_mass"), s.number("directed_to_disposal_mass")
            if div is None and dis is None:
                div = s.number("total_mass")
        out[ENV, f"J{row}"], out[ENV, f"K{row}"] = _num(div), _num(dis)


def _fill_materials(b7: DocView, out: dict[Cell, Any]) -> None:
    mats = list(b7.items("materials"))
    out[ENV, "G433"] = bool(mats)
    for i, m in enumerate(mats[:100]):
        row = 435 + i
        out[ENV, f"D{row}"] = m.text("name") or f"material {i + 1}"
        if m.number("weight") is not None:
            out[ENV, f"G{row}"], out[ENV, f"J{row}"] = _num(m.number("weight")), UNIT_T
        else:
            out[ENV, f"G{row}"], out[ENV, f"J{row}"] = _num(m.number("volume")), UNIT_M3


# --- recalculate -------------------------------------------------------------------------------

def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(paths: Sequence[Path], outdir: Path) -> list[Path]:
    """Recalculate and re-save workbook files with LibreOffice headless (one process for all).

    The file path: each workbook is loaded, recalculated and saved.  :class:`CalcSession` is the
    fast path for many cases of one template (benchmarks/template_conformance.py compares them).
    """
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


WORKER = Path(__file__).with_name("template_calc_worker.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", "/opt/libreoffice/program/python")


@functools.cache
def uno_python() -> str | None:
    """A Python that can ``import uno`` (``VSME_UNO_PYTHON``, else Debian's python3 with python3-uno)."""
    candidates = [os.environ["VSME_UNO_PYTHON"]] if os.environ.get("VSME_UNO_PYTHON") else list(UNO_PYTHONS)
    for candidate in candidates:
        if Path(candidate).exists() and subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                                       timeout=60).returncode == 0:
            return candidate
    return None


class CalcSession:
    """One LibreOffice process with the template loaded once; each case sets its input cells,
    LibreOffice recalculates what depends on them, the harness reads the computed cells, and the
    next case starts from the empty template again (the worker restores the cells it wrote).

    ``with CalcSession() as calc: values = calc.evaluate(template_inputs(report), refs)``
    """

    def __init__(self, template: Path = TEMPLATE, timeout_s: float = 300) -> None:
        self.template, self.timeout_s = template, timeout_s
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> "CalcSession":
        python = uno_python()
        if python is None or soffice() is None:
            raise RuntimeError("LibreOffice with its Python bridge is not installed "
                               "(libreoffice-calc-nogui and python3-uno: see scripts/system-packages.txt)")
        self._process = subprocess.Popen([python, str(WORKER), str(self.template)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready = self._reply()
        if not ready.get("ready"):
            raise RuntimeError(f"LibreOffice session did not start: {ready}")
        return self

    def _reply(self) -> dict[str, Any]:
        assert self._process is not None and self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            err = self._process.stderr.read() if self._process.stderr else ""
            raise RuntimeError(f"LibreOffice session ended: {err[-2000:]}")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def evaluate(self, inputs: Mapping[Cell, Any], refs: Iterable[str]) -> dict[str, Any]:
        """Set the input cells (all others as in the template), recalculate, read ``'Sheet'!A1`` refs."""
        assert self._process is not None and self._process.stdin is not None, "use CalcSession as a context manager"
        refs = list(refs)
        cells = [ref.rsplit("!", 1) for ref in refs]
        request = {"set": [[sheet, cell, value] for (sheet, cell), value in inputs.items()],
                   "read": [[sheet.strip("'"), cell] for sheet, cell in cells]}
        self._process.stdin.write(json.dumps(request, default=str) + "\n")
        self._process.stdin.flush()
        reply = self._reply()
        if "error" in reply:
            raise RuntimeError(f"LibreOffice session: {reply['error']}")
        return {ref: _cell_value(v) for ref, v in zip(refs, reply["values"], strict=True)}

    def __exit__(self, *exc: object) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


def _cell_value(value: Any) -> Any:
    """A worker value as openpyxl would read it: a formula error becomes an error text."""
    return f"#ERR{value['error']}" if isinstance(value, dict) else value


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
    text: bool = False  # a YES/NO text cell, compared with the metric's categorical result

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
    if d is not None and w is None:
        return "withdrawal blank: template counts it as 0 (consumption −discharge), project not computable"
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


def _scope3_target_total_only(doc: DocView, ms: MetricSet) -> str | None:
    b3 = doc.sub("modules.b3")
    per_category = any(c.number(f) is not None for _, c in scope3_category_rows(b3)
                       for f in ("base_year_emissions", "target_year_emissions"))
    if not per_category and any(t.value("scope") == "scope3" for t in doc.sub("modules.c3").items("targets")):
        return ("Scope 3 target given as a total only: the template has no total-only input, the harness enters it "
                "in category row 1 (K30 = the total's change); the project gives no per-category change")
    return None


def _benchmark_weapons_tobacco(doc: DocView, ms: MetricSet) -> str | None:
    c8 = doc.sub("modules.c8")
    if any((c8.number(f) or 0) > 0 for f in ("revenue_controversial_weapons", "revenue_tobacco")):
        return ("revenue from controversial weapons or tobacco: project excluded (Art. 12(1)(a)-(b) of Reg. 2020/1818), "
                "template H27 tests the fossil-fuel and electricity criteria H22:H25 only")
    if any((c8.number(f) or 0) < 0 for f in ("revenue_coal", "revenue_oil", "revenue_gas",
                                              "revenue_high_intensity_electricity_generation")):
        return "negative revenue: project not computable, template tests the share as given"
    if c8.flag("has_revenues_from_listed_sectors") and ms.get("c8.paris_aligned_benchmark_excluded") is not None:
        return "active in a listed sector but no revenue given: project not computable, template NO"
    return None


PCT = Decimal("0.01")
NEG_PCT = Decimal("-0.01")


def checks(waste_unit: str = UNIT_T) -> tuple[Check, ...]:
    """Every computed template cell compared with a project metric."""
    w = "t" if waste_unit == UNIT_T else "kg"
    return (
        Check(ENV, "K12", "b3.purchased_electricity_mwh_template"),
        Check(ENV, "K13", "b3.self_generated_electricity_mwh_template"),
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
        Check(ENV, "D47", "b3.total_market_tco2e_template"),
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
        *(Check(ENV, f"K{30 + i}", f"c3.scope3_{cat}_target_change", design=_scope3_target_total_only if i == 0 else None)
          for i, cat in enumerate(SCOPE3_CATEGORIES)),
        Check(ENV, "K45", "c3.scope3_target_change_template"),
        *(Check(ENV, f"{col}{row}", f"c3.{name}_{year}_year_tco2e")
          for name, row in (("scope1_2_location", 25), ("scope1_2_market", 26), ("scope3", 45), ("total_location", 46),
                            ("total_market", 47))
          for year, col in (("base", "G"), ("target", "J"))),
        Check(ENV, "K46", "c3.total_location_target_change"),
        Check(ENV, "K47", "c3.total_market_target_change"),
        Check(ENV, "D311", "b6.water_consumption_m3", design=_discharge_exceeds),
        Check(ENV, "D311", "b6.water_consumption_m3_template"),
        Check(ENV, "J423", f"b7.hazardous_waste_from_streams_{w}"),
        Check(ENV, "J424", f"b7.non_hazardous_waste_from_streams_{w}"),
        Check(ENV, "J425", f"b7.total_waste_from_streams_{w}"),
        Check(ENV, "J426", "b7.hazardous_waste_volume_from_streams_m3"),
        Check(ENV, "J427", "b7.non_hazardous_waste_volume_from_streams_m3"),
        Check(ENV, "J428", "b7.total_waste_volume_from_streams_m3"),
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
        Check(GOV, "H27", "c8.paris_aligned_benchmark_excluded", text=True, design=_benchmark_weapons_tobacco),
        Check(GOV, "H27", "c8.paris_aligned_benchmark_excluded_template", text=True),
        Check(GOV, "H33", "c9.board_gender_diversity_ratio", design=_board_zero),
        Check(GOV, "H33", "c9.board_gender_diversity_ratio_template"),
    )


@dataclass(frozen=True)
class Result:
    ref: str
    key: str
    template: Decimal | str | None
    project: Decimal | str | None
    status: str  # "agree" | "differs-by-design" | "unexplained"
    reason: str | None = None


def template_number(value: Any) -> Decimal | None:
    """A template cell as a number; "-", "", None, text and errors (#DIV/0!, Err:…) → None."""
    if isinstance(value, bool):
        return None
    return to_decimal(value) if isinstance(value, (int, float)) else None


def template_text(value: Any) -> str | None:
    """A template text cell: "-", "" and None → None (not computable)."""
    return value if isinstance(value, str) and value not in ("", "-") and not value.startswith("#") else None


def _metric_text(ms: MetricSet, key: str) -> str | None:
    metric = ms.get(key)
    if metric is None or not metric.computable:
        return None
    if isinstance(metric.result, bool):
        return "YES" if metric.result else "NO"
    return metric.result


def _close(a: Decimal, b: Decimal, rel_tol: float) -> bool:
    return abs(a - b) <= max(abs(a), abs(b)) * Decimal(str(rel_tol)) + Decimal("1e-12")


def compare(report: Any, values: dict[str, Any], metrics: MetricSet | None = None,
            waste_unit: str = UNIT_T) -> list[Result]:
    """Compare the recalculated cells (``values``: ``"'Sheet'!A1"`` → value) with the metrics."""
    doc = DocView(as_document(report))
    ms = metrics if metrics is not None else compute_metrics(report)
    results = []
    for check in checks(waste_unit):
        tpl: Decimal | str | None
        proj: Decimal | str | None
        if check.text:
            tpl, proj = template_text(values.get(check.ref)), _metric_text(ms, check.key)
            same = tpl == proj
        else:
            tpl = template_number(values.get(check.ref))
            raw = ms.value(check.key)
            proj = None if raw is None else raw * check.scale
            same = (tpl is None and proj is None) or (tpl is not None and proj is not None and _close(tpl, proj, check.rel_tol))
        if same:
            results.append(Result(check.ref, check.key, tpl, proj, "agree"))
            continue
        reason = check.design(doc, ms) if check.design else None
        results.append(Result(check.ref, check.key, tpl, proj, "differs-by-design" if reason else "unexplained", reason))
    return results


def read_values(path: Path, refs: Iterable[str]) -> dict[str, Any]:
    """The cached (recalculated) values of the given ``'Sheet'!A1`` cells of a workbook file."""
    wanted: dict[str, dict[tuple[int, int], str]] = {}
    for ref in refs:
        sheet, cell = ref.rsplit("!", 1)
        col, row = coordinate_from_string(cell)
        wanted.setdefault(sheet.strip("'"), {})[row, column_index_from_string(col)] = ref
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)  # streamed: only the sheets needed
    out: dict[str, Any] = dict.fromkeys(ref for cells in wanted.values() for ref in cells.values())
    try:
        for sheet, cells in wanted.items():
            rows = [r for r, _ in cells]
            for row in wb[sheet].iter_rows(min_row=min(rows), max_row=max(rows)):
                for c in row:
                    found = cells.get((getattr(c, "row", 0), getattr(c, "column", 0)))
                    if found is not None:
                        out[found] = c.value
    finally:
        wb.close()
    return out


def all_refs() -> list[str]:
    """Every cell any check reads (both waste units)."""
    return sorted({c.ref for c in checks()} | {c.ref for c in checks(UNIT_KG)})


def run(reports: Sequence[Any], waste_units: Sequence[str] | None = None,
        session: CalcSession | None = None) -> list[list[Result]]:
    """Fill, recalculate and compare each report, all in one LibreOffice session."""
    units = list(waste_units) if waste_units is not None else [UNIT_T] * len(reports)
    if session is None:
        with CalcSession() as calc:
            return run(reports, units, calc)
    refs = all_refs()
    return [compare(r, session.evaluate(template_inputs(r, u), refs), waste_unit=u)
            for r, u in zip(reports, units, strict=True)]


def run_files(reports: Sequence[Any], workdir: Path | None = None,
              waste_units: Sequence[str] | None = None) -> list[list[Result]]:
    """The same through files: openpyxl fills a copy per case, one ``soffice --convert-to`` call
    recalculates them all, openpyxl reads them back (the slow path; the benchmark's baseline)."""
    units = list(waste_units) if waste_units is not None else [UNIT_T] * len(reports)
    with tempfile.TemporaryDirectory(prefix="vsme-conformance-") as tmp:
        base = workdir or Path(tmp)
        filled = [fill_template(r, base / "in" / f"case{i:04d}.xlsx", units[i]) for i, r in enumerate(reports)]
        done = recalculate(filled, base / "out")
        refs = all_refs()
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
    cats = []
    for i in range(15):  # rows 30..44: current year (D), base year (G), target year (J) of a category
        d, g, j = (_number_or_none(env[f"{c}{30 + i}"].value) for c in "DGJ")
        if d is not None or g is not None or j is not None:
            cats.append({"category": SCOPE3_CATEGORIES[i], "emissions": d, "base_year_emissions": g,
                         "target_year_emissions": j})
    put("modules.b3.scope3_categories", cats)
    targets = []
    for scope, row in TARGET_ROWS.items():
        if scope == "scope3":
            continue  # the category rows carry the Scope 3 base / target values
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


def _number_or_none(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def sample_waste_unit(path: Path = SAMPLE) -> str:
    return str(openpyxl.load_workbook(path, data_only=True)[ENV]["G423"].value or UNIT_T)


# --- cells deliberately not compared --------------------------------------------------------

VALIDATION = ("validation flag of the template's completeness checks (OK / missing value / inconsistency); "
              "the project's validation rules (vsme_pipeline/validation) check completeness, no metric")
LABEL = "label, heading or reporting-period text built from the inputs (no value)"
COPY = "display copy of an input cell of another sheet (no calculation)"
FUEL_ROW = ("Fuel Converter per-row step (fuel lookup, state, NCV, density, TJ); its row result F10:F19 is compared "
            "fuel by fuel in tests/conformance (test_every_fuel_of_the_table_gives_the_templates_mwh)")
GEOLOCATION = ("site geolocation: WEBSERVICE call to a map service and map links from the site address; "
               "a network lookup, no metric (never evaluated offline)")

# (sheet, area, reason): every formula cell that depends on an input cell and is not compared by
# :func:`checks` lies in one of these (tests/conformance/test_template_coverage.py).
NOT_COMPARED: tuple[tuple[str, str, str], ...] = (
    ("Table of Contents & Validation", "A1:Z200", "table of contents: completeness status per disclosure (validation)"),
    (GEN, "F3:F391", VALIDATION),
    (GEN, "I397:I505", VALIDATION),
    (GEN, "P512", VALIDATION),
    (GEN, "E516:E518", VALIDATION),
    (GEN, "H521:H531", VALIDATION),
    (GEN, "C1:C600", LABEL),
    (GEN, "D9", LABEL),
    (GEN, "D13", LABEL),
    (GEN, "H406:H505", GEOLOCATION),
    (GEN, "J406:K505", GEOLOCATION),
    ("Technical Sheet", "D1:G300", GEOLOCATION),
    ("Technical Sheet", "B1:B3", LABEL),
    (ENV, "C1:C600", LABEL),
    (ENV, "D21", LABEL),
    (ENV, "D62", LABEL),
    (ENV, "L1:M322", VALIDATION),
    (ENV, "M323:M422", VALIDATION),
    (ENV, "L323:L422", "row total of one waste stream (diverted + disposal); the totals J423:J428 over these rows are compared"),
    (ENV, "L540:M600", VALIDATION),
    (ENV, "E303:E310", VALIDATION),
    (ENV, "H316:H317", VALIDATION),
    (ENV, "G293:G295", VALIDATION),
    (ENV, "K435:K534", VALIDATION),
    (ENV, "G424:G425", "unit label: a copy of the waste unit chosen in G423"),
    (ENV, "D56", "C3 high-climate-impact flag: NACE codes of General Information looked up in the template's list; "
                 "the project applies it in validation (vsme_pipeline/validation/rules/c3.py), no metric"),
    (ENV, "D188:D287", COPY),
    (SOC, "C1:C161", LABEL),
    (SOC, "C163:C300", LABEL),
    (SOC, "F2:F4", COPY),
    (SOC, "D12", COPY),
    (SOC, "D22", COPY),
    (SOC, "E129", COPY),
    (SOC, "H10:H18", VALIDATION),
    (SOC, "I1:I300", VALIDATION),
    (GOV, "C1:C100", LABEL),
    (GOV, "H11", LABEL),
    (GOV, "I1:I100", VALIDATION),
    (FUEL, "D10:E19", FUEL_ROW),
    (FUEL, "F10:F19", FUEL_ROW),
    (FUEL, "G10:G19", "Fuel Converter row status message (missing unit / quantity)"),
    (FUEL, "O10:BA23", FUEL_ROW),
    ("Unit Of Measurement Converter", "A1:Z100", "the template's stand-alone unit converter (its own value and units, no report data)"),
)
