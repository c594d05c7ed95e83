"""Companies of the ``scope321`` database, written by the VSME Guru web app (Prisma).

The pipeline only reads this collection; `Company` mirrors the stored shape exactly
(camelCase keys, ObjectId ``_id``, numbers as doubles) and keeps unknown keys.
"""

from datetime import datetime

import pymongo
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG, CamelDocument, CamelModel, count, datapoint, enumeration, monetary, text
from documents.common import Address, ContactPerson, CountryCode, NaceCode, Site
from documents.enums import EmployeeCountType, LegalForm
from documents.identifiers import EntityIdentifier

__all__ = ["Company", "CompanyData", "CompanyProfile"]


class CompanyProfile(CamelModel):
    """The company master data that feeds B1 (name, identifiers, size, sector, sites)."""

    name: str | None = text()
    organization_number: str | None = text(description="National registry number (entity identifier).")
    entity_identifier: EntityIdentifier | None = datapoint(description="XBRL entity identifier (LEI, EUID, ...).")
    address: Address | None = None
    website: str | None = text()
    contact_person: ContactPerson | None = None
    legal_form: LegalForm | None = enumeration("UndertakingsLegalForm")
    nace_codes: list[NaceCode] | None = datapoint("NaceSectorClassificationCodes", description="NACE Rev. 2.1, e.g. '47.21'.")
    balance_sheet_total: float | None = monetary("Assets")
    turnover: float | None = monetary("Turnover")
    number_of_employees: float | None = count("NumberOfEmployees")
    employee_count_type: EmployeeCountType | None = enumeration("TypeOfNumberOfEmployees")
    primary_country: CountryCode | None = enumeration("CountryOfPrimaryOperationsAndLocationOfSignificantAssets")
    sites: list[Site] | None = datapoint(description="Geolocated sites (B1 24(e)(vii)).")


class CompanyData(CamelModel):
    """Fields of a stored company (web-app names: ``siteLocations``, ``createdAt`` ...)."""

    name: str | None = None
    organization_number: str | None = None
    address: Address | None = None
    website: str | None = None
    contact_person: ContactPerson | None = None
    legal_form: LegalForm | None = None
    nace_codes: list[NaceCode] | None = None
    balance_sheet_total: float | None = monetary()
    turnover: float | None = monetary()
    number_of_employees: float | None = count()
    employee_count_type: EmployeeCountType | None = None
    primary_country: CountryCode | None = None
    site_locations: list[Site] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Company(CamelDocument, CompanyData):
    """A company (collection ``companies``), as stored by the web app."""

    model_config = CAMEL_DOCUMENT_CONFIG

    class Settings:
        name = "companies"
        keep_nulls = True
        validate_on_save = True
        indexes = [
            IndexModel(
                [("organizationNumber", pymongo.ASCENDING)],
                name="organization_number_unique",
                unique=True,
                partialFilterExpression={"organizationNumber": {"$type": "string"}},
            ),
            # incremental sync reads companies changed since its (updatedAt, _id) cursor
            IndexModel([("updatedAt", pymongo.ASCENDING), ("_id", pymongo.ASCENDING)], name="updated_at_id"),
        ]

    def profile(self) -> CompanyProfile:
        """Return the company master data as a `CompanyProfile` (``site_locations`` -> ``sites``)."""
        return CompanyProfile(
            name=self.name,
            organization_number=self.organization_number,
            address=self.address,
            website=self.website,
            contact_person=self.contact_person,
            legal_form=self.legal_form,
            nace_codes=list(self.nace_codes) if self.nace_codes is not None else None,
            balance_sheet_total=self.balance_sheet_total,
            turnover=self.turnover,
            number_of_employees=self.number_of_employees,
            employee_count_type=self.employee_count_type,
            primary_country=self.primary_country,
            sites=list(self.site_locations) if self.site_locations is not None else None,
        )
