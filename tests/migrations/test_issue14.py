"""Issue 14: the CLI as the README writes it, runner honesty, stamp's target grammar, the small
truths (unlock, history, progress bars, --dry-run shown as a flag), what pymongo-migrate is for."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.migrations.conftest import add_revision
from vsme_pipeline.migration import MigrationFailed, status, upgrade
from vsme_pipeline.migration.state import MIGRATIONS_COLLECTION
from vsme_pipeline.settings import PROJECT_ROOT


def _cli(*args: str):
    from vsme_pipeline.cli.main import app

    return CliRunner().invoke(app, ["migrate", *args])


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# --- 1. negative targets as the README writes them ---------------------------------------------


def test_downgrade_minus_one_and_plan_minus_one_work_as_written(database_names, embedded_dir):
    assert _cli("upgrade", "head").exit_code == 0
    plan = _cli("plan", "-1")
    assert plan.exit_code == 0, plan.output
    assert "downgrade" in plan.output and "No such option" not in plan.output
    down = _cli("downgrade", "-1")
    assert down.exit_code == 0, down.output
    assert "ran" in down.output
    assert _cli("current").exit_code == 1  # one revision behind head now
    assert _cli("upgrade", "head").exit_code == 0
    assert _cli("current").exit_code == 0


# --- 2. runner honesty: a step the server cannot perform ----------------------------------------

NEW_VALIDATOR = "{'$jsonSchema': {'bsonType': 'object', 'required': ['name']}}"


@pytest.fixture
def server_without_collmod(monkeypatch):
    """A stand-in for a server that lacks ``collMod`` (the embedded server has it now): every
    ``collMod`` command fails as MongoDB fails an unknown command (code 59, CommandNotFound).
    What it cannot prove: how a real server without collMod words its error."""
    from pymongo.asynchronous.database import AsyncDatabase
    from pymongo.errors import OperationFailure

    original = AsyncDatabase.command

    async def command(self, command, *args, **kwargs):
        name = next(iter(command)) if isinstance(command, dict) else command
        if str(name).lower() == "collmod":
            raise OperationFailure("no such command: 'collMod'", code=59)
        return await original(self, command, *args, **kwargs)

    monkeypatch.setattr(AsyncDatabase, "command", command)


async def test_a_validator_change_the_server_cannot_make_fails_the_revision(databases, fixture_config,
                                                                             server_without_collmod):
    await upgrade(databases, config=fixture_config)
    await databases.scope321["shops"].insert_one({"name": "one"})
    add_revision(fixture_config, "0002_require_name",
                 f"async def upgrade_scope321(db):\n    await ops.set_validator(db, 'shops', {NEW_VALIDATOR})\n")
    with pytest.raises(MigrationFailed, match="collMod"):
        await upgrade(databases, config=fixture_config)
    record = await databases.scope321[MIGRATIONS_COLLECTION].find_one({"_id": "0002_require_name"})
    assert record["status"] == "failed"
    scope = next(s for s in await status(databases, config=fixture_config) if s.key == "scope321")
    assert not scope.at_head and "0002_require_name" in scope.failed


async def test_an_empty_collection_is_rebuilt_with_its_indexes_when_collmod_is_missing(databases, fixture_config,
                                                                                       server_without_collmod):
    await upgrade(databases, config=fixture_config)
    before = {i["name"] async for i in await databases.scope321["shops"].list_indexes()}
    add_revision(fixture_config, "0002_require_name",
                 f"async def upgrade_scope321(db):\n    await ops.set_validator(db, 'shops', {NEW_VALIDATOR})\n")
    await upgrade(databases, config=fixture_config)
    info = [c async for c in await databases.scope321.list_collections(filter={"name": "shops"})][0]
    assert info["options"]["validator"] == {"$jsonSchema": {"bsonType": "object", "required": ["name"]}}
    assert {i["name"] async for i in await databases.scope321["shops"].list_indexes()} == before
    record = await databases.scope321[MIGRATIONS_COLLECTION].find_one({"_id": "0002_require_name"})
    assert record["status"] == "applied" and "rebuilt" in " ".join(record["notes"])


async def test_current_flags_a_revision_recorded_applied_whose_change_was_not_made(databases, fixture_config):
    await upgrade(databases, config=fixture_config)
    await databases.vsme_guru[MIGRATIONS_COLLECTION].update_one(
        {"_id": "0001_initial_schema"},
        {"$set": {"notes": ["collMod unsupported by the server: validator of x.y not changed"]}})
    guru = next(s for s in await status(databases, config=fixture_config) if s.key == "vsme_guru")
    assert not guru.at_head
    assert any("not made" in p for p in guru.problems)


# --- 5. stamp: the target grammar and --dry-run ---------------------------------------------------


def test_stamp_plus_one_at_head_changes_nothing_and_dry_run_changes_nothing(database_names, embedded_dir):
    assert _cli("upgrade", "head").exit_code == 0
    plus = _cli("stamp", "+1")
    assert plus.exit_code == 1 and "only 0 revision" in _plain(plus.output), plus.output
    assert _cli("current").exit_code == 0  # nothing un-applied
    dry = _cli("stamp", "-1", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would stamp" in _plain(dry.output)
    assert _cli("current").exit_code == 0
    minus = _cli("stamp", "-1")
    assert minus.exit_code == 0, minus.output
    assert _cli("current").exit_code == 1
    assert _cli("stamp", "head").exit_code == 0
    assert _cli("current").exit_code == 0


# --- 9. the small truths -------------------------------------------------------------------------


def test_dry_run_is_shown_as_a_flag():
    for command in ("upgrade", "downgrade", "stamp"):
        help_text = _plain(_cli(command, "--help").output)
        line = next(line for line in help_text.splitlines() if "--dry-run" in line)
        assert "TEXT" not in line and "BOOLEAN" not in line, line


def test_unlock_without_force_tells_the_truth(database_names, embedded_dir):
    result = _cli("unlock")
    assert result.exit_code == 0, result.output
    assert "no migration lock is held" in _plain(result.output)
    assert "running migration holds" not in result.output


def test_history_shows_whole_ids_and_notes(database_names, embedded_dir, fixture_config, monkeypatch):
    add_revision(fixture_config, "0002_a_revision_with_a_rather_long_identifier_that_does_not_fit",
                 "async def upgrade_scope321(db):\n    ops.note('the note of this run')\n")
    monkeypatch.setenv("VSME_MIGRATIONS_DIR", str(fixture_config.versions_dir))
    monkeypatch.setenv("COLUMNS", "80")
    assert _cli("upgrade", "head").exit_code == 0
    result = _cli("history")
    assert result.exit_code == 0, result.output
    text = _plain(result.output)
    assert "0002_a_revision_with_a_rather_long_identifier_that_does_not_fit" in text
    assert "the note of this run" in text


async def test_no_progress_bar_for_an_empty_job(databases):
    import io

    from rich.console import Console

    from vsme_pipeline.migration.data_migrations import transform_documents

    out = io.StringIO()
    await transform_documents(databases.vsme_guru, "reports", job="empty_job", filter={}, transform=lambda d: None,
                              console=Console(file=out, force_terminal=True))
    assert "0/0" not in out.getvalue()


# --- 8. pymongo-migrate: the project does not claim what its tools cannot do ---------------------


def test_the_project_does_not_claim_pymongo_migrate_reads_its_records():
    state = (PROJECT_ROOT / "vsme_pipeline" / "migration" / "state.py").read_text()
    assert "so that its tools can read" not in state
    docs = (PROJECT_ROOT / "docs" / "migrations.md").read_text()
    assert "pymongo-migrate" in docs and "cannot read" in docs  # says what it does not do
    pyproject = Path(PROJECT_ROOT / "pyproject.toml").read_text()
    used = any("pymongo_migrate" in p.read_text() for p in (PROJECT_ROOT / "vsme_pipeline").rglob("*.py"))
    assert used == ("pymongo-migrate" in pyproject)
