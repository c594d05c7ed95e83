"""The embedded database's life cycle through the real CLI and launcher (separate processes)."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pymongo
import pytest

from vsme_pipeline.embedded_db import read_state


def vsme(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vsme_pipeline.cli.main", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def own_dir(tmp_path):
    env = {**os.environ, "VSME_EMBEDDED_DIR": str(tmp_path), "VSME_ENV": "development"}
    yield tmp_path, env
    vsme("db", "stop", env=env)


def test_start_is_idempotent_status_reports_and_stop_cleans_up(own_dir):
    directory, env = own_dir
    assert vsme("db", "status", env=env).returncode == 1
    first = vsme("db", "start", env=env)
    assert first.returncode == 0 and "started" in first.stdout
    state = read_state(directory)
    assert state is not None and state.host == "127.0.0.1"
    second = vsme("db", "start", env=env)
    assert "already running" in second.stdout
    assert read_state(directory).pid == state.pid
    status = vsme("db", "status", env=env)
    assert status.returncode == 0 and str(state.port) in status.stdout
    assert vsme("db", "stop", env=env).returncode == 0
    assert read_state(directory) is None
    assert not (directory / "server.json").exists()


def test_concurrent_starts_share_one_server_and_data_survives_a_restart(own_dir):
    directory, env = own_dir
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: vsme("db", "start", env=env), range(3)))
    assert all(r.returncode == 0 for r in results)
    assert sum("started" in r.stdout and "already" not in r.stdout for r in results) == 1
    state = read_state(directory)
    with pymongo.MongoClient(state.uri) as client:
        client["persist"]["things"].insert_one({"kept": True})
    vsme("db", "stop", env=env)
    vsme("db", "start", env=env)
    with pymongo.MongoClient(read_state(directory).uri) as client:
        assert client["persist"]["things"].find_one({}, {"_id": 0}) == {"kept": True}
