"""Every worked example of the VSME guidance, with the numbers printed in the standard.

Expected values are the standard's own results (not derived from the code), rounded as printed.
"""

from decimal import Decimal as D

import pytest

from vsme_pipeline.calculations import compute_metrics
from vsme_pipeline.calculations.b1 import full_time_equivalent
from vsme_pipeline.calculations.b9 import accident_rate
from vsme_pipeline.calculations.b10 import gender_pay_gap
from vsme_pipeline.calculations.c5 import female_to_male_management_ratio
from vsme_pipeline.calculations.c9 import board_gender_diversity_ratio
from vsme_pipeline.calculations.fuels import fuel_energy
from vsme_pipeline.calculations.units import MWH_PER_TJ, energy_to_mwh
from vsme_pipeline.reference_data import EmissionFactorSet

pytestmark = pytest.mark.worked_example


def r(value: D, places: int) -> D:
    return value.quantize(D(1).scaleb(-places))


def test_scope1_fuel_oil_guidance_105() -> None:
    """101.5 m³ fuel oil × 0.03921 TJ/m³ × 75.75 tCO2/TJ = 301.5 tCO2."""
    report = {"modules": {"b3": {"fuelActivities": [
        {"fuel": "Residual fuel oil", "quantity": 101.5, "unit": "m3", "ncvTjPerUnit": 0.03921, "emissionFactor": 75.75},
    ]}}}
    metric = compute_metrics(report, None, EmissionFactorSet()).metrics["b3.scope1_tco2e"]
    assert metric.computable and metric.unit == "tCO2e"
    assert r(metric.value, 1) == D("301.5")
    # The energy content, 3.98 TJ, is also the fuel's contribution to total energy in MWh.
    assert r(compute_metrics(report).metrics["b3.fuels_mwh"].value, 0) == r(D("101.5") * D("0.03921") * MWH_PER_TJ, 0)


def test_scope2_location_based_guidance_108() -> None:
    """282,000 kWh × 73 gCO2e/kWh = 20.6 tCO2e (factor supplied as reference data)."""
    factors = EmissionFactorSet([{"key": "grid:XX:test", "category": "electricity_grid", "country": "DK",
                                  "value": 73, "unit": "gCO2e/kWh", "year": 2024, "dataset_version": "test"}])
    report = {"modules": {"b3": {"electricityActivities": [{"country": "DK", "consumptionKwh": 282000}]}}}
    metric = compute_metrics(report, None, factors).metrics["b3.scope2_location_tco2e"]
    assert r(metric.value, 1) == D("20.6")
    assert metric.source == ["grid:XX:test"]


def test_accident_rate_guidance_186() -> None:
    """3 accidents, 40 employees × 2,000 h = 80,000 h → 3 / 80,000 × 200,000 = 7.5."""
    measured = accident_rate(D(3), D(80000))
    assert measured.value == D("7.5") and not measured.estimated
    estimated = accident_rate(D(3), None, employees=D(40))
    assert estimated.value == D("7.5") and estimated.estimated
    assert estimated.inputs["hours_used"] == D(80000)


def test_gender_pay_gap_guidance_201() -> None:
    """(15 − 13) / 15 × 100 = 13.3 %."""
    metric = gender_pay_gap(D(15), D(13))
    assert r(metric.value, 1) == D("13.3") and metric.unit == "%"


def test_fte_guidance_71() -> None:
    """25 scheduled hours / 40 full-time hours = 0.625 FTE."""
    assert full_time_equivalent(D(25), D(40)) == D("0.625")


def test_management_ratio_guidance_231() -> None:
    """28 women and 84 men at management level → 1:3 = 0.333."""
    assert r(female_to_male_management_ratio(D(28), D(84)).value, 3) == D("0.333")


def test_board_ratio_guidance_244() -> None:
    """3 women among 6 members → 3 / 3 = 1."""
    assert board_gender_diversity_ratio(D(3), D(3)).value == D(1)


def test_one_tj_is_277_78_mwh_guidance_87() -> None:
    assert r(energy_to_mwh(D(1), "TJ"), 2) == D("277.78")
    assert r(fuel_energy("Natural gas", 1, "TJ").mwh, 2) == D("277.78")


def test_fuel_mass_and_volume_conversion_guidance_88_89() -> None:
    """1 Gg of natural gas at 48 TJ/Gg = 48 TJ; 1,000 L diesel × 0.84 kg/L × 43 TJ/Gg = 0.03612 TJ."""
    assert fuel_energy("Natural gas", 1000, "t").tj == D(48)
    diesel = fuel_energy("Gas/Diesel oil", 1000, "L")
    assert diesel.tj == D("0.03612")
    assert r(diesel.mwh, 2) == D("10.03")
