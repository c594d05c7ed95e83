"""B11 - Convictions and fines for corruption and bribery (VSME para 43; guidance 206-209)."""

from documents.base import CamelModel, boolean, count, monetary

__all__ = ["B11CorruptionAndBribery"]


class B11CorruptionAndBribery(CamelModel):
    """B11: number of convictions and total fines, if any were incurred in the period."""

    has_convictions_or_fines: bool | None = boolean(
        description="Gate: convictions or fines for corruption or bribery in the period.", paragraph="43"
    )
    number_of_convictions: float | None = count(
        "TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws", unit="convictions", paragraph="43"
    )
    total_fines: float | None = monetary(
        "TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws", paragraph="43"
    )
