"""Report-wide disclosures outside B1-C9: other information (para 10) and unchanged items (para 16)."""

from documents.base import CamelModel, boolean, datapoint, text
from documents.enums import DisclosureCode

__all__ = ["GeneralDisclosures"]


class GeneralDisclosures(CamelModel):
    """Entity-specific information per pillar and disclosures unchanged since the last report."""

    other_general_information: str | None = text(
        "DisclosureOfAnyOtherGeneralAndOrEntitySpecificInformation", paragraph="10"
    )
    other_environmental_disclosures: str | None = text(
        "DisclosureOfAnyOtherEnvironmentalAndOrEntitySpecificEnvironmentalDisclosures", paragraph="10"
    )
    other_social_disclosures: str | None = text(
        "DisclosureOfAnyOtherSocialAndOrEntitySpecificSocialDisclosures", paragraph="10"
    )
    other_governance_disclosures: str | None = text(
        "DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures", paragraph="10"
    )
    contains_unchanged_disclosures: bool | None = boolean(
        "ReportContainsDisclosuresFromThePreviousReportingPeriodThatRemainUnchanged", paragraph="16"
    )
    unchanged_disclosures: list[DisclosureCode] | None = datapoint(
        "ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting", paragraph="16"
    )
    previous_report_link: str | None = text("LinkToPreviousReportContainingDisclosuresThatRemainUnchanged", paragraph="16")
