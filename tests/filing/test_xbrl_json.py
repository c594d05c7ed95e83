"""xBRL-JSON from a report: traps solved, deterministic bytes, self-check passes and catches defects."""

import dataclasses
import json
from decimal import Decimal

import pytest

from documents.identifiers import EntityIdentifier, EntityIdentifierScheme
from vsme_pipeline.filing.facts import Fact, format_number
from vsme_pipeline.filing.mapping import facts_from_report
from vsme_pipeline.filing.selfcheck import FilingCheckError, check_facts, require_valid
from vsme_pipeline.filing.taxonomy import EDITIONS
from vsme_pipeline.filing.xbrl_json import to_xbrl_json
from vsme_pipeline.sample_data import full_company, full_report


@pytest.fixture(scope="module")
def sample():
    company = full_company()
    return full_report(company=company), company.profile()


def _facts(sample, edition="2026-05-01", profile=None):
    report, default_profile = sample
    return facts_from_report(report, profile or default_profile, edition=edition)


def _by_concept(facts, local):
    return [f for f in facts.facts if f.concept == f"vsme:{local}"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_sample_report_passes_the_self_check_in_every_edition(sample, edition):
    facts = _facts(sample, edition)
    assert len(facts.facts) > 100
    assert [f for f in check_facts(facts) if f.severity == "error"] == []


def test_two_exports_are_byte_identical_and_ids_ordered(sample):
    first, second = to_xbrl_json(_facts(sample)), to_xbrl_json(_facts(sample))
    assert first == second
    doc = json.loads(first)
    ids = list(doc["facts"])
    assert ids == sorted(ids) and ids[0] == "f0001"
    assert doc["documentInfo"]["taxonomy"] == ["https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme-all.xsd"]


def test_known_traps(sample):
    report, _ = sample
    facts = _facts(sample)
    gps = _by_concept(facts, "GPSLocationOfSite")
    site = report.modules.b1.sites[0] if report.modules.b1 and report.modules.b1.sites else sample[1].sites[0]
    assert any(f.value == f"{site.latitude:g},{site.longitude:g}" or f.value.startswith(f"{site.latitude}") for f in gps)
    assert all(f.period.is_instant for f in gps)
    # B2: one enumeration set, sorted expanded names, no practice/policy members anywhere
    issues = _by_concept(facts, "SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative")
    assert len(issues) == 1 and issues[0].value.startswith("https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme#")
    assert not any("PracticeMember" in m for f in facts.facts for _, m in f.dimensions)
    # closed tables: TotalEnergyConsumption only without member
    assert all(f.dimensions == () for f in _by_concept(facts, "TotalEnergyConsumption"))
    assert any(n.code == "outside-closed-table" for n in facts.notes)
    # percentages become fractions
    turnover = report.modules.b8.employee_turnover_rate
    assert float(_by_concept(facts, "EmployeeTurnoverRate")[0].value) == pytest.approx(turnover / 100)
    assert _by_concept(facts, "EmployeeTurnoverRate")[0].unit is None
    # countries, NACE with section letter, EWC members
    assert any(m.startswith("country:") for f in _by_concept(facts, "NumberOfEmployeesForCountryOfEmploymentContract") for _, m in f.dimensions)
    assert "https://xbrl.efrag.org/taxonomy/nace/2026-05-01#NACE_" in _by_concept(facts, "NaceSectorClassificationCodes")[0].value
    assert any(m.startswith("waste:W-") for f in _by_concept(facts, "WasteDirectedToDisposalMass") for _, m in f.dimensions)
    # monetary follows the currency; intensity per currency
    assert {f.unit for f in _by_concept(facts, "Turnover")} == {f"iso4217:{report.currency}"}
    assert {f.unit for f in _by_concept(facts, "TotalLocationBasedGreenhouseGasEmissionsIntensityValue")} <= {f"utr:tCO2e/iso4217:{report.currency}"}


def test_other_currency_and_c3_years(sample):
    report, profile = sample
    chf = report.model_copy(update={"currency": "CHF"})
    facts = facts_from_report(chf, profile, edition="2026-05-01")
    assert {f.unit for f in _by_concept(facts, "Assets")} == {"iso4217:CHF"}
    assert not [f for f in check_facts(facts) if f.severity == "error"]
    baseline = [f for f in facts.facts if ("vsme:ReportingScopesAxis", "vsme:BaselineYearMember") in f.dimensions]
    target = report.modules.c3.targets[0]
    assert baseline and {f.period.end.year for f in baseline} == {target.base_year}
    assert all(f.period.start is not None for f in baseline)


def test_entity_identifier_lei_or_registry(sample):
    report, profile = sample
    lei = profile.model_copy(update={"entity_identifier": EntityIdentifier(scheme=EntityIdentifierScheme.LEI, value="5299000J2N45DDNE4Y28")})
    facts = facts_from_report(report, lei, edition="2026-05-01")
    assert facts.entity.scheme == "http://standards.iso.org/iso/17442"
    assert not any(n.code == "no-lei" for n in facts.notes)
    plain = facts_from_report(report, profile, edition="2026-05-01")
    assert plain.entity.identifier == profile.organization_number
    assert any(n.code == "no-lei" for n in plain.notes)


def test_computed_values_are_their_decimals_without_float_residue(sample):
    """Totals the report stores as float sums (419.04 + 279.36 = 698.4000000000001) are written as the
    decimal sum of their parts, in xBRL-JSON; a ratio keeps all its digits (numbers policy, facts.py)."""
    report, _ = sample
    b3 = report.modules.b3
    assert repr(b3.electricity.total) == "698.4000000000001"  # the residue is in the stored report
    facts = _facts(sample)
    json_facts = {(f["dimensions"]["concept"], f["dimensions"].get("vsme:BreakdownOfEnergyConsumptionAxis")): f["value"]
                  for f in json.loads(to_xbrl_json(facts))["facts"].values()}
    assert json_facts[("vsme:EnergyConsumptionFromElectricity", None)] == "698.4"
    inputs = [b3.scope1_emissions, b3.scope2_location_based_emissions, *(c.emissions for c in b3.scope3_categories)]
    assert repr(b3.total_location_based_emissions) == "1970.5400000000002"
    assert Decimal(json_facts[("vsme:TotalGrossLocationBasedGHGEmissions", None)]) == sum(Decimal(repr(v)) for v in inputs)
    numeric = [f for f in facts.facts if f.decimals is not None]
    assert numeric and all(len(Decimal(f.value).as_tuple().digits) <= 15 for f in numeric), [
        f.value for f in numeric if len(Decimal(f.value).as_tuple().digits) > 15]
    assert format_number(7 / 470) == "0.014893617021276596"  # a ratio: every digit (EFRAG's converter writes them too)
    assert format_number(0.1 + 0.2) == "0.3" and format_number(2.675) == "2.675" and format_number(1e-7) == "0.0000001"


def _planted(facts, fact):
    return dataclasses.replace(facts, facts=[*facts.facts, fact])


def test_self_check_fails_on_planted_defects(sample):
    facts = _facts(sample)
    period = facts.period
    waste_without_member = Fact("vsme:WasteDirectedToDisposalMass", "5", period, "utr:t", 2)
    percent_above_one = Fact("vsme:PercentageOfEmployeesCoveredByCollectiveBargainingAgreements", "45", period, None, 4)
    unknown = Fact("vsme:NoSuchConcept", "1", period, None, 2)
    default_written = Fact("vsme:EnergyConsumptionFromFuels", "1", period, "utr:MWh", 2,
                           (("vsme:BreakdownOfEnergyConsumptionAxis", "vsme:TotalRenewableAndNonRenewableEnergyMember"),))
    wrong_unit = Fact("vsme:Turnover", "1", period, "utr:MWh", 2)
    for planted, code in ((waste_without_member, "dimensions"), (percent_above_one, "percent-not-fraction"),
                          (unknown, "unknown-concept"), (default_written, "default-member"), (wrong_unit, "unit")):
        bad = _planted(facts, planted)
        with pytest.raises(FilingCheckError) as caught:
            require_valid(bad)
        assert code in {f.code for f in caught.value.findings if f.concept == planted.concept}, code
