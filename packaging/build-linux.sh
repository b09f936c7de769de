#!/usr/bin/env bash
# Builds the Linux bundle: a PyInstaller one-folder build of the kiosk, checked, and packed as
# redhome-kiosk-VERSION-linux-ARCH.tar.gz. Prints the bundle's size and the build time.
#
#   packaging/build-linux.sh [--out DIR] [--work DIR] [--clean]
#
#   --out DIR   where the folder and the tar.gz go (default: dist/ in the repo, git-ignored)
#   --work DIR  PyInstaller's work files and cache (default: build/packaging/ in the repo)
#   --clean     also throw PyInstaller's binary cache away (use after upgrading PySide6)
#
# PYTHON picks the interpreter (default: the repo's .venv), which needs the project and
# PyInstaller installed: .venv/bin/pip install -e ".[packaging]"
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$REPO/dist"
WORK="$REPO/build/packaging"
CLEAN=()
while (($#)); do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --clean) CLEAN=(--clean); shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT" "$WORK"
OUT="$(cd "$OUT" && pwd)"
WORK="$(cd "$WORK" && pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
APP=redhome-kiosk
started=$(date +%s)

fail() { echo "build-linux: $*" >&2; exit 1; }

# PyInstaller reads link-time dependencies with ldd and objdump (binutils).
for tool in ldd objdump tar gzip; do
  command -v "$tool" >/dev/null || fail "$tool is missing (Debian: apt-get install binutils)"
done
[ -x "$PYTHON" ] || fail "no Python at $PYTHON; run scripts/setup.sh or set PYTHON"
"$PYTHON" -c "import PyInstaller" 2>/dev/null \
  || fail "PyInstaller is not installed: $PYTHON -m pip install -e \"${REPO}[packaging]\""
VERSION="$("$PYTHON" -c 'import kiosk; print(kiosk.__version__)')"
ARCH="$(uname -m)"
BIN_DIR="$(dirname "$PYTHON")"

echo "==> translations"
# Compiled afresh from the .ts sources, so a stale .qm in the checkout never ships.
I18N="$WORK/i18n"
rm -rf "$I18N" && mkdir -p "$I18N"
for ts in "$REPO"/resources/i18n/*.ts; do
  "$BIN_DIR/pyside6-lrelease" -silent "$ts" -qm "$I18N/$(basename "${ts%.ts}").qm"
done

echo "==> PyInstaller $("$PYTHON" -m PyInstaller --version)"
pyi_started=$(date +%s)
BUNDLE="$OUT/$APP"
# Always a fresh analysis: PyInstaller reuses an earlier one when it thinks no source changed,
# judging by file times, and a tree being edited while it builds can fool that.
rm -rf "$BUNDLE" "$WORK/pyinstaller"
# PyInstaller warns about every library it cannot find for modules the spec then drops
# (PulseAudio for Qt Multimedia backends, GTK for platform themes); the ldd check below is the
# one that counts, so those lines go to the log only.
set +e
REDHOME_I18N_DIR="$I18N" PYINSTALLER_CONFIG_DIR="$WORK/cache" \
  "$PYTHON" -m PyInstaller "${CLEAN[@]}" --noconfirm --log-level WARN \
  --distpath "$OUT" --workpath "$WORK/pyinstaller" "$REPO/packaging/$APP.spec" 2>&1 \
  | tee "$WORK/pyinstaller.log" | grep -v 'WARNING: Library not found'
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || fail "PyInstaller failed (full log: $WORK/pyinstaller.log)"
pyi_seconds=$(($(date +%s) - pyi_started))

echo "==> strip debug info"
# pyenv and some wheels ship libraries with DWARF data (libpython alone: 23 MB -> 6 MB).
# --strip-debug keeps every symbol a loader or Qt's plugin loader looks at. The executable
# itself is never stripped: PyInstaller appends its archive to it.
before=$(du -sb "$BUNDLE" | cut -f1)
find "$BUNDLE/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 \
  | xargs -0 strip --strip-debug 2>"$WORK/strip.log" \
  || echo "build-linux: warning: strip skipped some files (see $WORK/strip.log)" >&2
echo "    $(( (before - $(du -sb "$BUNDLE" | cut -f1)) / 1000000 )) MB of debug info removed"

echo "==> install files and build info"
mkdir -p "$BUNDLE/linux"
cp "$REPO"/packaging/linux/* "$BUNDLE/linux/"
cp "$REPO/packaging/README.md" "$BUNDLE/linux/README.md"
chmod 755 "$BUNDLE"/linux/*.sh "$BUNDLE/linux/redhome-kiosk-session"
{
  echo "name: $APP"
  echo "version: $VERSION"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
    git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"') $ARCH"
  echo "glibc: $(ldd --version | head -n1 | awk '{print $NF}') (the oldest a station may run)"
  echo "python: $("$PYTHON" -c 'import platform; print(platform.python_version())')"
  echo "pyside6: $("$PYTHON" -c 'import PySide6; print(PySide6.__version__)')"
  echo "pyinstaller: $("$PYTHON" -m PyInstaller --version)"
} > "$BUNDLE/BUILD-INFO.txt"

echo "==> checks"
INTERNAL="$BUNDLE/_internal"
QT="$INTERNAL/PySide6/Qt"
required=(
  "$BUNDLE/$APP"
  "$INTERNAL/kiosk/ui/qml/Main.qml"
  "$INTERNAL/kiosk/store/migrations/env.py"
  "$INTERNAL/resources/fonts/RedHomeSans-Regular.otf"
  "$INTERNAL/resources/fonts/RedHomeSans-Bold.otf"
  "$INTERNAL/resources/icons/home.svg"
  "$INTERNAL/resources/i18n/kiosk_zh_CN.qm"
  "$INTERNAL/resources/i18n/kiosk_en.qm"
  "$QT/plugins/platforms/libqoffscreen.so"
  "$QT/plugins/platforms/libqxcb.so"
  "$QT/plugins/platforms/libqwayland.so"
  "$QT/plugins/platforms/libqlinuxfb.so"
  "$QT/plugins/wayland-shell-integration/libxdg-shell.so"
  "$QT/plugins/imageformats/libqsvg.so"
  "$QT/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so"
  "$QT/qml/QtQuick/VirtualKeyboard/Plugins/Pinyin/libqtvkbpinyinplugin.so"
  "$QT/qml/QtQuick/Controls/Basic/qmldir"
  "$QT/qml/QtQuick/Layouts/qmldir"
  "$QT/lib/libQt6VirtualKeyboard.so.6"
)
for path in "${required[@]}"; do
  [ -e "$path" ] || fail "missing from the bundle: ${path#"$OUT/"}"
done
ls "$INTERNAL"/kiosk/store/migrations/versions/*.py >/dev/null 2>&1 \
  || fail "no migrations in the bundle"
# Nothing of the pruned modules may be left, and nothing kept may miss a Qt library.
leftovers=$(find "$INTERNAL" \( -iname '*WebEngine*' -o -iname '*Quick3D*' -o -iname 'libQt63D*' \
  -o -iname '*Charts*' -o -iname '*DataVisualization*' -o -iname '*Designer*' -o -iname '*Pdf*' \
  -o -iname 'libav*' -o -iname '*ffmpeg*' \) -print)
[ -z "$leftovers" ] || fail "pruned Qt modules are still in the bundle: $leftovers"
missing=$(find "$INTERNAL" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 \
  | LD_LIBRARY_PATH="$INTERNAL:$QT/lib" xargs -0 -n 32 ldd 2>/dev/null \
  | grep 'not found' | sort -u || true)
if [ -n "$missing" ]; then
  echo "$missing" >&2
  echo "$missing" | grep -q 'libQt6' && fail "a kept library needs a pruned Qt library"
  echo "build-linux: warning: system libraries above are missing on this machine" >&2
fi

echo "==> tar.gz"
TARBALL="$OUT/$APP-$VERSION-linux-$ARCH.tar.gz"
tar -C "$OUT" --owner=0 --group=0 --numeric-owner --sort=name -cf - "$APP" \
  | gzip -6 > "$TARBALL.partial"
mv "$TARBALL.partial" "$TARBALL"

seconds=$(($(date +%s) - started))
folder_bytes=$(du -sb "$BUNDLE" | cut -f1)
tar_bytes=$(stat -c %s "$TARBALL")
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
echo
echo "bundle folder: $BUNDLE ($(mb "$folder_bytes"), $(find "$BUNDLE" -type f | wc -l) files)"
echo "bundle tar.gz: $TARBALL ($(mb "$tar_bytes"))"
echo "build time:    ${seconds}s (PyInstaller ${pyi_seconds}s) on $(nproc) cores"
