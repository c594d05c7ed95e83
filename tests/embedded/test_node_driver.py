"""The Node.js `mongodb` driver (v7, the web app's) iterates find() and aggregate() cursors."""

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

NODE_DIR = Path(__file__).parent / "node"
node = shutil.which("node")


@pytest.mark.skipif(node is None, reason="node is not on the path (the Node.js part runs where it is)")
def test_node_driver_iterates_find_and_aggregate_across_batches(target_uri: str) -> None:
    assert (NODE_DIR / "node_modules" / "mongodb").is_dir(), "run scripts/setup.sh (npm ci in tests/embedded/node)"
    assert node is not None
    completed = subprocess.run(
        [node, "iterate.mjs", target_uri, f"conformance_node_{uuid.uuid4().hex[:8]}"],
        cwd=NODE_DIR, capture_output=True, text=True, timeout=120, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert json.loads(completed.stdout.strip().splitlines()[-1]) == {
        "found": 250, "ordered": True, "iterated": 150, "aggregated": 200,
    }
