"""Round trips through the embedded MongoDB: what is saved loads back unchanged."""

from datetime import UTC, datetime

import pytest
from pymongo.errors import DuplicateKeyError

from documents import Company, EmissionFactor, Report, User
from vsme_pipeline.odm import init_documents
from vsme_pipeline.sample_data import full_company, full_report, minimal_company, minimal_report, sample_dataset


@pytest.fixture
async def initialised(databases):
    await init_documents(databases, create_indexes=True)
    return databases


async def test_full_company_round_trip(initialised) -> None:
    company = full_company()
    await company.insert()
    loaded = await Company.get(company.id)
    assert loaded is not None
    assert loaded.model_dump() == company.model_dump()
    raw = await initialised.scope321["companies"].find_one({"_id": company.id})
    assert raw["organizationNumber"] == company.organization_number
    assert isinstance(raw["balanceSheetSize"], float)
    assert raw["siteLocations"][0]["postalCode"]


async def test_minimal_company_round_trip(initialised) -> None:
    company = minimal_company()
    await company.insert()
    loaded = await Company.get(company.id)
    assert loaded is not None and loaded.model_dump() == company.model_dump()


async def test_company_written_by_web_app_keeps_unknown_fields(initialised) -> None:
    collection = initialised.scope321["companies"]
    now = datetime(2025, 3, 1, tzinfo=UTC)
    result = await collection.insert_one(
        {"name": "Web Co", "organizationNumber": "WEB-1", "naceCodes": ["47.21"], "turnover": None,
         "stripeCustomerId": "cus_123", "createdAt": now, "updatedAt": now}
    )
    company = await Company.get(result.inserted_id)
    assert company is not None and company.nace_codes == ["47.21"]
    company.website = "https://web.example"
    await company.save()
    raw = await collection.find_one({"_id": result.inserted_id})
    assert raw["stripeCustomerId"] == "cus_123"
    assert "turnover" in raw and raw["turnover"] is None  # explicit nulls are kept
    assert raw["website"] == "https://web.example"


async def test_full_report_round_trip(initialised) -> None:
    report = full_report()
    await report.insert()
    loaded = await Report.get(report.id)
    assert loaded is not None
    assert loaded.model_dump() == report.model_dump()
    raw = await initialised.vsme_guru["reports"].find_one({"_id": report.id})
    assert raw["companyId"] == report.company_id
    assert raw["status"] == "completed"
    assert raw["modules"]["b3"]["electricity"]["nonRenewable"] == report.modules.b3.electricity.non_renewable


async def test_minimal_report_round_trip(initialised) -> None:
    report = minimal_report()
    await report.insert()
    loaded = await Report.get(report.id)
    assert loaded is not None and loaded.model_dump() == report.model_dump()


async def test_company_and_year_are_unique(initialised) -> None:
    first = minimal_report(year=2024)
    await first.insert()
    duplicate = Report.build(company_id=first.company_id, reporting_year=2024)
    with pytest.raises(DuplicateKeyError):
        await duplicate.insert()


async def test_report_indexes_are_declared(initialised) -> None:
    info = await initialised.vsme_guru["reports"].index_information()
    assert info["company_year_unique"]["unique"] is True
    assert "status_year" in info and "metadata_updated_at" in info


async def test_sample_dataset_seeds_idempotently(initialised) -> None:
    for _ in range(2):
        data = sample_dataset()
        for document in (*data.companies, *data.users, *data.reports):
            await document.save()
    assert await Company.count() == 6
    assert await User.count() == 6
    assert await Report.count() == len(sample_dataset().reports)


async def test_emission_factor_round_trip(initialised) -> None:
    factor = EmissionFactor.build(
        key="grid:DE:2023", category="electricity_grid", scope=2, country="DE", value=380.0, unit="gCO2e/kWh",
        gwp_set="AR5", source="EEA", year=2023, licence="CC BY 4.0", dataset_version="2024-1",
    )
    await factor.insert()
    loaded = await EmissionFactor.find_one(EmissionFactor.key == "grid:DE:2023")
    assert loaded is not None and loaded.model_dump() == factor.model_dump()
    with pytest.raises(DuplicateKeyError):
        await EmissionFactor.build(key="grid:DE:2023", category="electricity_grid", value=1.0, unit="x").insert()
