"""C6 - Human rights policies and processes, own workforce (VSME para 61; guidance 237)."""

from documents.base import CamelModel, boolean, datapoint, text
from documents.enums import CodeOfConductContent

__all__ = ["C6HumanRightsPolicies"]


class C6HumanRightsPolicies(CamelModel):
    """C6: code of conduct / human rights policy, its content, complaints mechanism."""

    has_code_of_conduct: bool | None = boolean(
        "UndertakingHasACodeOfConductOrHumanRightsPolicyForItsOwnWorkforce", paragraph="61(a)"
    )
    code_of_conduct_content: list[CodeOfConductContent] | None = datapoint(
        "TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce", paragraph="61(b)"
    )
    other_content_specification: str | None = text(
        "SpecificationOfOtherTypesOfContentCoveredByTheCodeOfConductOrHumanRightsPolicy", paragraph="61(b)"
    )
    has_complaint_mechanism: bool | None = boolean(
        "UndertakingHasAComplaintHandlingMechanismForItsOwnWorkforce", paragraph="61(c)"
    )
