"""C9 - Gender diversity ratio in the governance body (VSME para 65; guidance 242-244)."""

from documents.base import CamelModel, Unit, boolean, count, ratio

__all__ = ["C9BoardGenderDiversity"]


class C9BoardGenderDiversity(CamelModel):
    """C9: female and male members of the governance body and their ratio."""

    has_governance_body: bool | None = boolean(description="Gate: a governance body exists.", paragraph="65")
    female_board_members: float | None = count(unit=Unit.PERSONS, paragraph="65")
    male_board_members: float | None = count(unit=Unit.PERSONS, paragraph="65")
    gender_diversity_ratio: float | None = ratio(
        "GenderDiversityRatioInGovernanceBody", paragraph="65", description="Female / male members (guidance 243)."
    )
