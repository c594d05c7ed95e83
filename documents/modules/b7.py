"""B7 - Resource use, circular economy and waste management (VSME paras 37-38; guidance 159-174).

Waste is reported by weight (t) where possible, by volume (m3) otherwise (guidance 168);
both variants exist in the taxonomy (``...Mass`` / ``...Volume``).
"""

from documents.base import CamelModel, Unit, boolean, datapoint, quantity, text

__all__ = ["B7ResourceUseAndWaste", "MaterialUsed", "WasteStream"]


class WasteStream(CamelModel):
    """One waste type (``TypeOfWasteAxis``): diverted + directed to disposal = total."""

    waste_type: str | None = text(description="Waste description.")
    ewc_code: str | None = text(
        description="European Waste Catalogue code, e.g. '15 01 01'; '*' marks hazardous waste."
    )
    hazardous: bool | None = boolean(description="Hazardous (incl. radioactive) waste.")
    radioactive: bool | None = boolean(description="Radioactive waste (SFDR PAI #9).")
    diverted_to_recycling_or_reuse_mass: float | None = quantity(
        "WasteDivertedToRecycleOrReuseMass", Unit.TONNE, paragraph="38(b)"
    )
    directed_to_disposal_mass: float | None = quantity("WasteDirectedToDisposalMass", Unit.TONNE, paragraph="38(a)")
    total_mass: float | None = quantity(
        "TotalWasteRecycledReusedAndDirectedToDisposalMass", Unit.TONNE, paragraph="38(a)"
    )
    diverted_to_recycling_or_reuse_volume: float | None = quantity(
        "WasteDivertedToRecycleOrReuseVolume", Unit.M3, paragraph="38(b)"
    )
    directed_to_disposal_volume: float | None = quantity("WasteDirectedToDisposalVolume", Unit.M3, paragraph="38(a)")
    total_volume: float | None = quantity(
        "TotalWasteRecycledReusedAndDirectedToDisposalVolume", Unit.M3, paragraph="38(a)"
    )


class MaterialUsed(CamelModel):
    """Annual mass-flow of one key material (``IdentifierOfMaterialTypedAxis``; guidance 173)."""

    identifier: str | None = text()
    name: str | None = text("NameOfMaterialUsed", paragraph="38(c)")
    weight: float | None = quantity("WeightOfMaterialUsed", Unit.TONNE, paragraph="38(c)")
    volume: float | None = quantity("VolumeOfMaterialUsed", Unit.M3, paragraph="38(c)")


class B7ResourceUseAndWaste(CamelModel):
    """B7: circular-economy principles, waste generated/diverted, material flows."""

    applies_circular_economy_principles: bool | None = boolean(
        "UndertakingAppliesCircularEconomyPrinciples", paragraph="37"
    )
    circular_economy_description: str | None = text(
        "DescriptionOfHowCircularEconomyPrinciplesAreApplied", paragraph="37"
    )
    only_household_waste: bool | None = boolean(
        description="Gate: generates only household waste; para 38 may be omitted (guidance 160).",
        paragraph="38",
    )
    waste_streams: list[WasteStream] | None = datapoint(paragraph="38(a)-(b)")
    total_hazardous_waste_mass: float | None = quantity("TotalHazardousWasteGeneratedMass", Unit.TONNE, paragraph="38(a)")
    total_non_hazardous_waste_mass: float | None = quantity(
        "TotalNonHazardousWasteGeneratedMass", Unit.TONNE, paragraph="38(a)"
    )
    total_waste_mass: float | None = quantity(
        "TotalWasteGeneratedMass", Unit.TONNE, paragraph="38(a)", description="Hazardous + non-hazardous."
    )
    total_waste_diverted_mass: float | None = quantity(
        "WasteDivertedToRecycleOrReuseMass", Unit.TONNE, paragraph="38(b)",
        description="Total waste diverted to recycling or reuse (all waste types).",
    )
    total_waste_disposed_mass: float | None = quantity("WasteDirectedToDisposalMass", Unit.TONNE, paragraph="38(a)")
    total_hazardous_waste_volume: float | None = quantity(
        "TotalHazardousWasteGeneratedVolume", Unit.M3, paragraph="38(a)"
    )
    total_non_hazardous_waste_volume: float | None = quantity(
        "TotalNonHazardousWasteGeneratedVolume", Unit.M3, paragraph="38(a)"
    )
    total_waste_volume: float | None = quantity("TotalWasteGeneratedVolume", Unit.M3, paragraph="38(a)")
    total_waste_diverted_volume: float | None = quantity(
        "WasteDivertedToRecycleOrReuseVolume", Unit.M3, paragraph="38(b)"
    )
    total_waste_disposed_volume: float | None = quantity("WasteDirectedToDisposalVolume", Unit.M3, paragraph="38(a)")
    material_flow_relevant: bool | None = boolean(
        description="Gate: sector with significant material flows (NACE C, F, N82.92; guidance 174).",
        paragraph="38(c)",
    )
    materials: list[MaterialUsed] | None = datapoint(paragraph="38(c)")
    total_mass_of_materials_used: float | None = quantity("TotalMassOfMaterialUsed", Unit.TONNE, paragraph="38(c)")
    total_volume_of_materials_used: float | None = quantity("TotalVolumeOfMaterialUsed", Unit.M3, paragraph="38(c)")
