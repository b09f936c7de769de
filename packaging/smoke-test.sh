#!/usr/bin/env bash
# Runs a built bundle's --self-test twice: offscreen, and on X11 under Xvfb (which loads the xcb
# platform plugin and its X libraries). Both must pass, with no QML or plugin errors on the way.
#
#   packaging/smoke-test.sh BUNDLE_DIR_OR_TARBALL [--only offscreen|xcb]
#
# BUNDLE_DIR_OR_TARBALL is dist/redhome-kiosk (the folder) or the .tar.gz build-linux.sh made.
# Exit status 0 only if every run passed. The logs of each run stay in a temp dir on failure.
set -euo pipefail

ONLY=""
BUNDLE=""
while (($#)); do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) [ -z "$BUNDLE" ] || { echo "one bundle at a time" >&2; exit 2; }; BUNDLE="$1"; shift ;;
  esac
done
[ -n "$BUNDLE" ] || { sed -n '5p' "$0" >&2; exit 2; }
case "$ONLY" in ""|offscreen|xcb) ;; *) echo "--only offscreen or --only xcb" >&2; exit 2 ;; esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/redhome-smoke-XXXXXX")"
XVFB_PID=""
cleanup() {
  status=$?
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  if [ "$status" -eq 0 ]; then rm -rf "$WORK"; else echo "smoke-test: logs kept in $WORK" >&2; fi
}
trap cleanup EXIT

if [ -f "$BUNDLE" ]; then
  mkdir -p "$WORK/bundle"
  tar -xzf "$BUNDLE" -C "$WORK/bundle"
  BUNDLE="$WORK/bundle"
fi
if [ -x "$BUNDLE/redhome-kiosk/redhome-kiosk" ]; then
  EXE="$BUNDLE/redhome-kiosk/redhome-kiosk"
elif [ -x "$BUNDLE/redhome-kiosk" ] && [ -f "$BUNDLE/redhome-kiosk" ]; then
  EXE="$BUNDLE/redhome-kiosk"
else
  echo "smoke-test: no redhome-kiosk executable in $BUNDLE" >&2
  exit 2
fi

# QML that fails to load, a plugin that is missing or will not load, a Python traceback: the
# self-test may still limp to exit 0 past some of these, the bundle is broken all the same.
PROBLEMS='is not installed|is not a type|Cannot load library|Could not load the Qt platform plugin|'
PROBLEMS+='Could not find the Qt platform plugin|QQmlApplicationEngine failed|\.qml:[0-9]+:|'
PROBLEMS+='Traceback \(most recent call last\)|ModuleNotFoundError|ImportError|No such file'

failures=0

run() {
  local name="$1" platform="$2"
  shift 2
  local home="$WORK/$name-home" log="$WORK/$name.log" started status
  mkdir -p "$home" && chmod 700 "$home"
  started=$(date +%s.%N)
  status=0
  # A clean environment, as a service has: nothing of the developer's venv, Qt or keyring.
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" TMPDIR="$home" XDG_RUNTIME_DIR="$home" \
    XDG_CACHE_HOME="$home/cache" XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" \
    LANG=C.UTF-8 QT_QPA_PLATFORM="$platform" QT_DEBUG_PLUGINS=1 "$@" \
    timeout 180 "$EXE" --self-test >"$log" 2>&1 || status=$?
  local seconds
  seconds=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  local verdict=PASS reason=""
  if [ "$status" -ne 0 ]; then
    verdict=FAIL reason="exit status $status"
  elif ! grep -q '^self-test passed' "$log"; then
    verdict=FAIL reason="no 'self-test passed' line"
  elif grep -Eq "$PROBLEMS" "$log"; then
    verdict=FAIL reason="errors in the output"
  # Proof the run really went through this platform plugin, not a silent fall-back to another.
  elif ! grep -Eq "platforms/libq$platform\.so\" loaded library| on $platform\b" "$log"; then
    verdict=FAIL reason="did not run on $platform (does the self-test still force offscreen?)"
  fi
  echo "smoke-test: $verdict $name (QT_QPA_PLATFORM=$platform) in ${seconds}s${reason:+: $reason}"
  grep -E '^(PASS|FAIL) ' "$log" | sed 's/^/    /' || true
  if [ "$verdict" = FAIL ]; then
    grep -E "$PROBLEMS" "$log" | head -n 20 | sed 's/^/    ! /' || true
    failures=$((failures + 1))
  fi
}

if [ "$ONLY" != xcb ]; then
  run offscreen offscreen
fi

if [ "$ONLY" != offscreen ]; then
  if ! command -v Xvfb >/dev/null; then
    echo "smoke-test: FAIL xcb: Xvfb is not installed (Debian: apt-get install xvfb)"
    failures=$((failures + 1))
  else
    # Xvfb picks a free display itself and writes its number to fd 3: no races, no guessing.
    exec 3>"$WORK/display"
    Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    exec 3>&-
    for _ in $(seq 100); do
      [ -s "$WORK/display" ] && break
      kill -0 "$XVFB_PID" 2>/dev/null || break
      sleep 0.1
    done
    if [ ! -s "$WORK/display" ]; then
      echo "smoke-test: FAIL xcb: Xvfb did not start"
      sed 's/^/    /' "$WORK/xvfb.log"
      failures=$((failures + 1))
    else
      run xcb xcb DISPLAY=":$(tr -d '[:space:]' < "$WORK/display")"
    fi
  fi
fi

[ "$failures" -eq 0 ] || exit 1
