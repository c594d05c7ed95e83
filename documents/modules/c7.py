"""C7 - Severe negative human rights incidents (VSME para 62; guidance 238)."""

from documents.base import CamelModel, boolean, datapoint, text
from documents.enums import HumanRightType

__all__ = ["C7HumanRightsIncidents"]


class C7HumanRightsIncidents(CamelModel):
    """C7: confirmed incidents in the own workforce and in the value chain."""

    has_confirmed_incidents: bool | None = boolean(
        "UndertakingHasConfirmedHumanRightsIncidentsInItsOwnWorkforce", paragraph="62(a)"
    )
    incident_types: list[HumanRightType] | None = datapoint(
        "TypeOfHumanRightRelatedToTheConfirmedIncident", paragraph="62(a)"
    )
    other_incident_specification: str | None = text(
        "SpecificationOfOtherHumanRightsRelatedToTheConfirmedIncident", paragraph="62(a)"
    )
    actions_taken: str | None = text("DescriptionOfActionsTakeToAddressTheConfirmedIncidents", paragraph="62(b)")
    aware_of_value_chain_incidents: bool | None = boolean(
        "UndertakingIsAwareOfAnyConfirmedIncidentsInvolvingWorkersInTheValueChainAffectedCommunitiesConsumersAndEndUsers",
        paragraph="62(c)",
    )
    value_chain_incidents_specification: str | None = text(
        "SpecificationOfAnyConfirmedIncidentInvolvingWorkersInTheValueChainAffectedCommunitiesConsumersAndEndUsers",
        paragraph="62(c)",
    )
