"""Each sensor evaluated with ``build_sensor_context``: clean data (no run), planted problems (the
right run request, or an alert naming the records)."""

from datetime import UTC, datetime, timedelta

import dagster as dg
from bson import ObjectId

from assets.resources import default_resources
from assets.sensors import (
    duplicate_reports_sensor,
    orphaned_reports_sensor,
    pending_migrations_sensor,
    schema_drift_sensor,
    scope321_changes_sensor,
    snapshot_tampering_sensor,
)
from tests.pipeline.conftest import run_db, stage_flow
from vsme_pipeline.pipeline.shards import shard_key, shard_of

ALL_SENSORS = [
    scope321_changes_sensor,
    orphaned_reports_sensor,
    duplicate_reports_sensor,
    schema_drift_sensor,
    pending_migrations_sensor,
    snapshot_tampering_sensor,
]


def evaluate(sensor, instance, cursor=None) -> dg.SensorResult:
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources=default_resources())
    return sensor(context)


def test_every_sensor_is_quiet_on_clean_data(seeded, instance):
    run_db(seeded, stage_flow)  # the outputs of a whole run (the stages called directly)
    expected = {
        "scope321_changes_sensor": "no company changed in Scope321 since",
        "orphaned_reports_sensor": "no orphaned reports",
        "duplicate_reports_sensor": "no duplicate reports",
        "schema_drift_sensor": "no schema drift",
        "pending_migrations_sensor": "no pending migrations",
        "snapshot_tampering_sensor": "snapshots verified, none tampered",
    }
    for sensor in ALL_SENSORS:
        result = evaluate(sensor, instance)
        assert not result.run_requests, sensor.name
        assert expected[sensor.name] in result.skip_reason.skip_message, (sensor.name, result.skip_reason.skip_message)
        assert result.cursor is not None, sensor.name


def test_scope321_change_requests_an_incremental_sync_keyed_by_content(seeded, instance):
    initial = evaluate(scope321_changes_sensor, instance).run_requests[0].run_key
    # before any sync: keyed by Scope321's size and newest change, stable while nothing changes
    assert initial.startswith("scope321_changes:initial:6:")
    assert evaluate(scope321_changes_sensor, instance).run_requests[0].run_key == initial
    run_db(seeded, stage_flow)
    assert not evaluate(scope321_changes_sensor, instance).run_requests

    async def touch(dbs, name):
        company = await dbs.scope321["companies"].find_one({})
        await dbs.scope321["companies"].update_one(
            {"_id": company["_id"]}, {"$set": {"name": name, "updatedAt": datetime.now(UTC) + timedelta(seconds=1)}})
        return company["_id"]

    run_db(seeded, lambda dbs: touch(dbs, "Renamed AS"))
    first = evaluate(scope321_changes_sensor, instance).run_requests
    assert len(first) == 1 and first[0].job_name == "company_sync_job"
    assert first[0].run_config["ops"]["company_directory"]["config"]["full"] is False
    assert evaluate(scope321_changes_sensor, instance).run_requests[0].run_key == first[0].run_key  # same problem, same key
    run_db(seeded, lambda dbs: touch(dbs, "Renamed again AS"))
    assert evaluate(scope321_changes_sensor, instance).run_requests[0].run_key != first[0].run_key  # changed again


def test_orphans_request_full_sync_then_validation(seeded, instance, monkeypatch):
    run_db(seeded, stage_flow)

    async def delete_company(dbs):
        report = await dbs.vsme_guru["reports"].find_one({"reportingYear": 2024})
        await dbs.scope321["companies"].delete_one({"_id": report["companyId"]})
        return report["companyId"]

    company_id = run_db(seeded, delete_company)
    requests = evaluate(orphaned_reports_sensor, instance).run_requests
    assert [(r.job_name, r.run_config["ops"]["company_directory"]["config"]["full"]) for r in requests] == [("company_sync_job", True)]

    # The directory now knows; the reports are not yet marked: a validation run per year is requested.
    async def mark_deleted_only(dbs):
        await dbs.vsme_guru["company_directory"].update_one({"companyId": company_id}, {"$set": {"deleted": True}})
        return [r["reportingYear"] async for r in dbs.vsme_guru["reports"].find({"companyId": company_id})]

    years = run_db(seeded, mark_deleted_only)
    requests = evaluate(orphaned_reports_sensor, instance).run_requests
    assert sorted(r.partition_key for r in requests) == sorted(f"{y}|0-of-1" for y in years)
    assert all(r.job_name == "validation_job" for r in requests)

    # With four company shards, only the deleted company's shard of each year is requested.
    monkeypatch.setenv("VSME_SHARDS", "4")
    result = evaluate(orphaned_reports_sensor, instance)
    shard = shard_key(shard_of(company_id, 4), 4)
    assert sorted(r.partition_key for r in result.run_requests) == sorted(f"{y}|{shard}" for y in years)
    shard_requests = [r for r in result.dynamic_partitions_requests if r.partitions_def_name == "company_shards"]
    assert [(type(r).__name__, list(r.partition_keys)) for r in shard_requests] == [
        ("DeleteDynamicPartitionsRequest", ["0-of-1"]),
        ("AddDynamicPartitionsRequest", ["0-of-4", "1-of-4", "2-of-4", "3-of-4"])]


def test_duplicate_reports_raise_an_alert_naming_them(seeded, instance):
    run_db(seeded, stage_flow)

    async def plant(dbs):
        await dbs.vsme_guru["reports"].drop_index("company_year_unique")
        original = await dbs.vsme_guru["reports"].find_one({"reportingYear": 2023})
        duplicate = {**original, "_id": ObjectId()}
        duplicate["metadata"] = {**original.get("metadata", {}), "updatedAt": datetime.now(UTC)}
        await dbs.vsme_guru["reports"].insert_one(duplicate)
        return original["_id"], duplicate["_id"]

    first = evaluate(duplicate_reports_sensor, instance)
    ids = run_db(seeded, plant)
    result = evaluate(duplicate_reports_sensor, instance, cursor=first.cursor)
    assert not result.run_requests
    message = result.skip_reason.skip_message
    assert all(str(i) in message for i in ids) and "merge or delete" in message
    # Unchanged data: the cursor short-cuts the query but the alert is repeated, never dropped.
    again = evaluate(duplicate_reports_sensor, instance, cursor=result.cursor)
    assert again.skip_reason.skip_message == message


def test_schema_drift_and_pending_migrations_are_reported(seeded, instance):
    from documents import CURRENT_SCHEMA_VERSION

    async def plant(dbs):
        report = await dbs.vsme_guru["reports"].find_one({})
        await dbs.vsme_guru["reports"].update_one({"_id": report["_id"]}, {"$set": {"schemaVersion": CURRENT_SCHEMA_VERSION - 1}},
                                                 bypass_document_validation=True)  # as an old writer left it
        await dbs.vsme_guru["report_snapshots"].drop_index("reporting_year")
        await dbs.vsme_guru["_migrations"].delete_many({})
        return report["_id"]

    report_id = run_db(seeded, plant)
    drift = evaluate(schema_drift_sensor, instance).skip_reason.skip_message
    assert str(report_id) in drift and "report_snapshots" in drift and "vsme migrate upgrade head" in drift
    pending = evaluate(pending_migrations_sensor, instance).skip_reason.skip_message
    assert "vsme_guru:" in pending and "vsme migrate upgrade head" in pending


def test_tampered_snapshot_requests_a_fresh_snapshot_run(seeded, instance):
    run_db(seeded, stage_flow)

    async def tamper(dbs):
        snapshot = await dbs.vsme_guru["report_snapshots"].find_one({"reportingYear": 2023})
        await dbs.vsme_guru["report_snapshots"].update_one({"_id": snapshot["_id"]}, {"$set": {"company.name": "Someone else"}})
        return snapshot["_id"]

    run_db(seeded, tamper)
    result = evaluate(snapshot_tampering_sensor, instance)
    assert [(r.job_name, r.partition_key) for r in result.run_requests] == [("snapshots_job", "2023|0-of-1")]
    assert result.run_requests[0].run_key.startswith("snapshot_tampering:2023|0-of-1:")
    # a full run: the incremental one trusts stored hashes and would not supersede the tampered snapshot
    assert result.run_requests[0].run_config["ops"]["report_snapshots"]["config"]["full"] is True
    assert evaluate(snapshot_tampering_sensor, instance).run_requests[0].run_key == result.run_requests[0].run_key
