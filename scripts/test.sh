#!/usr/bin/env bash
# Lints, type-checks (scripts/typecheck.sh), and runs the whole test suite headless. Extra
# arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
./scripts/typecheck.sh
.venv/bin/python -m pytest "$@"
