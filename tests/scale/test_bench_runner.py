"""Smoke test of ``vsme bench``'s runner: a small season writes valid JSON with every key (no
timing is asserted: timings only as ratios in benchmarks/)."""

import json
from pathlib import Path

import pytest

from benchmarks import season


@pytest.mark.usefixtures("embedded_dir")
async def test_runner_writes_every_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(season, "RESULTS", tmp_path)
    result = await season.run_bench(50, four_n=False, progress=lambda _: None)
    written = json.loads((tmp_path / "latest.json").read_text())
    assert written == json.loads(json.dumps(result, default=str))
    for key in ("n", "machine", "versions", "server", "ratios", "raw_baseline", "parse", "full", "incremental", "unchanged"):
        assert key in written, key
    assert written["n"] == 50 and written["reports"] == 50
    assert set(written["ratios"]) == set(season.RATIO_KEYS)
    for key in ("round_trips_vs_raw", "compute_vs_parse", "incremental_vs_full", "unchanged_vs_full"):
        assert isinstance(written["ratios"][key], float), key
    assert written["ratios"]["peak_memory_4n_vs_n"] is None  # 4N not run here
    for stage in season.STAGES:
        costs = written["full"]["stages"][stage]
        assert costs["round_trips"] > 0 and "cpu_ms_per_report" in costs
    assert written["raw_baseline"]["round_trips"] > 0
    assert written["incremental"]["changed"] == 1
    assert not written["problems"], written["problems"]
