"""Emission factors of the reference database (``co2-intensities-<env>``)."""

from enum import StrEnum

import pymongo
from pydantic import Field
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG, CamelDocument, CamelModel
from documents.common import CountryCode

__all__ = ["EmissionFactor", "EmissionFactorCategory", "EmissionFactorData", "GwpSet"]


class EmissionFactorCategory(StrEnum):
    """What an emission factor applies to."""

    ELECTRICITY_GRID = "electricity_grid"
    FUEL = "fuel"
    OTHER = "other"


class GwpSet(StrEnum):
    """IPCC assessment report whose GWP100 values the factor uses."""

    AR4 = "AR4"
    AR5 = "AR5"
    AR6 = "AR6"


class EmissionFactorData(CamelModel):
    """One emission factor with its provenance.

    ``key`` is unique and readable: ``grid:DE:2023``, ``fuel:natural_gas``.
    ``value`` is expressed in ``unit`` (``gCO2e/kWh``, ``tCO2/TJ``, ``kgCO2e/L`` ...).
    """

    key: str
    category: EmissionFactorCategory
    scope: int | None = Field(default=None, ge=1, le=3)
    country: CountryCode | None = None
    nace_code: str | None = None
    activity: str | None = None
    value: float
    unit: str
    gwp_set: GwpSet | None = None
    source: str | None = None
    source_url: str | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)
    licence: str | None = None
    dataset_version: str | None = None


class EmissionFactor(CamelDocument, EmissionFactorData):
    """An emission factor of the reference database (collection ``emission_factors``)."""

    model_config = CAMEL_DOCUMENT_CONFIG  # type: ignore[misc]  # Beanie's Document declares it without ClassVar

    class Settings:
        name = "emission_factors"
        keep_nulls = True
        validate_on_save = True
        indexes = [
            IndexModel([("key", pymongo.ASCENDING)], name="key_unique", unique=True),
            IndexModel(
                [("category", pymongo.ASCENDING), ("country", pymongo.ASCENDING), ("year", pymongo.DESCENDING)],
                name="category_country_year",
            ),
        ]
