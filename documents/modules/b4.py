"""B4 - Pollution of air, water and soil (VSME para 32; guidance 110-133)."""

from documents.base import CamelModel, boolean, datapoint, enumeration, quantity, text
from documents.enums import MassUnit, Pollutant, PollutionMedium

__all__ = ["B4Pollution", "PollutantEmission"]

_AMOUNT_CONCEPTS = {
    PollutionMedium.AIR.value: "AmountOfEmissionToAir",
    PollutionMedium.WATER.value: "AmountOfEmissionToWater",
    PollutionMedium.SOIL.value: "AmountOfEmissionToSoil",
}


class PollutantEmission(CamelModel):
    """Amount of one pollutant emitted to one medium, all facilities together (guidance 111)."""

    pollutant: Pollutant = enumeration(description="TypeOfPollutantAxis member.")
    medium: PollutionMedium = enumeration()
    amount: float | None = quantity(_AMOUNT_CONCEPTS, xbrl_by="medium", paragraph="32")
    unit: MassUnit = enumeration(default=MassUnit.TONNE, description="t or kg (guidance 114).")


class B4Pollution(CamelModel):
    """B4: pollutant emissions, applicable only if required by law or reported under an EMS."""

    required_by_law_or_ems: bool | None = boolean(
        description="Gate: legally required to report pollutants, or reports them under EMAS/ISO 14001.",
        paragraph="32",
    )
    publicly_available: bool | None = boolean("PubliclyAvailableDisclosure", paragraph="32")
    public_disclosure_url: str | None = text("URLOrLinkToThePubliclyAvailableDisclosure", paragraph="32")
    pollutants: list[PollutantEmission] | None = datapoint(description="One row per pollutant and medium.")
