"""B3 Energy and GHG emissions (paras 29-31, 50-53; guidance 81-109)."""

from vsme_pipeline.calculations.access import DocView
from vsme_pipeline.calculations.fuels import normalise_fuel_key
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require, require_any, stated_vs_computed, sum_check

RULES: list[Rule] = []
D = "B3"
ROWS = ("electricity", "self_generated_electricity", "fuels")


def _has_activities(b3: DocView, name: str) -> bool:
    return any(True for _ in b3.items(name))


@rule("B3.energy", "Total energy, breakdown rows and their sums (para 29)", RULES)
def check_energy(ctx: Context) -> None:
    b3 = ctx.module(D)
    computable = any(b3.present(f"{r}.total") or b3.present(f"{r}.renewable") for r in ROWS) or _has_activities(b3, "fuel_activities") or _has_activities(b3, "electricity_activities")
    if not computable:
        require(ctx, D, b3, "total_energy_consumption", "29")
    for row in ROWS:
        sum_check(ctx, D, b3, [f"{row}.renewable", f"{row}.non_renewable"], b3.number(f"{row}.total"),
                  "the row total", "B3_ENERGY_ROW_MISMATCH", f"{row.replace('_', ' ')} renewable and non-renewable energy",
                  "29", relative=True, report_at=f"{row}.total")
    totals = [b3.number(f"{r}.total") for r in ROWS]
    if any(t is not None for t in totals):
        sum_check(ctx, D, b3, [f"{r}.total" for r in ROWS], b3.number("total_energy_consumption"),
                  "the total energy consumption", "B3_ENERGY_BREAKDOWN_MISMATCH", "energy breakdown",
                  "29", relative=True, report_at="total_energy_consumption")
    sum_check(ctx, D, b3, [f"{r}.renewable" for r in ROWS], b3.number("total_renewable_energy"),
              "the total renewable energy", "B3_RENEWABLE_TOTAL_MISMATCH", "renewable energy rows", "29",
              relative=True, report_at="total_renewable_energy")
    sum_check(ctx, D, b3, [f"{r}.non_renewable" for r in ROWS], b3.number("total_non_renewable_energy"),
              "the total non-renewable energy", "B3_NON_RENEWABLE_TOTAL_MISMATCH", "non-renewable energy rows", "29",
              relative=True, report_at="total_non_renewable_energy")
    data = [f"{r}.renewable" for r in ROWS] + [f"{r}.non_renewable" for r in ROWS]
    if gate(ctx, D, b3, "energy_breakdown_obtainable", data, "29", "Is the renewable / non-renewable breakdown obtainable?"):
        for row in ("electricity", "fuels"):
            has_activity = _has_activities(b3, "electricity_activities" if row == "electricity" else "fuel_activities")
            if not has_activity and not (b3.present(f"{row}.renewable") or b3.present(f"{row}.non_renewable")):
                require_any(ctx, D, b3, [f"{row}.renewable", f"{row}.non_renewable"], f"B3_{row.upper()}_BREAKDOWN_MISSING",
                            f"The breakdown is obtainable: give the renewable and non-renewable {row} in MWh (0 if none).", "29")


@rule("B3.activities", "Fuel and electricity activity data can be converted (guidance 86-108)", RULES)
def check_activities(ctx: Context) -> None:
    b3 = ctx.module(D)
    for fuel in b3.items("fuel_activities"):
        known = normalise_fuel_key(fuel.value("fuel")) is not None
        own_ncv = fuel.present("ncv_tj_per_unit") or fuel.present("ncv_tj_per_gg")
        unit = fuel.value("unit")
        if not known and not own_ncv and unit not in ("kWh", "MWh", "GJ", "TJ"):
            ctx.error(D, fuel.path("fuel"), "B3_FUEL_UNKNOWN",
                      f"'{fuel.value('fuel')}' is not in the EFRAG fuel table: choose a listed fuel or give its quantity in energy units.", "29")
        require(ctx, D, fuel, "quantity", "29")
        require(ctx, D, fuel, "unit", "29")
    for act in b3.items("electricity_activities"):
        require(ctx, D, act, "consumption_kwh", "29")
        if act.flag("self_generated") is not True and not act.present("country"):
            ctx.warning(D, act.path("country"), "B3_ELECTRICITY_COUNTRY_MISSING",
                        "Give the grid country so that location-based Scope 2 uses that country's factor.", "30(b)")


@rule("B3.emissions", "Scope 1 and location-based Scope 2 required; totals add up (para 30)", RULES)
def check_emissions(ctx: Context) -> None:
    b3 = ctx.module(D)
    if not _has_activities(b3, "fuel_activities"):
        require(ctx, D, b3, "scope1_emissions", "30(a)", "Enter 0 if the undertaking burns no fuel and has no other direct emissions.")
    if not _has_activities(b3, "electricity_activities"):
        require(ctx, D, b3, "scope2_location_based_emissions", "30(b)")
    sum_check(ctx, D, b3, ["scope1_emissions", "scope2_location_based_emissions"], b3.number("total_scope1_and_scope2_location_based"),
              "the stated Scope 1 + 2 total", "B3_SCOPE12_LOCATION_TOTAL_MISMATCH", "Scope 1 and location-based Scope 2", "30",
              relative=True, report_at="total_scope1_and_scope2_location_based")
    sum_check(ctx, D, b3, ["scope1_emissions", "scope2_market_based_emissions"], b3.number("total_scope1_and_scope2_market_based"),
              "the stated market-based Scope 1 + 2 total", "B3_SCOPE12_MARKET_TOTAL_MISMATCH", "Scope 1 and market-based Scope 2", "30",
              relative=True, report_at="total_scope1_and_scope2_market_based")
    fuels = b3.number("fuels.non_renewable")
    s1 = b3.number("scope1_emissions")
    if fuels is not None and fuels > 0 and s1 == 0:
        ctx.warning(D, b3.path("scope1_emissions"), "B3_SCOPE1_ZERO_WITH_FOSSIL_FUELS",
                    "Non-renewable fuels are consumed but Scope 1 emissions are 0.", "30(a)")
    elec = b3.number("electricity.total")
    s2 = b3.number("scope2_location_based_emissions")
    if elec is not None and elec > 0 and s2 == 0:
        ctx.warning(D, b3.path("scope2_location_based_emissions"), "B3_SCOPE2_ZERO_WITH_ELECTRICITY",
                    "Electricity is purchased but location-based Scope 2 is 0; location-based Scope 2 uses the grid average, "
                    "even for renewable contracts (guidance 106-109).", "30(b)")


@rule("B3.scope3", "Scope 3 when reported (paras 50-53)", RULES)
def check_scope3(ctx: Context) -> None:
    b3 = ctx.module(D)
    if gate(ctx, D, b3, "reports_scope3", ["scope3_emissions", "scope3_categories"], "50-53", "Does the undertaking report Scope 3 emissions?"):
        if not any(True for _ in b3.items("scope3_categories")):
            require(ctx, D, b3, "scope3_emissions", "50-53")
        cats = list(b3.items("scope3_categories"))
        if cats and b3.number("scope3_emissions") is not None:
            sum_check(ctx, D, b3, [c.path("emissions").removeprefix(b3.path() + ".") for c in cats], b3.number("scope3_emissions"),
                      "the Scope 3 total", "B3_SCOPE3_CATEGORIES_MISMATCH", "Scope 3 categories", "50-53",
                      relative=True, report_at="scope3_emissions")


@rule("B3.intensity", "Stated GHG intensity agrees with emissions / turnover (para 31)", RULES)
def check_intensity(ctx: Context) -> None:
    if not ctx.params.ghg_intensity:
        return
    b3 = ctx.module(D)
    s1, s2 = b3.number("scope1_emissions"), b3.number("scope2_location_based_emissions")
    turnover = ctx.turnover()
    if s1 is None or s2 is None or turnover is None or turnover <= 0:
        return
    stated_vs_computed(ctx, D, b3, "ghg_intensity_location_based", (s1 + s2) / turnover, "GHG intensity", "31")
