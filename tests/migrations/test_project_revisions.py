"""The project's own revisions (a copy of migrations/): what CI runs, the data migration, seeding."""

import pytest
from typer.testing import CliRunner

from vsme_pipeline.migration import check, current_revisions, detect_drift, downgrade, upgrade
from vsme_pipeline.migration.data_migrations import CHECKPOINT_COLLECTION, transform_documents
from vsme_pipeline.migration.revision import load_revisions

KEYS = ("scope321", "vsme_guru", "reference")


def test_documents_match_the_committed_revisions(real_config):
    result = check(real_config)
    assert result.ok, [op.describe() for op in result.operations]


async def test_ci_cycle_upgrade_downgrade_base_upgrade_without_drift(databases, real_config):
    head = load_revisions(real_config.versions_dir).head
    await upgrade(databases, config=real_config)
    assert await detect_drift(databases, validation_action="error") == []
    await downgrade(databases, "base", config=real_config)
    for key in KEYS:
        assert [n for n in await databases.by_name(key).list_collection_names() if not n.startswith("_")] == []
    await upgrade(databases, config=real_config)
    assert await current_revisions(databases, config=real_config) == dict.fromkeys(KEYS, head)
    assert [d for d in await detect_drift(databases) if d.severity == "error"] == []


LEGACY = {"scope1": 12.5, "scope2LocationBased": 30.0, "scope3": 4.0, "note": "seed v0"}


async def test_legacy_environmental_moves_into_b3_and_back(databases, real_config):
    from bson import ObjectId

    await upgrade(databases, "0001", config=real_config)
    reports = databases.vsme_guru["reports"]
    company = ObjectId()
    await reports.insert_many([
        {"companyId": company, "reportingYear": 2022, "modules": {}, "environmental": dict(LEGACY)},
        {"companyId": company, "reportingYear": 2023, "modules": {"b3": None}, "environmental": {"scope1": 1.0}},
        {"companyId": company, "reportingYear": 2024, "modules": {"b3": {"scope1Emissions": 9.0}},
         "environmental": {"scope1": 1.0, "scope3": 2.0}},
        {"companyId": company, "reportingYear": 2025, "modules": {"b3": {"scope1Emissions": 5.0}}},
    ])
    before = {d["reportingYear"]: d async for d in reports.find({})}
    await upgrade(databases, config=real_config)
    after = {d["reportingYear"]: d async for d in reports.find({})}
    assert all("environmental" not in d for d in after.values())
    assert after[2022]["modules"]["b3"] == {"scope1Emissions": 12.5, "scope2LocationBasedEmissions": 30.0,
                                            "scope3Emissions": 4.0}
    assert after[2023]["modules"]["b3"] == {"scope1Emissions": 1.0}
    assert after[2024]["modules"]["b3"] == {"scope1Emissions": 9.0, "scope3Emissions": 2.0}  # B3 value wins
    assert after[2025] == before[2025]
    await upgrade(databases, config=real_config)  # no-op
    await downgrade(databases, "0001_initial_schema", config=real_config)
    restored = {d["reportingYear"]: d async for d in reports.find({})}
    assert restored == before
    assert await databases.vsme_guru[CHECKPOINT_COLLECTION].count_documents({}) == 0


async def test_data_migration_resumes_after_a_crash(databases):
    collection = databases.vsme_guru["items"]
    await collection.insert_many([{"_id": i, "n": i} for i in range(10)])
    seen: list[int] = []

    def crash_at_seven(doc):
        if doc["_id"] == 7:
            raise RuntimeError("crash")
        seen.append(doc["_id"])
        return {"$set": {"done": True}}

    with pytest.raises(RuntimeError):
        await transform_documents(databases.vsme_guru, "items", job="t", filter={"done": {"$exists": False}},
                                  transform=crash_at_seven, batch_size=3)
    checkpoint = await databases.vsme_guru[CHECKPOINT_COLLECTION].find_one({"_id": "t"})
    assert checkpoint["lastId"] == 5 and checkpoint["scanned"] == 6
    seen.clear()
    result = await transform_documents(databases.vsme_guru, "items", job="t", filter={"done": {"$exists": False}},
                                       transform=lambda d: {"$set": {"done": True}}, batch_size=3)
    assert result.resumed_from == 5 and result.scanned == 10
    assert await collection.count_documents({"done": True}) == 10
    assert await databases.vsme_guru[CHECKPOINT_COLLECTION].count_documents({}) == 0


async def test_seed_is_idempotent(databases, real_config):
    from vsme_pipeline.seed import seed_sample_data

    await upgrade(databases, config=real_config)
    first = await seed_sample_data(databases)
    counts = {c.collection: c for c in first.counts}
    assert counts["companies"].inserted == counts["companies"].total > 0
    assert counts["reports"].inserted > 0 and counts["emission_factors"].inserted > 0
    assert len(await databases.vsme_guru["reports"].distinct("reportingYear")) >= 2

    async def contents():
        return [[d async for d in databases.by_name(key)[name].find({}).sort("_id", 1)]
                for key, name in (("scope321", "companies"), ("scope321", "users"), ("vsme_guru", "reports"),
                                  ("reference", "emission_factors"))]

    before = await contents()
    second = await seed_sample_data(databases)
    assert [c.inserted for c in second.counts] == [0] * len(second.counts)
    assert await contents() == before


def test_cli_upgrade_current_check(database_names, embedded_dir):
    from vsme_pipeline.cli.main import app

    runner = CliRunner()
    current = runner.invoke(app, ["migrate", "current"])
    assert current.exit_code == 1, current.output
    upgraded = runner.invoke(app, ["migrate", "upgrade", "head"])
    assert upgraded.exit_code == 0, upgraded.output
    current = runner.invoke(app, ["migrate", "current"])
    assert current.exit_code == 0 and "every database is at head" in current.output
    assert runner.invoke(app, ["migrate", "check", "--live"]).exit_code == 0
    assert runner.invoke(app, ["migrate", "history"]).exit_code == 0
    dry = runner.invoke(app, ["migrate", "downgrade", "base", "--dry-run"])
    assert dry.exit_code == 0 and "planned" in dry.output
    assert runner.invoke(app, ["migrate", "downgrade", "base"]).exit_code == 0
