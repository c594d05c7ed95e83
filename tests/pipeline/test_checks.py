"""Each asset check fails on a planted defect and passes once it is fixed.

The data is prepared by the stage functions (``stage_flow``); only the runs whose checks are looked
at go through ``materialize``. What the stages themselves do with the defect (orphaned results, a
superseded tampered snapshot) is tested in ``test_stages.py``."""

import copy
from datetime import UTC, datetime

from bson import ObjectId

from assets.run_config import run_config
from tests.pipeline.conftest import check_results, materialize_sync, materialize_year, run_db, stage_flow
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies


def test_duplicate_report_blocks_downstream_then_passes_when_removed(seeded, instance):
    run_db(seeded, stage_flow)
    duplicate_id = ObjectId()

    async def plant(dbs):
        reports = dbs.vsme_guru["reports"]
        # The web app's database may lack the unique index; drop it to plant the duplicate.
        await reports.drop_index("company_year_unique")
        original = await reports.find_one({"reportingYear": 2024, "status": "completed"})
        await reports.insert_one({**original, "_id": duplicate_id})
        return original["companyId"]

    company_id = run_db(seeded, plant)
    result = materialize_year(instance, "2024", raise_on_error=False)
    checks = check_results(result)
    assert not checks["no_duplicate_reports"].passed
    assert str(company_id) in checks["no_duplicate_reports"].metadata["records"].value
    assert not result.success  # blocking: metrics and snapshots did not run
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert materialized == {"report_validation"}

    run_db(seeded, lambda dbs: dbs.vsme_guru["reports"].delete_one({"_id": duplicate_id}))
    result = materialize_year(instance, "2024")
    assert check_results(result)["no_duplicate_reports"].passed


def test_orphaned_report_fails_the_company_check_until_the_company_is_back(seeded, instance):
    run_db(seeded, stage_flow)

    async def delete_company(dbs):
        report = await dbs.vsme_guru["reports"].find_one({"reportingYear": 2023})
        company = await dbs.scope321["companies"].find_one({"_id": report["companyId"]})
        await dbs.scope321["companies"].delete_one({"_id": company["_id"]})  # as the web app would
        return report, company

    report, company = run_db(seeded, delete_company)
    sync = materialize_sync(instance, full=True)
    sync_meta = sync.get_asset_materialization_events()[0].materialization.metadata
    assert sync_meta["deleted"].value == 1

    result = materialize_year(instance, "2023", raise_on_error=False)
    check = check_results(result)["reports_have_company"]
    assert not check.passed
    assert str(report["_id"]) in check.metadata["records"].value

    async def restore(dbs):
        await dbs.scope321["companies"].insert_one({**company, "updatedAt": datetime.now(UTC)})
        await sync_companies(read_only(dbs.scope321), dbs.vsme_guru, full=True)

    run_db(seeded, restore)
    result = materialize_year(instance, "2023")
    assert check_results(result)["reports_have_company"].passed


def test_tampered_snapshot_fails_the_hash_check_until_restored(seeded, instance):
    run_db(seeded, stage_flow)

    async def tamper(dbs):
        snapshot = await dbs.vsme_guru["report_snapshots"].find_one({"reportingYear": 2024})
        await dbs.vsme_guru["report_snapshots"].update_one(
            {"_id": snapshot["_id"]}, {"$set": {"report.modules.b6.totalWaterWithdrawal": 1.0}})
        return snapshot

    original = run_db(seeded, tamper)
    # the run the tampering sensor requests: full, so every latest snapshot is verified
    full = run_config(full_assets=["report_snapshots"])
    result = materialize_year(instance, "2024", selection=["report_snapshots"], raise_on_error=False, run_config=full)
    check = check_results(result)["snapshot_hashes_match"]
    assert not check.passed
    assert str(original["_id"]) in check.metadata["records"].value
    # The tampered latest version was superseded by a fresh, verified one.
    meta = result.get_asset_materialization_events()[0].materialization.metadata
    assert meta["superseded_tampered"].value == 1

    async def restore(dbs):
        await dbs.vsme_guru["report_snapshots"].replace_one({"_id": original["_id"]}, original)

    run_db(seeded, restore)
    result = materialize_year(instance, "2024", selection=["report_snapshots"])
    assert check_results(result)["snapshot_hashes_match"].passed


def test_inconsistent_metric_totals_block_snapshots(seeded, instance):
    run_db(seeded, stage_flow)

    async def corrupt(dbs):
        doc = await dbs.vsme_guru["report_metrics"].find_one({"reportingYear": 2024})
        metrics = copy.deepcopy(doc["metrics"])
        for metric in metrics:
            if metric["key"] == "b3.total_location_tco2e" and metric["computable"]:
                metric["value"] = metric["value"] + 100.0
        await dbs.vsme_guru["report_metrics"].update_one({"_id": doc["_id"]}, {"$set": {"metrics": metrics}})
        return doc

    original = run_db(seeded, corrupt)
    result = materialize_year(instance, "2024", selection=["report_metrics", "report_snapshots"], raise_on_error=False)
    check = check_results(result)["metric_totals_consistent"]
    assert not check.passed
    assert str(original["reportId"]) in check.metadata["records"].value
    assert "report_snapshots" not in {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}

    run_db(seeded, lambda dbs: dbs.vsme_guru["report_metrics"].replace_one({"_id": original["_id"]}, original))
    result = materialize_year(instance, "2024", selection=["report_metrics", "report_snapshots"])
    assert check_results(result)["metric_totals_consistent"].passed


def test_completed_report_with_errors_fails_its_check(seeded, instance):
    run_db(seeded, stage_flow)
    result = materialize_year(instance, "2024", selection=["report_validation"])
    check = check_results(result)["completed_reports_pass_validation"]
    assert not check.passed  # the sample's Fjord Digital 2024 (B8 gender split) is completed with an error
    assert "B8_GENDER_SPLIT_MISMATCH" in check.metadata["records"].value
    result = materialize_year(instance, "2023", selection=["report_validation"])
    assert check_results(result)["completed_reports_pass_validation"].passed
