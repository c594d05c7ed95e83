"""Value objects shared by the company profile and the report modules."""

from typing import Annotated

from pydantic import StringConstraints

from documents.base import CamelModel, Unit, datapoint, enumeration, text
from documents.enums import SiteTenure

__all__ = ["Address", "ContactPerson", "CountryCode", "NaceCode", "Site", "Subsidiary"]

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""ISO 3166-1 alpha-2 country code, upper case (``"DE"``); XBRL members ``country:XX``."""

NaceCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]
"""NACE Rev. 2.1 code as written by the web app, e.g. ``"47.21"`` (class level preferred).

XBRL members are ``nace:NACE_<Section><digits>`` (``NACE_G4721``); the conversion needs the
section letter and happens at export.
"""


class Address(CamelModel):
    """Postal address."""

    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: CountryCode | None = None
    country_raw: str | None = None  # the country as typed, when it was mapped to the code


class ContactPerson(CamelModel):
    """Company contact for the sustainability report."""

    name: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None


class Site(CamelModel):
    """A site owned, leased or managed by the undertaking (B1 24(e)(vii), guidance 73-76).

    Coordinates are WGS84 decimal degrees; the guidance asks for five decimal places.
    ``identifier`` is the stable key used by other modules (B5) and the XBRL typed axis
    ``IdentifierOfSiteTypedAxis``.
    """

    identifier: str | None = text(description="Stable site identifier (IdentifierOfSiteTypedAxis).")
    name: str | None = text(description="Site name as shown to users.")
    address: str | None = text("AddressOfSite", paragraph="24(e)(vii)")
    postal_code: str | None = text("PostalCodeOfSite", paragraph="24(e)(vii)")
    city: str | None = text("CityOfSite", paragraph="24(e)(vii)")
    country: CountryCode | None = enumeration("CountryOfSite", paragraph="24(e)(vii)")
    latitude: float | None = datapoint(
        "GPSLocationOfSite", unit=Unit.DEGREES, paragraph="24(e)(vii)", ge=-90, le=90
    )
    longitude: float | None = datapoint(
        "GPSLocationOfSite", unit=Unit.DEGREES, paragraph="24(e)(vii)", ge=-180, le=180
    )
    tenure: SiteTenure | None = enumeration(description="Owned, leased or managed.")


class Subsidiary(CamelModel):
    """A subsidiary included in a consolidated report (B1 24(d))."""

    identifier: str | None = text(description="Stable key (IdentifierOfSubsidiaryTypedAxis).")
    name: str | None = text("NameOfTheSubsidiary", paragraph="24(d)")
    registered_address: str | None = text("RegisteredAddressOfTheSubsidiary", paragraph="24(d)")
