"""The web app's Prisma shapes written by the official Node.js driver (as the app's stack does) migrate to head."""

import json
import shutil
import subprocess

import pytest
from bson import ObjectId

from vsme_pipeline.migration import downgrade, upgrade
from vsme_pipeline.settings import PROJECT_ROOT
from vsme_pipeline.sources import read_prisma_user

NODE_FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "node"
# setup.sh installs the driver (npm ci) wherever node is present; without node this fixture cannot exist
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed on this machine")


async def test_prisma_documents_written_by_the_node_driver_migrate_to_head(databases, real_config):
    await databases.vsme_guru.command("ping")
    host, port = await databases.vsme_guru.client.address  # type: ignore[misc]
    written = subprocess.run(
        ["node", str(NODE_FIXTURES / "write_prisma_shapes.mjs"), f"mongodb://{host}:{port}", databases.vsme_guru.name],
        check=True, capture_output=True, text=True, timeout=60,
    )
    ids = json.loads(written.stdout)
    raw = await databases.vsme_guru["reports"].find_one({"_id": ObjectId(ids["reports"][0])})
    assert isinstance(raw["environmental"]["energyAndEmissions"]["renewableEnergy"], float)  # a double, as Prisma's Float
    assert raw["year"] == 2023

    # the users as the app stored them read with provenance: every field mapped, the Clerk organisation as tenant
    users = [read_prisma_user(d) async for d in databases.vsme_guru["users"].find({})]
    assert sorted(str(u.user_id) for u in users) == sorted(ids["users"])
    assert {u.organization_id for u in users} == {"org-greentech-123", "org-sustaincorp-456", "org-ecoventures-789"}
    assert all(not u.findings and u.user.created_at is not None and len(u.sources) == 6 for u in users)

    reports_before = {d["_id"]: d async for d in databases.vsme_guru["reports"].find({})}
    companies_before = {d["_id"]: d async for d in databases.vsme_guru["companies"].find({})}

    await upgrade(databases, config=real_config)

    [company] = [d async for d in databases.vsme_guru["companies"].find({})]  # one company, figures per year
    assert company["_id"] == ObjectId(ids["companies"][0]) and company["organizationNumber"] == "987654321"
    assert sorted(company["figuresByYear"]) == ["2023", "2024"] and company["turnover"] == 15_000_000.0
    assert "year" not in company and company["naceCodes"] == ["62.01"]
    migrated = [d async for d in databases.vsme_guru["reports"].find({}).sort("reportingYear", 1)]
    assert [d["reportingYear"] for d in migrated] == [2023, 2024]
    assert [d["modules"]["b3"]["scope1Emissions"] for d in migrated] == [120.5, 121.5]
    assert all(d["organizationId"] == "org-greentech-123" for d in migrated)
    assert {d["companyId"] for d in migrated} == {company["_id"]}

    await downgrade(databases, "0002_legacy_environmental_to_b3", config=real_config)
    assert {d["_id"]: d async for d in databases.vsme_guru["reports"].find({})} == reports_before
    assert {d["_id"]: d async for d in databases.vsme_guru["companies"].find({})} == companies_before
