"""Issue 14: the README's migration workflow, end to end, on a scratch copy of the project, and
every concrete ``vsme migrate`` command of README.md ("Migrations") and docs/migrations.md."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from vsme_pipeline.settings import PROJECT_ROOT

COPIED = ("vsme_pipeline", "documents", "migrations", "assets", "pyproject.toml", "workspace.yaml")


def _readme_commands() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme.split("## Migrations", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        commands.extend(part.strip() for part in line.split("&&") if part.strip())
    return commands


def _doc_commands() -> list[str]:
    """Concrete commands of docs/migrations.md (placeholders such as REV, [..], a|b are skipped)."""
    text = (PROJECT_ROOT / "docs" / "migrations.md").read_text()
    found = re.findall(r"`(vsme migrate [^`]+)`", text)
    return [c for c in dict.fromkeys(found) if not re.search(r"REV|\[|\||<|\.\.\.", c)]


def test_readme_workflow_end_to_end_on_a_scratch_copy(tmp_path: Path, database_names, embedded_dir):
    project = tmp_path / "project"
    project.mkdir()
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            # bytecode too (copy2 keeps the sources' times, so it stays valid): each command is a new process
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    env = {**os.environ, "PYTHONPATH": str(project), "COLUMNS": "200"}
    env.pop("VSME_MIGRATIONS_DIR", None)
    ran: list[str] = []

    def vsme(command: str, expect: int = 0) -> str:
        args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', command)][1:]
        result = subprocess.run([sys.executable, "-c", "from vsme_pipeline.cli.main import app; app()", *args],
                                cwd=project, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == expect, f"{command}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
        ran.append(command)
        return " ".join((result.stdout + result.stderr).split())  # rich wraps long lines

    # the project as committed: migrate to head
    vsme("vsme migrate upgrade head")
    # change a document: check fails naming the change
    audit = project / "documents" / "pipeline" / "audit.py"
    audit.write_text(audit.read_text().replace("    run_id: str | None = None\n",
                                               "    run_id: str | None = None\n    pipeline_note: str | None = None\n"))
    out = vsme("vsme migrate check", expect=1)
    assert "vsme_guru.audit_events" in out and "add pipelineNote" in out, out
    out = vsme('vsme migrate revision --autogenerate -m "add vat number"')
    assert "add property pipelineNote" in out, out
    added = next(project.glob("migrations/versions/*_add_vat_number.py")).stem
    assert len(next(project.glob("migrations/versions/*_add_vat_number.py")).read_text().splitlines()) < 60
    assert vsme("vsme migrate check")
    vsme("vsme migrate plan")
    vsme("vsme migrate upgrade head")
    vsme("vsme migrate current")
    vsme("vsme migrate check --live")
    assert "downgrade" in vsme("vsme migrate plan -1")
    assert not (project / "migrations" / "schema_snapshot.json").exists()  # nothing but the revision changed
    vsme("vsme migrate downgrade -1")
    vsme("vsme migrate current", expect=1)
    vsme("vsme migrate upgrade head")
    # scripts/test.sh's migration cycle
    for command in ("vsme migrate check", "vsme migrate upgrade head", "vsme migrate downgrade base",
                    "vsme migrate upgrade head", "vsme migrate current", "vsme migrate check --live"):
        vsme(command)
    # two engineers each add a revision on the same head; both land: two heads
    out = vsme('vsme migrate revision -m "engineer one"')
    first = next(project.glob("migrations/versions/*_engineer_one.py"))
    second_id = first.stem.replace(first.stem.split("_")[1], "0badc0de").replace("engineer_one", "engineer_two")
    (first.parent / f"{second_id}.py").write_text(first.read_text().replace(first.stem, second_id))
    out = vsme("vsme migrate heads")
    assert first.stem in out and second_id in out and 'vsme migrate merge -m "merge heads"' in out, out
    out = vsme("vsme migrate current", expect=1)
    assert "vsme migrate merge" in out, out
    out = vsme("vsme migrate upgrade head", expect=1)
    assert first.stem in out and second_id in out and "vsme migrate merge" in out, out
    vsme('vsme migrate merge -m "merge heads"')
    out = vsme("vsme migrate heads")
    assert first.stem not in out and "merge_heads" in out, out
    vsme("vsme migrate upgrade head")
    vsme("vsme migrate current")
    out = vsme("vsme migrate show head")
    assert f"Revises: {', '.join(sorted([first.stem, second_id]))}" in out, out
    assert "vsme_guru.audit_events: add property pipelineNote" in vsme("vsme migrate show " + added.split("_")[1])
    vsme("vsme migrate check --live")
    # the remaining commands of the docs, at head
    for command in _doc_commands():
        if command not in ran and "revision" not in command:
            vsme(command)
    for command in _readme_commands():
        assert command in ran, f"README command not exercised: {command}"
    for command in _doc_commands():
        assert command in ran or command.startswith('vsme migrate revision -m "..."'), command
    assert "vsme migrate downgrade -1" in ran and "vsme migrate plan -1" in ran
