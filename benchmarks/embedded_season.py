"""A reporting season on the embedded database: load N full reports, upsert one result per report.

Not a timed test. Run: ``.venv/bin/python -m benchmarks.embedded_season 1000 4000 10000``
(``--data-dir DIR`` keeps the data file, e.g. to time a restart on it afterwards).

Each report is `sample_data.full_report` (~13 kB as JSON) with a distinct company id and year, written
with the indexes of the ``reports`` collection (compound unique company + year); then one
validation-style result per report is upserted into a collection with a unique ``reportId``
(batches of 100, ``bulk_write`` of ``UpdateOne(upsert=True)``, as the pipeline writes). Prints
seconds and milliseconds per document for both phases, per N.
"""

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bson import ObjectId
from pymongo import ASCENDING, DESCENDING, AsyncMongoClient, IndexModel, UpdateOne

from vsme_pipeline.embedded_db import start, stop
from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.sample_data import full_report

BATCH = 100


def _report_template() -> dict[str, Any]:
    document: dict[str, Any] = to_bson(full_report())
    document.pop("_id", None)
    document.pop("id", None)
    return document


def _reports(template: dict[str, Any], n: int) -> list[dict[str, Any]]:
    reports = []
    for i in range(n):
        document = dict(template)
        document["_id"] = ObjectId()
        document["companyId"] = ObjectId()
        document["reportingYear"] = 2020 + i % 6
        reports.append(document)
    return reports


async def _season(uri: str, n: int) -> dict[str, float]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(uri, socketTimeoutMS=600_000)
    database = client[f"season_{n}"]
    reports_collection = database["reports"]
    results_collection = database["validation_results"]
    await reports_collection.create_indexes([
        IndexModel([("companyId", ASCENDING), ("reportingYear", ASCENDING)], name="company_year_unique", unique=True),
        IndexModel([("status", ASCENDING), ("reportingYear", ASCENDING)], name="status_year"),
        IndexModel([("reportingYear", ASCENDING), ("_id", ASCENDING)], name="year_id"),
    ])
    await results_collection.create_indexes([
        IndexModel([("reportId", ASCENDING)], name="report_id_unique", unique=True),
        IndexModel([("reportingYear", ASCENDING), ("version", DESCENDING)], name="year_version"),
    ])
    reports = _reports(_report_template(), n)
    started = time.perf_counter()
    for offset in range(0, n, BATCH):
        await reports_collection.insert_many(reports[offset : offset + BATCH], ordered=False)
    loaded = time.perf_counter()
    for offset in range(0, n, BATCH):
        await results_collection.bulk_write(
            [
                UpdateOne(
                    {"reportId": r["_id"]},
                    {"$set": {"reportId": r["_id"], "companyId": r["companyId"], "reportingYear": r["reportingYear"],
                              "passed": True, "findings": [], "version": 1}},
                    upsert=True,
                )
                for r in reports[offset : offset + BATCH]
            ],
            ordered=False,
        )
    upserted = time.perf_counter()
    assert await reports_collection.count_documents({}) == n
    assert await results_collection.count_documents({}) == n
    await client.close()
    load_s, upsert_s = loaded - started, upserted - loaded
    return {"n": n, "load_s": load_s, "load_ms_per_doc": 1000 * load_s / n,
            "upsert_s": upsert_s, "upsert_ms_per_doc": 1000 * upsert_s / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 4000, 10000])
    parser.add_argument("--data-dir", type=Path, help="keep the data here (default: a temporary directory)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir or Path(scratch)
        state, _ = start(data_dir)
        try:
            for n in args.sizes:
                print(json.dumps(asyncio.run(_season(state.uri, n))), flush=True)
        finally:
            stop(data_dir)


if __name__ == "__main__":
    main()
