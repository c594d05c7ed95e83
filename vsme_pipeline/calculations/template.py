"""Metrics as EFRAG's VSME Digital Template 1.3.0 computes them (its formulas, its conventions).

Every metric here names the template cell whose formula it reproduces (``sheet!cell`` in the
formula reference) and uses the template's unit convention: percentages and reductions are
fractions (0.25, not 25 %), target "reductions" are −(1 − target/base) (negative = reduction),
MWh = TJ × 277.778.  Where the project's own metric deliberately differs, the project metric keeps
its key and this module adds the template's value under a ``…_template`` key; values the project
did not compute before get keys of their own.  docs/disclosures.md lists every pair and why.

A template cell that shows "-" (or an Excel error) is a metric that is not computable here.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from vsme_pipeline.calculations.access import DocView
from vsme_pipeline.calculations.formulas import SCOPE3_CATEGORIES, make
from vsme_pipeline.calculations.fuels import fuel_energy
from vsme_pipeline.calculations.metric import Metric

TEMPLATE_MWH_PER_TJ = Decimal("277.778")  # 'Fuel Converter'!O23: O21 * 277.778 (GJ→MWh rounded)
THOUSAND = Decimal(1000)
ZERO = Decimal(0)


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def _div(num: Decimal | None, den: Decimal | None) -> Decimal | None:
    if num is None or den is None or den == 0:
        return None
    return num / den


# --- B3 energy (Fuel Converter → Env!G14:K14) -------------------------------------------------

def fuel_energy_template(b3: DocView) -> list[Metric]:
    """Fuel MWh as the template's Fuel Converter computes them (NCV × 277.778, "-" when none)."""
    rows = []
    for fuel in b3.items("fuel_activities"):
        source = fuel.value("energy_source")
        renewable = {"renewable": True, "non_renewable": False}.get(source) if isinstance(source, str) else None
        energy = fuel_energy(fuel.value("fuel"), fuel.value("quantity"), fuel.value("unit"),
                             ncv_tj_per_gg=fuel.value("ncv_tj_per_gg"), density=fuel.value("density"),
                             ncv_tj_per_unit=fuel.value("ncv_tj_per_unit"), renewable=renewable)
        if energy.tj is not None:
            rows.append((energy.tj * TEMPLATE_MWH_PER_TJ, energy.renewable))
    inputs: dict[str, Any] = {"fuel_rows_mwh": [m for m, _ in rows]}
    ren = [m for m, r in rows if r is True]
    non = [m for m, r in rows if r is False]
    # 'Fuel Converter'!A32/B32: "-" when no fuel of that renewability is listed.
    ren_v = _sum(ren) if ren else None
    non_v = _sum(non) if non else None
    total = None if ren_v is None and non_v is None else _sum((ren_v, non_v))
    reason = "no fuel of this kind listed (template shows '-')"
    return [
        make("b3.fuels_renewable_mwh_template", ren_v, inputs, reason=reason),
        make("b3.fuels_non_renewable_mwh_template", non_v, inputs, reason=reason),
        make("b3.fuels_mwh_template", total, inputs, reason="no fuel listed (template shows '-')"),
    ]


def electricity_rows_template(b3: DocView) -> list[Metric]:
    """Env!K12 / K13: IF(AND(G="",J=""),"-",SUM(G:J)) — renewable + non-renewable of the row."""
    out = []
    for key, name in (("b3.purchased_electricity_mwh_template", "electricity"),
                      ("b3.self_generated_electricity_mwh_template", "self_generated_electricity")):
        ren, non = b3.number(f"{name}.renewable"), b3.number(f"{name}.non_renewable")
        value = None if ren is None and non is None else _sum((ren, non))
        out.append(make(key, value, {"renewable_mwh": ren, "non_renewable_mwh": non},
                        reason="renewable and non-renewable both blank (template shows '-')"))
    return out


# --- B3 / C3 GHG ------------------------------------------------------------------------------

def ghg_template(b3: DocView, c3: DocView, turnover: Decimal | None) -> list[Metric]:
    """Env!D25:D47 totals, Env!G66:G69 intensities, Env!K22:K47 target changes."""
    s1, s2l, s2m = (b3.number(f) for f in ("scope1_emissions", "scope2_location_based_emissions",
                                           "scope2_market_based_emissions"))
    s3 = scope3_template(b3)
    has_s3 = scope3_flag(b3)
    inputs = {"scope1": s1, "scope2_location": s2l, "scope2_market": s2m, "scope3": s3,
              "scope3_disclosed": has_s3, "turnover": turnover}
    lb = _lb_total(s1, s2l)
    mb = None if s1 is None or s2m is None else s1 + s2m
    tot_l = _total_location(s1, s2l, s3, has_s3)
    tot_m = _total_market(s1, s2m, s3, has_s3, current=True)
    out = [
        make("b3.scope1_2_location_tco2e_template", lb, inputs, reason="Scope 1 and location-based Scope 2 both blank"),
        make("b3.scope3_tco2e_template", s3, inputs, reason="Scope 3 not disclosed or its categories sum to 0 (template shows '-')"),
        make("b3.total_location_tco2e_template", tot_l, inputs, reason="Scope 3 not disclosed, or the sum is blank or 0"),
        make("b3.total_market_tco2e_template", tot_m, inputs,
             reason="Scope 3 not disclosed, or Scope 1 or market-based Scope 2 blank (template shows '-')"),
        make("b3.ghg_intensity_location_template", None if has_s3 else _div(lb, turnover), inputs,
             reason="Scope 3 disclosed (template gives only the totals incl. Scope 3), or no total / turnover"),
        make("b3.ghg_intensity_market_template", None if has_s3 else _div(mb, turnover), inputs,
             reason="Scope 3 disclosed (template gives only the totals incl. Scope 3), or no total / turnover"),
        make("b3.ghg_intensity_total_location_template", _div(tot_l, turnover) if has_s3 else None, inputs,
             reason="Scope 3 not disclosed, or no total / turnover"),
        make("b3.ghg_intensity_total_market", _div(tot_m, turnover) if has_s3 else None, inputs,
             reason="Scope 3 not disclosed, market-based total incomplete, or no turnover"),
    ]
    out += targets_template(c3, has_s3, b3)
    out += scope3_category_target_changes(b3)
    return out


def scope3_flag(b3: DocView) -> bool:
    """Env!G29: the undertaking discloses Scope 3 (gate answered yes, or Scope 3 values given)."""
    flag = b3.flag("reports_scope3")
    if flag is not None:
        return flag
    return b3.number("scope3_emissions") is not None or any(True for _ in b3.items("scope3_categories"))


def scope3_category_rows(b3: DocView) -> list[tuple[int, DocView]]:
    """The Scope 3 category items with their template row index 0..14 (row 30 + index).

    A category named by its enumeration value or its GHG Protocol number ("1".."15") takes its
    own row; an unknown or repeated category takes the first free row; beyond 15 rows, dropped.
    """
    taken: set[int] = set()
    placed: list[tuple[int | None, DocView]] = []
    for item in b3.items("scope3_categories"):
        cat = str(item.value("category") or "")
        index = SCOPE3_CATEGORIES.index(cat) if cat in SCOPE3_CATEGORIES else (
            int(cat) - 1 if cat.isdigit() and 1 <= int(cat) <= 15 else None)
        if index in taken:
            index = None
        if index is not None:
            taken.add(index)
        placed.append((index, item))
    free = (i for i in range(15) if i not in taken)
    rows = []
    for index, item in placed:
        if index is None:
            index = next(free, None)
            if index is None:
                continue
        rows.append((index, item))
    return sorted(rows, key=lambda r: r[0])


def scope3_category_target_values(b3: DocView) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Env!G30:G44 / J30:J44: base-year and target-year values of each category row."""
    return {i: (c.number("base_year_emissions"), c.number("target_year_emissions")) for i, c in scope3_category_rows(b3)}


def scope3_category_target_changes(b3: DocView) -> list[Metric]:
    """Env!K30:K44: IF(OR(G="",J=""),"-",IFERROR(-(1-J/G),"-")) — per Scope 3 category."""
    values = scope3_category_target_values(b3)
    out = []
    for index, cat in enumerate(SCOPE3_CATEGORIES):
        base, target = values.get(index, (None, None))
        out.append(make(f"c3.scope3_{cat}_target_change", _change(base, target, False),
                        {"category": cat, "base_year_value": base, "target_year_value": target},
                        reason="base-year or target-year value of the category blank, or base 0 (template shows '-')"))
    return out


def scope3_template(b3: DocView) -> Decimal | None:
    """Env!D45: sum of the Scope 3 categories; "-" when not disclosed or the sum is 0."""
    if not scope3_flag(b3):
        return None
    values = [c.number("emissions") for c in b3.items("scope3_categories")]
    total = _sum(values) if any(v is not None for v in values) else b3.number("scope3_emissions")
    return None if total is None or total == 0 else total


def _lb_total(s1: Decimal | None, s2: Decimal | None) -> Decimal | None:
    """Env!D25: IF(AND(D22="",D23=""),"-",SUM(D22,D23)) — sums what is there."""
    return None if s1 is None and s2 is None else _sum((s1, s2))


def _total_location(s1: Decimal | None, s2: Decimal | None, s3: Decimal | None, has_s3: bool) -> Decimal | None:
    """Env!D46: "-" without Scope 3 flag, when all blank, or when the sum is 0."""
    if not has_s3 or (s1 is None and s2 is None and s3 is None):
        return None
    total = _sum((s1, s2, s3))
    return None if total == 0 else total


def _total_market(s1: Decimal | None, s2m: Decimal | None, s3: Decimal | None, has_s3: bool,
                  current: bool = False) -> Decimal | None:
    """Env!D47 (current) / G47, J47 (base, target; "-" also when the sum is 0).

    OR(D22="", D24="", D45="") tests blanks; D45 shows "-" rather than blank, so a Scope 3 of
    "-" passes the test and SUM skips it: Scope 1 + market-based Scope 2 alone.
    """
    if not has_s3 or s1 is None or s2m is None:
        return None
    total = s1 + s2m + (s3 or ZERO)
    return None if (not current and total == 0) else total


def _change(base: Decimal | None, target: Decimal | None, blank_is_zero: bool) -> Decimal | None:
    """Env!K22: IF(AND(G="",J=""),"-",IFERROR(-(1-(J/G)),"-")); a blank target counts as 0 (→ −1).

    Env!K30:K44 (Scope 3 rows) use OR instead of AND: any blank gives "-" (``blank_is_zero=False``).
    """
    if base is None and target is None:
        return None
    if not blank_is_zero and (base is None or target is None):
        return None
    if base is None or base == 0:
        return None
    return -(1 - (target or ZERO) / base)


TARGET_SCOPES = ("scope1", "scope2_location_based", "scope2_market_based", "scope3")


def targets_template(c3: DocView, has_s3: bool, b3: DocView | None = None) -> list[Metric]:
    """Env!K22:K26, K45:K47: change from base year to target year as a fraction (−0.5 = −50 %).

    The Scope 3 base / target (Env!G45 / J45) are the sums of the category rows G30:G44 / J30:J44
    when any category carries one; otherwise the Scope 3 target row of C3 (entered in row 30).
    """
    base: dict[str, Decimal | None] = dict.fromkeys(TARGET_SCOPES)
    target: dict[str, Decimal | None] = dict.fromkeys(TARGET_SCOPES)
    for t in c3.items("targets"):
        scope = t.value("scope")
        if scope in base:
            base[scope], target[scope] = t.number("base_year_value"), t.number("target_year_value")
    per_category = scope3_category_target_values(b3) if b3 is not None else {}
    if any(v is not None for pair in per_category.values() for v in pair):
        bases = [b for b, _ in per_category.values() if b is not None]
        targets = [t for _, t in per_category.values() if t is not None]
        base["scope3"] = _sum(bases) if bases else None
        target["scope3"] = _sum(targets) if targets else None
    b1, b2l, b2m, b3_ = (base[s] for s in TARGET_SCOPES)
    t1, t2l, t2m, t3 = (target[s] for s in TARGET_SCOPES)
    inputs: dict[str, Any] = {"base": base, "target": target, "scope3_disclosed": has_s3}

    def mb(a: Decimal | None, b: Decimal | None) -> Decimal | None:  # Env!G26: OR(blank) → "-"
        return None if a is None or b is None else a + b

    # Env!G45/J45: Scope 3 base/target "-" when not disclosed or summing to 0.
    b3v = None if not has_s3 or not b3_ else b3_
    t3v = None if not has_s3 or not t3 else t3
    reason = "base-year value blank or 0, or both values blank (template shows '-')"
    agg = "base-year or target-year total not given ('-'), or base-year total 0 (template shows '-')"
    totals = {  # Env!G25:G26, G45:G47 (base year) and J25:J26, J45:J47 (target year)
        "scope1_2_location": (_lb_total(b1, b2l), _lb_total(t1, t2l)),
        "scope1_2_market": (mb(b1, b2m), mb(t1, t2m)),
        "scope3": (b3v, t3v),
        "total_location": (_total_location(b1, b2l, b3v, has_s3), _total_location(t1, t2l, t3v, has_s3)),
        "total_market": (_total_market(b1, b2m, b3v, has_s3), _total_market(t1, t2m, t3v, has_s3)),
    }
    out = [make(f"c3.{name}_{year}_year_tco2e", pair[i], inputs, reason="not given (template shows '-')")
           for name, pair in totals.items() for i, year in enumerate(("base", "target"))]
    return out + [
        make("c3.scope1_target_change_template", _change(b1, t1, True), inputs, reason=reason),
        make("c3.scope2_location_target_change_template", _change(b2l, t2l, True), inputs, reason=reason),
        make("c3.scope2_market_target_change_template", _change(b2m, t2m, True), inputs, reason=reason),
        # K25:K26, K45:K47 divide formula cells that show "-" (never blank): "-" on either side → "-".
        make("c3.scope1_2_location_target_change", _change(_lb_total(b1, b2l), _lb_total(t1, t2l), False), inputs, reason=agg),
        make("c3.scope1_2_market_target_change", _change(mb(b1, b2m), mb(t1, t2m), False), inputs, reason=agg),
        make("c3.scope3_target_change_template", _change(b3v, t3v, False), inputs, reason=agg),
        make("c3.total_location_target_change",
             _change(_total_location(b1, b2l, b3v, has_s3), _total_location(t1, t2l, t3v, has_s3), False), inputs, reason=agg),
        make("c3.total_market_target_change",
             _change(_total_market(b1, b2m, b3v, has_s3), _total_market(t1, t2m, t3v, has_s3), False), inputs, reason=agg),
    ]


# --- B6 water -------------------------------------------------------------------------------

def water_consumption_template(withdrawal: Decimal | None, discharge: Decimal | None) -> Metric:
    """Env!D311: IF(D310<>"", D303 − D310, "-") — a blank withdrawal counts as 0; may be negative."""
    value = None if discharge is None else (withdrawal or ZERO) - discharge
    return make("b6.water_consumption_m3_template", value, {"withdrawal_m3": withdrawal, "discharge_m3": discharge},
                reason="water discharge blank (template shows '-')")


# --- B7 waste streams and materials (Env!J423:J425, G535:G536) ---------------------------------

def _stream_total_t(stream: DocView) -> Decimal | None:
    """Env!L323: diverted + disposal (the stated row total when the split is not given)."""
    div, dis = stream.number("diverted_to_recycling_or_reuse_mass"), stream.number("directed_to_disposal_mass")
    if div is None and dis is None:
        return stream.number("total_mass")
    return _sum((div, dis))


def waste_template(b7: DocView) -> list[Metric]:
    """Hazardous / non-hazardous / total waste from the waste-stream rows, in t and in kg."""
    streams = list(b7.items("waste_streams"))
    haz = [_stream_total_t(s) for s in streams if s.flag("hazardous") is True]
    non = [_stream_total_t(s) for s in streams if s.flag("hazardous") is False]
    inputs: dict[str, Any] = {"hazardous_rows_t": haz, "non_hazardous_rows_t": non}
    reason = "no waste-stream rows (template shows '-')"
    h_t = _sum(haz) if streams else None
    n_t = _sum(non) if streams else None
    tot = None if h_t is None and n_t is None else _sum((h_t, n_t))
    out = []
    for key, value in (("hazardous", h_t), ("non_hazardous", n_t), ("total", tot)):
        out.append(make(f"b7.{key}_waste_from_streams_t", value, inputs, reason=reason))
        out.append(make(f"b7.{key}_waste_from_streams_kg", None if value is None else value * THOUSAND, inputs, reason=reason))
    return out


def stream_volume_m3(stream: DocView) -> Decimal | None:
    """A waste-stream row entered in m³ (Env!G323 = cubic meters): only when it has no mass at all.

    The template takes one unit a row; mass comes first (guidance 168: weight where possible).
    """
    masses = ("diverted_to_recycling_or_reuse_mass", "directed_to_disposal_mass", "total_mass")
    if any(stream.number(f) is not None for f in masses):
        return None
    div, dis = stream.number("diverted_to_recycling_or_reuse_volume"), stream.number("directed_to_disposal_volume")
    if div is None and dis is None:
        return stream.number("total_volume")
    return _sum((div, dis))


def waste_volume_template(b7: DocView) -> list[Metric]:
    """Env!J426:J428: SUMIFS of the m³ rows by hazardousness; "-" only when there is no row at all."""
    streams = list(b7.items("waste_streams"))
    haz = [stream_volume_m3(s) for s in streams if s.flag("hazardous") is True]
    non = [stream_volume_m3(s) for s in streams if s.flag("hazardous") is False]
    inputs: dict[str, Any] = {"hazardous_rows_m3": haz, "non_hazardous_rows_m3": non}
    reason = "no waste-stream rows (template shows '-')"
    h, n = (_sum(haz), _sum(non)) if streams else (None, None)
    return [
        make("b7.hazardous_waste_volume_from_streams_m3", h, inputs, reason=reason),
        make("b7.non_hazardous_waste_volume_from_streams_m3", n, inputs, reason=reason),
        make("b7.total_waste_volume_from_streams_m3", None if h is None and n is None else _sum((h, n)), inputs, reason=reason),
    ]


def materials_template(b7: DocView) -> list[Metric]:
    """Env!G535 (mass, kg: kg rows + t rows × 1000) and G536 (volume, m³) of the material table."""
    mats = list(b7.items("materials"))
    weights = [m.number("weight") for m in mats]
    volumes = [m.number("volume") for m in mats if m.number("weight") is None]
    inputs: dict[str, Any] = {"weights_t": weights, "volumes_m3": volumes}
    reason = "no material rows (template shows '-')"
    mass_t = _sum(weights) if mats else None
    return [
        make("b7.materials_mass_t", mass_t, inputs, reason=reason),
        make("b7.materials_mass_kg", None if mass_t is None else mass_t * THOUSAND, inputs, reason=reason),
        make("b7.materials_volume_m3", _sum(volumes) if mats else None, inputs, reason=reason),
    ]


# --- B8 / B9 / B10 / C9 ------------------------------------------------------------------------

def temporary_employees(employees: Decimal | None, permanent: Decimal | None) -> Metric:
    """Soc!D11: employees − permanent ("-" when permanent is blank)."""
    inputs = {"employees": employees, "permanent_employees": permanent}
    value = None if employees is None or permanent is None else employees - permanent
    return make("b8.temporary_employees", value, inputs, reason="employees or permanent employees missing")


def hours_worked(hours_measured: Decimal | None, employees: Decimal | None, per_employee: Decimal | None) -> Metric:
    """Soc!D142: hours per full-time employee (default 2,000) × employees; measured hours when given."""
    standard = per_employee if per_employee is not None else Decimal(2000)
    inputs = {"hours_worked": hours_measured, "employees": employees, "hours_per_employee": standard}
    if hours_measured is not None:
        return make("b9.hours_worked_h", hours_measured, inputs, notes=["measured"])
    value = None if employees is None else employees * standard
    return make("b9.hours_worked_h", value, inputs, estimated=value is not None,
                reason="hours worked and employees missing", notes=[f"estimated as employees × {standard} h"])


GENDER_GROUPS = ("male", "female", "other_gender", "not_reported_gender")


def training_average_template(b10: DocView, b8: DocView) -> Metric:
    """Soc!C162: AVERAGE of the per-gender averages D157:D160, groups with no employees left out."""
    averages: dict[str, Decimal | None] = {}
    for g in GENDER_GROUPS:
        averages[g] = _div(b10.number(f"training_hours_{g}"), b8.number(f"{g}_employees"))
    given = [v for v in averages.values() if v is not None]
    value = _sum(given) / len(given) if given else None
    return make("b10.training_hours_per_employee_template", value, {"per_gender_averages": averages},
                reason="no gender group with employees and training hours")


def per_gender_training_average(b10: DocView, b8: DocView, group: str) -> Decimal | None:
    """Soc!D157:D160 as the template expects them (hours of the group / employees of the group)."""
    return _div(b10.number(f"training_hours_{group}"), b8.number(f"{group}_employees"))


BENCHMARK_THRESHOLDS_PERCENT = (("revenue_coal", Decimal(1)), ("revenue_oil", Decimal(10)), ("revenue_gas", Decimal(50)),
                                 ("revenue_high_intensity_electricity_generation", Decimal(50)))


def benchmark_criteria(c8: DocView, turnover: Decimal | None) -> tuple[bool | None, ...]:
    """Gov!H22:H25 as the undertaking answers them from its revenues: share ≥ 1 / 10 / 50 / 50 %.

    A revenue left blank (or 0) is "no" (para 13: omitted = not applicable); a revenue with no
    turnover to divide by is unknown (None, the cell stays blank).
    """
    out: list[bool | None] = []
    for field, threshold in BENCHMARK_THRESHOLDS_PERCENT:
        revenue = c8.number(field)
        if revenue is None or revenue == 0:
            out.append(False)
        elif turnover is None or turnover <= 0:
            out.append(None)
        else:
            out.append(revenue / turnover * 100 >= threshold)
    return tuple(out)


def none_of_the_above(criteria: tuple[bool | None, ...]) -> bool | None:
    """Gov!H26 "None of the above": yes when every criterion is no, blank when one is unknown."""
    if any(c is True for c in criteria):
        return False
    return None if any(c is None for c in criteria) else True


def benchmark_exclusion_template(c8: DocView, turnover: Decimal | None) -> Metric:
    """Gov!H27: YES when a criterion H22:H25 holds and H26 is no; NA when both; NO when only H26; else "-".

    A blank cell compares equal to FALSE in the formula, so an unknown criterion counts as no.
    """
    criteria = benchmark_criteria(c8, turnover)
    none = none_of_the_above(criteria)
    any_yes = any(c is True for c in criteria)
    value = ("NA" if none else "YES") if any_yes else ("NO" if none else None)
    return make("c8.paris_aligned_benchmark_excluded_template", value,
                {"criteria_coal_oil_gas_electricity": list(criteria), "none_of_the_above": none},
                reason="no criterion met and 'none of the above' not answered (template shows '-')")


def board_ratio_template(female: Decimal | None, male: Decimal | None) -> Metric:
    """Gov!H33: IF(OR(H31=0,H32=0),0,H31/H32) — 0 when either group has no members."""
    inputs = {"female_members": female, "male_members": male}
    if female is None or male is None:
        return make("c9.board_gender_diversity_ratio_template", None, inputs, reason="female or male members missing")
    value = ZERO if female == 0 or male == 0 else female / male
    return make("c9.board_gender_diversity_ratio_template", value, inputs)


def compute(doc: DocView, turnover: Decimal | None, employees: Decimal | None) -> list[Metric]:
    """Every template-convention metric of a report."""
    b3m, b7m, b8m, b9m, b10m, c3m, c9m = (doc.sub(f"modules.{c}") for c in ("b3", "b7", "b8", "b9", "b10", "c3", "c9"))
    out = fuel_energy_template(b3m)
    out += ghg_template(b3m, c3m, turnover)
    out += electricity_rows_template(b3m)
    b6m = doc.sub("modules.b6")
    out.append(water_consumption_template(b6m.number("total_water_withdrawal"), b6m.number("water_discharge")))
    out += waste_template(b7m)
    out += waste_volume_template(b7m)
    out += materials_template(b7m)
    out.append(temporary_employees(employees, b8m.number("permanent_employees")))
    out.append(hours_worked(b9m.number("hours_worked"), employees, b9m.number("hours_per_full_time_employee")))
    out.append(training_average_template(b10m, b8m))
    c8m = doc.sub("modules.c8")
    out.append(benchmark_exclusion_template(c8m, c8m.number("turnover_reference") if c8m.number("turnover_reference") is not None else turnover))
    out.append(board_ratio_template(c9m.number("female_board_members"), c9m.number("male_board_members")))
    return out
