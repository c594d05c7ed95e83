"""The EFRAG VSME Digital Template 1.3.0 conventions, one test each (pure, no LibreOffice)."""

from decimal import Decimal

from vsme_pipeline.calculations import compute_metrics
from vsme_pipeline.calculations.fuels import fuel_energy
from vsme_pipeline.calculations.template import TEMPLATE_MWH_PER_TJ


def _m(modules: dict) -> dict:
    return compute_metrics({"modules": modules}).metrics


def test_renewable_fuel_energy_is_dash_in_the_template_and_zero_in_the_project() -> None:
    m = _m({"b3": {"fuelActivities": [{"fuel": "Natural gas", "quantity": 1000, "unit": "m3"}]}})
    assert m["b3.fuels_renewable_mwh"].value == 0
    assert not m["b3.fuels_renewable_mwh_template"].computable
    assert m["b3.fuels_non_renewable_mwh_template"].value == Decimal("0.7") * 48 * TEMPLATE_MWH_PER_TJ / 1000


def test_template_mwh_per_tj_is_277_778_and_within_1e6_of_the_projects() -> None:
    assert TEMPLATE_MWH_PER_TJ == Decimal("277.778")
    ours = fuel_energy("Gas/Diesel oil", 1000, "L").mwh
    assert ours is not None
    template = Decimal("0.84") * 43 * TEMPLATE_MWH_PER_TJ / 1000
    assert ours != template and abs(ours - template) / template < Decimal("1e-6")


def test_training_hours_template_average_of_per_gender_averages_skips_empty_groups() -> None:
    m = _m({"b1": {"numberOfEmployees": 40},
            "b8": {"maleEmployees": 30, "femaleEmployees": 10, "otherGenderEmployees": 0},
            "b10": {"trainingHoursMale": 300, "trainingHoursFemale": 200, "trainingHoursOtherGender": 0}})
    assert m["b10.training_hours_per_employee_template"].value == (Decimal(10) + Decimal(20)) / 2
    assert m["b10.training_hours_per_employee"].value == Decimal(500) / 40


def test_board_ratio_with_no_male_members_is_zero_in_the_template() -> None:
    m = _m({"c9": {"femaleBoardMembers": 3, "maleBoardMembers": 0}})
    assert not m["c9.board_gender_diversity_ratio"].computable
    assert m["c9.board_gender_diversity_ratio_template"].value == 0


def test_scope1_blank_template_sums_what_is_there_and_the_intensity_follows() -> None:
    m = _m({"b1": {"turnover": 1000}, "b3": {"scope2LocationBasedEmissions": 50}})
    assert not m["b3.scope1_2_location_tco2e"].computable
    assert m["b3.scope1_2_location_tco2e_template"].value == 50
    assert m["b3.ghg_intensity_location_template"].value == Decimal("0.05")
    assert not m["b3.ghg_intensity_location"].computable


def test_with_scope3_the_template_gives_only_intensities_including_scope3() -> None:
    m = _m({"b1": {"turnover": 1000},
            "b3": {"scope1Emissions": 100, "scope2LocationBasedEmissions": 50, "scope2MarketBasedEmissions": 30,
                   "reportsScope3": True, "scope3Categories": [{"category": "1", "emissions": 200}]}})
    assert m["b3.ghg_intensity_location"].computable
    assert not m["b3.ghg_intensity_location_template"].computable
    assert not m["b3.ghg_intensity_market_template"].computable
    assert m["b3.ghg_intensity_total_location_template"].value == Decimal("0.35")
    assert m["b3.ghg_intensity_total_market"].value == Decimal("0.33")


def test_target_changes_for_aggregated_totals_are_fractions_with_the_templates_sign() -> None:
    targets = [{"scope": "scope1", "baseYearValue": 150, "targetYearValue": 75},
               {"scope": "scope2_location_based", "baseYearValue": 75, "targetYearValue": 15},
               {"scope": "scope3", "baseYearValue": 300, "targetYearValue": 100}]
    m = _m({"b3": {"reportsScope3": True, "scope3Emissions": 10}, "c3": {"targets": targets}})
    assert m["c3.scope1_target_reduction_percent"].value == 50
    assert m["c3.scope1_target_change_template"].value == Decimal("-0.5")
    assert m["c3.scope1_2_location_target_change"].value == Decimal("-0.6")
    assert m["c3.total_location_target_change"].value == -(1 - Decimal(190) / Decimal(525))
    assert not m["c3.scope1_2_market_target_change"].computable


def test_blank_target_year_value_counts_as_zero_in_the_template() -> None:
    m = _m({"c3": {"targets": [{"scope": "scope1", "baseYearValue": 150}]}})
    assert m["c3.scope1_target_change_template"].value == -1
    assert not m["c3.scope1_target_reduction_percent"].computable


def test_temporary_employees_and_total_hours_worked() -> None:
    m = _m({"b1": {"numberOfEmployees": 151}, "b8": {"permanentEmployees": 110}, "b9": {}})
    assert m["b8.temporary_employees"].value == 41
    assert m["b9.hours_worked_h"].value == 151 * 2000 and m["b9.hours_worked_h"].estimated
    measured = _m({"b1": {"numberOfEmployees": 10}, "b9": {"hoursWorked": 17000}})["b9.hours_worked_h"]
    assert measured.value == 17000 and not measured.estimated


def test_waste_totals_from_stream_rows_in_t_and_kg() -> None:
    streams = [{"hazardous": True, "divertedToRecyclingOrReuseMass": 0.8, "directedToDisposalMass": 0.4},
               {"hazardous": False, "divertedToRecyclingOrReuseMass": 1200, "directedToDisposalMass": 300},
               {"hazardous": False, "totalMass": 700}]
    m = _m({"b7": {"wasteStreams": streams}})
    assert m["b7.hazardous_waste_from_streams_t"].value == Decimal("1.2")
    assert m["b7.hazardous_waste_from_streams_kg"].value == 1200
    assert m["b7.non_hazardous_waste_from_streams_t"].value == 2200
    assert m["b7.total_waste_from_streams_kg"].value == 2_201_200
    assert not _m({"b7": {}})["b7.total_waste_from_streams_t"].computable


def test_material_totals() -> None:
    m = _m({"b7": {"materials": [{"name": "a", "weight": 1.5}, {"name": "b", "volume": 800}, {"name": "c", "weight": 2}]}})
    assert m["b7.materials_mass_kg"].value == 3500
    assert m["b7.materials_mass_t"].value == Decimal("3.5")
    assert m["b7.materials_volume_m3"].value == 800


def test_aggregated_target_change_is_dash_when_a_side_is_dash_not_minus_one() -> None:
    # K25 divides J25, which shows "-" (not blank) when both target-year inputs are blank.
    m = _m({"c3": {"targets": [{"scope": "scope1", "baseYearValue": 150}]}})
    assert m["c3.scope1_2_location_base_year_tco2e"].value == 150
    assert not m["c3.scope1_2_location_target_year_tco2e"].computable
    assert not m["c3.scope1_2_location_target_change"].computable
    assert m["c3.scope1_target_change_template"].value == -1  # K22 divides the blank input itself


def test_total_market_skips_a_scope3_of_dash() -> None:
    # D47: OR(D22="",D24="",D45="") sees "-" in D45 (a Scope 3 summing to 0), SUM skips the text.
    m = _m({"b1": {"turnover": 100}, "b3": {"scope1Emissions": 10, "scope2MarketBasedEmissions": 5, "reportsScope3": True,
                                           "scope3Categories": [{"category": "1", "emissions": 0}]}})
    assert not m["b3.scope3_tco2e_template"].computable
    assert m["b3.total_market_tco2e_template"].value == 15
    assert m["b3.ghg_intensity_total_market"].value == Decimal("0.15")


def test_water_consumption_template_counts_a_blank_withdrawal_as_zero() -> None:
    m = _m({"b6": {"waterDischarge": 40}})
    assert m["b6.water_consumption_m3_template"].value == -40
    assert not m["b6.water_consumption_m3"].computable
    assert not _m({"b6": {"totalWaterWithdrawal": 40}})["b6.water_consumption_m3_template"].computable


def test_electricity_row_totals() -> None:
    m = _m({"b3": {"electricity": {"renewable": 30}, "selfGeneratedElectricity": {"renewable": 2, "nonRenewable": 3}}})
    assert m["b3.purchased_electricity_mwh_template"].value == 30
    assert m["b3.self_generated_electricity_mwh_template"].value == 5
    assert not _m({"b3": {}})["b3.purchased_electricity_mwh_template"].computable


def test_waste_volume_totals_take_the_streams_without_mass() -> None:
    streams = [{"hazardous": True, "divertedToRecyclingOrReuseVolume": 2, "directedToDisposalVolume": 1},
               {"hazardous": False, "totalVolume": 7},
               {"hazardous": False, "totalMass": 5, "totalVolume": 100}]  # by mass in the template
    m = _m({"b7": {"wasteStreams": streams}})
    assert m["b7.hazardous_waste_volume_from_streams_m3"].value == 3
    assert m["b7.non_hazardous_waste_volume_from_streams_m3"].value == 7
    assert m["b7.total_waste_volume_from_streams_m3"].value == 10
    assert m["b7.non_hazardous_waste_from_streams_t"].value == 5
    assert not _m({"b7": {}})["b7.total_waste_volume_from_streams_m3"].computable


def test_scope3_category_target_changes_and_their_sum() -> None:
    cats = [{"category": "purchased_goods_and_services", "emissions": 200, "baseYearEmissions": 300, "targetYearEmissions": 100},
            {"category": "6", "emissions": 10, "baseYearEmissions": 20},  # K35: target blank → "-" (OR, not AND)
            {"category": "capital_goods", "emissions": 5, "baseYearEmissions": 0, "targetYearEmissions": 1}]
    m = _m({"b3": {"reportsScope3": True, "scope3Categories": cats}})
    assert m["c3.scope3_purchased_goods_and_services_target_change"].value == -(1 - Decimal(100) / 300)
    assert not m["c3.scope3_business_travel_target_change"].computable
    assert not m["c3.scope3_capital_goods_target_change"].computable  # base 0: IFERROR → "-"
    assert m["c3.scope3_base_year_tco2e"].value == 320 and m["c3.scope3_target_year_tco2e"].value == 101
    assert m["c3.scope3_target_change_template"].value == -(1 - Decimal(101) / 320)


def test_scope3_category_order_is_the_documents_enumeration() -> None:
    from documents.enums import Scope3Category
    from vsme_pipeline.calculations.formulas import SCOPE3_CATEGORIES

    assert SCOPE3_CATEGORIES == tuple(c.value for c in Scope3Category)


def test_paris_benchmark_exclusion_in_the_template_tests_h22_h25_only() -> None:
    def result(c8: dict, turnover: float | None = 1000) -> tuple[object, object]:
        m = _m({"b1": {"turnover": turnover}, "c8": c8})
        project, template = m["c8.paris_aligned_benchmark_excluded"], m["c8.paris_aligned_benchmark_excluded_template"]
        return (project.result if project.computable else None), (template.result if template.computable else None)

    assert result({"revenueCoal": 10}) == (True, "YES")  # 1 % of 1000
    assert result({"revenueCoal": 9, "revenueOil": 99}) == (False, "NO")
    assert result({}) == (False, "NO")
    assert result({"revenueTobacco": 5}) == (True, "NO")  # differs by design: Art. 12(1)(b)
    assert result({"revenueGas": 10}, turnover=None) == (None, None)  # share unknown: template "-"
