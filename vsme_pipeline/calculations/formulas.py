"""Catalogue of the formulas, with their text, VSME reference and version.

Each metric key has exactly one entry.  ``version`` changes when the formula's result for the same
inputs would change; ``FORMULAS_VERSION`` (metric.py) is bumped with it, so a stored snapshot can
always be traced back to the formula that produced it.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from vsme_pipeline.calculations.metric import Metric


@dataclass(frozen=True)
class Formula:
    key: str
    disclosure: str
    unit: str
    text: str
    reference: str
    version: str = "1.0"


TEMPLATE_REFERENCE = "EFRAG VSME Digital Template 1.3.0"

# The 15 GHG Protocol Scope 3 categories in the template's row order (Env!30..44); the values of
# documents.enums.Scope3Category (tests/domain/test_calculations_template.py checks they match).
SCOPE3_CATEGORIES = (
    "purchased_goods_and_services", "capital_goods", "fuel_and_energy_related_activities",
    "upstream_transportation_and_distribution", "waste_generated_in_operations", "business_travel",
    "employee_commuting", "upstream_leased_assets", "downstream_transportation_and_distribution",
    "processing_of_sold_products", "use_of_sold_products", "end_of_life_treatment_of_sold_products",
    "downstream_leased_assets", "franchises", "investments",
)


def _f(key: str, unit: str, text: str, reference: str, version: str = "1.0") -> Formula:
    reference = reference.replace("TPL ", TEMPLATE_REFERENCE + " ")
    return Formula(key, key.split(".")[0].upper(), unit, text, reference, version)


FORMULAS: dict[str, Formula] = {
    f.key: f
    for f in (
        _f("b3.electricity_mwh", "MWh", "electricity renewable + non-renewable (+ self-generated)", "para 29; guidance 83-84"),
        _f("b3.electricity_renewable_mwh", "MWh", "sum of renewable electricity rows", "para 29"),
        _f("b3.electricity_non_renewable_mwh", "MWh", "sum of non-renewable electricity rows", "para 29"),
        _f("b3.fuels_mwh", "MWh", "sum over fuels of quantity (→ mass via density) × NCV [TJ/Gg] × 277.78 MWh/TJ, or reported MWh", "para 29; guidance 86-89"),
        _f("b3.fuels_renewable_mwh", "MWh", "fuels MWh where the fuel is renewable", "para 29; guidance 86-89"),
        _f("b3.fuels_non_renewable_mwh", "MWh", "fuels MWh where the fuel is non-renewable", "para 29; guidance 86-89"),
        _f("b3.total_energy_mwh", "MWh", "electricity MWh + fuels MWh", "para 29"),
        _f("b3.renewable_energy_mwh", "MWh", "renewable electricity + renewable fuels", "para 29"),
        _f("b3.non_renewable_energy_mwh", "MWh", "non-renewable electricity + non-renewable fuels", "para 29"),
        _f("b3.renewable_share_percent", "%", "renewable MWh / total MWh × 100", "para 29 (SFDR PAI 5 complement)"),
        _f("b3.scope1_tco2e", "tCO2e", "reported Scope 1, else Σ fuel energy [TJ] × emission factor [tCO2e/TJ]", "para 30(a); guidance 100-105"),
        _f("b3.scope2_location_tco2e", "tCO2e", "reported location-based Scope 2, else electricity [MWh] × grid factor of the country [tCO2e/MWh]", "para 30(b); guidance 106-108"),
        _f("b3.scope2_market_tco2e", "tCO2e", "reported market-based Scope 2", "guidance 109"),
        _f("b3.scope3_tco2e", "tCO2e", "reported Scope 3", "paras 50-53"),
        _f("b3.scope1_2_location_tco2e", "tCO2e", "Scope 1 + location-based Scope 2", "para 30; template TotalGrossLocationBasedScope1AndScope2GHGEmissions"),
        _f("b3.scope1_2_market_tco2e", "tCO2e", "Scope 1 + market-based Scope 2", "guidance 109"),
        _f("b3.total_location_tco2e", "tCO2e", "Scope 1 + location-based Scope 2 + Scope 3", "paras 50-53"),
        _f("b3.total_market_tco2e", "tCO2e", "Scope 1 + market-based Scope 2 + Scope 3", "paras 50-53"),
        _f("b3.ghg_intensity_location", "tCO2e/EUR", "(Scope 1 + location-based Scope 2) / turnover", "para 31"),
        _f("b3.ghg_intensity_market", "tCO2e/EUR", "(Scope 1 + market-based Scope 2) / turnover", "para 31"),
        _f("b3.ghg_intensity_total_location", "tCO2e/EUR", "(Scope 1 + location-based Scope 2 + Scope 3) / turnover", "para 31, 53"),
        _f("b6.water_consumption_m3", "m3", "water withdrawal − water discharge", "para 36; guidance 152"),
        _f("b7.total_waste_t", "t", "hazardous + non-hazardous waste generated", "para 38(a)"),
        _f("b7.waste_diversion_rate_percent", "%", "waste diverted to recycling or reuse / total waste generated × 100", "para 38(b)"),
        _f("b8.employee_turnover_rate_percent", "%", "employees who left / ((employees at start + employees at end) / 2) × 100", "para 40; guidance 183"),
        _f("b9.accident_rate", "accidents per 200,000 h", "recordable accidents / hours worked × 200,000; hours estimated as employees × 2,000 h when not measured", "para 41(a); guidance 184-186"),
        _f("b10.gender_pay_gap_percent", "%", "(male average gross hourly pay − female average gross hourly pay) / male average × 100", "para 42(b); guidance 195-201"),
        _f("b10.collective_bargaining_coverage_percent", "%", "employees covered by collective bargaining agreements / employees × 100", "para 42(c); guidance 202-203"),
        _f("b10.collective_bargaining_coverage_band", "band", "band of the coverage: 0-19, 20-39, 40-59, 60-79, 80-100 %", "guidance 204"),
        _f("b10.training_hours_per_male_employee", "h/employee", "training hours of male employees / male employees", "para 42(d)"),
        _f("b10.training_hours_per_female_employee", "h/employee", "training hours of female employees / female employees", "para 42(d)"),
        _f("b10.training_hours_per_other_gender_employee", "h/employee", "training hours of other-gender employees / other-gender employees", "para 42(d)"),
        _f("b10.training_hours_per_employee", "h/employee", "total training hours / employees", "para 42(d)"),
        _f("c3.scope1_target_reduction_percent", "%", "(base-year value − target-year value) / base-year value × 100", "para 54; template"),
        _f("c3.scope2_location_target_reduction_percent", "%", "(base-year value − target-year value) / base-year value × 100", "para 54; template"),
        _f("c3.scope2_market_target_reduction_percent", "%", "(base-year value − target-year value) / base-year value × 100", "para 54; template"),
        _f("c3.scope3_target_reduction_percent", "%", "(base-year value − target-year value) / base-year value × 100", "para 54; template"),
        _f("c5.female_to_male_management_ratio", "ratio", "female employees at management level / male employees at management level", "para 59; guidance 231"),
        _f("c8.fossil_fuel_revenue_eur", "EUR", "coal + oil + gas revenues", "para 63(c)"),
        _f("c8.coal_revenue_share_percent", "%", "coal revenue / turnover × 100", "para 64; guidance 241"),
        _f("c8.oil_revenue_share_percent", "%", "oil revenue / turnover × 100", "para 64; guidance 241"),
        _f("c8.gas_revenue_share_percent", "%", "gas revenue / turnover × 100", "para 64; guidance 241"),
        _f("c8.paris_aligned_benchmark_excluded", "bool", "coal ≥ 1 % or oil ≥ 10 % or gas ≥ 50 % of revenue, or ≥ 50 % of revenue from electricity generation > 100 gCO2e/kWh (Delegated Reg. (EU) 2020/1818 Art. 12(1)(d)-(g))", "para 64; guidance 241"),
        _f("c9.board_gender_diversity_ratio", "ratio", "female members of the governance body / male members", "para 65; guidance 243-244"),
        # EFRAG VSME Digital Template 1.3.0 conventions (vsme_pipeline/calculations/template.py).
        _f("b3.fuels_renewable_mwh_template", "MWh", "Σ renewable fuel rows: Gg × NCV [TJ/Gg] × 277.778; '-' when none listed", "TPL 'Fuel Converter'!A32 → 'Environmental Disclosures'!G14"),
        _f("b3.fuels_non_renewable_mwh_template", "MWh", "Σ non-renewable fuel rows: Gg × NCV [TJ/Gg] × 277.778; '-' when none listed", "TPL 'Fuel Converter'!B32 → 'Environmental Disclosures'!J14"),
        _f("b3.fuels_mwh_template", "MWh", "renewable + non-renewable fuel MWh", "TPL 'Environmental Disclosures'!K14"),
        _f("b3.scope1_2_location_tco2e_template", "tCO2e", "SUM(Scope 1, location-based Scope 2) of what is given; '-' when both blank", "TPL 'Environmental Disclosures'!D25"),
        _f("b3.scope3_tco2e_template", "tCO2e", "sum of Scope 3 categories; '-' when not disclosed or 0", "TPL 'Environmental Disclosures'!D45"),
        _f("b3.total_location_tco2e_template", "tCO2e", "SUM(Scope 1, LB Scope 2, Scope 3) when Scope 3 disclosed; '-' when 0", "TPL 'Environmental Disclosures'!D46"),
        _f("b3.total_market_tco2e_template", "tCO2e", "SUM(Scope 1, MB Scope 2, Scope 3) when Scope 3 disclosed and Scope 1, MB Scope 2 given; a Scope 3 of '-' is skipped", "TPL 'Environmental Disclosures'!D47"),
        _f("b3.ghg_intensity_location_template", "tCO2e/EUR", "(Scope 1 + LB Scope 2) / turnover; '-' when Scope 3 disclosed", "TPL 'Environmental Disclosures'!G66"),
        _f("b3.ghg_intensity_market_template", "tCO2e/EUR", "(Scope 1 + MB Scope 2) / turnover; '-' when Scope 3 disclosed", "TPL 'Environmental Disclosures'!G67"),
        _f("b3.ghg_intensity_total_location_template", "tCO2e/EUR", "(Scope 1 + LB Scope 2 + Scope 3) / turnover when Scope 3 disclosed", "TPL 'Environmental Disclosures'!G68"),
        _f("b3.ghg_intensity_total_market", "tCO2e/EUR", "(Scope 1 + MB Scope 2 + Scope 3) / turnover when Scope 3 disclosed", "TPL 'Environmental Disclosures'!G69"),
        _f("c3.scope1_target_change_template", "fraction", "-(1 - target / base); blank target counts as 0", "TPL 'Environmental Disclosures'!K22"),
        _f("c3.scope2_location_target_change_template", "fraction", "-(1 - target / base); blank target counts as 0", "TPL 'Environmental Disclosures'!K23"),
        _f("c3.scope2_market_target_change_template", "fraction", "-(1 - target / base); blank target counts as 0", "TPL 'Environmental Disclosures'!K24"),
        _f("c3.scope1_2_location_target_change", "fraction", "-(1 - (S1+S2 LB target) / (S1+S2 LB base))", "TPL 'Environmental Disclosures'!K25 (G25, J25)"),
        _f("c3.scope1_2_market_target_change", "fraction", "-(1 - (S1+S2 MB target) / (S1+S2 MB base))", "TPL 'Environmental Disclosures'!K26 (G26, J26)"),
        _f("c3.scope3_target_change_template", "fraction", "-(1 - Scope 3 target / Scope 3 base)", "TPL 'Environmental Disclosures'!K45 (G45, J45)"),
        _f("c3.total_location_target_change", "fraction", "-(1 - (S1+S2 LB+S3 target) / (S1+S2 LB+S3 base))", "TPL 'Environmental Disclosures'!K46 (G46, J46)"),
        _f("c3.total_market_target_change", "fraction", "-(1 - (S1+S2 MB+S3 target) / (S1+S2 MB+S3 base))", "TPL 'Environmental Disclosures'!K47 (G47, J47)"),
        _f("b7.hazardous_waste_from_streams_t", "t", "Σ (diverted + disposal) of hazardous waste rows", "TPL 'Environmental Disclosures'!J423 (G423 = t)"),
        _f("b7.hazardous_waste_from_streams_kg", "kg", "Σ (diverted + disposal) of hazardous waste rows × 1000", "TPL 'Environmental Disclosures'!J423 (G423 = kg)"),
        _f("b7.non_hazardous_waste_from_streams_t", "t", "Σ (diverted + disposal) of non-hazardous waste rows", "TPL 'Environmental Disclosures'!J424 (G423 = t)"),
        _f("b7.non_hazardous_waste_from_streams_kg", "kg", "Σ (diverted + disposal) of non-hazardous waste rows × 1000", "TPL 'Environmental Disclosures'!J424 (G423 = kg)"),
        _f("b7.total_waste_from_streams_t", "t", "hazardous + non-hazardous waste rows", "TPL 'Environmental Disclosures'!J425 (G423 = t)"),
        _f("b7.total_waste_from_streams_kg", "kg", "hazardous + non-hazardous waste rows × 1000", "TPL 'Environmental Disclosures'!J425 (G423 = kg)"),
        _f("b7.materials_mass_t", "t", "Σ material weights", "TPL 'Environmental Disclosures'!G535 / 1000"),
        _f("b7.materials_mass_kg", "kg", "SUMIF(kg rows) + SUMIF(t rows) × 1000", "TPL 'Environmental Disclosures'!G535"),
        _f("b7.materials_volume_m3", "m3", "SUMIF(m3 rows)", "TPL 'Environmental Disclosures'!G536"),
        _f("b8.temporary_employees", "count", "employees − permanent employees", "TPL 'Social Disclosures'!D11"),
        _f("b9.hours_worked_h", "h", "measured hours, else hours per full-time employee (2,000) × employees", "TPL 'Social Disclosures'!D142"),
        _f("b10.training_hours_per_employee_template", "h/employee", "AVERAGE of the per-gender averages, groups with no employees left out", "TPL 'Social Disclosures'!C162"),
        _f("c9.board_gender_diversity_ratio_template", "ratio", "female / male members; 0 when either is 0", "TPL 'Governance Disclosures'!H33"),
        _f("b3.purchased_electricity_mwh_template", "MWh", "renewable + non-renewable purchased electricity; '-' when both blank", "TPL 'Environmental Disclosures'!K12"),
        _f("b3.self_generated_electricity_mwh_template", "MWh", "renewable + non-renewable self-generated electricity; '-' when both blank", "TPL 'Environmental Disclosures'!K13"),
        _f("b6.water_consumption_m3_template", "m3", "withdrawal − discharge, a blank withdrawal counted as 0 (may be negative); '-' when discharge blank", "TPL 'Environmental Disclosures'!D311"),
        _f("b7.hazardous_waste_volume_from_streams_m3", "m3", "Σ (diverted + disposal) of hazardous waste rows in m³; '-' when no rows", "TPL 'Environmental Disclosures'!J426"),
        _f("b7.non_hazardous_waste_volume_from_streams_m3", "m3", "Σ (diverted + disposal) of non-hazardous waste rows in m³; '-' when no rows", "TPL 'Environmental Disclosures'!J427"),
        _f("b7.total_waste_volume_from_streams_m3", "m3", "hazardous + non-hazardous waste rows in m³", "TPL 'Environmental Disclosures'!J428"),
        _f("c8.paris_aligned_benchmark_excluded_template", "YES/NO/NA", "YES when coal ≥ 1 %, oil ≥ 10 %, gas ≥ 50 % or high-carbon electricity ≥ 50 % of revenue (H22:H25) and not 'none of the above' (H26); NO when only H26; NA when both", "TPL 'Governance Disclosures'!H27"),
        *(_f(f"c3.{name}_{year}_year_tco2e", "tCO2e", f"{text} of the {year} year, as the template totals it",
             f"TPL 'Environmental Disclosures'!{col}{row}")
          for name, row, text in (("scope1_2_location", 25, "Scope 1 + LB Scope 2"), ("scope1_2_market", 26, "Scope 1 + MB Scope 2"),
                                  ("scope3", 45, "sum of the Scope 3 category rows"), ("total_location", 46, "Scope 1 + LB Scope 2 + Scope 3"),
                                  ("total_market", 47, "Scope 1 + MB Scope 2 + Scope 3"))
          for year, col in (("base", "G"), ("target", "J"))),
        *(_f(f"c3.scope3_{cat}_target_change", "fraction", "-(1 - category target / category base); '-' when either is blank",
             f"TPL 'Environmental Disclosures'!K{30 + i} (G{30 + i}, J{30 + i})") for i, cat in enumerate(SCOPE3_CATEGORIES)),
        _f("general.size_class", "class", "smallest category (micro, small, medium) of which the undertaking does not exceed two of the three thresholds (balance sheet, turnover, employees)", "para 2; Directive 2013/34/EU Art. 3 as amended by Delegated Directive (EU) 2023/2775"),
    )
}


def make(
    key: str,
    value: Decimal | bool | str | None,
    inputs: dict[str, Any],
    *,
    reason: str | None = None,
    estimated: bool = False,
    source: list[str] | None = None,
    notes: list[str] | None = None,
) -> Metric:
    """Build the metric ``key`` from the catalogue; ``value is None`` means not computable.

    Non-Decimal values (a class label, a boolean) go to ``result``; ``value`` is numeric by contract.
    """
    formula = FORMULAS[key]
    common = dict(
        key=key,
        disclosure=formula.disclosure,
        unit=formula.unit,
        formula=f"{formula.text} [{formula.reference}]",
        formula_version=formula.version,
        source=source or [],
        notes=notes or [],
    )
    if value is None:
        return Metric(computable=False, reason=reason or "not computable", inputs=inputs, **common)
    if isinstance(value, bool) or isinstance(value, str):
        return Metric(
            computable=True, result=value, inputs=inputs, estimated=estimated, **common
        )
    return Metric(computable=True, value=value, inputs=inputs, estimated=estimated, **common)
