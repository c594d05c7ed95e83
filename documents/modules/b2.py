"""B2 - Practices, policies and future initiatives (VSME paras 26-28; guidance 78-80)."""

from documents.base import CamelModel, boolean, datapoint, enumeration, monetary, text
from documents.enums import SustainabilityIssue

__all__ = ["B2IssueRow", "B2PracticesPoliciesAndFutureInitiatives"]


class B2IssueRow(CamelModel):
    """One row of the guidance-78 table: measures in place for one sustainability issue."""

    issue: SustainabilityIssue = enumeration(
        "SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative", paragraph="26-28"
    )
    has_practices: bool | None = boolean(description="Has practices on the issue.", member="PracticeMember")
    has_policies: bool | None = boolean(description="Has policies on the issue.", member="PolicyMember")
    has_future_initiatives: bool | None = boolean(
        description="Has future initiatives or forward-looking plans.", member="FutureInitiativesMember"
    )
    publicly_available: bool | None = boolean(
        "PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable", paragraph="26-28"
    )
    has_targets: bool | None = boolean("UndertakingHasSetATargetWhichIsRelatedToAPolicy", paragraph="26-28")


class B2PracticesPoliciesAndFutureInitiatives(CamelModel):
    """B2: whether practices, policies, future initiatives and targets exist, per issue."""

    has_practices_policies_or_initiatives: bool | None = boolean(
        description="Gate: any practice, policy or future initiative exists.", paragraph="26"
    )
    issues: list[B2IssueRow] | None = datapoint(description="One row per sustainability issue.", paragraph="26-28")
    is_cooperative: bool | None = boolean(
        description="Gate: cooperative-specific disclosures (guidance 79) apply.", paragraph="79"
    )
    governance_participation: str | None = text(
        "DescriptionOfTheEffectiveParticipationOfWorkersUsersOrOtherInterestedPartiesOrCommunitiesInGovernance",
        paragraph="79(a)",
    )
    social_economy_investment: float | None = monetary(
        "FinancialInvestmentInTheCapitalOrAssetsOfSocialEconomyEntities", paragraph="79(b)"
    )
    profit_distribution_limits: str | None = text(
        "DescriptionOfLimitsToTheDistributionOfProfitsConnectedToTheMutualisticNatureOrToTheNatureOfTheActivitiesConsistingInServicesOfGeneralEconomicInterestSGEI",
        paragraph="79(c)",
    )
