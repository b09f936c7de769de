#!/usr/bin/env bash
# Lints, type-checks the county, and runs the whole test suite headless. Extra arguments go to
# pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m mypy county
.venv/bin/python -m pytest "$@"
