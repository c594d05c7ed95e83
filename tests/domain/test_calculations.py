"""Calculated metrics: hand-derived numbers, provenance, and 'not computable' instead of crashes."""

from decimal import Decimal as D

from vsme_pipeline.calculations import FORMULAS, FORMULAS_VERSION, compute_metrics
from vsme_pipeline.calculations.b7 import diversion_rate, total_waste
from vsme_pipeline.calculations.b8 import employee_turnover_rate
from vsme_pipeline.calculations.b10 import cba_band, collective_bargaining_coverage
from vsme_pipeline.calculations.c3 import target_reduction
from vsme_pipeline.calculations.c8 import benchmark_exclusion
from vsme_pipeline.calculations.size_class import SMALL_MEMBER_STATE_MAXIMUM, size_class
from vsme_pipeline.reference_data import DATASET_VERSION, EmissionFactorSet, emission_factors

EU27 = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
        "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}


def report(**modules: dict) -> dict:
    return {"reportingYear": 2025, "modules": modules}


def test_energy_breakdown_from_activities() -> None:
    # 10,000 kWh at 40 % renewable = 10 MWh (4 renewable); 1,000 L diesel = 10.0333 MWh non-renewable;
    # 1 t wood = 0.001 Gg × 15.6 TJ/Gg = 0.0156 TJ = 4.3333 MWh renewable.
    ms = compute_metrics(report(b3={
        "electricityActivities": [{"country": "DE", "consumptionKwh": 10000, "renewableShare": 40}],
        "fuelActivities": [{"fuel": "Gas/Diesel oil", "quantity": 1000, "unit": "L"},
                           {"fuel": "Wood/Wood waste", "quantity": 1, "unit": "t"}],
    }), None, EmissionFactorSet.default())
    m = ms.metrics
    assert m["b3.electricity_mwh"].value == D(10)
    assert m["b3.electricity_renewable_mwh"].value == D(4)
    assert round(m["b3.fuels_mwh"].value, 4) == D("14.3667")
    assert round(m["b3.fuels_renewable_mwh"].value, 4) == D("4.3333")
    assert round(m["b3.total_energy_mwh"].value, 4) == D("24.3667")
    assert round(m["b3.renewable_energy_mwh"].value, 4) == D("8.3333")
    assert m["b3.total_energy_mwh"].unit == "MWh"
    # Scope 2: 10 MWh × 385 g/kWh (DE) = 3.85 t
    assert m["b3.scope2_location_tco2e"].value == D("3.85")
    assert m["b3.scope2_location_tco2e"].source == ["grid:DE:2022"]
    # Scope 1: 0.03612 TJ × 74.5618 + 0.0156 TJ × 9.192 = 2.69317 + 0.14340 = 2.83657 t
    assert round(m["b3.scope1_tco2e"].value, 4) == D("2.8366")
    assert set(m["b3.scope1_tco2e"].source) == {"fuel:gas_diesel_oil:ipcc2006", "fuel:wood_and_wood_waste:ipcc2006"}
    assert ms.factor_dataset_version == DATASET_VERSION and ms.formulas_version == FORMULAS_VERSION


def test_reported_values_take_precedence_and_intensity() -> None:
    ms = compute_metrics(report(b1={"turnover": 2_000_000}, b3={"scope1Emissions": 30, "scope2LocationBasedEmissions": 10,
                                                                "scope2MarketBasedEmissions": 4, "scope3Emissions": 100}))
    m = ms.metrics
    assert m["b3.scope1_2_location_tco2e"].value == D(40)
    assert m["b3.scope1_2_market_tco2e"].value == D(34)
    assert m["b3.total_location_tco2e"].value == D(140)
    assert m["b3.ghg_intensity_location"].value == D("0.00002")  # 40 t / 2,000,000 EUR
    assert m["b3.ghg_intensity_location"].unit == "tCO2e/EUR"


def test_missing_grid_country_falls_back_to_primary_country_and_flags_estimate() -> None:
    ms = compute_metrics(report(b1={"primaryCountry": "FR"}, b3={"electricityActivities": [{"consumptionKwh": 1000}]}),
                         None, EmissionFactorSet.default())
    metric = ms.metrics["b3.scope2_location_tco2e"]
    assert metric.value == D("0.064") and metric.estimated


def test_not_computable_is_explicit() -> None:
    ms = compute_metrics({"modules": {"b3": {"fuelActivities": [{"fuel": "Unobtainium", "quantity": 5, "unit": "kg"}]}}})
    scope1 = ms.metrics["b3.scope1_tco2e"]
    assert not scope1.computable and scope1.value is None and "Unobtainium" in scope1.reason
    assert not ms.metrics["b3.ghg_intensity_location"].computable


def test_zero_denominators_are_not_computable() -> None:
    assert employee_turnover_rate(D(3), D(0), D(0)).reason == "average number of employees is zero"
    assert diversion_rate(D(1), D(0)).reason == "total waste generated is zero"
    assert target_reduction("c3.scope1_target_reduction_percent", D(0), D(0)).computable is False
    cba = collective_bargaining_coverage(D(0), D(0))
    assert all(not m.computable for m in cba)


def test_turnover_rate_and_waste() -> None:
    # 12 leavers, 55 at start, 65 at end → 12 / 60 × 100 = 20 %
    assert employee_turnover_rate(D(12), D(55), D(65)).value == D(20)
    assert total_waste(D("1.5"), D("8.5")).value == D(10)
    assert diversion_rate(D(4), D(10)).value == D(40)


def test_collective_bargaining_band() -> None:
    percent, band = collective_bargaining_coverage(D(39), D(100))
    assert percent.value == D(39) and band.result == "20-39"
    assert cba_band(D("19.9")) == "0-19" and cba_band(D(100)) == "80-100"


def test_c3_reduction() -> None:
    # SBTi cross-sector pathway of guidance 222: −42 % by 2030 → 1,000 t base, 580 t target
    assert target_reduction("c3.scope1_target_reduction_percent", D(1000), D(580)).value == D(42)


def test_size_class_two_of_three() -> None:
    assert size_class(D(400_000), D(800_000), D(12)).result == "micro"  # employees exceed, two others do not
    assert size_class(D(400_000), D(1_000_000), D(12)).result == "small"
    assert size_class(D(6_000_000), D(12_000_000), D(40)).result == "medium"
    assert size_class(D(6_000_000), D(12_000_000), D(40), SMALL_MEMBER_STATE_MAXIMUM).result == "small"
    assert size_class(D(30_000_000), D(60_000_000), D(100)).result == "large"
    undecided = size_class(D(400_000), None, D(12))
    assert not undecided.computable and "two of" in undecided.reason


def test_benchmark_exclusion() -> None:
    # 1.2 % of revenue from coal → excluded (threshold 1 %)
    *_, verdict = benchmark_exclusion(D(1_000_000), D(12_000), None, None)
    assert verdict.result is True and any("coal" in n for n in verdict.notes)
    *_, verdict = benchmark_exclusion(D(1_000_000), D(9_000), D(90_000), D(400_000))
    assert verdict.result is False  # 0.9 % coal, 9 % oil, 40 % gas
    *_, verdict = benchmark_exclusion(None, D(5), None, None)
    assert not verdict.computable


def test_reference_data_covers_eu27_with_provenance() -> None:
    rows = emission_factors()
    grid = {r["country"] for r in rows if r["category"] == "electricity_grid" and r["country"]}
    assert grid == EU27
    for row in rows:
        assert row["source"] and row["year"] and row["licence"] and row["unit"] and row["dataset_version"] == DATASET_VERSION
    fuels = {r["activity"] for r in rows if r["category"] == "fuel"}
    assert {"natural_gas", "gas_diesel_oil", "motor_gasoline_petrol", "residual_fuel_oil", "lpg"} <= fuels
    # IPCC 2006 natural gas: 56,100 kg CO2 + 5 kg CH4 × 29.8 + 0.1 kg N2O × 273 per TJ = 56.2763 t/TJ
    assert EmissionFactorSet(rows).fuel("natural_gas").value == D("56.2763")


def test_metric_serialisation() -> None:
    metric = compute_metrics(report(b9={"recordableAccidents": 3, "hoursWorked": 80000})).metrics["b9.accident_rate"]
    assert metric.model_dump()["value"] == 7.5
    assert metric.model_dump(mode="json")["value"] == "7.5000000"
    assert metric.model_dump()["formulaVersion"] == FORMULAS["b9.accident_rate"].version


def test_garbage_never_crashes() -> None:
    for junk in (None, "x", 5, [], {"modules": "x"}, {"modules": {"b3": {"fuelActivities": "x", "electricity": 7}}}):
        ms = compute_metrics(junk, junk, junk)
        assert ms.metrics and all(m.computable in (True, False) for m in ms.metrics.values())


def test_benchmark_exclusion_thresholds_are_inclusive() -> None:
    # Art. 12(1)(d)-(g) Reg. 2020/1818: "1 % or more" coal, "10 % or more" oil, "50 % or more" gas and
    # high-carbon electricity; exactly at the threshold excludes, just below does not.
    turnover = D(1_000_000)
    for position, share in ((1, D(1)), (2, D(10)), (3, D(50)), (4, D(50))):
        at = [None] * 4
        at[position - 1] = turnover * share / 100
        assert benchmark_exclusion(turnover, *at)[-1].result is True, (position, "at")
        at[position - 1] = turnover * (share - D("0.01")) / 100
        assert benchmark_exclusion(turnover, *at)[-1].result is False, (position, "below")


def test_size_class_thresholds_are_not_exceeded_when_equal() -> None:
    # "Does not exceed": a value equal to the limit is within it.
    assert size_class(D(450_000), D(900_000), D(11)).result == "micro"
    assert size_class(D(450_001), D(900_001), D(10)).result == "small"
    assert size_class(D(25_000_000), D(50_000_000), D(300)).result == "medium"
    assert size_class(D(25_000_001), D(50_000_001), D(250)).result == "large"
    # At the limit on one criterion, above on another, third unknown: it could still be micro.
    assert not size_class(D(450_000), None, D(11)).computable


def test_water_consumption_and_diversion_boundaries() -> None:
    from vsme_pipeline.calculations.b6 import water_consumption

    assert water_consumption(D(100), D(100)).value == D(0)  # all water discharged: 0, not "negative"
    assert not water_consumption(D(100), D("100.5")).computable
    assert diversion_rate(D(10), D(10)).value == D(100)
    assert not diversion_rate(D("10.5"), D(10)).computable


def test_accident_rate_estimate_uses_the_undertakings_full_time_hours() -> None:
    from vsme_pipeline.calculations.b9 import accident_rate

    # 3 accidents, 40 employees × 1,600 h = 64,000 h → 3 / 64,000 × 200,000 = 9.375
    metric = accident_rate(D(3), None, employees=D(40), hours_per_employee=D(1600))
    assert metric.value == D("9.375") and metric.estimated and metric.inputs["hours_used"] == D(64000)


def test_board_ratio_is_female_over_male() -> None:
    from vsme_pipeline.calculations.c9 import board_gender_diversity_ratio

    assert board_gender_diversity_ratio(D(2), D(4)).value == D("0.5")


def test_scope2_market_based_and_self_generated_electricity() -> None:
    # 10,000 kWh from the grid in DE (385 g/kWh), supplier factor 100 g/kWh; 5,000 kWh own PV.
    ms = compute_metrics(report(b3={"electricityActivities": [
        {"country": "DE", "consumptionKwh": 10000, "supplierEmissionFactor": 100},
        {"country": "DE", "consumptionKwh": 5000, "selfGenerated": True},
    ]}), None, EmissionFactorSet.default())
    m = ms.metrics
    assert m["b3.electricity_mwh"].value == D(15)
    assert m["b3.scope2_location_tco2e"].value == D("3.85")  # self-generated PV has no Scope 2
    assert m["b3.scope2_market_tco2e"].value == D(1)  # 10,000 kWh × 100 g/kWh = 1 t
