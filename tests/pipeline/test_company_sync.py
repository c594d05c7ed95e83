"""Company sync stage (no Dagster): incremental cursor, members, deletions and restores."""

from datetime import UTC, datetime, timedelta

from bson import ObjectId

from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.seed import seed_sample_data


async def test_incremental_sync_reads_only_changed_companies(databases):
    await seed_sample_data(databases)
    source, target = read_only(databases.scope321), databases.vsme_guru

    first = await sync_companies(source, target)  # no state yet: full
    assert first.extra["full"] and first.written == 6
    again = await sync_companies(source, target)
    assert not again.extra["full"] and again.processed == 0 and again.written == 0

    company = await databases.scope321["companies"].find_one({})
    later = datetime.now(UTC) + timedelta(seconds=1)
    await databases.scope321["companies"].update_one({"_id": company["_id"]}, {"$set": {"turnover": 1234.0, "updatedAt": later}})
    changed = await sync_companies(source, target)
    assert (changed.processed, changed.written) == (1, 1)
    entry = await target["company_directory"].find_one({"companyId": company["_id"]})
    assert entry["profile"]["turnover"] == 1234.0 and entry["sourceUpdatedAt"] == later.replace(microsecond=later.microsecond // 1000 * 1000)

    # A touch without content change is read but not written.
    await databases.scope321["companies"].update_one({"_id": company["_id"]}, {"$set": {"updatedAt": later + timedelta(seconds=1)}})
    touched = await sync_companies(source, target)
    assert (touched.processed, touched.written, touched.skipped) == (1, 0, 1)


async def test_membership_changes_update_members_without_changing_the_content_hash(databases):
    await seed_sample_data(databases)
    source, target = read_only(databases.scope321), databases.vsme_guru
    await sync_companies(source, target)
    companies = [c async for c in databases.scope321["companies"].find({}).sort("_id", 1)]
    user = await databases.scope321["users"].find_one({"companyMemberships.companyId": companies[0]["_id"]})
    before = await target["company_directory"].find_one({"companyId": companies[1]["_id"]})

    # The user moves from the first company to the second.
    await databases.scope321["users"].update_one(
        {"_id": user["_id"]},
        {"$set": {"companyMemberships": [{"companyId": companies[1]["_id"], "role": "editor"}],
                  "updatedAt": datetime.now(UTC) + timedelta(seconds=1)}},
    )
    report = await sync_companies(source, target)
    assert report.extra["members_changed"] == 2
    old = await target["company_directory"].find_one({"companyId": companies[0]["_id"]})
    new = await target["company_directory"].find_one({"companyId": companies[1]["_id"]})
    assert user["_id"] not in [m["userId"] for m in old["members"]]
    assert {"userId": user["_id"], "role": "editor"} in new["members"]
    assert new["contentHash"] == before["contentHash"]


async def test_full_sync_marks_deleted_companies_and_restores_them(databases):
    await seed_sample_data(databases)
    source, target = read_only(databases.scope321), databases.vsme_guru
    await sync_companies(source, target)
    company = await databases.scope321["companies"].find_one({})
    await databases.scope321["companies"].delete_one({"_id": company["_id"]})

    incremental = await sync_companies(source, target)
    assert "deleted" not in incremental.extra  # deletions need the full reconciliation
    full = await sync_companies(source, target, full=True)
    assert full.extra["deleted"] == 1
    entry = await target["company_directory"].find_one({"companyId": company["_id"]})
    assert entry["deleted"] and entry["deletedAt"]
    assert await target["audit_events"].count_documents({"kind": "company_deleted", "companyId": company["_id"]}) == 1
    assert (await sync_companies(source, target, full=True)).written == 0  # idempotent

    await databases.scope321["companies"].insert_one(company)
    restored = await sync_companies(source, target, full=True)
    assert restored.extra["restored"] == 1
    assert not (await target["company_directory"].find_one({"companyId": company["_id"]}))["deleted"]


async def test_incremental_sync_neither_misses_nor_rereads_companies_sharing_a_timestamp(databases):
    await seed_sample_data(databases)
    source, target = read_only(databases.scope321), databases.vsme_guru
    stamp = datetime(2030, 1, 1, tzinfo=UTC)  # the web app writes many companies within one millisecond
    await databases.scope321["companies"].update_many({}, {"$set": {"updatedAt": stamp}})
    await sync_companies(source, target, batch_size=2)

    # A company written later with the same updatedAt and a higher _id (the sample's ids are not
    # time-ordered, hence an explicit one): read once, then never again.
    template = await databases.scope321["companies"].find_one({})
    twin = {**template, "_id": ObjectId("f" * 24), "name": "Same Millisecond AS"}
    twin.pop("organizationNumber", None)
    await databases.scope321["companies"].insert_one(twin)
    after = await sync_companies(source, target, batch_size=2)
    assert (after.processed, after.written) == (1, 1)
    assert (await sync_companies(source, target, batch_size=2)).processed == 0


async def test_full_sync_orphans_validation_results_at_once_and_leaves_reports_untouched(databases):
    await seed_sample_data(databases)
    source, target = read_only(databases.scope321), databases.vsme_guru
    await sync_companies(source, target)
    report = await target["reports"].find_one({})
    await validate_year(target, report["reportingYear"])
    reports_before = [r async for r in target["reports"].find({}).sort("_id", 1)]
    company = await databases.scope321["companies"].find_one({"_id": report["companyId"]})
    await databases.scope321["companies"].delete_one({"_id": company["_id"]})

    full = await sync_companies(source, target, full=True)
    assert full.extra["reports_orphaned"] >= 1
    # Orphaned before the next validation runs: metrics and snapshots skip it from now on.
    assert (await target["validation_results"].find_one({"reportId": report["_id"]}))["orphanedAt"] is not None
    assert [r async for r in target["reports"].find({}).sort("_id", 1)] == reports_before  # never destroyed

    await databases.scope321["companies"].insert_one(company)
    await sync_companies(source, target, full=True)
    assert (await target["validation_results"].find_one({"reportId": report["_id"]}))["orphanedAt"] is None


async def test_full_sync_from_an_empty_source_marks_nothing_deleted(databases):
    await seed_sample_data(databases)
    target = databases.vsme_guru
    await sync_companies(read_only(databases.scope321), target)
    wrong = read_only(databases.scope321.client[f"{databases.scope321.name}_missing"])  # a misconfigured name
    report = await sync_companies(wrong, target, full=True)
    assert report.failed == 1 and "SCOPE321_DATABASE_NAME" in report.problems[0]
    assert await target["company_directory"].count_documents({"deleted": True}) == 0


async def test_a_malformed_company_is_reported_by_id_and_field_and_the_others_sync(databases):
    # issue 8: a value that cannot be mapped is kept as stored and reported; the record is never dropped
    await seed_sample_data(databases)
    bad = await databases.scope321["companies"].find_one({})
    await databases.scope321["companies"].update_one({"_id": bad["_id"]}, {"$set": {"employeeCount": "many"}})
    source, target = read_only(databases.scope321), databases.vsme_guru

    report = await sync_companies(source, target)

    assert (report.processed, report.written, report.failed) == (6, 6, 0)
    assert report.extra["unmapped_fields"] == 1
    [finding] = report.extra["source_findings"]
    assert str(bad["_id"]) in finding and "employeeCount" in finding
    entry = await target["company_directory"].find_one({"companyId": bad["_id"]})
    assert entry["profile"]["numberOfEmployees"] is None
    assert entry["profile"]["unmapped"] == {"employeeCount": "many"}
    assert entry["profile"]["name"] == bad["name"]
    # Nothing was changed in Scope321: the bad value is kept for the web app to correct.
    assert (await databases.scope321["companies"].find_one({"_id": bad["_id"]}))["employeeCount"] == "many"
