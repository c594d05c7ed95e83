"""C8 - Revenues from certain sectors and exclusion from EU reference benchmarks (paras 63-64)."""

from documents.base import CamelModel, boolean, monetary

__all__ = ["C8SectorRevenues"]


class C8SectorRevenues(CamelModel):
    """C8: revenues (report currency) from sensitive sectors; Paris-aligned benchmark exclusion.

    Exclusion thresholds (guidance 241, Reg. (EU) 2020/1818 Art. 12): coal >= 1 %, oil >= 10 %,
    gas >= 50 %, electricity generation > 100 gCO2e/kWh >= 50 % of ``turnover_reference``.
    """

    has_revenues_from_listed_sectors: bool | None = boolean(
        description="Gate: active in any sector listed in para 63.", paragraph="63"
    )
    revenue_controversial_weapons: float | None = monetary(
        "RevenueDerivedFromControversialWeaponsAntiPersonnelMinesClusterMunitionsChemicalWeaponsAndBiologicalWeapons",
        paragraph="63(a)",
    )
    revenue_tobacco: float | None = monetary("RevenueDerivedFromCultivationAndProductionOfTobacco", paragraph="63(b)")
    revenue_coal: float | None = monetary("RevenueDerivedFromCoal", paragraph="63(c)")
    revenue_oil: float | None = monetary("RevenueDerivedFromOil", paragraph="63(c)")
    revenue_gas: float | None = monetary("RevenueDerivedFromGas", paragraph="63(c)")
    revenue_fossil_fuels_total: float | None = monetary(
        "TotalRevenuesDerivedFromFossilFuelCoalOilAndGasSector", paragraph="63(c)", description="Coal + oil + gas."
    )
    revenue_chemicals: float | None = monetary(
        "RevenueDerivedFromChemicalProduction", paragraph="63(d)", description="Pesticides and agrochemicals (NACE 20.2)."
    )
    revenue_high_intensity_electricity_generation: float | None = monetary(
        paragraph="64, guidance 241", description="Electricity generation above 100 gCO2e/kWh."
    )
    turnover_reference: float | None = monetary(
        paragraph="64", description="Turnover the shares are computed on (B1 turnover)."
    )
    excluded_from_eu_paris_aligned_benchmarks: bool | None = boolean(
        "UndertakingsAreExcludedFromAnyEuReferenceBenchmarksThatAreAlignedWithTheParisAgreement", paragraph="64"
    )
