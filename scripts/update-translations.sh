#!/usr/bin/env bash
# Refreshes the .ts sources from the code after strings change. Translate what it marks
# unfinished (Qt Linguist: .venv/bin/pyside6-linguist), then run the set-up to build the .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find kiosk/ui -name '*.py' -o -name '*.qml' | sort)
.venv/bin/pyside6-lupdate "${sources[@]}" -ts resources/i18n/kiosk_zh_CN.ts \
  -source-language en -target-language zh_CN -no-obsolete -locations none
# English is the source language; its file holds only the plural forms.
.venv/bin/pyside6-lupdate "${sources[@]}" -ts resources/i18n/kiosk_en.ts \
  -source-language en -target-language en -pluralonly -no-obsolete -locations none
