"""Two Clerk organisations whose companies have the same name: a snapshot and every export format
(xbrl-json, ixbrl, template; ``vsme export --company --year``) of one tenant never contains the
other's organisation id, company id or values."""

import copy
import zipfile
from pathlib import Path
from typing import Any

from bson import ObjectId
from typer.testing import CliRunner

from tests.pipeline.conftest import run_db, stage_year
from vsme_pipeline.cli.main import app
from vsme_pipeline.connections import read_only
from vsme_pipeline.filing.stage import latest_snapshots
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.settings import load_settings

YEAR = 2024
NAME = "Fjordkraft Consulting AS"  # both organisations' companies are called this
FORMATS = {"xbrl-json": ".json", "ixbrl": ".xhtml", "template": ".xlsx"}
TENANTS = {
    "a": {"organizationId": "org_2tenantAAAAAAAAAAAAAAAAAAAAAA", "organizationNumber": "911111111", "hours": 48_111.0},
    "b": {"organizationId": "org_2tenantBBBBBBBBBBBBBBBBBBBBBB", "organizationNumber": "922222222", "hours": 52_777.0},
}


async def _plant_tenants(databases: Any) -> dict[str, dict[str, Any]]:
    """Two copies of a seeded company with a completed 2024 report, one per organisation, same
    name, their own organisation number and hours worked."""
    reports, companies = databases.vsme_guru["reports"], databases.scope321["companies"]
    source_report = await reports.find_one({"reportingYear": YEAR, "status": "completed",
                                            "modules.b9.hoursWorked": {"$type": "number"}})
    assert source_report is not None
    source_company = await companies.find_one({"_id": source_report["companyId"]})
    assert source_company is not None
    planted: dict[str, dict[str, Any]] = {}
    for key, tenant in TENANTS.items():
        company = {**copy.deepcopy(source_company), "_id": ObjectId(), "name": NAME,
                   "organizationId": tenant["organizationId"], "organizationNumber": tenant["organizationNumber"]}
        report = {**copy.deepcopy(source_report), "_id": ObjectId(), "companyId": company["_id"],
                  "organizationId": tenant["organizationId"]}
        report["modules"]["b9"]["hoursWorked"] = tenant["hours"]
        report["modules"]["b9"].pop("accidentRate", None)  # computed from the hours (a value of its own)
        report["firstReportingYear"] = YEAR  # a first report: no comparatives due
        await companies.insert_one(company)
        await reports.insert_one(report)
        planted[key] = {**tenant, "companyId": company["_id"], "reportId": report["_id"]}
    return planted


async def _flow(databases: Any) -> None:
    await sync_companies(read_only(databases.scope321), databases.vsme_guru, full=True)
    stages = await stage_year(databases, YEAR)
    assert stages["report_validation"].failed == 0, stages["report_validation"].problems


def _marks(tenant: dict[str, Any]) -> list[str]:
    """What identifies a tenant's data in any text: organisation id, company id, report id, its
    organisation number and its hours worked (as JSON, XBRL and a spreadsheet write them)."""
    hours = tenant["hours"]
    return [tenant["organizationId"], str(tenant["companyId"]), str(tenant["reportId"]), tenant["organizationNumber"],
            f"{hours:.0f}", f"{hours:,.0f}"]


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":  # the workbook's parts (shared strings, sheets) as text
        with zipfile.ZipFile(path) as workbook:
            return "\n".join(workbook.read(name).decode("utf-8", "replace") for name in workbook.namelist()
                             if name.endswith(".xml"))
    return path.read_text("utf-8")


def _assert_only(text: str, own: dict[str, Any], other: dict[str, Any], where: str) -> None:
    assert own["organizationNumber"] in text or str(own["companyId"]) in text, f"{where}: not the tenant's own data"
    leaked = [mark for mark in _marks(other) if mark in text]
    assert not leaked, f"{where} holds the other tenant's {leaked}"


def test_a_tenants_snapshot_and_exports_never_hold_the_other_tenants_data(seeded, tmp_path):
    async def go(databases: Any) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        planted = await _plant_tenants(databases)
        await _flow(databases)
        for tenant in planted.values():
            result = await databases.vsme_guru["validation_results"].find_one({"reportId": tenant["reportId"]})
            assert result is not None and result["passed"], result and [(f["code"], f["path"]) for f in result["findings"]]
            assert result["organizationId"] == tenant["organizationId"]
        snapshots = {key: await latest_snapshots(databases.vsme_guru, year=YEAR, company=str(t["companyId"]))
                     for key, t in planted.items()}
        return planted, snapshots

    planted, snapshots = run_db(load_settings(), go)
    for own_key, other_key in (("a", "b"), ("b", "a")):
        own, other = planted[own_key], planted[other_key]
        [snapshot] = snapshots[own_key]
        assert snapshot["organizationId"] == own["organizationId"] and snapshot["company"]["name"] == NAME
        _assert_only(repr(snapshot), own, other, f"snapshot of tenant {own_key}")
        assert f"{own['hours']}" in repr(snapshot["report"]), "the tenant's own value is in its snapshot"

    # every format through the command line, `vsme export --company ID --year 2024` (the filing
    # stage's writer, ``file_snapshots``, on ``latest_snapshots(company=ID)``): only that company's filing
    runner = CliRunner()
    for own_key, other_key in (("a", "b"), ("b", "a")):
        own, other = planted[own_key], planted[other_key]
        for fmt, suffix in FORMATS.items():
            out = tmp_path / f"cli-{own_key}-{fmt}"
            result = runner.invoke(app, ["export", "--out", str(out), "--format", fmt, "--year", str(YEAR),
                                         "--company", str(own["companyId"])])
            assert result.exit_code == 0, result.output  # a filing that failed its self-check exits 1
            files = [p for p in out.iterdir() if not p.name.startswith("manifest")]
            assert [p.name.split("_")[0] for p in files] == [str(own["companyId"])], files
            assert files[0].suffix == suffix
            _assert_only(_text(files[0]), own, other, f"`vsme export --format {fmt}` of tenant {own_key}")
