"""Fuel conversion parameters and fuel quantity → energy conversion (VSME guidance 87–89).

The table below is copied from the **EFRAG VSME Digital Template 1.3.0**, sheet "Fuel Conversion
Parameters" (typical net calorific value in TJ/Gg, typical density in kg/L for liquids and kg/m³
for gases, typical renewability).  EFRAG's main source is the CDP Technical Note "Conversion of fuel
data to MWh", itself based on the 2006 IPCC Guidelines for National Greenhouse Gas Inventories
(WRI/WBCSD stationary combustion tool 3.1); values marked with a footnote letter come from the
additional sources listed in the template (footnotes a–t).  The template is distributed with
EFRAG's converter repository (EFRAG-EU/Digital-Template-to-XBRL-Converter, MIT licence).
Values are copied verbatim, including two the template lists as it does although one may
question them: "Gas coke" is listed as gaseous and "Vegetable oils" as non-renewable.

Conversion (guidance 88–89): energy [TJ] = mass [Gg] × NCV [TJ/Gg]; a volume is first turned into
a mass with the density; 1 TJ = 277.78 MWh.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from decimal import Decimal as D
from typing import Any

from vsme_pipeline.calculations.units import (
    MWH_PER_TJ,
    energy_to_mwh,
    mass_to_tonnes,
    to_decimal,
    unit_kind,
    volume_to_m3,
)

FUEL_TABLE_SOURCE = "EFRAG VSME Digital Template 1.3.0, sheet 'Fuel Conversion Parameters' (MIT)"
FUEL_TABLE_VERSION = "efrag-template-1.3.0"


@dataclass(frozen=True)
class FuelParameters:
    """One row of the EFRAG fuel table."""

    key: str
    name: str
    state: str  # "solid" | "liquid" | "gaseous"
    ncv_tj_per_gg: Decimal
    density_kg_per_l: Decimal | None
    density_kg_per_m3: Decimal | None
    renewable: bool
    footnote: str | None = None


FUELS: tuple[FuelParameters, ...] = (
    FuelParameters("anthracite", "Anthracite", "solid", D("26.7"), None, None, False, None),
    FuelParameters("aviation_gasoline", "Aviation gasoline", "liquid", D("44.3"), D("0.71"), None, False, None),
    FuelParameters("biodiesel", "Biodiesel", "liquid", D("27"), D("0.85"), None, True, None),
    FuelParameters("biogasoline", "Biogasoline", "liquid", D("27"), D("0.75"), None, True, 'a'),
    FuelParameters("bitumen", "Bitumen", "liquid", D("40.2"), D("1.035"), None, False, 'b'),
    FuelParameters("blast_furnace_gas", "Blast furnace gas", "gaseous", D("2.47"), None, D("1.25"), False, 'c'),
    FuelParameters("brown_coal_briquettes", "Brown coal briquettes", "solid", D("20.7"), None, None, False, None),
    FuelParameters("butane_and_isomers", "Butane and isomers", "gaseous", D("45.57"), None, D("2.5"), False, 'd'),
    FuelParameters("coke_oven_coke_and_lignite_coke", "Coke oven coke & lignite coke", "solid", D("28.2"), None, None, False, None),
    FuelParameters("coke_oven_gas", "Coke oven gas", "gaseous", D("38.7"), None, D("0.475"), False, 'e'),
    FuelParameters("coking_coal", "Coking coal", "solid", D("28.2"), None, None, False, None),
    FuelParameters("crude_oil_and_distillates", "Crude oil and distillates", "liquid", D("42.3"), D("0.8"), None, False, None),
    FuelParameters("ethane", "Ethane", "gaseous", D("46.4"), None, D("1.3"), False, None),
    FuelParameters("gas_coke", "Gas coke", "gaseous", D("28.2"), None, D("0.54"), False, 'f'),
    FuelParameters("gas_diesel_oil", "Gas/Diesel oil", "liquid", D("43"), D("0.84"), None, False, None),
    FuelParameters("jet_gasoline", "Jet gasoline", "liquid", D("44.3"), D("0.81"), None, False, 'g'),
    FuelParameters("jet_kerosene", "Jet kerosene", "liquid", D("44.1"), D("0.79"), None, False, None),
    FuelParameters("kerosene", "Kerosene", "liquid", D("43.8"), D("0.8"), None, False, None),
    FuelParameters("landfill_gas", "Landfill gas", "gaseous", D("50.4"), None, D("0.9"), True, None),
    FuelParameters("lignite", "Lignite", "solid", D("11.9"), None, None, False, None),
    FuelParameters("lpg", "Liquefied Petroleum Gases (LPG)", "liquid", D("47.3"), D("0.54"), None, False, None),
    FuelParameters("lubricants", "Lubricants", "liquid", D("40.2"), D("1"), None, False, None),
    FuelParameters("methane", "Methane", "gaseous", D("50"), None, D("0.67"), False, 'h'),
    FuelParameters("motor_gasoline_petrol", "Motor gasoline/Petrol", "liquid", D("44.3"), D("0.74"), None, False, None),
    FuelParameters("municipal_wastes_biomass", "Municipal wastes (biomass fraction)", "solid", D("11.6"), None, None, True, None),
    FuelParameters("municipal_wastes_non_biomass", "Municipal wastes (non-biomass fraction)", "solid", D("10"), None, None, False, None),
    FuelParameters("naphtha", "Naphtha", "liquid", D("44.5"), D("0.77"), None, False, None),
    FuelParameters("natural_gas", "Natural gas", "gaseous", D("48"), None, D("0.7"), False, None),
    FuelParameters("natural_gas_liquids", "Natural gas liquids (NGL)", "liquid", D("44.2"), D("0.47"), None, False, None),
    FuelParameters("oil_shale_and_tar_sands", "Oil shale and tar sands", "liquid", D("8.9"), D("0.95"), None, False, 'i'),
    FuelParameters("orimulsion", "Orimulsion", "liquid", D("27.5"), D("1.13"), None, False, 'j'),
    FuelParameters("oxygen_steel_furnace_gas", "Oxygen steel furnace gas", "gaseous", D("7.06"), None, D("1.33"), False, 'k'),
    FuelParameters("paraffin_waxes", "Paraffin waxes", "solid", D("40.2"), None, None, False, None),
    FuelParameters("patent_fuel", "Patent fuel", "solid", D("20.7"), None, None, False, None),
    FuelParameters("peat", "Peat", "solid", D("9.76"), None, None, False, None),
    FuelParameters("petroleum_coke", "Petroleum coke", "solid", D("32.5"), None, None, False, None),
    FuelParameters("propane", "Propane", "gaseous", D("46.32"), None, D("1.9"), False, 'l'),
    FuelParameters("refinery_feedstocks", "Refinery feedstocks", "liquid", D("43"), D("0.825"), None, False, 'm'),
    FuelParameters("refinery_gas", "Refinery Gas", "gaseous", D("49.5"), None, D("0.88"), False, 'n'),
    FuelParameters("residual_fuel_oil", "Residual fuel oil", "liquid", D("40.4"), D("0.94"), None, False, None),
    FuelParameters("shale_oil", "Shale oil (liquid)", "liquid", D("38.1"), D("1"), None, False, None),
    FuelParameters("sludge_gas", "Sludge gas", "gaseous", D("50.4"), None, D("0.67"), True, None),
    FuelParameters("sub_bituminous_coal", "Sub-bituminous coal", "solid", D("18.9"), None, None, False, None),
    FuelParameters("sulphite_lyes", "Sulphite lyes (black liquor)", "liquid", D("11.8"), D("1.2"), None, True, 'o'),
    FuelParameters("turpentine", "Turpentine", "liquid", D("44.4"), D("0.87"), None, True, 'p'),
    FuelParameters("vegetable_oils", "Vegetable oils", "liquid", D("37.8"), D("0.9"), None, False, 'q'),
    FuelParameters("waste_oils", "Waste oils", "liquid", D("40.2"), D("0.8"), None, False, 'r'),
    FuelParameters("waste_water_treatment_biogas", "Waste water treatment biogas", "gaseous", D("35"), None, D("0.9"), True, 's'),
    FuelParameters("white_spirit_and_sbp", "White Spirit & SBP", "liquid", D("40.2"), D("0.75"), None, False, 't'),
    FuelParameters("wood_and_wood_waste", "Wood/Wood waste", "solid", D("15.6"), None, None, True, None),
)

FUELS_BY_KEY: dict[str, FuelParameters] = {f.key: f for f in FUELS}

# Common names used in the web app / by SMEs → table key.
FUEL_ALIASES: dict[str, str] = {
    "diesel": "gas_diesel_oil",
    "gas_oil": "gas_diesel_oil",
    "heating_oil": "gas_diesel_oil",
    "light_fuel_oil": "gas_diesel_oil",
    "petrol": "motor_gasoline_petrol",
    "gasoline": "motor_gasoline_petrol",
    "motor_gasoline": "motor_gasoline_petrol",
    "fuel_oil": "residual_fuel_oil",
    "heavy_fuel_oil": "residual_fuel_oil",
    "liquefied_petroleum_gases": "lpg",
    "wood": "wood_and_wood_waste",
    "wood_pellets": "wood_and_wood_waste",
    "biogas": "sludge_gas",
}


def normalise_fuel_key(name: Any) -> str | None:
    """Map a fuel name or key ("Natural gas", "natural_gas", "diesel") to a table key."""
    if not isinstance(name, str) or not name.strip():
        return None
    slug = "".join(ch if ch.isalnum() else "_" for ch in name.strip().lower())
    slug = "_".join(part for part in slug.split("_") if part)
    if slug in FUELS_BY_KEY:
        return slug
    if slug in FUEL_ALIASES:
        return FUEL_ALIASES[slug]
    for fuel in FUELS:
        if fuel.name.lower() == name.strip().lower():
            return fuel.key
    return None


@dataclass
class FuelEnergy:
    """Result of converting one fuel quantity to energy; ``tj`` is None when not convertible."""

    tj: Decimal | None
    renewable: bool | None
    reason: str | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    parameters: list[str] = field(default_factory=list)

    @property
    def mwh(self) -> Decimal | None:
        return None if self.tj is None else self.tj * MWH_PER_TJ


def fuel_energy(
    fuel: Any,
    quantity: Any,
    unit: Any,
    *,
    ncv_tj_per_gg: Any = None,
    density: Any = None,
    ncv_tj_per_unit: Any = None,
    renewable: bool | None = None,
) -> FuelEnergy:
    """Convert a fuel quantity to energy (TJ; ``.mwh`` for MWh).

    ``quantity``/``unit``: an energy (kWh, MWh, GJ, TJ), mass (kg, t, Gg) or volume (L, m3) amount.
    Overrides, when the undertaking knows better than the typical values: ``ncv_tj_per_gg``,
    ``density`` (kg/L for liquids, kg/m³ for gases) or ``ncv_tj_per_unit`` (TJ per one ``unit``,
    e.g. 0.03921 TJ/m³ in guidance 105), which bypasses the table entirely.
    """
    qty = to_decimal(quantity)
    unit_label = unit if isinstance(unit, str) else None
    inputs: dict[str, Any] = {"fuel": fuel, "quantity": qty, "unit": unit_label}
    if qty is None:
        return FuelEnergy(None, renewable, "fuel quantity is missing or not a number", inputs)
    if qty < 0:
        return FuelEnergy(None, renewable, "fuel quantity is negative", inputs)

    per_unit = to_decimal(ncv_tj_per_unit)
    if per_unit is not None:
        inputs["ncv_tj_per_unit"] = per_unit
        params = ["ncv_tj_per_unit (undertaking-specific)"]
        key = normalise_fuel_key(fuel)
        if renewable is None and key is not None:
            renewable = FUELS_BY_KEY[key].renewable
        return FuelEnergy(qty * per_unit, renewable, None, inputs, params)

    kind = unit_kind(unit_label)
    if kind == "energy":
        mwh = energy_to_mwh(qty, unit_label)
        assert mwh is not None
        key = normalise_fuel_key(fuel)
        if renewable is None and key is not None:
            renewable = FUELS_BY_KEY[key].renewable
        return FuelEnergy(mwh / MWH_PER_TJ, renewable, None, inputs, [])
    if kind is None:
        return FuelEnergy(None, renewable, f"unknown unit {unit_label!r} for a fuel quantity", inputs)

    key = normalise_fuel_key(fuel)
    params_row = FUELS_BY_KEY.get(key) if key else None
    ncv = to_decimal(ncv_tj_per_gg)
    if ncv is None:
        if params_row is None:
            return FuelEnergy(
                None, renewable, f"fuel {fuel!r} is not in the EFRAG fuel table and no NCV was given", inputs
            )
        ncv = params_row.ncv_tj_per_gg
        parameters = [f"efrag-fuel:{params_row.key}:ncv"]
    else:
        parameters = ["ncv_tj_per_gg (undertaking-specific)"]
    if renewable is None and params_row is not None:
        renewable = params_row.renewable
    inputs["ncv_tj_per_gg"] = ncv

    if kind == "mass":
        tonnes = mass_to_tonnes(qty, unit_label)
        assert tonnes is not None
    else:
        m3 = volume_to_m3(qty, unit_label)
        assert m3 is not None
        dens = to_decimal(density)
        state = params_row.state if params_row else None
        if dens is None and params_row is not None:
            if state == "liquid" and params_row.density_kg_per_l is not None:
                dens = params_row.density_kg_per_l * 1000  # kg/L → kg/m³
                parameters.append(f"efrag-fuel:{params_row.key}:density")
            elif params_row.density_kg_per_m3 is not None:
                dens = params_row.density_kg_per_m3
                parameters.append(f"efrag-fuel:{params_row.key}:density")
        elif dens is not None:
            # An override is given in kg/L for liquids, kg/m³ otherwise.
            dens = dens * 1000 if state == "liquid" else dens
            parameters.append("density (undertaking-specific)")
        if dens is None:
            return FuelEnergy(None, renewable, f"no density known for {fuel!r} to convert a volume", inputs)
        inputs["density_kg_per_m3"] = dens
        tonnes = m3 * dens / 1000
    gg = tonnes / 1000
    return FuelEnergy(gg * ncv, renewable, None, inputs, parameters)
