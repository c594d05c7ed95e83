"""B5 - Biodiversity (VSME paras 33-34; guidance 134-141)."""

from documents.base import CamelModel, Unit, boolean, count, datapoint, quantity, text

__all__ = ["B5Biodiversity", "BiodiversitySensitiveSite"]


class BiodiversitySensitiveSite(CamelModel):
    """A site in or near a biodiversity-sensitive area (Natura 2000, UNESCO, KBA ...)."""

    site_identifier: str | None = text(description="B1 site identifier.")
    site_name: str | None = text()
    in_sensitive_area: bool | None = boolean("SiteLocatedInABiodiversitySensitiveArea", paragraph="33")
    near_sensitive_area: bool | None = boolean("SiteLocatedNearABiodiversitySensitiveArea", paragraph="33")
    area: float | None = quantity("AreaOfSiteInBiodiversitySensitiveArea", Unit.HECTARE, paragraph="33")
    sensitive_area_name: str | None = text(description="Name of the protected area.")


class B5Biodiversity(CamelModel):
    """B5: sites in or near biodiversity-sensitive areas (0 if none) and optional land use."""

    has_sites_in_or_near_sensitive_areas: bool | None = boolean(
        description="Gate: any site lies in or near a biodiversity-sensitive area.", paragraph="33"
    )
    number_of_sites_in_or_near_sensitive_areas: float | None = count(unit="sites", paragraph="33")
    total_area_in_or_near_sensitive_areas: float | None = quantity(unit=Unit.HECTARE, paragraph="33")
    sites: list[BiodiversitySensitiveSite] | None = datapoint(paragraph="33")
    total_use_of_land: float | None = quantity("TotalUseOfLand", Unit.HECTARE, paragraph="34(a)")
    total_sealed_area: float | None = quantity("TotalSealedArea", Unit.HECTARE, paragraph="34(b)")
    total_nature_oriented_area_on_site: float | None = quantity(
        "TotalNatureOrientedAreaOnSite", Unit.HECTARE, paragraph="34(c)"
    )
    total_nature_oriented_area_off_site: float | None = quantity(
        "TotalNatureOrientedAreaOffSite", Unit.HECTARE, paragraph="34(d)"
    )
