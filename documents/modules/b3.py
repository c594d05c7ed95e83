"""B3 - Energy and greenhouse gas emissions (VSME paras 29-31, 50-53; guidance 81-109, 214-215)."""

from documents.base import CamelModel, Unit, boolean, datapoint, enumeration, percentage, text
from documents.base import quantity as non_negative
from documents.common import CountryCode
from documents.enums import EnergySource, FuelUnit, Scope3Category

__all__ = [
    "B3EnergyAndGhgEmissions",
    "ElectricityActivity",
    "EnergyBreakdownRow",
    "FuelActivity",
    "Scope3CategoryEmissions",
]


class EnergyBreakdownRow(CamelModel):
    """One row of the para-29 breakdown table in MWh: renewable + non-renewable = total."""

    renewable: float | None = non_negative(unit=Unit.MWH, member="RenewableEnergyMember")
    non_renewable: float | None = non_negative(unit=Unit.MWH, member="NonRenewableEnergyMember")
    total: float | None = non_negative(unit=Unit.MWH, member="TotalRenewableAndNonRenewableEnergyMember")


class FuelActivity(CamelModel):
    """Fuel activity data that the calculation layer converts to MWh and tCO2e.

    ``fuel`` is a fuel name of the EFRAG template's Fuel Conversion Parameters table
    (e.g. ``"Natural gas"``, ``"Gas/Diesel oil"``); ``energy_mwh`` and ``emissions`` are
    calculation outputs (guidance 87-89: mass x NCV, volume x density x NCV; 1 TJ = 277.78 MWh).
    """

    fuel: str = text(description="Fuel name from the EFRAG fuel conversion table.")
    quantity: float | None = non_negative(description="Amount of fuel in `unit`.")
    unit: FuelUnit | None = enumeration()
    energy_source: EnergySource | None = enumeration(
        description="Override of the fuel table's typical renewability."
    )
    site_identifier: str | None = text(description="B1 site where the fuel is used.")
    ncv_tj_per_unit: float | None = non_negative(
        unit="TJ/unit", description="Undertaking-specific net calorific value per unit of quantity (guidance 105)."
    )
    ncv_tj_per_gg: float | None = non_negative(
        unit="TJ/Gg", description="Undertaking-specific net calorific value (overrides the fuel table)."
    )
    density: float | None = non_negative(
        description="Undertaking-specific density: kg/L for liquids, kg/m3 for gases (overrides the fuel table)."
    )
    emission_factor: float | None = non_negative(
        description="Undertaking-specific emission factor in `emission_factor_unit` (overrides reference data)."
    )
    emission_factor_unit: str | None = text(description="Unit of `emission_factor`, default tCO2e/TJ.")
    energy_mwh: float | None = non_negative(unit=Unit.MWH, description="Calculated energy content.")
    emissions: float | None = non_negative(unit=Unit.TCO2E, description="Calculated Scope 1 emissions.")


class ElectricityActivity(CamelModel):
    """Purchased (or self-generated) electricity, heat, steam or cooling per country in kWh."""

    country: CountryCode | None = enumeration(description="Grid country (location-based factor).")
    consumption_kwh: float | None = non_negative(unit=Unit.KWH)
    renewable_share: float | None = percentage(
        description="Renewable share from guarantees of origin or the supplier mix (guidance 84)."
    )
    self_generated: bool | None = boolean(description="Self-generated without fuel (PV, wind).")
    supplier_emission_factor: float | None = non_negative(
        unit=Unit.G_CO2E_PER_KWH, description="Supplier-specific factor for market-based Scope 2."
    )
    site_identifier: str | None = text(description="B1 site supplied.")
    emissions_location_based: float | None = non_negative(unit=Unit.TCO2E, description="Calculated.")
    emissions_market_based: float | None = non_negative(unit=Unit.TCO2E, description="Calculated.")


class Scope3CategoryEmissions(CamelModel):
    """Scope 3 emissions of one GHG Protocol category (template input row)."""

    category: Scope3Category = enumeration()
    emissions: float | None = non_negative(unit=Unit.TCO2E)
    base_year_emissions: float | None = non_negative(
        unit=Unit.TCO2E, paragraph="54(b)", description="C3 target table: the category's base-year value (template row G30:G44)."
    )
    target_year_emissions: float | None = non_negative(
        unit=Unit.TCO2E, paragraph="54(a)", description="C3 target table: the category's target-year value (template row J30:J44)."
    )
    methodology: str | None = text(description="Calculation approach (spend-based, activity-based ...).")


class B3EnergyAndGhgEmissions(CamelModel):
    """B3: total energy (MWh), its breakdown, gross Scope 1/2/3 emissions (tCO2e), intensity."""

    # Energy (para 29)
    total_energy_consumption: float | None = non_negative(
        "TotalEnergyConsumption", Unit.MWH, paragraph="29", member="TotalRenewableAndNonRenewableEnergyMember"
    )
    energy_breakdown_obtainable: bool | None = boolean(
        description="Gate: the renewable / non-renewable breakdown is obtainable.", paragraph="29"
    )
    electricity: EnergyBreakdownRow | None = datapoint(
        "EnergyConsumptionFromElectricity", unit=Unit.MWH, paragraph="29",
        description="Electricity, heat, steam and cooling as reflected in utility billings.",
    )
    self_generated_electricity: EnergyBreakdownRow | None = datapoint(
        "EnergyConsumptionFromSelfGeneratedElectricity", unit=Unit.MWH, paragraph="29"
    )
    fuels: EnergyBreakdownRow | None = datapoint("EnergyConsumptionFromFuels", unit=Unit.MWH, paragraph="29")
    total_renewable_energy: float | None = non_negative(
        "TotalEnergyConsumption", Unit.MWH, paragraph="29", member="RenewableEnergyMember"
    )
    total_non_renewable_energy: float | None = non_negative(
        "TotalEnergyConsumption", Unit.MWH, paragraph="29", member="NonRenewableEnergyMember"
    )
    fuel_activities: list[FuelActivity] | None = datapoint(description="Optional fuel activity data.")
    electricity_activities: list[ElectricityActivity] | None = datapoint(
        description="Optional electricity activity data (kWh by country)."
    )

    # GHG emissions (para 30, 50-53)
    ghg_accounting_standard: str | None = text(
        description="GHG Protocol Corporate Standard (default) or ISO 14064-1 (guidance 94)."
    )
    emission_factor_sources: str | None = text(description="Emission factor sources used (guidance 102).")
    scope1_emissions: float | None = non_negative("GrossScope1GreenhouseGasEmissions", Unit.TCO2E, paragraph="30(a)")
    scope2_location_based_emissions: float | None = non_negative(
        "GrossLocationBasedScope2GreenhouseGasEmissions", Unit.TCO2E, paragraph="30(b)"
    )
    scope2_market_based_emissions: float | None = non_negative(
        "GrossMarketBasedScope2GreenhouseGasEmissions", Unit.TCO2E, paragraph="30(b), guidance 109"
    )
    total_scope1_and_scope2_location_based: float | None = non_negative(
        "TotalGrossLocationBasedScope1AndScope2GHGEmissions", Unit.TCO2E, paragraph="30"
    )
    total_scope1_and_scope2_market_based: float | None = non_negative(
        "TotalGrossMarketBasedScope1AndScope2GHGEmissions", Unit.TCO2E, paragraph="30"
    )
    reports_scope3: bool | None = boolean(description="Gate: Scope 3 emissions are reported.", paragraph="50-53")
    scope3_emissions: float | None = non_negative("GrossScope3GreenhouseGasEmissions", Unit.TCO2E, paragraph="50-53")
    scope3_categories: list[Scope3CategoryEmissions] | None = datapoint(
        description="Optional per-category Scope 3 emissions; they sum to scope3_emissions."
    )
    total_location_based_emissions: float | None = non_negative(
        "TotalGrossLocationBasedGHGEmissions", Unit.TCO2E, paragraph="50-53"
    )
    total_market_based_emissions: float | None = non_negative(
        "TotalGrossMarketBasedGHGEmissions", Unit.TCO2E, paragraph="50-53"
    )

    # GHG intensity (para 31): emissions / turnover (report currency, EUR)
    ghg_intensity_location_based: float | None = non_negative(
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased", Unit.TCO2E_PER_EUR, paragraph="31"
    )
    ghg_intensity_market_based: float | None = non_negative(
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased", Unit.TCO2E_PER_EUR, paragraph="31"
    )
    total_ghg_intensity_location_based: float | None = non_negative(
        "TotalLocationBasedGreenhouseGasEmissionsIntensityValue", Unit.TCO2E_PER_EUR, paragraph="31"
    )
    total_ghg_intensity_market_based: float | None = non_negative(
        "TotalMarketBasedGreenhouseGasEmissionsIntensityValue", Unit.TCO2E_PER_EUR, paragraph="31"
    )
