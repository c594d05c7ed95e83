"""Companies of the ``scope321`` database, written by the VSME Guru web app (Prisma).

The pipeline only reads this collection; `Company` mirrors the stored shape exactly
(camelCase keys, ObjectId ``_id``, numbers as doubles) and keeps unknown keys.

The architecture document's ``Company`` interface is the primary shape (``balanceSheetSize``,
``employeeCount``, ``legalForm`` as free text, ``address.country`` not guaranteed ISO,
``organizationId`` the Clerk organisation); the earlier names (``balanceSheetTotal``,
``numberOfEmployees``) stay readable. `vsme_pipeline.sources.read_company` maps either to the
`CompanyProfile` (taxonomy members, ISO codes, raw values kept beside them).
"""

from datetime import datetime

import pymongo
from pymongo import IndexModel

from documents.base import (
    CAMEL_DOCUMENT_CONFIG,
    CamelDocument,
    CamelModel,
    count,
    datapoint,
    enumeration,
    monetary,
    text,
)
from documents.common import Address, ContactPerson, CountryCode, NaceCode, Site
from documents.enums import EmployeeCountType, LegalForm
from documents.identifiers import EntityIdentifier

__all__ = ["Company", "CompanyData", "CompanyProfile", "StoredAddress"]


class CompanyProfile(CamelModel):
    """The company master data that feeds B1 (name, identifiers, size, sector, sites)."""

    name: str | None = text()
    organization_id: str | None = text(description="Clerk organisation id: the tenant key.")
    organization_number: str | None = text(description="National registry number (entity identifier).")
    entity_identifier: EntityIdentifier | None = datapoint(description="XBRL entity identifier (LEI, EUID, ...).")
    address: Address | None = None
    website: str | None = text()
    contact_person: ContactPerson | None = None
    legal_form: LegalForm | None = enumeration("UndertakingsLegalForm")
    legal_form_raw: str | None = text(description="Legal form as stored (national form, e.g. 'AS'), shown beside the member.")
    nace_codes: list[NaceCode] | None = datapoint("NaceSectorClassificationCodes", description="NACE Rev. 2.1, e.g. '47.21'.")
    balance_sheet_total: float | None = monetary("Assets")
    turnover: float | None = monetary("Turnover")
    number_of_employees: float | None = count("NumberOfEmployees")
    employee_count_type: EmployeeCountType | None = enumeration("TypeOfNumberOfEmployees")
    primary_country: CountryCode | None = enumeration("CountryOfPrimaryOperationsAndLocationOfSignificantAssets")
    sites: list[Site] | None = datapoint(description="Geolocated sites (B1 24(e)(vii)).")


class StoredAddress(CamelModel):
    """An address as users type it (``country`` is a name or a code, not guaranteed ISO)."""

    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None


class CompanyData(CamelModel):
    """Fields of a stored company (web-app names: ``siteLocations``, ``createdAt`` ...)."""

    name: str | None = None
    organization_id: str | None = None
    organization_number: str | None = None
    address: StoredAddress | None = None
    website: str | None = None
    contact_person: ContactPerson | None = None
    legal_form: str | None = None
    nace_codes: list[NaceCode] | None = None
    balance_sheet_size: float | None = monetary()
    balance_sheet_total: float | None = monetary(description="Earlier name of balanceSheetSize (still read).")
    turnover: float | None = monetary()
    employee_count: float | None = count()
    number_of_employees: float | None = count(description="Earlier name of employeeCount (still read).")
    employee_count_type: EmployeeCountType | None = None
    primary_country: str | None = None
    site_locations: list[Site] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Company(CamelDocument, CompanyData):
    """A company (collection ``companies``), as stored by the web app."""

    model_config = CAMEL_DOCUMENT_CONFIG  # type: ignore[misc]  # Beanie's Document declares it without ClassVar

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
        """Return the company master data as a `CompanyProfile` (through the source reader)."""
        from vsme_pipeline.sources.company import read_company  # the reader maps every known shape

        return read_company(self.model_dump(by_alias=True, exclude_none=True)).profile
