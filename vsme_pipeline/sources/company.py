"""Reader of ``scope321.companies`` in every known shape -> `CompanyProfile` with provenance (pure).

Primary shape: the architecture document's ``Company`` interface (``balanceSheetSize``,
``employeeCount``, ``legalForm`` free text, ``contactPerson{name,title,email}``,
``address{city,country}`` with a country name or code, ``siteLocations``). The project's earlier
names (``balanceSheetTotal``, ``numberOfEmployees``, ``contactPerson.phone``) and the web app's
first Prisma company (``registrationNumber``, ``revenue``, ``naceCode``) stay readable.

Nothing is dropped: a value that does not fit the profile is kept under ``profile.unmapped``
(``{source field: value as stored}``) and reported as a `Finding`; free text that maps to a
taxonomy member or ISO code keeps its raw value beside it (``legalFormRaw``, ``address.countryRaw``,
``primaryCountryRaw``). ``profile.source`` records the shape and which source field fed each
profile field.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from documents.company import CompanyProfile
from vsme_pipeline.sources.countries import country_code
from vsme_pipeline.sources.legal_forms import legal_form_member
from vsme_pipeline.sources.provenance import Finding, SourceShape

__all__ = ["CompanyReading", "detect_company_shape", "read_company"]

# profile field -> source fields, first present wins (primary name first)
_SCALARS: dict[str, tuple[str, ...]] = {
    "name": ("name", "CompanyName"),
    "organization_number": ("organizationNumber", "registrationNumber"),
    "website": ("website",),
    "balance_sheet_total": ("balanceSheetSize", "balanceSheetTotal"),
    "turnover": ("turnover", "revenue"),
    "number_of_employees": ("employeeCount", "numberOfEmployees"),
    "employee_count_type": ("employeeCountType",),
}
_KNOWN = {
    "_id", "id", "name", "CompanyName", "organizationNumber", "registrationNumber", "address", "website",
    "contactPerson", "legalForm", "naceCodes", "naceCode", "balanceSheetSize", "balanceSheetTotal", "turnover",
    "revenue", "employeeCount", "numberOfEmployees", "employeeCountType", "primaryCountry", "siteLocations",
    "createdAt", "updatedAt", "organizationId", "OrgId", "year", "industry", "industryCo2Intensity", "createdBy",
    "figuresByYear", "migratedFromPrismaCompanies",  # a Prisma company as revision 0003 leaves it
}
PRISMA_COMPANY_MARKER = "migratedFromPrismaCompanies"
"""Revision 0003's record of the Prisma originals of a merged company (its provenance)."""


@dataclass
class CompanyReading:
    """One source company as read: its profile, tenant, shape and what could not be mapped."""

    company_id: Any
    shape: SourceShape
    profile: CompanyProfile
    organization_id: str | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        return self.profile.name

    @property
    def organization_number(self) -> str | None:
        return self.profile.organization_number


_NUMERIC_FIELDS = frozenset(
    name for name, info in CompanyProfile.model_fields.items() if info.annotation in (float | None, int | None)
)


def detect_company_shape(doc: Mapping[str, Any]) -> SourceShape:
    """Which known shape a stored company has (the architecture's unless only older names appear)."""
    if "year" in doc and ("registrationNumber" in doc or "industryCo2Intensity" in doc):
        return SourceShape.PRISMA_COMPANY
    if isinstance(doc.get(PRISMA_COMPANY_MARKER), Mapping):  # converted by 0003: still of Prisma origin
        return SourceShape.PRISMA_COMPANY
    legacy = {"balanceSheetTotal", "numberOfEmployees"} & doc.keys()
    primary = {"balanceSheetSize", "employeeCount"} & doc.keys()
    contact = doc.get("contactPerson")
    if legacy and not primary:
        return SourceShape.LEGACY_COMPANY
    if not primary and isinstance(contact, Mapping) and "phone" in contact and "title" not in contact:
        return SourceShape.LEGACY_COMPANY
    return SourceShape.ARCHITECTURE_COMPANY


def _first(doc: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in doc and doc[name] is not None:
            return name, doc[name]
    return None, None


def _site(raw: Any) -> Any:
    """A ``GeoLocation`` (shape not given by the document) as a `Site` dict where recognisable."""
    if not isinstance(raw, Mapping):
        return raw
    site = dict(raw)
    for short, long in (("lat", "latitude"), ("lng", "longitude"), ("lon", "longitude")):
        if short in site and long not in site:
            site[long] = site.pop(short)
    coordinates = site.get("coordinates")
    if isinstance(coordinates, list) and len(coordinates) == 2 and "latitude" not in site:  # GeoJSON: lon, lat
        site["longitude"], site["latitude"] = coordinates
    if isinstance(site.get("country"), str) and country_code(site["country"]) not in (None, site["country"]):
        site["countryRaw"] = site["country"]
        site["country"] = country_code(site["country"])
    return site


def read_company(doc: Mapping[str, Any]) -> CompanyReading:
    """Map one stored company (any known shape) to a `CompanyProfile`; never raises on content."""
    shape = detect_company_shape(doc)
    record = f"scope321.companies {doc.get('_id')}"
    findings: list[Finding] = []
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    extras: dict[str, Any] = {}

    for target, names in _SCALARS.items():
        source, value = _first(doc, names)
        if source is not None:
            values[target], sources[target] = value, source

    address = doc.get("address")
    country_hint: str | None = None
    if isinstance(address, Mapping):
        mapped = dict(address)
        raw_country = address.get("country")
        if isinstance(raw_country, str):
            code = country_code(raw_country)
            if code is None:
                mapped.pop("country")
                mapped["countryRaw"] = raw_country
                findings.append(Finding(shape, record, "address.country", raw_country, "not a known country name or code"))
            else:
                mapped["country"] = country_hint = code
                if code != raw_country:
                    mapped["countryRaw"] = raw_country
        values["address"], sources["address"] = mapped, "address"
    elif address is not None:
        values["address"], sources["address"] = address, "address"

    raw_primary = doc.get("primaryCountry")
    if isinstance(raw_primary, str):
        code = country_code(raw_primary)
        if code is None:
            extras["primaryCountryRaw"] = raw_primary
            findings.append(Finding(shape, record, "primaryCountry", raw_primary, "not a known country name or code"))
        else:
            values["primary_country"], sources["primary_country"] = code, "primaryCountry"
            country_hint = country_hint or code
            if code != raw_primary:
                extras["primaryCountryRaw"] = raw_primary
    elif raw_primary is not None:
        values["primary_country"], sources["primary_country"] = raw_primary, "primaryCountry"

    contact = doc.get("contactPerson")
    if contact is not None:
        values["contact_person"], sources["contact_person"] = contact, "contactPerson"

    raw_form = doc.get("legalForm")
    if raw_form is not None:
        extras["legalFormRaw"] = raw_form
        member = legal_form_member(raw_form, country_hint) if isinstance(raw_form, str) else None
        if member is None:
            findings.append(Finding(shape, record, "legalForm", raw_form,
                                    "no unambiguous taxonomy legal-form member (kept as legalFormRaw)"))
        else:
            values["legal_form"], sources["legal_form"] = member, "legalForm"

    nace_source, nace = _first(doc, ("naceCodes", "naceCode"))
    if nace_source is not None:
        values["nace_codes"], sources["nace_codes"] = (nace if nace_source == "naceCodes" else [nace]), nace_source

    sites = doc.get("siteLocations")
    if sites is not None:
        values["sites"] = [_site(s) for s in sites] if isinstance(sites, list) else sites
        sources["sites"] = "siteLocations"

    # validate field by field: one bad value must not cost the company its other fields
    unmapped: dict[str, Any] = {}
    for target in [t for t in values if t in _NUMERIC_FIELDS]:
        value = values[target]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            # explicit coercion only: "1368" is kept as stored and named, never read as 1368
            source = sources.pop(target)
            unmapped[source] = doc.get(source)
            values.pop(target)
            findings.append(Finding(shape, record, source, doc.get(source),
                                    f"a number belongs here, stored as {type(value).__name__}: kept, not converted"))
    for target in list(values):
        try:
            CompanyProfile.model_validate({target: values[target]})
        except ValidationError as exc:
            source = sources.pop(target)
            unmapped[source] = doc.get(source)
            values.pop(target)
            message = exc.errors(include_url=False, include_input=False)[0]["msg"]
            findings.append(Finding(shape, record, source, doc.get(source), message))
    for key, value in doc.items():
        if key not in _KNOWN:
            unmapped[key] = value
            findings.append(Finding(shape, record, key, value, "field not known to the company reader"))

    organization_id = doc.get("organizationId") or doc.get("OrgId")
    extras["organizationId"] = organization_id
    extras["source"] = {"shape": shape.value, "fields": sources}
    if unmapped:
        extras["unmapped"] = unmapped
    profile = CompanyProfile.model_validate({**values, **extras})
    return CompanyReading(doc.get("_id"), shape, profile, organization_id, findings)
