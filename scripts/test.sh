#!/usr/bin/env bash
# The whole test suite, as CI runs it: set up what is missing, check that the documents and the
# migrations agree, cycle the migrations on a fresh embedded database, check that the Dagster
# definitions load, then run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Tests never touch a configured database: no URLs (the embedded database stands in), default
# names, and a throw-away embedded database and Dagster home for the CLI checks below (pytest
# starts its own server per session).
unset SCOPE321_DATABASE_URL VSME_GURU_DATABASE_URL PRIMARY_DATABASE_URL \
      SCOPE321_DATABASE_NAME VSME_GURU_DATABASE_NAME EXTERNAL_DATABASE_NAME
export VSME_ENV=test
scratch=$(mktemp -d)
export VSME_EMBEDDED_DIR="$scratch/embedded" DAGSTER_HOME="$scratch/dagster"
mkdir -p "$DAGSTER_HOME" && touch "$DAGSTER_HOME/dagster.yaml"
trap '.venv/bin/vsme db stop >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
echo "== lint: ruff on the whole project; mypy strict on vsme_pipeline/, documents/ and assets/"
.venv/bin/ruff check .
.venv/bin/mypy  # the packages of pyproject [tool.mypy]
echo "== vsme migrate check (documents vs. the schema replayed from the revisions)"
.venv/bin/vsme migrate check
echo "== migrations on a fresh database: upgrade head, downgrade base, upgrade head, no drift"
.venv/bin/vsme migrate upgrade head
.venv/bin/vsme migrate downgrade base
.venv/bin/vsme migrate upgrade head
.venv/bin/vsme migrate current
.venv/bin/vsme migrate check --live
echo "== dg check defs (the Dagster definitions load and validate)"
VIRTUAL_ENV="$PWD/.venv" .venv/bin/dg check defs
echo "== pytest"
.venv/bin/pytest "$@"
