#!/usr/bin/env bash
# The whole test suite, as CI runs it: set up what is missing, check that the documents and the
# migrations agree, that the Dagster definitions load, then run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export VSME_ENV=test
# Isolated embedded database for the CLI checks below (pytest starts its own per session).
export VSME_EMBEDDED_DIR="${VSME_EMBEDDED_DIR:-$(mktemp -d)/embedded}"
export DAGSTER_HOME="${DAGSTER_HOME:-$(mktemp -d)}"
echo "== vsme migrate check (documents vs. the last revision's schema)"
.venv/bin/vsme migrate check
echo "== dagster definitions validate"
.venv/bin/dagster definitions validate -w workspace.yaml
echo "== pytest"
status=0
.venv/bin/pytest "$@" || status=$?
.venv/bin/vsme db stop >/dev/null 2>&1 || true
exit $status
