"""The runner against the test suite's database server: apply, revert, record, lock, refuse."""

import asyncio
from datetime import datetime, timedelta

import pytest
from pymongo import AsyncMongoClient
from pymongo.errors import AutoReconnect

from tests.migrations import fixture_documents
from tests.migrations.conftest import add_revision
from vsme_pipeline.connections import Databases
from vsme_pipeline.embedded_db import ensure_running
from vsme_pipeline.migration import (
    ChecksumMismatch,
    LockLost,
    LockTimeout,
    MigrationFailed,
    current_revisions,
    detect_drift,
    downgrade,
    pending_revisions,
    plan,
    read_live_schema,
    stamp,
    upgrade,
)
from vsme_pipeline.migration import lock as lock_module
from vsme_pipeline.migration.lock import LockOwner, MigrationLock
from vsme_pipeline.migration.schema import desired_schema
from vsme_pipeline.migration.state import MIGRATIONS_COLLECTION

KEYS = ("scope321", "vsme_guru", "reference")


async def _user_collections(db) -> set[str]:
    return {n for n in await db.list_collection_names() if not n.startswith("_")}


async def test_upgrade_head_creates_collections_validators_and_indexes_as_declared(databases, fixture_config):
    result = await upgrade(databases, config=fixture_config)
    assert [s.status for s in result.steps] == ["applied"] * 3
    desired = desired_schema(fixture_documents.documents())
    for key in KEYS:
        db = databases.by_name(key)
        live = await read_live_schema(db)
        assert live.keys() == desired[key].keys()
        for name, want in desired[key].items():
            infos = [i async for i in await db.list_collections(filter={"name": name})]
            assert infos[0]["options"]["validator"] == want.validator
            assert infos[0]["options"]["validationAction"] == "error"
            indexes = {i["name"]: i async for i in await db[name].list_indexes()}
            assert indexes.keys() == {"_id_", *(ix.name for ix in want.indexes)}
            for index in want.indexes:
                assert list(indexes[index.name]["key"].items()) == list(index.keys)
                for option, value in index.options:
                    assert indexes[index.name][option] == value
    assert await detect_drift(databases, documents=fixture_documents.documents(), validation_action="error") == []
    assert await current_revisions(databases, config=fixture_config) == dict.fromkeys(KEYS, "0001_initial_schema")
    assert await pending_revisions(databases, config=fixture_config) == {k: [] for k in KEYS}
    record = await databases.vsme_guru[MIGRATIONS_COLLECTION].find_one({"_id": "0001_initial_schema"})
    assert record["status"] == "applied" and len(record["checksum"]) == 64
    assert {"appliedAt", "appliedBy", "host", "durationMs", "name", "applied"} <= record.keys()


async def test_validator_rejects_invalid_documents(databases, fixture_config):
    from pymongo.errors import WriteError

    await upgrade(databases, config=fixture_config)
    await databases.scope321["shops"].insert_one({"name": "ok", "employees": 3})
    with pytest.raises(WriteError) as info:
        await databases.scope321["shops"].insert_one({"name": "bad", "employees": -1})
    assert info.value.code == 121


async def test_downgrade_base_removes_and_second_upgrade_is_a_no_op(databases, fixture_config):
    await upgrade(databases, config=fixture_config)
    assert (await upgrade(databases, config=fixture_config)).steps == []
    await downgrade(databases, "base", config=fixture_config)
    for key in KEYS:
        assert await _user_collections(databases.by_name(key)) == set()
    assert await current_revisions(databases, config=fixture_config) == dict.fromkeys(KEYS)
    await upgrade(databases, config=fixture_config)
    assert await _user_collections(databases.scope321) == {"shops"}
    record = await databases.scope321[MIGRATIONS_COLLECTION].find_one({"_id": "0001_initial_schema"})
    assert [e["action"] for e in record["events"]] == ["upgrade", "downgrade", "upgrade"]


async def test_dry_run_and_plan_change_nothing(databases, fixture_config):
    steps = await plan(databases, "head", config=fixture_config)
    assert [(s.revision, s.database) for s in steps] == [("0001_initial_schema", k) for k in KEYS]
    result = await upgrade(databases, dry_run=True, config=fixture_config)
    assert [s.status for s in result.steps] == ["planned"] * 3
    assert await _user_collections(databases.scope321) == set()


async def test_two_concurrent_upgrades_apply_each_revision_exactly_once(databases, fixture_config, test_settings):
    add_revision(fixture_config, "0002_counter", """
async def upgrade_vsme_guru(db):
    await db["side_effects"].insert_one({"revision": revision})

async def downgrade_vsme_guru(db):
    await db["side_effects"].delete_many({"revision": revision})
""")
    # A second runner on its own client (as a second CI job would be), same databases.
    other_client = AsyncMongoClient(ensure_running(test_settings.embedded_dir).uri, tz_aware=True)
    other = Databases(*(other_client[databases.by_name(key).name] for key in KEYS))
    try:
        first, second = await asyncio.gather(
            upgrade(databases, config=fixture_config, lock_timeout=30),
            upgrade(other, config=fixture_config, lock_timeout=30),
        )
    finally:
        await other_client.close()
    assert sorted([len(first.steps), len(second.steps)]) == [0, 6]
    assert await databases.vsme_guru["side_effects"].count_documents({}) == 1
    for key in KEYS:
        records = databases.by_name(key)[MIGRATIONS_COLLECTION]
        for revision in ("0001_initial_schema", "0002_counter"):
            record = await records.find_one({"_id": revision})
            assert [e["action"] for e in record["events"]] == ["upgrade"]


async def test_lock_wait_times_out_naming_the_holder(databases, fixture_config):
    holder = MigrationLock(databases.scope321, LockOwner(command="migrate upgrade (other runner)"))
    async with holder.held(timeout=1):
        with pytest.raises(LockTimeout, match=r"held by .*other runner"):
            await upgrade(databases, config=fixture_config, lock_timeout=0.5)
    await upgrade(databases, config=fixture_config, lock_timeout=1)


async def test_an_expired_lock_is_taken_over(databases):
    dead = MigrationLock(databases.scope321, ttl=0.01)
    await dead._try_acquire()
    await asyncio.sleep(0.05)
    async with MigrationLock(databases.scope321).held(timeout=2) as lock:
        assert (await lock.holder())["ownerId"] == lock.owner.id


async def test_an_edited_applied_script_is_refused(databases, fixture_config):
    await upgrade(databases, config=fixture_config)
    script = fixture_config.versions_dir / "0001_initial_schema.py"
    script.write_text(script.read_text() + "\n# harmless looking edit\n")
    with pytest.raises(ChecksumMismatch, match="0001_initial_schema was edited after it was applied"):
        await upgrade(databases, config=fixture_config)
    with pytest.raises(ChecksumMismatch):
        await downgrade(databases, "base", config=fixture_config)


async def test_a_revision_that_raises_halfway_is_recorded_failed_and_a_rerun_resumes(databases, fixture_config, tmp_path):
    flag = tmp_path / "fail"
    flag.write_text("yes")
    add_revision(fixture_config, "0002_flaky", f"""
from pathlib import Path

async def upgrade_vsme_guru(db):
    await ops.create_index(db, "filings", [["total", 1]], name="total")
    if Path({str(flag)!r}).exists():
        raise RuntimeError("boom halfway")
    await ops.create_index(db, "filings", [["year", 1]], name="year")

async def downgrade_vsme_guru(db):
    await ops.drop_index(db, "filings", "year")
    await ops.drop_index(db, "filings", "total")
""")
    with pytest.raises(MigrationFailed) as info:
        await upgrade(databases, config=fixture_config)
    message = str(info.value)
    assert "0002_flaky" in message and "vsme_guru" in message and "upgrade_vsme_guru at 0002_flaky.py" in message
    assert "boom halfway" in message
    record = await databases.vsme_guru[MIGRATIONS_COLLECTION].find_one({"_id": "0002_flaky"})
    assert record["status"] == "failed" and "boom halfway" in record["error"]
    current = await current_revisions(databases, config=fixture_config)
    assert current == {"scope321": "0002_flaky", "vsme_guru": "0001_initial_schema", "reference": "0001_initial_schema"}

    flag.unlink()
    result = await upgrade(databases, config=fixture_config)
    assert [(s.step.revision, s.step.database) for s in result.steps] == [
        ("0002_flaky", "vsme_guru"), ("0002_flaky", "reference")]
    indexes = {i["name"] async for i in await databases.vsme_guru["filings"].list_indexes()}
    assert {"total", "year"} <= indexes
    record = await databases.vsme_guru[MIGRATIONS_COLLECTION].find_one({"_id": "0002_flaky"})
    assert record["status"] == "applied" and [e["status"] for e in record["events"]] == ["failed", "applied"]


async def test_failing_operation_is_named(databases, fixture_config):
    add_revision(fixture_config, "0002_conflict", """
async def upgrade_scope321(db):
    await db["shops"].insert_one({"name": "dup"})
    await db["shops"].insert_one({"name": "dup2"})
    await ops.drop_index(db, "shops", "name_unique")
    await db["shops"].update_many({}, {"$set": {"name": "same"}})
    await ops.create_index(db, "shops", [["name", 1]], name="name_unique", unique=True)
""")
    with pytest.raises(MigrationFailed, match=r"create_index\(scope321_\w+\.shops, 'name_unique'\) at 0002_conflict.py:\d+"):
        await upgrade(databases, config=fixture_config)


async def test_set_validator_changes_the_validator_or_fails_never_a_silent_note(databases, fixture_config):
    add_revision(fixture_config, "0002_validator", """
async def upgrade_reference(db):
    await ops.set_validator(db, "factors", {"$jsonSchema": {"bsonType": "object", "required": ["key", "value", "unit"]}})
""")
    await upgrade(databases, config=fixture_config)  # empty collection: collMod, or a rebuild without it
    record = await databases.reference[MIGRATIONS_COLLECTION].find_one({"_id": "0002_validator"})
    assert record["status"] == "applied"
    assert all("not changed" not in note for note in record["notes"])
    live = await read_live_schema(databases.reference)
    assert live["factors"].validator["$jsonSchema"]["required"] == ["key", "value", "unit"]
    drift = await detect_drift(databases, documents=fixture_documents.documents())
    assert any(d.kind == "validator_mismatch" and d.collection == "factors" for d in drift)


async def test_stamp_records_without_running_code(databases, fixture_config):
    await stamp(databases, "head", config=fixture_config)
    assert await current_revisions(databases, config=fixture_config) == dict.fromkeys(KEYS, "0001_initial_schema")
    assert await _user_collections(databases.scope321) == set()
    record = await databases.scope321[MIGRATIONS_COLLECTION].find_one({"_id": "0001_initial_schema"})
    assert record["stamped"] is True
    await stamp(databases, "base", config=fixture_config)
    assert await current_revisions(databases, config=fixture_config) == dict.fromkeys(KEYS)


async def test_the_heartbeat_keeps_a_short_lock_alive(databases):
    async with MigrationLock(databases.vsme_guru, ttl=0.4, heartbeat=0.05).held(timeout=1) as lock:
        await asyncio.sleep(0.8)  # twice the ttl: only the heartbeat keeps it
        with pytest.raises(LockTimeout, match="held by"):
            await MigrationLock(databases.vsme_guru).acquire(timeout=0.2)
        lock.ensure_held()
    assert await databases.vsme_guru["_migration_lock"].count_documents({}) == 0


class _ClockAnHourAhead(datetime):
    """A runner whose host clock is one hour fast."""

    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(hours=1)


async def test_lock_expiry_uses_the_server_clock_not_the_runners(databases, monkeypatch):
    async with MigrationLock(databases.scope321, LockOwner(command="holder"), ttl=60).held(timeout=1):
        monkeypatch.setattr(lock_module, "datetime", _ClockAnHourAhead)
        with pytest.raises(LockTimeout, match="held by .*holder"):  # a fast clock must not steal a live lock
            await MigrationLock(databases.scope321).acquire(timeout=0.3)
    skewed = MigrationLock(databases.vsme_guru, ttl=0.2, heartbeat=3600)
    await skewed.acquire(timeout=1)  # its lock must expire on the server's clock, not an hour late
    monkeypatch.setattr(lock_module, "datetime", datetime)
    await asyncio.sleep(0.4)
    async with MigrationLock(databases.vsme_guru).held(timeout=2) as lock:
        assert (await lock.holder())["ownerId"] == lock.owner.id
    await skewed.release()


async def _until(condition, attempts: int = 100) -> None:
    for _ in range(attempts):
        if condition():
            return
        await asyncio.sleep(0.05)


async def test_a_taken_over_lock_is_reported_lost_and_not_released_by_its_former_owner(databases):
    former = MigrationLock(databases.scope321, LockOwner(command="former"), ttl=0.2, heartbeat=0.6)
    await former.acquire(timeout=1)
    await asyncio.sleep(0.3)  # expired: the former owner's heartbeat has not run yet
    async with MigrationLock(databases.scope321, LockOwner(command="successor")).held(timeout=2) as successor:
        await _until(lambda: former._lost is not None)
        with pytest.raises(LockLost, match="taken over by .*successor"):
            former.ensure_held()
        await former.release()
        assert (await successor.holder())["ownerId"] == successor.owner.id
    assert await databases.scope321["_migration_lock"].count_documents({}) == 0


async def test_a_heartbeat_that_cannot_renew_declares_the_lock_lost_before_it_expires(databases, monkeypatch):
    lock = MigrationLock(databases.reference, ttl=0.5, heartbeat=0.1)
    await lock.acquire(timeout=1)

    async def unreachable(*args, **kwargs):
        raise AutoReconnect("primary stepped down")

    monkeypatch.setattr(lock.collection, "update_one", unreachable)
    await _until(lambda: lock._lost is not None)
    with pytest.raises(LockLost, match="could not renew .*AutoReconnect"):
        lock.ensure_held()
    holder = await lock.holder()
    assert holder["ownerId"] == lock.owner.id  # declared lost while still ours: nobody else ran meanwhile
    monkeypatch.undo()
    await lock.release()
    assert await lock.holder() is None


async def test_only_the_owner_releases_a_lock(databases):
    async with MigrationLock(databases.scope321).held(timeout=1) as owner:
        stranger = MigrationLock(databases.scope321)
        stranger._held = True  # a buggy caller: release without holding
        await stranger.release()
        assert (await owner.holder())["ownerId"] == owner.owner.id


async def test_a_crlf_checkout_of_an_applied_script_is_not_an_edit(databases, fixture_config):
    await upgrade(databases, config=fixture_config)
    script = fixture_config.versions_dir / "0001_initial_schema.py"
    script.write_bytes(script.read_bytes().replace(b"\n", b"\r\n"))  # git autocrlf on Windows
    assert (await upgrade(databases, config=fixture_config)).steps == []
    script.write_bytes(script.read_bytes() + b"# edit\r\n")
    with pytest.raises(ChecksumMismatch):
        await upgrade(databases, config=fixture_config)
