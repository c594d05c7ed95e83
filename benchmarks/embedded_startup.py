"""Start-up time of the embedded database on a season-size data file (not a timed test).

Run: ``.venv/bin/python -m benchmarks.embedded_startup DIR`` on a data directory left by
``benchmarks.embedded_season --data-dir DIR``. Times (1) a start after a clean stop, and (2) a start
after the server was killed (SIGKILL) in the middle of writes, which leaves a write-ahead log for
SQLite to recover; prints the data-file and log sizes.
"""

import argparse
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from bson import ObjectId
from pymongo import MongoClient, UpdateOne

from vsme_pipeline.embedded_db import start, stop
from vsme_pipeline.embedded_db.control import DATA_FILE


def _sizes(data_dir: Path) -> str:
    data = (data_dir / DATA_FILE).stat().st_size
    wal = data_dir / f"{DATA_FILE}-wal"
    return f"data {data / 1e6:.0f} MB, wal {(wal.stat().st_size if wal.exists() else 0) / 1e6:.0f} MB"


def _timed_start(data_dir: Path) -> tuple[float, str]:
    started = time.perf_counter()
    state, _ = start(data_dir, timeout=600)
    elapsed = time.perf_counter() - started
    client: MongoClient[dict[str, Any]] = MongoClient(state.uri)
    client.admin.command("ping")
    client.close()
    return elapsed, state.uri


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--writes", type=int, default=3000, help="upserts of ~13 kB before the kill")
    args = parser.parse_args()
    data_dir = args.data_dir.resolve()
    stop(data_dir)
    print(f"before: {_sizes(data_dir)}")
    clean_s, uri = _timed_start(data_dir)
    print(f"start after a clean stop: {clean_s:.2f}s")

    client: MongoClient[dict[str, Any]] = MongoClient(uri, socketTimeoutMS=600_000)
    collection = client["startup_bench"]["blobs"]
    collection.create_index("key", unique=True)
    payload = "x" * 13_000
    done = threading.Event()

    def write() -> None:
        for offset in range(0, args.writes, 100):
            collection.bulk_write([UpdateOne({"key": f"k{i}"}, {"$set": {"payload": payload, "id": ObjectId()}},
                                             upsert=True) for i in range(offset, offset + 100)], ordered=False)
        done.set()

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    done.wait(timeout=max(5.0, args.writes / 200))
    state_pid = int(__import__("json").loads((data_dir / "server.json").read_text())["pid"])
    os.kill(state_pid, signal.SIGKILL)
    time.sleep(0.5)
    print(f"killed during writes: {_sizes(data_dir)}")
    crash_s, uri = _timed_start(data_dir)
    print(f"start after SIGKILL (log recovery): {crash_s:.2f}s")
    stop(data_dir)
    print(f"after a clean stop: {_sizes(data_dir)}")


if __name__ == "__main__":
    main()
