"""Validation rules: each test builds a small report and checks the exact finding codes."""

import copy

import pytest
from schema_paths import path_exists

from vsme_pipeline.validation import EDITIONS, Severity, validate_report

COMPANY = {"turnover": 2_000_000, "numberOfEmployees": 60, "balanceSheetTotal": 1_000_000, "naceCodes": ["47.21"],
           "primaryCountry": "DE", "legalForm": "private_limited_liability",
           "sites": [{"name": "HQ", "country": "DE", "latitude": 52.52001, "longitude": 13.40495}]}

COMPLETE = {
    "reportingYear": 2025, "status": "in-progress", "reportingOption": "A", "standardEdition": "rec-2025-1710",
    "modules": {
        "b1": {"basisForReporting": "individual", "legalForm": "private_limited_liability", "naceCodes": ["47.21"],
               "balanceSheetTotal": 1_000_000, "turnover": 2_000_000, "numberOfEmployees": 60,
               "employeeCountType": "headcount", "primaryCountry": "DE",
               "sites": [{"name": "HQ", "country": "DE", "latitude": 52.52001, "longitude": 13.40495}]},
        "b2": {"hasPracticesPoliciesOrInitiatives": False},
        "b3": {"totalEnergyConsumption": 300, "electricity": {"renewable": 50, "nonRenewable": 150, "total": 200},
               "fuels": {"renewable": 0, "nonRenewable": 100, "total": 100}, "energyBreakdownObtainable": True,
               "scope1Emissions": 20, "scope2LocationBasedEmissions": 77},
        "b5": {"hasSitesInOrNearSensitiveAreas": False, "numberOfSitesInOrNearSensitiveAreas": 0},
        "b6": {"totalWaterWithdrawal": 1000, "waterWithdrawalHighStressAreas": 0, "hasWaterIntensiveProcesses": False},
        "b7": {"appliesCircularEconomyPrinciples": False, "totalHazardousWasteMass": 1, "totalNonHazardousWasteMass": 9,
               "totalWasteMass": 10, "totalWasteDivertedMass": 4},
        "b8": {"permanentEmployees": 50, "temporaryEmployees": 10, "maleEmployees": 30, "femaleEmployees": 30,
               "employeesWhoLeft": 6, "employeesAtStartOfPeriod": 58, "employeesAtEndOfPeriod": 62},
        "b9": {"recordableAccidents": 1, "fatalities": 0},
        "b10": {"paysAtLeastMinimumWage": True, "cbaCoverage": 0, "averageTrainingHoursMale": 8, "averageTrainingHoursFemale": 9},
    },
}


def report(**changes: object) -> dict:
    doc = copy.deepcopy(COMPLETE)
    for dotted, value in changes.items():
        node = doc
        *parents, last = dotted.split("__")
        for key in parents:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return doc


def codes(result) -> set[str]:
    return {f.code for f in result.findings}


def test_complete_basic_report_passes() -> None:
    result = validate_report(report(), COMPANY)
    assert result.passed, [f.model_dump() for f in result.findings if f.severity == Severity.ERROR]
    assert result.edition == "rec-2025-1710" and result.rule_set_version == EDITIONS["rec-2025-1710"].version
    assert all(path_exists(f.path) for f in result.findings)


def test_b8_splits_must_sum_to_b1_employees() -> None:
    result = validate_report(report(modules__b8__femaleEmployees=20), COMPANY)
    finding = result.by_code("B8_GENDER_SPLIT_MISMATCH")[0]
    assert finding.path == "modules.b8.maleEmployees" and finding.severity == Severity.ERROR and finding.disclosure == "B8"
    assert "50" in finding.message and "60" in finding.message
    result = validate_report(report(modules__b8__temporaryEmployees=5), COMPANY)
    assert "B8_CONTRACT_SPLIT_MISMATCH" in codes(result)


def test_country_split_when_operating_in_several_countries() -> None:
    doc = report(modules__b8__operatesInMoreThanOneCountry=True)
    assert "B8_EMPLOYEES_BY_COUNTRY_MISSING" in codes(validate_report(doc, COMPANY))
    doc["modules"]["b8"]["employeesByCountry"] = [{"country": "DE", "numberOfEmployees": 50}, {"country": "AT", "numberOfEmployees": 5}]
    assert "B8_COUNTRY_SPLIT_MISMATCH" in codes(validate_report(doc, COMPANY))


def test_turnover_rate_threshold_50() -> None:
    doc = report(modules__b8__employeesWhoLeft=None)
    assert "B8_EMPLOYEE_TURNOVER_RATE_MISSING" in codes(validate_report(doc, COMPANY))
    small = report(modules__b8__employeesWhoLeft=None, modules__b1__numberOfEmployees=49, modules__b8__permanentEmployees=39,
                   modules__b8__femaleEmployees=19)
    assert "B8_EMPLOYEE_TURNOVER_RATE_MISSING" not in codes(validate_report(small, {**COMPANY, "numberOfEmployees": 49}))


def test_pay_gap_threshold_150_headcount() -> None:
    big = {**COMPANY, "numberOfEmployees": 150}
    doc = report(modules__b1__numberOfEmployees=150, modules__b8__permanentEmployees=140, modules__b8__femaleEmployees=120)
    assert "B10_GENDER_PAY_GAP_MISSING" in codes(validate_report(doc, big))
    assert "B10_GENDER_PAY_GAP_MISSING" not in codes(validate_report(report(), COMPANY))  # 60 < 150: may be omitted
    doc["modules"]["b10"].update(averageGrossHourlyPayMale=15, averageGrossHourlyPayFemale=13, genderPayGap=20)
    result = validate_report(doc, big)
    assert "B10_GENDER_PAY_GAP_MISSING" not in codes(result) and "B10_GENDER_PAY_GAP_MISMATCH" in codes(result)


def test_c5_only_from_50_employees() -> None:
    doc = report(modules__c5={"femaleManagers": 1, "maleManagers": 2}, modules__b1__numberOfEmployees=20,
                 modules__b8__permanentEmployees=10, modules__b8__femaleEmployees=None, modules__b8__maleEmployees=20)
    result = validate_report(doc, {**COMPANY, "numberOfEmployees": 20})
    assert result.by_code("C5_BELOW_EMPLOYEE_THRESHOLD")[0].severity == Severity.WARNING


def test_energy_breakdown_and_waste_and_water() -> None:
    assert "B3_ENERGY_BREAKDOWN_MISMATCH" in codes(validate_report(report(modules__b3__totalEnergyConsumption=350), COMPANY))
    assert "B3_ENERGY_ROW_MISMATCH" in codes(validate_report(report(modules__b3__fuels={"renewable": 10, "nonRenewable": 100, "total": 100}), COMPANY))
    assert "B7_WASTE_TOTAL_MISMATCH" in codes(validate_report(report(modules__b7__totalWasteMass=12), COMPANY))
    assert "B7_RECYCLED_EXCEEDS_GENERATED" in codes(validate_report(report(modules__b7__totalWasteDivertedMass=11), COMPANY))
    water = report(modules__b6={"totalWaterWithdrawal": 100, "waterWithdrawalHighStressAreas": 0,
                                "hasWaterIntensiveProcesses": True, "waterDischarge": 150})
    assert "B6_CONSUMPTION_NEGATIVE" in codes(validate_report(water, COMPANY))
    water["modules"]["b6"].update(waterDischarge=40, waterConsumption=70)
    assert "B6_WATER_CONSUMPTION_MISMATCH" in codes(validate_report(water, COMPANY))


def test_types_and_bounds_from_the_models() -> None:
    doc = report(modules__b3__scope1Emissions=-5, modules__b10__cbaCoverage=120, modules__b9__fatalities="many")
    doc["modules"]["b1"]["sites"][0]["latitude"] = 95
    result = validate_report(doc, COMPANY)
    by_path = {f.path: f.code for f in result.findings}
    assert by_path["modules.b3.scope1Emissions"] == "B3_NEGATIVE_VALUE"
    assert by_path["modules.b10.cbaCoverage"] == "B10_VALUE_OUT_OF_RANGE"
    assert by_path["modules.b9.fatalities"] == "B9_INVALID_TYPE"
    assert by_path["modules.b1.sites.0.latitude"] == "B1_VALUE_OUT_OF_RANGE"


def test_applicability_gates() -> None:
    assert "B11_NUMBER_OF_CONVICTIONS_MISSING" in codes(validate_report(report(modules__b11={"hasConvictionsOrFines": True}), COMPANY))
    assert not {c for c in codes(validate_report(report(), COMPANY)) if c.startswith("B11")}  # omitted = not applicable
    result = validate_report(report(modules__b11={"hasConvictionsOrFines": False, "totalFines": 1000}), COMPANY)
    assert {"B11_HAS_CONVICTIONS_OR_FINES_CONTRADICTED", "B11_CONVICTIONS_CONTRADICT_GATE"} <= codes(result)
    assert "B4_POLLUTANTS_MISSING" in codes(validate_report(report(modules__b4={"requiredByLawOrEms": True}), COMPANY))


def test_option_b_and_selected_comprehensive() -> None:
    result = validate_report(report(reportingOption="B"), COMPANY)
    assert "C8_EXCLUDED_FROM_EU_PARIS_ALIGNED_BENCHMARKS_MISSING" not in codes(result)  # derivable: no sector revenues
    assert "C6_OMITTED_NOT_APPLICABLE" in codes(result)
    doc = report(reportingOption="A", selectedComprehensive=["C9"], modules__c9={"hasGovernanceBody": True, "femaleBoardMembers": 3})
    assert "C9_MALE_BOARD_MEMBERS_MISSING" in codes(validate_report(doc, COMPANY))
    assert "C6_OMITTED_NOT_APPLICABLE" not in codes(validate_report(doc, COMPANY))
    assert "REPORT_OPTION_MISSING" in codes(validate_report(report(reportingOption=None), COMPANY))


def test_c8_fossil_revenue_not_above_turnover() -> None:
    doc = report(reportingOption="B", modules__c8={"hasRevenuesFromListedSectors": True, "revenueCoal": 1_500_000,
                                                   "revenueGas": 1_000_000, "excludedFromEuParisAlignedBenchmarks": False})
    result = validate_report(doc, COMPANY)
    assert {"C8_FOSSIL_REVENUE_EXCEEDS_TURNOVER", "C8_BENCHMARK_EXCLUSION_MISMATCH"} <= codes(result)


def test_profile_coherence_or_explanation() -> None:
    doc = report(modules__b1__turnover=2_500_000)
    assert "B1_TURNOVER_DIFFERS_FROM_PROFILE" in codes(validate_report(doc, COMPANY))
    doc["turnoverDifferenceExplanation"] = "Profile shows the previous financial year."
    assert "B1_TURNOVER_DIFFERS_FROM_PROFILE" not in codes(validate_report(doc, COMPANY))


def test_comparatives_from_second_year() -> None:
    second = report(firstReportingYear=2024)
    assert "REPORT_COMPARATIVES_MISSING" in codes(validate_report(second, COMPANY))
    previous = report(reportingYear=2024, status="completed", firstReportingYear=2024)
    assert "REPORT_COMPARATIVES_MISSING" not in codes(validate_report(second, COMPANY, previous))
    assert "REPORT_COMPARATIVES_MISSING" not in codes(validate_report(report(firstReportingYear=2025), COMPANY))


def test_completed_report_must_have_no_errors() -> None:
    result = validate_report(report(status="completed", modules__b9=None), COMPANY)
    assert "REPORT_COMPLETED_WITH_ERRORS" in codes(result) and not result.passed
    assert "REPORT_COMPLETED_WITH_ERRORS" not in codes(validate_report(report(status="completed"), COMPANY))


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_edition_selects_rule_set(edition: str) -> None:
    result = validate_report(report(standardEdition=edition, modules__b8__employeesWhoLeft=None), COMPANY)
    assert result.edition == edition
    disclosure = "C5" if edition == "dr-2026" else "B8"
    assert f"{disclosure}_EMPLOYEE_TURNOVER_RATE_MISSING" in codes(result) or (edition == "dr-2026")


def test_dr_2026_moves_turnover_rate_to_c5() -> None:
    doc = report(standardEdition="dr-2026", reportingOption="B", modules__b8__employeesWhoLeft=None)
    result = validate_report(doc, COMPANY)
    assert "C5_EMPLOYEE_TURNOVER_RATE_MISSING" in codes(result) and "B8_EMPLOYEE_TURNOVER_RATE_MISSING" not in codes(result)


def test_unknown_edition_is_reported_and_defaulted() -> None:
    result = validate_report(report(standardEdition="vsme-1999"), COMPANY)
    assert result.edition == "rec-2025-1710" and result.by_code("REPORT_EDITION_UNKNOWN")[0].severity == Severity.ERROR


def test_inputs_are_not_modified() -> None:
    doc = report(modules__b3__scope1Emissions=-1)
    before = copy.deepcopy(doc)
    validate_report(doc, COMPANY)
    assert doc == before


def test_accepts_the_pydantic_models() -> None:
    from bson import ObjectId

    from documents.company import CompanyProfile
    from documents.report import ReportData

    data = ReportData.model_validate({**report(), "companyId": ObjectId()})
    result = validate_report(data, CompanyProfile.model_validate(COMPANY))
    assert result.passed, [f.code for f in result.findings if f.severity == Severity.ERROR]


def test_pay_gap_threshold_uses_b1_headcount_when_employees_are_counted_in_fte() -> None:
    fte_company = {**COMPANY, "numberOfEmployees": 120}
    fte = {"modules__b1__employeeCountType": "fte", "modules__b1__numberOfEmployees": 120}
    # 120 FTE but a headcount of 160: the pay gap is required (42(b) counts heads).
    with_headcount = validate_report(report(**fte, modules__b1__headcount=160), fte_company)
    assert "B10_GENDER_PAY_GAP_MISSING" in codes(with_headcount)
    # 120 FTE and a headcount of 130: it may be omitted.
    small = validate_report(report(**fte, modules__b1__headcount=130), fte_company)
    assert not {"B10_GENDER_PAY_GAP_MISSING", "B10_GENDER_PAY_GAP_HEADCOUNT_UNKNOWN"} & codes(small)
    # 120 FTE without a headcount: a warning that points at the missing B1 headcount.
    unknown = validate_report(report(**fte), fte_company)
    [finding] = [f for f in unknown.findings if f.code == "B10_GENDER_PAY_GAP_HEADCOUNT_UNKNOWN"]
    assert finding.severity == Severity.WARNING and finding.path == "modules.b1.headcount"


def test_disclosure_omitted_as_classified_or_sensitive_is_not_required() -> None:
    # Para 19 / 24(b): an omitted disclosure named in B1 is not "missing"; its data, if any, is kept.
    result = validate_report(report(modules__b3=None, omittedDisclosures=["B3"]), COMPANY)
    assert not {c for c in codes(result) if c.startswith("B3")}
    assert "B3_TOTAL_ENERGY_CONSUMPTION_MISSING" in codes(validate_report(report(modules__b3=None), COMPANY))


def test_recycled_waste_not_above_generated_when_total_is_not_stated() -> None:
    # Generated = hazardous 1 + non-hazardous 9 = 10; 11 diverted is impossible even without a stated total.
    doc = report(modules__b7__totalWasteMass=None, modules__b7__totalWasteDivertedMass=11)
    [finding] = validate_report(doc, COMPANY).by_code("B7_RECYCLED_EXCEEDS_GENERATED")
    assert finding.path == "modules.b7.totalWasteDivertedMass" and finding.severity == Severity.ERROR
    ok = report(modules__b7__totalWasteMass=None, modules__b7__totalWasteDivertedMass=10)
    assert "B7_RECYCLED_EXCEEDS_GENERATED" not in codes(validate_report(ok, COMPANY))


def test_nace_group_level_is_not_class_level() -> None:
    # "47.2" is a group (3 digits); the class is "47.21" (4 digits, guidance 69-70 / EFRAG template).
    assert "B1_NACE_CODE_NOT_CLASS_LEVEL" in codes(validate_report(report(modules__b1__naceCodes=["47.2"]), COMPANY))
    assert "B1_NACE_CODE_NOT_CLASS_LEVEL" in codes(validate_report(report(modules__b1__naceCodes=["G 47"]), COMPANY))
    for code in ("47.21", "G 47.21", "01.110"):
        found = codes(validate_report(report(modules__b1__naceCodes=[code]), COMPANY))
        assert not {"B1_NACE_CODE_NOT_CLASS_LEVEL", "B1_NACE_CODE_INVALID"} & found, code


def _with_employees(n: int, **changes: object) -> tuple[dict, dict]:
    doc = report(modules__b1__numberOfEmployees=n, modules__b8__permanentEmployees=n - 10,
                 modules__b8__maleEmployees=n - 30, **changes)
    return doc, {**COMPANY, "numberOfEmployees": n}


def test_turnover_rate_required_from_exactly_50_employees() -> None:
    # Para 40: "50 or more employees".
    at_threshold = validate_report(*_with_employees(50, modules__b8__employeesWhoLeft=None))
    assert "B8_EMPLOYEE_TURNOVER_RATE_MISSING" in codes(at_threshold)
    below = validate_report(*_with_employees(49, modules__b8__employeesWhoLeft=None))
    assert "B8_EMPLOYEE_TURNOVER_RATE_MISSING" not in codes(below)


def test_c5_applies_from_exactly_50_employees() -> None:
    c5 = {"femaleManagers": 1, "maleManagers": 2}
    assert "C5_BELOW_EMPLOYEE_THRESHOLD" not in codes(validate_report(*_with_employees(50, modules__c5=c5)))
    assert "C5_BELOW_EMPLOYEE_THRESHOLD" in codes(validate_report(*_with_employees(49, modules__c5=c5)))


def test_water_discharge_equal_to_withdrawal_is_zero_consumption() -> None:
    water = {"totalWaterWithdrawal": 100, "waterWithdrawalHighStressAreas": 0, "hasWaterIntensiveProcesses": True,
             "waterDischarge": 100, "waterConsumption": 0}
    found = codes(validate_report(report(modules__b6=water), COMPANY))
    assert not {"B6_CONSUMPTION_NEGATIVE", "B6_WATER_CONSUMPTION_MISMATCH", "B6_WATER_CONSUMPTION_MISSING"} & found


def test_c8_exclusion_statement_required_when_the_turnover_reference_is_zero() -> None:
    # The shares cannot be tested on a zero turnover (as in the calculation): the statement must be given.
    doc = report(reportingOption="B", modules__c8={"hasRevenuesFromListedSectors": True, "revenueCoal": 1000,
                                                   "turnoverReference": 0})
    assert "C8_EXCLUDED_FROM_EU_PARIS_ALIGNED_BENCHMARKS_MISSING" in codes(validate_report(doc, COMPANY))


def test_c4_no_risks_and_no_adaptation_actions_is_consistent() -> None:
    quiet = report(reportingOption="B", modules__c4={"hasClimateRisks": False, "hasAdaptationActions": False})
    assert not {c for c in codes(validate_report(quiet, COMPANY)) if c.startswith("C4_")}
    described = report(reportingOption="B", modules__c4={"hasClimateRisks": False, "hazardsAndTransitionEvents": "Floods"})
    assert "C4_HAS_CLIMATE_RISKS_CONTRADICTED" in codes(validate_report(described, COMPANY))
    missing = report(reportingOption="B", modules__c4={"hasClimateRisks": True, "hasAdaptationActions": False})
    assert "C4_HAZARDS_AND_TRANSITION_EVENTS_MISSING" in codes(validate_report(missing, COMPANY))
