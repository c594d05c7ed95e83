"""A deterministic synthetic reporting season: companies, users and full VSME reports at volume.

``synthetic_population(n, seed)`` yields companies one by one (never the whole season in memory)
until they hold ``n`` reports between them:

* companies spread over countries, NACE sections and size classes (micro, small, medium), each with
  one to three consecutive reporting years of full reports (``sample_data.full_report``: every
  disclosure B1-C9 filled and internally consistent);
* a few percent of the reports carry a planted defect (see :data:`DEFECTS`), recorded in the
  company's ``defects`` so that a test or a benchmark knows what validation must find;
* every source shape the pipeline reads (``/work/shared/source-documents.md``): the project's own
  documents (Beanie ``Company``/``User``/``Report``), and, when asked for, the same companies in the
  VSME Guru architecture ``Company`` interface, the web app's first Prisma schema (``companies``
  per organisation and year, ``reports`` with ``year``) and Scope321's own records (``OrgId``,
  ``Emissions`` keyed by year).

Same ``(n, seed)``, same documents (identifiers are derived from the seed and stable keys), so
seeding twice is idempotent. Pure: no I/O (``vsme_pipeline.synthetic.writer`` writes).
"""

import hashlib
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from beanie import PydanticObjectId

from documents import Company, Report, User
from documents.enums import ComprehensiveDisclosure, EmployeeCountType, LegalForm, ReportingOption
from documents.report import ReportStatus
from documents.user import MembershipRole

__all__ = [
    "DEFECTS",
    "SHAPES",
    "SyntheticCompany",
    "synthetic_object_id",
    "synthetic_population",
]

SHAPES = ("project", "architecture", "prisma", "scope321_records")
"""Source shapes: ``project`` (the pipeline's own documents, always), ``architecture`` (a share
of the scope321 companies stored in the architecture document's interface), ``prisma`` (the web
app's first schema: ``prisma_companies`` / ``prisma_reports`` documents) and ``scope321_records``
(Scope321's ``companies`` records with ``Emissions`` per year, for the reference database)."""

DEFECTS = ("b8_gender_split", "b3_scope1_missing", "unknown_company", "invalid_number")
"""Planted defects: B8 gender split not adding up to the B1 employees; B3 Scope 1 missing on a
completed report; a report whose ``companyId`` is in no directory; a number stored as text."""

DEFECT_RATE = 0.03
ARCHITECTURE_SHARE = 0.1
YEARS = (2023, 2024, 2025)
_EPOCH = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)

# country -> (cities with coordinates, registry prefix, phone prefix)
_COUNTRIES: dict[str, tuple[tuple[tuple[str, str, float, float], ...], str, str]] = {
    "DE": ((("Berlin", "10115", 52.52, 13.405), ("Hamburg", "20095", 53.551, 9.994), ("München", "80331", 48.137, 11.575)), "HRB", "+49"),
    "FR": ((("Paris", "75001", 48.857, 2.352), ("Lyon", "69001", 45.764, 4.836), ("Lille", "59000", 50.629, 3.057)), "RCS", "+33"),
    "IT": ((("Milano", "20121", 45.464, 9.19), ("Torino", "10121", 45.070, 7.687), ("Bologna", "40121", 44.494, 11.343)), "REA", "+39"),
    "ES": ((("Madrid", "28001", 40.417, -3.704), ("Valencia", "46001", 39.470, -0.376)), "ES", "+34"),
    "NL": ((("Amsterdam", "1011", 52.370, 4.895), ("Utrecht", "3511", 52.091, 5.122)), "KVK", "+31"),
    "BE": ((("Bruxelles", "1000", 50.850, 4.352), ("Gent", "9000", 51.054, 3.717)), "BE", "+32"),
    "AT": ((("Wien", "1010", 48.208, 16.373), ("Graz", "8010", 47.071, 15.439)), "FN", "+43"),
    "PL": ((("Warszawa", "00-001", 52.230, 21.011), ("Kraków", "30-001", 50.065, 19.945)), "KRS", "+48"),
    "SE": ((("Stockholm", "111 20", 59.329, 18.069), ("Göteborg", "411 01", 57.709, 11.975)), "SE", "+46"),
    "NO": ((("Oslo", "0150", 59.914, 10.752), ("Bergen", "5003", 60.398, 5.324)), "NO", "+47"),
}
# NACE section -> a few classes of it (manufacturing is C)
_NACE: dict[str, tuple[str, ...]] = {
    "A": ("01.11", "01.47", "02.10"),
    "C": ("10.71", "16.23", "22.29", "25.62", "28.41"),
    "D": ("35.11", "35.14"),
    "F": ("41.20", "43.21", "43.99"),
    "G": ("46.90", "47.21", "47.91"),
    "H": ("49.41", "52.10"),
    "I": ("55.10", "56.11"),
    "J": ("58.21", "62.10", "63.10"),
    "M": ("70.22", "71.12", "73.11"),
    "Q": ("86.21", "88.10"),
}
# size class -> (employees range, turnover per employee range in EUR)
_SIZES: dict[str, tuple[tuple[int, int], tuple[float, float]]] = {
    "micro": ((2, 9), (60_000.0, 150_000.0)),
    "small": ((10, 49), (80_000.0, 200_000.0)),
    "medium": ((50, 249), (100_000.0, 250_000.0)),
}
_ARCHITECTURE_LEGAL_FORMS = {"DE": "GmbH", "FR": "SARL", "IT": "S.r.l.", "ES": "S.L.", "NL": "B.V.", "BE": "SRL",
                             "AT": "GmbH", "PL": "Sp. z o.o.", "SE": "AB", "NO": "AS"}
_COUNTRY_NAMES = {"DE": "Germany", "FR": "France", "IT": "Italy", "ES": "Spain", "NL": "Netherlands", "BE": "Belgium",
                  "AT": "Austria", "PL": "Poland", "SE": "Sweden", "NO": "Norway"}


def synthetic_object_id(seed: int, *parts: object) -> PydanticObjectId:
    """A stable ObjectId derived from the seed and ``parts``."""
    digest = hashlib.sha256("|".join(str(p) for p in ("vsme-synthetic", seed, *parts)).encode()).digest()
    return PydanticObjectId(digest[:12])


@dataclass
class SyntheticCompany:
    """One company of the season, in every shape asked for."""

    index: int
    size_class: str
    nace_section: str
    company: Company
    user: User
    reports: list[Report]
    defects: dict[int, str] = field(default_factory=dict)
    """Planted defect per reporting year."""
    architecture: dict[str, Any] | None = None
    """The company in the architecture document's interface (stored instead of ``company``)."""
    prisma_companies: list[dict[str, Any]] = field(default_factory=list)
    prisma_reports: list[dict[str, Any]] = field(default_factory=list)
    scope321_record: dict[str, Any] | None = None
    raw_overrides: dict[int, Callable[[dict[str, Any]], None]] = field(default_factory=dict)
    """Per year, a change applied to the *stored* report document (defects the model would refuse)."""


def _company(rng: random.Random, seed: int, index: int) -> tuple[Company, str, str]:
    country = rng.choice(sorted(_COUNTRIES))
    cities, registry, phone = _COUNTRIES[country]
    city, postal, lat, lon = rng.choice(cities)
    section = rng.choice(sorted(_NACE))
    size = rng.choices(("micro", "small", "medium"), weights=(5, 3, 2))[0]
    (low, high), (t_low, t_high) = _SIZES[size]
    employees = rng.randint(low, high)
    turnover = round(employees * rng.uniform(t_low, t_high), -3)
    org_number = f"{registry}-{seed}-{index:07d}"
    codes = rng.sample(_NACE[section], k=min(len(_NACE[section]), rng.choice((1, 1, 2))))
    second = rng.choice([c for c in sorted(_COUNTRIES) if c != country]) if size == "medium" and rng.random() < 0.4 else None
    sites: list[dict[str, Any]] = [{
        "identifier": f"{org_number}-HQ", "name": "Headquarters", "address": f"Street {index % 97 + 1}",
        "postal_code": postal, "city": city, "country": country,
        "latitude": round(lat + rng.uniform(-0.05, 0.05), 5), "longitude": round(lon + rng.uniform(-0.05, 0.05), 5),
    }]
    if second:
        s_city, s_postal, s_lat, s_lon = _COUNTRIES[second][0][0]
        sites.append({"identifier": f"{org_number}-S2", "name": "Branch", "address": "Branch street 1",
                      "postal_code": s_postal, "city": s_city, "country": second, "latitude": s_lat, "longitude": s_lon})
    company = Company.build({
        "id": synthetic_object_id(seed, "company", index),
        "name": f"Synthetic {section}{index:05d} {_ARCHITECTURE_LEGAL_FORMS[country]}",
        "organization_number": org_number,
        "address": {"street": f"Street {index % 97 + 1}", "postal_code": postal, "city": city, "country": country},
        "website": f"https://s{index}.example",
        "contact_person": {"name": "Sam Synthetic", "email": f"esg@s{index}.example", "phone": f"{phone} 000 {index:06d}"},
        "legal_form": LegalForm.COOPERATIVE if rng.random() < 0.05 else LegalForm.PRIVATE_LIMITED_LIABILITY,
        "nace_codes": codes,
        "balance_sheet_total": round(turnover * rng.uniform(0.3, 1.2), -3),
        "turnover": turnover,
        "number_of_employees": float(employees),
        "employee_count_type": EmployeeCountType.FTE if rng.random() < 0.2 else EmployeeCountType.HEADCOUNT,
        "primary_country": country,
        "site_locations": sites,
        "created_at": _EPOCH,
        "updated_at": _EPOCH + timedelta(minutes=index),
    })
    return company, size, section


def _user(seed: int, index: int, company: Company) -> User:
    user: User = User.build({
        "id": synthetic_object_id(seed, "user", index),
        "clerk_id": f"user_syn_{seed}_{index:07d}",
        "organization_id": f"org_syn_{seed}_{index:07d}",
        "email": f"owner{index}@s{index}.example",
        "name": f"Owner {index}",
        "company_memberships": [{"company_id": company.id, "role": MembershipRole.OWNER}],
        "created_at": _EPOCH,
        "updated_at": _EPOCH + timedelta(minutes=index),
    })
    return user


def _plant(defect: str, report: Report, seed: int, index: int, out: SyntheticCompany, year: int) -> Report:
    modules = report.modules
    if defect == "b8_gender_split" and modules.b8 is not None and modules.b8.female_employees is not None:
        modules.b8.female_employees += 1
    elif defect == "b3_scope1_missing" and modules.b3 is not None:
        modules.b3.scope1_emissions = None
    elif defect == "unknown_company":
        report.company_id = synthetic_object_id(seed, "missing-company", index)
    elif defect == "invalid_number":
        def as_text(stored: dict[str, Any]) -> None:
            b1 = (stored.get("modules") or {}).get("b1") or {}
            if b1.get("numberOfEmployees") is not None:
                b1["numberOfEmployees"] = f"{b1['numberOfEmployees']} employees"
            else:
                stored["reportingOption"] = "option-z"
        out.raw_overrides[year] = as_text
    return report


def _architecture(company: Company) -> dict[str, Any]:
    """The company as the architecture document's ``Company`` interface stores it."""
    address = company.address
    country = company.primary_country or "DE"
    return {
        "_id": company.id,
        "name": company.name,
        "organizationNumber": company.organization_number,
        "address": {"city": address.city if address else None, "country": _COUNTRY_NAMES.get(str(country), str(country))},
        "website": company.website,
        "contactPerson": {"name": "Sam Synthetic", "title": "Sustainability manager",
                          "email": company.contact_person.email if company.contact_person else None},
        "legalForm": _ARCHITECTURE_LEGAL_FORMS.get(str(country), "Ltd"),
        "naceCodes": list(company.nace_codes or []),
        "balanceSheetSize": company.balance_sheet_total,
        "turnover": company.turnover,
        "employeeCount": company.number_of_employees,
        "primaryCountry": str(country),
        "siteLocations": [{"lat": s.latitude, "lng": s.longitude, "label": s.name} for s in company.site_locations or []],
        "createdAt": company.created_at,
        "updatedAt": company.updated_at,
    }


def _prisma(seed: int, index: int, company: Company, user: User, reports: Sequence[Report]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The web app's first Prisma schema: one company per organisation and year, and its reports."""
    org = user.organization_id
    creator = synthetic_object_id(seed, "prisma-user", index)
    companies, documents = [], []
    for report in reports:
        year = report.reporting_year
        company_id = synthetic_object_id(seed, "prisma-company", index, year)
        companies.append({
            "_id": company_id, "year": year, "name": company.name, "organizationId": org,
            "registrationNumber": company.organization_number, "revenue": float(company.turnover or 0.0),
            "naceCode": company.nace_codes[0] if company.nace_codes else None, "industry": "Synthetic industry",
            "industryCo2Intensity": 0.3, "createdBy": creator, "createdAt": _EPOCH, "updatedAt": _EPOCH,
        })
        b3, b8, b9 = report.modules.b3, report.modules.b8, report.modules.b9
        documents.append({
            "_id": synthetic_object_id(seed, "prisma-report", index, year), "organizationId": org, "year": year,
            "companyId": company_id, "createdBy": creator, "createdAt": _EPOCH, "updatedAt": _EPOCH,
            "environmental": {"energyAndEmissions": {
                "scope1": float(b3.scope1_emissions) if b3 and b3.scope1_emissions is not None else None,
                "scope2": float(b3.scope2_location_based_emissions)
                if b3 and b3.scope2_location_based_emissions is not None else None,
                "renewableEnergy": 0.0, "nonRenewableEnergy": 0.0,
                "climateDataCollectionMethod": "invoices", "reported": b3 is not None}},
            "social": {"employees": {
                "fullTimeEmployees": int(company.number_of_employees or 0), "partTimeEmployees": 0,
                "tempEmployees": 0, "reported": b8 is not None}},
            "governance": {"ethics": {"corruptionCases": 0, "whistleBlowerReports": 0, "reported": b9 is not None},
                           "finesAndPenalties": {"fnp": False, "reported": True}},
        })
    return companies, documents


def _scope321_record(rng: random.Random, company: Company, user: User, years: Sequence[int]) -> dict[str, Any]:
    emissions: dict[str, Any] = {}
    revenue = float(company.turnover or 1.0)
    for year in years:
        scope1, scope2, scope3 = (round(rng.uniform(5, 500), 2) for _ in range(3))
        total = scope1 + scope2 + scope3
        emissions[str(year)] = {"Scope1": scope1, "Scope2": scope2, "Scope3": scope3, "TotalCo2": total,
                                "Revenue": revenue, "co2Intensity": total / revenue, "locked": year < max(years),
                                "updatedAt": datetime(year + 1, 2, 1, tzinfo=UTC)}
    return {"_id": company.id, "OrgId": user.organization_id, "CompanyName": company.name, "CreatedAt": _EPOCH,
            "Emissions": emissions}


def synthetic_population(n: int, seed: int = 0, *, shapes: Sequence[str] = ("project",),
                         defect_rate: float = DEFECT_RATE) -> Iterator[SyntheticCompany]:
    """Companies of a season holding ``n`` reports in all (the last company may hold fewer years)."""
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        raise ValueError(f"unknown source shapes {sorted(unknown)}; known: {', '.join(SHAPES)}")
    rng = random.Random(seed)
    remaining, index = n, 0
    while remaining > 0:
        company, size, section = _company(rng, seed, index)
        user = _user(seed, index, company)
        span = min(remaining, rng.choice((1, 2, 2, 3, 3)))
        years = YEARS[len(YEARS) - span:]
        option = ReportingOption.B if size == "medium" or rng.random() < 0.2 else ReportingOption.A
        selected = (ComprehensiveDisclosure.C3, ComprehensiveDisclosure.C8) if option is ReportingOption.B and rng.random() < 0.3 else ()
        out = SyntheticCompany(index=index, size_class=size, nace_section=section, company=company, user=user, reports=[])
        from vsme_pipeline.sample_data import full_report

        for year in years:
            status = ReportStatus.COMPLETED if year < YEARS[-1] or rng.random() < 0.5 else ReportStatus.IN_PROGRESS
            report = full_report(company.id, year, company=company, option=option, status=status,
                                 selected_comprehensive=selected, first_reporting_year=years[0])
            report.id = synthetic_object_id(seed, "report", index, year)
            if rng.random() < defect_rate:
                defect = rng.choice(DEFECTS)
                out.defects[year] = defect
                report = _plant(defect, report, seed, index, out, year)
            out.reports.append(report)
        if "architecture" in shapes and rng.random() < ARCHITECTURE_SHARE:
            out.architecture = _architecture(company)
        if "prisma" in shapes:
            out.prisma_companies, out.prisma_reports = _prisma(seed, index, company, user, out.reports)
        if "scope321_records" in shapes:
            out.scope321_record = _scope321_record(rng, company, user, years)
        remaining -= span
        index += 1
        yield out
