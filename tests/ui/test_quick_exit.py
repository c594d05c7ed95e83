"""The processes ``vsme ui`` starts skip the final garbage collection of their interpreter (what
made an orderly Ctrl-C take 6–16 s on a loaded machine, ``vsme_pipeline.orchestration.ui``), keep
every other step of their exit, and still run a distribution's own ``sitecustomize``."""

import subprocess
import sys
from pathlib import Path

from vsme_pipeline.orchestration.ui import QUICK_EXIT_DIR, dev_environment

# A reference cycle whose finaliser says when the collector reclaims it; an atexit handler and a
# buffered stream show that the orderly steps of an exit still happen.
CHILD = """
import atexit, sys
class Cycle:
    def __del__(self):
        sys.stdout.write("cycle collected\\n")
a, b = Cycle(), Cycle()
a.other, b.other = b, a
del a, b
atexit.register(lambda: sys.stdout.write("atexit ran\\n"))
sys.stdout.write("buffered")
"""


def _run(env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_dev_environment_skips_the_final_collection_and_keeps_the_orderly_exit(tmp_path: Path) -> None:
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)}
    env = dev_environment(base, tmp_path / "home")
    assert env["PYTHONPATH"].split(":") == [str(QUICK_EXIT_DIR), str(tmp_path)]
    assert env["DAGSTER_HOME"] == str(tmp_path / "home")

    assert "cycle collected" in _run(base)  # without the hook the last collection reclaims the cycle
    output = _run(env)
    assert "cycle collected" not in output
    assert "atexit ran" in output and "buffered" in output


def test_a_shadowed_sitecustomize_still_runs(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text("import sys\nsys.stdout.write('own sitecustomize\\n')\n")
    output = _run(dev_environment({"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)}, tmp_path))
    assert "own sitecustomize" in output and "cycle collected" not in output
