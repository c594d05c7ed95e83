"""Companies as the architecture document's interface writes them reach the directory; tenants never mix."""

from datetime import UTC, datetime

from bson import ObjectId

from documents.enums import LegalForm
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.sources import SourceShape, country_code, legal_form_member, read_company


def interface_company(org: str, name: str = "GreenTech Solutions AS", **overrides: object) -> dict:
    """Every field of the architecture document's `Company` interface, as the web app stores it."""
    now = datetime(2025, 1, 10, 8, 0, tzinfo=UTC)
    return {
        "_id": ObjectId(), "name": name, "organizationNumber": f"98765{abs(hash(org)) % 10000:04d}",
        "address": {"city": "Oslo", "country": "Norway"}, "website": "https://greentech.example",
        "contactPerson": {"name": "Kari Nordmann", "title": "CFO", "email": "kari@greentech.example"},
        "legalForm": "AS", "naceCodes": ["62.01"], "balanceSheetSize": 8_500_000.0, "turnover": 15_000_000.0,
        "employeeCount": 42.0, "primaryCountry": "Norway",
        "siteLocations": [{"name": "HQ", "lat": 59.91273, "lng": 10.74609}],
        "organizationId": org, "createdAt": now, "updatedAt": now, **overrides,
    }


async def test_an_interface_company_reaches_the_directory_with_every_field(databases):
    doc = interface_company("org-greentech-123")
    await databases.scope321["companies"].insert_one(doc)

    report = await sync_companies(read_only(databases.scope321), databases.vsme_guru)

    assert (report.processed, report.written, report.failed) == (1, 1, 0)
    assert report.extra["source_shapes"] == {"architecture_company": 1}
    assert report.extra["unmapped_fields"] == 0
    entry = await databases.vsme_guru["company_directory"].find_one({"companyId": doc["_id"]})
    profile = entry["profile"]
    assert entry["organizationId"] == "org-greentech-123"
    assert profile["balanceSheetTotal"] == 8_500_000.0 and profile["numberOfEmployees"] == 42.0
    assert profile["legalForm"] == LegalForm.PRIVATE_LIMITED_LIABILITY.value and profile["legalFormRaw"] == "AS"
    assert profile["contactPerson"]["title"] == "CFO"
    assert profile["address"] == {"street": None, "postalCode": None, "city": "Oslo", "country": "NO",
                                  "countryRaw": "Norway"}
    assert profile["primaryCountry"] == "NO"
    assert profile["sites"][0]["latitude"] == 59.91273 and profile["sites"][0]["longitude"] == 10.74609
    assert profile["source"]["fields"]["balance_sheet_total"] == "balanceSheetSize"


def test_old_names_stay_readable_and_unmappable_values_are_kept_and_named():
    legacy = read_company({"_id": 1, "name": "Old GmbH", "balanceSheetTotal": 10.0, "numberOfEmployees": 3,
                           "legalForm": "Kommanditbolag XY", "address": {"country": "Atlantis"}, "fax": "123"})
    assert legacy.shape is SourceShape.LEGACY_COMPANY
    assert legacy.profile.balance_sheet_total == 10.0 and legacy.profile.number_of_employees == 3
    assert legacy.profile.legal_form is None and legacy.profile.legal_form_raw == "Kommanditbolag XY"
    fields = {f.field for f in legacy.findings}
    assert fields == {"legalForm", "address.country", "fax"}
    assert all("scope321.companies 1" in str(f) for f in legacy.findings)
    assert legacy.profile.model_dump(by_alias=True)["unmapped"] == {"fax": "123"}


def test_national_legal_forms_map_to_taxonomy_members():
    private = ["AS", "GmbH", "SARL", "SAS", "BV", "AB", "Oy", "ApS", "Ltd", "S.L.", "sp. z o.o.", "s.r.o."]
    assert {raw: legal_form_member(raw) for raw in private} == dict.fromkeys(private, LegalForm.PRIVATE_LIMITED_LIABILITY)
    public = ["ASA", "AG", "NV", "S.p.A.", "plc"]
    assert {raw: legal_form_member(raw) for raw in public} == dict.fromkeys(public, LegalForm.OTHER)
    assert legal_form_member("SA") is None  # cooperative in Norway, public company in France: not guessed
    assert legal_form_member("SA", "NO") is LegalForm.COOPERATIVE and legal_form_member("SA", "FR") is LegalForm.OTHER
    assert legal_form_member("cooperative") is LegalForm.COOPERATIVE
    assert [country_code(c) for c in ("Norway", "norge", "DE", "Deutschland", "EL", "Narnia")] == ["NO", "NO", "DE", "DE", "GR", None]


async def test_two_organisations_with_the_same_company_name_never_mix(databases):
    a = interface_company("org-a", employeeCount=10.0)
    b = interface_company("org-b", employeeCount=99.0, organizationNumber="111222333")
    await databases.scope321["companies"].insert_many([a, b])

    await sync_companies(read_only(databases.scope321), databases.vsme_guru)

    directory = databases.vsme_guru["company_directory"]
    entries = {e["organizationId"]: e async for e in directory.find({"name": "GreenTech Solutions AS"})}
    assert set(entries) == {"org-a", "org-b"}
    assert entries["org-a"]["companyId"] == a["_id"] and entries["org-a"]["profile"]["numberOfEmployees"] == 10.0
    assert entries["org-b"]["companyId"] == b["_id"] and entries["org-b"]["profile"]["numberOfEmployees"] == 99.0
    assert entries["org-a"]["profile"]["organizationId"] == "org-a"
