"""Issue 14.7: a revision graph like alembic's. Two engineers branch from the same head; the
read-only commands work on the branched graph and say how to merge; upgrade refuses several
heads naming them and the merge command; ``merge -m`` joins them; ids cannot collide."""

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vsme_pipeline.migration import PlanError, upgrade
from vsme_pipeline.migration.autogenerate import create_revision
from vsme_pipeline.migration.plan import plan_steps
from vsme_pipeline.migration.revision import load_revisions, next_revision_id


def _cli(versions: Path, *args: str) -> tuple[int, str]:
    from vsme_pipeline.cli.main import app

    result = CliRunner().invoke(app, ["migrate", "--versions-dir", str(versions), *args],
                                env={"COLUMNS": "300"})
    return result.exit_code, re.sub(r"\x1b\[[0-9;]*m", "", result.output)


def _branch(config) -> tuple[str, str]:
    """Two engineers each add a revision on the same head, in their own copy; then both land."""
    versions = config.versions_dir
    other = versions.parent / "other_engineer"
    shutil.copytree(versions, other, ignore=shutil.ignore_patterns("__pycache__"))
    mine = create_revision("add a thing", versions_dir=versions)
    theirs = create_revision("add a thing", versions_dir=other)  # same message, same minute
    shutil.copy2(theirs.path, versions / theirs.path.name)
    return mine.revision, theirs.revision


def test_two_engineers_cannot_take_the_same_id(fixture_config):
    mine, theirs = _branch(fixture_config)
    assert mine != theirs
    assert len({next_revision_id("same") for _ in range(50)}) == 50
    assert re.fullmatch(r"\d{12}_[0-9a-f]{8}_add_a_thing", mine)
    assert load_revisions().ids[:5] == [  # the project's older ids stay valid
        "0001_initial_schema", "0002_legacy_environmental_to_b3", "0003_sources_shapes",
        "0004_entity_identifier_snapshot_redactions_ac", "0005_pipeline_outputs_carry_organizationid_sn"]


def test_a_branched_graph_loads_with_its_heads_and_branch_point(fixture_config):
    mine, theirs = _branch(fixture_config)
    chain = load_revisions(fixture_config.versions_dir)
    assert sorted(chain.heads) == sorted([mine, theirs])
    assert chain.branch_points == ["0001_initial_schema"]


async def test_upgrade_refuses_several_heads_naming_them_and_the_merge(databases, fixture_config):
    mine, theirs = _branch(fixture_config)
    with pytest.raises(PlanError) as raised:
        await upgrade(databases, config=fixture_config)
    message = str(raised.value)
    assert mine in message and theirs in message and 'vsme migrate merge -m "merge heads"' in message
    # one head by name is still a valid target
    result = await upgrade(databases, mine, config=fixture_config)
    assert {s.step.revision for s in result.steps} == {"0001_initial_schema", mine}


def test_plan_on_a_merged_graph_applies_the_other_branch_then_the_merge():
    chain = ["a", "b1", "c1", "b2", "m"]
    parents = {"a": (), "b1": ("a",), "c1": ("b1",), "b2": ("a",), "m": ("c1", "b2")}
    steps = plan_steps(chain, {"x": {"a", "b1", "c1"}}, "head", "upgrade", parents=parents)
    assert [s.revision for s in steps] == ["b2", "m"]
    down = plan_steps(chain, {"x": set(chain)}, "b1", "downgrade", parents=parents)
    assert [s.revision for s in down] == ["m", "b2", "c1"]
    with pytest.raises(PlanError, match="b2 applied but not a"):
        plan_steps(chain, {"x": {"b2"}}, "head", "upgrade", parents=parents)


def test_cli_on_a_branch_heads_branches_read_only_commands_merge_and_show(fixture_config, database_names,
                                                                           embedded_dir):
    versions = fixture_config.versions_dir
    mine, theirs = _branch(fixture_config)
    code, out = _cli(versions, "heads")
    assert code == 0 and mine in out and theirs in out and "vsme migrate merge" in out
    code, out = _cli(versions, "branches")
    assert code == 0 and "0001_initial_schema" in out and mine in out and theirs in out
    for command, expected in (("current", 1), ("history", 0), ("plan", 0)):
        code, out = _cli(versions, command)
        assert code == expected, (command, out)
        assert "vsme migrate merge" in out, (command, out)
    code, out = _cli(versions, "check")
    assert code == 1 and "heads" in out and "vsme migrate merge" in out
    code, out = _cli(versions, "upgrade", "head")
    assert code == 1 and mine in out and theirs in out and "vsme migrate merge" in out
    code, out = _cli(versions, "merge", "-m", "merge heads")
    assert code == 0, out
    chain = load_revisions(versions)
    merge = chain.get(chain.head)
    assert sorted(merge.down_revisions) == sorted([mine, theirs]) and merge.is_merge
    code, out = _cli(versions, "heads")
    assert code == 0 and merge.revision in out and "merge -m" not in out
    code, out = _cli(versions, "upgrade", "head")
    assert code == 0, out
    assert _cli(versions, "current")[0] == 0
    code, out = _cli(versions, "show", merge.revision.split("_")[1])
    assert code == 0 and f"Revises: {', '.join(merge.down_revisions)}" in out and "merge heads" in out
    code, out = _cli(versions, "history")
    assert code == 0 and "merge" in out and "branch point" in out
