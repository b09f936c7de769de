#!/usr/bin/env bash
# Type-checks with mypy (settings: [tool.mypy] in pyproject.toml). First the Qt-free core under
# --strict: the wire package, the services, store and sync, the plain modules they import and the
# county staff console;
# then the whole kiosk and the county server in mypy's default mode (the kiosk's Qt UI and entry
# points; the core keeps its strict override there too). Runs both; fails if either finds an
# error.
set -uo pipefail
cd "$(dirname "$0")/.."
STRICT=(
  redhome_wire
  kiosk/services kiosk/store kiosk/sync
  kiosk/__init__.py kiosk/app.py kiosk/capabilities.py kiosk/capability.py kiosk/config.py
  kiosk/credentials.py kiosk/demodir.py kiosk/paths.py kiosk/ports.py
  county/console
)
status=0
.venv/bin/python -m mypy --strict "${STRICT[@]}" || status=1
.venv/bin/python -m mypy kiosk county || status=1
exit "$status"
