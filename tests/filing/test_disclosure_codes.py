"""Finer "omitted disclosure" items of the 2026-05-01 taxonomy: exported per edition, self-checked."""

import dataclasses

import pytest

from documents.enums import DisclosureCode, xbrl_member
from vsme_pipeline.filing.mapping import facts_from_report
from vsme_pipeline.filing.selfcheck import check_facts
from vsme_pipeline.filing.taxonomy import EDITIONS, load_taxonomy
from vsme_pipeline.sample_data import full_company, full_report

OMITTED = "vsme:ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation"
UNCHANGED = "vsme:ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting"


def test_every_code_is_a_member_of_the_2026_edition_and_only_whole_disclosures_of_older_ones():
    for edition in EDITIONS:
        taxonomy = load_taxonomy(edition)
        domain = set(taxonomy.concept(OMITTED).domain)
        assert set(taxonomy.concept(UNCHANGED).domain) == domain
        missing = {code for code in DisclosureCode if f"vsme:{xbrl_member(code)}" not in domain}
        if edition == "2026-05-01":
            assert missing == set()
        else:
            assert missing == {code for code in DisclosureCode if code.is_finer}, edition
    # every member of the 2026-05-01 domain has a code
    domain_2026 = set(load_taxonomy("2026-05-01").concept(OMITTED).domain)
    assert domain_2026 == {f"vsme:{xbrl_member(code)}" for code in DisclosureCode}


@pytest.fixture(scope="module")
def report():
    company = full_company()
    base = full_report(company=company)
    general = base.general_disclosures.model_copy(update={
        "contains_unchanged_disclosures": True,
        "unchanged_disclosures": [DisclosureCode.B8_GENDER, DisclosureCode.C1]})
    return base.model_copy(update={
        "omitted_disclosures": [DisclosureCode.B6, DisclosureCode.B6_WATER_WITHDRAWAL, DisclosureCode.OTHER_SOCIAL],
        "general_disclosures": general}), company.profile()


def _members(facts, concept):
    [fact] = [f for f in facts.facts if f.concept == concept]
    return {m.rpartition("#")[2] for m in fact.value.split()}


def test_2026_edition_writes_the_finer_members(report):
    facts = facts_from_report(*report, edition="2026-05-01")
    assert _members(facts, OMITTED) == {"B6-WaterMember", "B6WaterWithdrawalMember",
                                        "DisclosureOfAnyOtherSocialAndOrEntitySpecificSocialDisclosures"}
    assert _members(facts, UNCHANGED) == {"B8GenderMember", "C1-StrategyBusinessModelAndSustainabilityRelatedInitiativesMember"}
    assert [f for f in check_facts(facts) if f.severity == "error"] == []
    assert not [n for n in facts.notes if n.code == "disclosure-not-in-edition"]


@pytest.mark.parametrize("edition", ["2024-12-17", "2025-07-30"])
def test_older_editions_leave_finer_items_out_with_a_warning(report, edition):
    facts = facts_from_report(*report, edition=edition)
    assert _members(facts, OMITTED) == {"B6-WaterMember"}
    assert _members(facts, UNCHANGED) == {"C1-StrategyBusinessModelAndSustainabilityRelatedInitiativesMember"}
    notes = {(n.source, n.message.split(" ")[0]) for n in facts.notes if n.code == "disclosure-not-in-edition"}
    assert notes == {("omittedDisclosures", "B6.water_withdrawal"), ("omittedDisclosures", "other.social"),
                     ("generalDisclosures.unchangedDisclosures", "B8.gender")}
    assert [f for f in check_facts(facts) if f.severity == "error"] == []


def test_self_check_rejects_a_finer_member_in_an_older_edition(report):
    facts = facts_from_report(*report, edition="2025-07-30")
    taxonomy = load_taxonomy("2025-07-30")
    [fact] = [f for f in facts.facts if f.concept == OMITTED]
    planted = " ".join(sorted([taxonomy.expand("vsme:B6-WaterMember"), taxonomy.expand("vsme:B6WaterWithdrawalMember")]))
    facts.facts = [f for f in facts.facts if f is not fact] + [dataclasses.replace(fact, value=planted)]
    errors = [f for f in check_facts(facts) if f.severity == "error"]
    assert [(e.code, e.concept) for e in errors] == [("member-not-in-domain", OMITTED)]
    assert "B6WaterWithdrawalMember" in errors[0].message and "B6-WaterMember" not in errors[0].message
