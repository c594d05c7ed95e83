"""Snapshot export: one JSON file per company-year, verifiable from the file alone; by CLI and by
asset config."""

import json

from typer.testing import CliRunner

from assets.run_config import run_config
from tests.pipeline.conftest import materialize_year, run_db, stage_flow
from vsme_pipeline.cli.main import app
from vsme_pipeline.pipeline.snapshots import snapshot_hash


def test_export_by_asset_config_and_cli(seeded, instance, tmp_path):
    run_db(seeded, stage_flow)  # every year's snapshots, by the stages called directly
    by_asset = tmp_path / "asset"
    result = materialize_year(instance, "2024", selection=["report_snapshots"],
                              run_config=run_config(export_dir=str(by_asset)))
    meta = result.get_asset_materialization_events()[0].materialization.metadata
    files = sorted(by_asset.glob("*.json"))
    assert meta["exported_files"].value == len(files) > 0
    for path in files:
        data = json.loads(path.read_text())
        assert path.name == f"{data['companyId']['$oid']}-2024.json"
        assert snapshot_hash(data) == data["contentHash"]  # the file verifies itself

    by_cli = tmp_path / "cli"
    out = CliRunner().invoke(app, ["snapshots", "export", str(by_cli)])
    assert out.exit_code == 0, out.output
    assert len(list(by_cli.glob("*-2024.json"))) == len(files)
    assert len(list(by_cli.glob("*.json"))) > len(files)  # other years too
    again = CliRunner().invoke(app, ["snapshots", "export", str(by_cli)])
    assert "0 snapshot file(s) written" in again.output
