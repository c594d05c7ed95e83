"""Export the latest snapshot of each company-year as one JSON file."""

import json
from pathlib import Path
from typing import Any

from vsme_pipeline.pipeline.handles import WritableDatabase
from vsme_pipeline.pipeline.hashing import canonical


def snapshot_file_name(snapshot: dict[str, Any]) -> str:
    """``<companyId>-<reportingYear>.json``."""
    return f"{snapshot['companyId']}-{snapshot['reportingYear']}.json"


def render_snapshot(snapshot: dict[str, Any]) -> str:
    """The file content: the snapshot in canonical form (its ``contentHash`` can be recomputed from
    the file with :func:`vsme_pipeline.pipeline.snapshots.snapshot_hash`), pretty-printed."""
    data = canonical({key: value for key, value in snapshot.items() if key != "_id"})
    data["snapshotId"] = str(snapshot["_id"])
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


async def export_snapshots(target: WritableDatabase, directory: Path, years: list[int] | None = None) -> tuple[list[Path], int]:
    """Write the latest snapshot of every company-year (of ``years``, default all) to
    ``directory``; files whose content is unchanged are not rewritten. Returns (files written,
    files unchanged)."""
    directory.mkdir(parents=True, exist_ok=True)
    query: dict[str, Any] = {"reportingYear": {"$in": years}} if years else {}
    cursor = target["report_snapshots"].find(query, projection={"companyId": 1, "reportingYear": 1, "version": 1}).sort(
        [("companyId", 1), ("reportingYear", 1), ("version", -1)]
    )
    written: list[Path] = []
    unchanged = 0
    previous_key = None
    async for head in cursor:
        key = (head["companyId"], head["reportingYear"])
        if key == previous_key:
            continue
        previous_key = key
        snapshot = await target["report_snapshots"].find_one({"_id": head["_id"]})
        if snapshot is None:
            continue
        path = directory / snapshot_file_name(snapshot)
        text = render_snapshot(snapshot)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            unchanged += 1
            continue
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written, unchanged
