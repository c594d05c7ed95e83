"""The ``report_filings`` asset on the pipeline's own snapshots: every filing passes the self-check,
one file per company-year, only new or changed snapshots are written again, and `vsme export`."""

import json

from typer.testing import CliRunner

from tests.pipeline.conftest import materialize_all, materialize_year, run_db
from vsme_pipeline.cli.main import app
from vsme_pipeline.filing.mapping import facts_from_snapshot
from vsme_pipeline.filing.selfcheck import check_facts


async def _all_snapshots(databases):
    return [doc async for doc in databases.vsme_guru["report_snapshots"].find({})]


def test_report_filings_on_every_snapshot(seeded, instance, tmp_path):
    materialize_all(instance)
    # the self-check passes on every snapshot the run made (every year and version, not only the filed ones)
    snapshots = run_db(seeded, _all_snapshots)
    assert len({s["reportingYear"] for s in snapshots}) >= 2  # every year with reports, not only the one filed below
    errors = {(str(s["companyId"]), s["reportingYear"], s.get("version")): [f for f in check_facts(facts_from_snapshot(s)) if f.severity == "error"]
              for s in snapshots}
    assert {k: v for k, v in errors.items() if v} == {}
    out = tmp_path / "filings"
    config = {"ops": {"report_filings": {"config": {"out_dir": str(out)}}}}
    result = materialize_year(instance, "2024", selection=["report_filings"], run_config=config)
    meta = result.get_asset_materialization_events()[0].materialization.metadata
    files = sorted((out / "2024").glob("*.xbrl.json"))
    assert meta["failed"].value == 0
    assert meta["written"].value == len(files) > 0
    assert meta["facts_total"].value > 50 * len(files) // 2
    for path in files:
        doc = json.loads(path.read_text())
        assert path.name.endswith("_2024.xbrl.json")
        assert doc["facts"] and doc["documentInfo"]["documentType"] == "https://xbrl.org/2021/xbrl-json"
    again = materialize_year(instance, "2024", selection=["report_filings"], run_config=config)
    meta2 = again.get_asset_materialization_events()[0].materialization.metadata
    assert meta2["written"].value == 0 and meta2["unchanged"].value == len(files)

    cli_out = tmp_path / "cli"
    ran = CliRunner().invoke(app, ["export", "--format", "xbrl-json", "--year", "2024", "--out", str(cli_out)])
    assert ran.exit_code == 0, ran.output
    assert "VSME_TAXONOMY_PACKAGE is not set: no Arelle validation" in ran.output  # says so, self-check only
    assert sorted(p.name for p in cli_out.glob("*.xbrl.json")) == [p.name for p in files]
    assert all((cli_out / p.name).read_bytes() == p.read_bytes() for p in files)  # byte-identical
    pdfs = CliRunner().invoke(app, ["export", "--format", "pdf", "--year", "2024", "--company", files[0].name.split("_")[0], "--out", str(tmp_path / "pdf")])
    assert pdfs.exit_code == 0, pdfs.output
    assert [p.name for p in (tmp_path / "pdf").glob("*.pdf")] == [files[0].name.replace(".xbrl.json", ".pdf")]
    refused = CliRunner().invoke(app, ["export", "--format", "docx", "--out", str(cli_out)])
    assert refused.exit_code == 2
