"""Entity identifiers of a company for XBRL filings (LEI, EUID, DUNS, PermID, national registry).

The schemes are those of EFRAG's Digital-Template-to-XBRL-Converter configuration
(``entityIdentifierLabelsToSchemes``), plus a national business register scheme for companies
that have none of them (``national``: the identifier is the registry number, ``country`` says
which register).
"""

from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints

from documents.base import CamelModel

__all__ = ["ENTITY_SCHEME_URIS", "EntityIdentifier", "EntityIdentifierScheme", "national_registry_scheme"]


class EntityIdentifierScheme(StrEnum):
    """Identifier schemes accepted for the XBRL entity (``xbrli:identifier/@scheme``)."""

    LEI = "lei"
    EUID = "euid"
    DUNS = "duns"
    PERMID = "permid"
    NATIONAL = "national"


ENTITY_SCHEME_URIS: dict[EntityIdentifierScheme, str] = {
    EntityIdentifierScheme.LEI: "http://standards.iso.org/iso/17442",
    EntityIdentifierScheme.DUNS: "https://www.dnb.co.uk/duns-number",
    EntityIdentifierScheme.EUID: (
        "https://e-justice.europa.eu/topics/registers-business-insolvency-land/business-registers-search-company-eu_en"
    ),
    EntityIdentifierScheme.PERMID: "https://permid.org/",
}
"""Scheme URIs, exactly as the EFRAG converter's configuration lists them."""


def national_registry_scheme(country: str | None) -> str:
    """Scheme URI for a national business register number (no converter scheme exists for it)."""
    return f"https://vsme.guru/scheme/national-business-register/{(country or 'XX').upper()}"


class EntityIdentifier(CamelModel):
    """The identifier a filing names its entity by: ``scheme`` + ``value`` (+ ``country`` for national)."""

    scheme: EntityIdentifierScheme
    value: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None

    def scheme_uri(self) -> str:
        """The XBRL scheme URI of this identifier."""
        if self.scheme is EntityIdentifierScheme.NATIONAL:
            return national_registry_scheme(self.country)
        return ENTITY_SCHEME_URIS[self.scheme]
