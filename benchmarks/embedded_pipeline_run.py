"""`vsme run` with default settings over N reports on the embedded database (not a timed test).

Run: ``.venv/bin/python -m benchmarks.embedded_pipeline_run 10000`` (``--data-dir DIR`` keeps it).
Seeds the sample data (``vsme run`` does), then bulk-inserts N copies of a sample company into
``scope321`` (distinct ids and organisation numbers) and one full sample report per copy into
``vsme_guru`` (reporting year 2024), and times ``vsme run`` as a subprocess.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bson import ObjectId
from pymongo import MongoClient

from vsme_pipeline.embedded_db import start, stop
from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.sample_data import full_company, full_report


def _vsme(*args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "vsme"), *args], env=env, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = (args.data_dir or Path(scratch)).resolve()
        env = {**os.environ, "VSME_ENV": "development", "VSME_EMBEDDED_DIR": str(data_dir),
               "DAGSTER_HOME": str(data_dir / "dagster")}
        for key in ("SCOPE321_DATABASE_URL", "VSME_GURU_DATABASE_URL", "PRIMARY_DATABASE_URL"):
            env.pop(key, None)
        (data_dir / "dagster").mkdir(parents=True, exist_ok=True)
        state, _ = start(data_dir)
        try:
            prepare_s = _vsme("migrate", "upgrade", "head", env=env) + _vsme("seed", env=env)
            company: dict[str, Any] = to_bson(full_company())
            report: dict[str, Any] = to_bson(full_report(year=2024))
            client: MongoClient[dict[str, Any]] = MongoClient(state.uri, socketTimeoutMS=600_000)
            companies, reports = client["scope321"]["companies"], client["vsme_guru"]["reports"]
            started = time.perf_counter()
            for offset in range(0, args.n, 100):
                batch_companies, batch_reports = [], []
                for i in range(offset, min(offset + 100, args.n)):
                    company_id = ObjectId()
                    batch_companies.append({**company, "_id": company_id, "organizationNumber": f"BENCH-{i:06d}"})
                    batch_reports.append({**report, "_id": ObjectId(), "companyId": company_id})
                companies.insert_many(batch_companies, ordered=False)
                reports.insert_many(batch_reports, ordered=False)
            load_s = time.perf_counter() - started
            client.close()
            run_s = _vsme("run", env=env)
            print(f"n={args.n} prepare={prepare_s:.1f}s load={load_s:.1f}s vsme_run={run_s:.1f}s", flush=True)
        finally:
            stop(data_dir)


if __name__ == "__main__":
    main()
