"""The web app's first Prisma report shape: `upgrade head` succeeds and migrates it; downgrade restores it."""

from datetime import UTC, datetime

from bson import ObjectId

from vsme_pipeline.migration import downgrade, upgrade
from vsme_pipeline.migration.data_migrations import CHECKPOINT_COLLECTION


def prisma_report(org: str, year: int) -> dict:
    """A report as the Prisma app stored it (doubles, ObjectIds, nested optional objects)."""
    return {
        "_id": ObjectId(), "organizationId": org, "year": year, "companyId": ObjectId(), "createdBy": ObjectId(),
        "createdAt": datetime(2024, 3, 1, tzinfo=UTC), "updatedAt": datetime(2024, 3, 2, tzinfo=UTC),
        "environmental": {"energyAndEmissions": {
            "scope1": 120.5, "scope2": 40.0, "scope3Market": 10.0, "scope3Location": 12.0,
            "renewableEnergy": 300.0, "nonRenewableEnergy": 700.0,
            "climateDataCollectionMethod": "invoices", "climateDataUncertainty": "low", "reported": True}},
        "social": {"employees": {"fullTimeEmployees": 30, "partTimeEmployees": 5, "tempEmployees": 2, "reported": True}},
        "governance": {"ethics": {"corruptionCases": 0, "whistleBlowerReports": 1, "reported": True},
                       "finesAndPenalties": {"fnp": False, "description": None, "reported": False}},
    }


async def test_prisma_reports_stored_before_0002_reach_head_and_come_back(databases, real_config):
    reports = databases.vsme_guru["reports"]
    stored = [prisma_report("org-greentech-123", 2023), prisma_report("org-sustaincorp-456", 2024)]
    await reports.insert_many([dict(d) for d in stored])  # written by the app before any revision ran
    before = {d["_id"]: d async for d in reports.find({})}

    await upgrade(databases, config=real_config)  # used to fail at 0002

    after = {d["_id"]: d async for d in reports.find({})}
    for original in stored:
        migrated = after[original["_id"]]
        assert migrated["reportingYear"] == original["year"] and "year" not in migrated
        assert migrated["organizationId"] == original["organizationId"]
        assert migrated["modules"]["b3"] == {"scope1Emissions": 120.5, "scope2LocationBasedEmissions": 40.0,
                                             "totalRenewableEnergy": 300.0, "totalNonRenewableEnergy": 700.0}
        assert migrated["modules"]["b8"] == {"temporaryEmployees": 2}
        # nothing lost: what has no place is kept as stored
        assert migrated["migratedFromPrisma"]["original"]["environmental"] == original["environmental"]
        assert migrated["migratedFromPrisma"]["original"]["governance"] == original["governance"]
    await upgrade(databases, config=real_config)  # idempotent
    assert {d["_id"]: d async for d in reports.find({})} == after

    await downgrade(databases, "0002_legacy_environmental_to_b3", config=real_config)
    assert {d["_id"]: d async for d in reports.find({})} == before
    assert await databases.vsme_guru[CHECKPOINT_COLLECTION].count_documents({}) == 0


async def test_a_migrated_prisma_report_reads_as_a_current_report(databases, real_config):
    from documents.report import ReportData

    await databases.vsme_guru["reports"].insert_one(prisma_report("org-a", 2024))
    await upgrade(databases, config=real_config)
    report = ReportData.model_validate(await databases.vsme_guru["reports"].find_one({}))
    assert report.reporting_year == 2024
    assert report.modules.b3 is not None and report.modules.b3.scope1_emissions == 120.5
