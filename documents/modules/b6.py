"""B6 - Water (VSME paras 35-36; guidance 142-158)."""

from documents.base import CamelModel, Unit, boolean, quantity

__all__ = ["B6Water"]


class B6Water(CamelModel):
    """B6: water withdrawal (m3), withdrawal in high-water-stress areas, consumption."""

    total_water_withdrawal: float | None = quantity("TotalAmountOfWaterWithdrawnFromAllSites", Unit.M3, paragraph="35")
    water_withdrawal_high_stress_areas: float | None = quantity(
        "AmountOfWaterWithdrawnAtSitesLocatedInAreasOfHighWaterStress", Unit.M3, paragraph="35"
    )
    has_water_intensive_processes: bool | None = boolean(
        description="Gate: production processes significantly consume water.", paragraph="36"
    )
    water_discharge: float | None = quantity(
        "WaterDischargeFromUndertakingProductionProcesses", Unit.M3, paragraph="36"
    )
    water_consumption: float | None = quantity(
        "TotalWaterConsumption", Unit.M3, paragraph="36", description="Withdrawal minus discharge."
    )
