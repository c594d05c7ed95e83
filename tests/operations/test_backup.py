"""Backup → drop → restore gives identical documents, indexes and validators; a corrupted backup,
a backup from a newer release and a non-empty target are refused; the restore test finds a planted
difference."""

from pathlib import Path
from typing import Any

import pytest

from vsme_pipeline.connections import Databases
from vsme_pipeline.operations import tasks
from vsme_pipeline.operations.backup import BackupError, read_manifest
from vsme_pipeline.operations.restore import compare_with_backup, restore_backup
from vsme_pipeline.settings import Settings


async def _state(database: Any) -> dict[str, Any]:
    """Everything a restore must reproduce: documents, index definitions, validator options."""
    state: dict[str, Any] = {}
    async for info in await database.list_collections():
        name = info["name"]
        indexes = sorted([(i["name"], tuple(i["key"].items()), bool(i.get("unique")), i.get("partialFilterExpression") is not None)
                          async for i in await database[name].list_indexes()])
        documents = [doc async for doc in database[name].find({}).sort("_id", 1)]
        options = {k: v for k, v in (info.get("options") or {}).items() if k.startswith("valid")}
        state[name] = {"documents": documents, "indexes": indexes, "options": options}
    return state


def _paths_that_differ(x: Any, y: Any, path: str = "") -> list[str]:
    """Where two states differ (type or value), as dotted paths: a readable assertion message."""
    if type(x) is not type(y):
        return [f"{path}: {type(x).__name__} {x!r:.60} != {type(y).__name__} {y!r:.60}"]
    if isinstance(x, dict):
        return [p for k in sorted(set(x) | set(y), key=str)
                for p in (_paths_that_differ(x[k], y[k], f"{path}.{k}") if k in x and k in y else [f"{path}.{k}: only on one side"])]
    if isinstance(x, list | tuple):
        if len(x) != len(y):
            return [f"{path}: {len(x)} items != {len(y)}"]
        return [p for i, (u, v) in enumerate(zip(x, y, strict=True)) for p in _paths_that_differ(u, v, f"{path}[{i}]")]
    return [] if x == y else [f"{path}: {x!r:.60} != {y!r:.60}"]


async def test_backup_drop_restore_is_identical(populated: Databases, test_settings: Settings, tmp_path: Path) -> None:
    before = await _state(populated.vsme_guru)
    assert before["report_snapshots"]["options"].get("validator"), "the migrated collections carry validators"
    path, manifest = await tasks.take_backup(populated, test_settings, tmp_path / "b")
    assert {c.name for c in manifest.collections} == set(before)
    assert manifest.revision is not None and manifest.revision in tasks.known_revisions()
    assert all(c.count == len(before[c.name]["documents"]) for c in manifest.collections)

    await populated.vsme_guru.client.drop_database(populated.vsme_guru.name)
    result = await tasks.restore_into(populated, path, populated.vsme_guru.name)

    assert result.ok, result.differences
    assert _paths_that_differ(before, await _state(populated.vsme_guru)) == []


async def test_a_corrupted_backup_is_refused_before_anything_is_written(populated: Databases, test_settings: Settings,
                                                                        tmp_path: Path) -> None:
    path, manifest = await tasks.take_backup(populated, test_settings, tmp_path / "b")
    victim = path / "report_snapshots.bson"
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    scratch = populated.vsme_guru.client[populated.vsme_guru.name + "_r"]
    with pytest.raises(BackupError, match="corrupted: report_snapshots.bson: sha256"):
        await restore_backup(path, scratch, known_revisions=tasks.known_revisions())
    assert await scratch.list_collection_names() == []


async def test_a_backup_from_a_newer_release_is_refused(populated: Databases, test_settings: Settings, tmp_path: Path) -> None:
    path, _ = await tasks.take_backup(populated, test_settings, tmp_path / "b")
    manifest_file = path / "manifest.json"
    manifest_file.write_text(manifest_file.read_text().replace(read_manifest(path).revision or "", "9999_from_the_future"))
    with pytest.raises(BackupError, match="9999_from_the_future, which this code does not know"):
        await restore_backup(path, populated.vsme_guru.client["unused_target"], known_revisions=tasks.known_revisions())


async def test_restore_refuses_a_database_that_holds_documents(populated: Databases, test_settings: Settings,
                                                                tmp_path: Path) -> None:
    path, _ = await tasks.take_backup(populated, test_settings, tmp_path / "b")
    with pytest.raises(BackupError, match="is not empty"):
        await tasks.restore_into(populated, path, populated.vsme_guru.name)


async def test_the_restore_test_passes_and_finds_a_planted_difference(populated: Databases, test_settings: Settings,
                                                                     tmp_path: Path) -> None:
    path, _ = await tasks.take_backup(populated, test_settings, tmp_path / "b")
    result = await tasks.restore_test(populated, path)
    assert result.ok and sum(result.documents.values()) > 0
    assert not any(n.endswith(tuple("0123456789")) and "_restore_test_" in n
                   for n in await populated.vsme_guru.client.list_database_names()), "the scratch database is dropped"

    # the live database now differs from the backup in one field of one snapshot
    snapshot = await populated.vsme_guru["report_snapshots"].find_one({})
    await populated.vsme_guru["report_snapshots"].update_one({"_id": snapshot["_id"]}, {"$set": {"runId": "planted"}})
    differences = await compare_with_backup(path, populated.vsme_guru)
    assert differences == [f"report_snapshots: document {snapshot['_id']!r} differs in runId"]
