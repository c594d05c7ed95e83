#!/usr/bin/env bash
# Set up the project environment in .venv (idempotent, quick when nothing is missing).
#   - finds Python 3.13 (python3.13 on PATH, or pyenv's 3.13.x) and says what to install if absent
#   - creates .venv with it, installs uv into it, syncs the locked dependencies (uv.lock)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-packages.sh
# Node.js packages of the tests (the embedded database's conformance suite drives it with the official
# driver; the writer fixtures write the web app's shapes with it): npm ci in each folder, when npm exists.
for node_dir in tests/embedded/node tests/fixtures/node; do
  if command -v npm >/dev/null 2>&1 && { [[ ! -f $node_dir/node_modules/.package-lock.json ]] \
      || [[ $node_dir/package-lock.json -nt $node_dir/node_modules/.package-lock.json ]]; }; then
    echo "setup: installing Node.js test packages (npm ci in $node_dir)"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
stamp=.venv/.synced
# Bytecode of the project's own code, written ahead: CI and sandboxes often set PYTHONDONTWRITEBYTECODE,
# and then every process the tests start (CLI, Dagster code servers, workers, embedded servers) would
# compile its imports again (for Dagster alone ~3x the import time). Up-to-date files are skipped.
compile_project() { .venv/bin/python -m compileall -q -j 0 vsme_pipeline documents assets migrations >/dev/null; }
if [[ -x .venv/bin/python && -f $stamp && $stamp -nt uv.lock && $stamp -nt pyproject.toml ]]; then
  compile_project
  exit 0
fi

works() { [[ -n "$1" ]] && "$1" -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null; }

find_python() {
  local candidate
  if [[ -x .venv/bin/python ]] && works .venv/bin/python; then echo .venv/bin/python; return; fi
  candidate=$(command -v python3.13 || true)
  if works "$candidate"; then echo "$candidate"; return; fi
  if command -v pyenv >/dev/null 2>&1; then
    for candidate in "$(pyenv root)"/versions/3.13*/bin/python3.13; do
      if works "$candidate"; then echo "$candidate"; return; fi
    done
  fi
  return 1
}

if ! python=$(find_python); then
  cat >&2 <<'MSG'
error: Python 3.13 is required and was not found.
  Install it with pyenv (`pyenv install 3.13`) or your system's packages (a `python3.13` on PATH),
  then run this command again.
MSG
  exit 1
fi

if [[ ! -x .venv/bin/python ]] || ! works .venv/bin/python; then
  echo "setup: creating .venv with $("$python" --version) ($python)"
  rm -rf .venv
  "$python" -m venv .venv
fi
if [[ ! -x .venv/bin/uv ]]; then
  echo "setup: installing uv into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check 'uv>=0.9,<1'
fi
echo "setup: syncing dependencies from uv.lock (and compiling their bytecode, see compile_project)"
UV_PYTHON_DOWNLOADS=never VIRTUAL_ENV="$PWD/.venv" .venv/bin/uv sync --frozen --inexact --compile-bytecode \
  --python .venv/bin/python
compile_project
touch "$stamp"
