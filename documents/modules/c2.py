"""C2 - Description of practices, policies and future initiatives (VSME paras 48-49; guidance 213)."""

from documents.base import CamelModel, boolean, datapoint, enumeration, text
from documents.enums import PolicyType, SustainabilityIssue

__all__ = ["C2PolicyDescription", "C2PracticesPoliciesDescription"]


class C2PolicyDescription(CamelModel):
    """Description of one practice, policy or future initiative reported yes in B2."""

    issue: SustainabilityIssue | None = enumeration()
    type: PolicyType | None = enumeration()
    description: str | None = text("DescriptionOfPracticesPoliciesAndOrFutureInitiatives", paragraph="48")
    covers_suppliers: bool | None = boolean(paragraph="48")
    covers_clients: bool | None = boolean(paragraph="48")
    target_description: str | None = text("DescriptionOfATargetRelatedToAPolicy", paragraph="48")


class C2PracticesPoliciesDescription(CamelModel):
    """C2: descriptions complementing B2, and the most senior accountable level."""

    descriptions: list[C2PolicyDescription] | None = datapoint(paragraph="48")
    most_senior_level_accountable: str | None = text(
        "MostSeniorLevelAccountableForImplementationOfPolicies", paragraph="49"
    )
