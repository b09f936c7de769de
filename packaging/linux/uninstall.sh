#!/usr/bin/env bash
# Removes the Red Home kiosk: the service, its unit, PAM file and .desktop entry, and the build
# in /opt/redhome-kiosk. The station's data (/var/lib/redhome-kiosk), its logs and the service
# user stay, so a later install picks up where this one left off; --purge removes them too.
#
#   sudo ./uninstall.sh [--purge] [--root DIR] [--prefix DIR] [--user NAME]
#
#   --purge        also delete the data dir (database, backups, station.toml, the keyring file
#                  with the station's token), the logs, the cache and the service user
#   --root DIR     act on a scratch root made by install.sh --root DIR
#   --prefix DIR   where the build is (default /opt/redhome-kiosk)
#   --user NAME    the service user (default redhome)
set -euo pipefail

ROOT=""
PREFIX=/opt/redhome-kiosk
SERVICE_USER=redhome
DATA_DIR=/var/lib/redhome-kiosk
LOG_DIR=/var/log/redhome-kiosk
CACHE_DIR=/var/cache/redhome-kiosk
UNIT=redhome-kiosk.service
PURGE=0

fail() { echo "uninstall: $*" >&2; exit 1; }
say() { echo "uninstall: $*"; }

while (($#)); do
  case "$1" in
    --purge) PURGE=1; shift ;;
    --root) ROOT="${2%/}"; shift 2 ;;
    --prefix) PREFIX="${2%/}"; shift 2 ;;
    --user) SERVICE_USER="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) fail "unknown argument $1" ;;
  esac
done
# Two or three levels and no . or ..: the prefix is moved and deleted wholesale.
safe_prefix() {
  [[ "/$1/" != */./* && "/$1/" != */../* && "$1" =~ ^(/[^/]+){2,3}$ ]]
}
safe_prefix "$PREFIX" \
  || fail "refusing prefix $PREFIX"
[[ "$SERVICE_USER" =~ ^[a-z_][a-z0-9_-]*$ ]] || fail "not a user name: $SERVICE_USER"

REAL=0
if [ -z "$ROOT" ]; then
  [ "$(id -u)" -eq 0 ] || fail "run as root (sudo), or try it with --root DIR"
  REAL=1
else
  [ -d "$ROOT" ] || fail "no such root: $ROOT"
  ROOT="$(cd "$ROOT" && pwd)"
  [ "$ROOT" != / ] || fail "--root / is the real system: leave --root out"
fi
SYSTEMD=0
if [ "$REAL" -eq 1 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  SYSTEMD=1
fi

if [ "$SYSTEMD" -eq 1 ]; then
  systemctl disable --now "$UNIT" 2>/dev/null || true
fi
rm -f "$ROOT/etc/systemd/system/$UNIT" "$ROOT/etc/pam.d/redhome-kiosk" \
  "$ROOT/usr/share/applications/redhome-kiosk.desktop" \
  "$ROOT/usr/share/icons/hicolor/scalable/apps/redhome-kiosk.svg"
rm -rf "$ROOT/etc/systemd/system/$UNIT.d"
if [ "$SYSTEMD" -eq 1 ]; then
  systemctl daemon-reload
  systemctl reset-failed "$UNIT" 2>/dev/null || true
fi
rm -rf "$ROOT$PREFIX" "$ROOT$PREFIX.previous" "$ROOT$PREFIX.new"
say "removed the kiosk from $PREFIX and its service"

if [ "$PURGE" -eq 1 ]; then
  rm -rf "$ROOT$DATA_DIR" "$ROOT$LOG_DIR" "$ROOT$CACHE_DIR"
  if [ "$REAL" -eq 1 ] && getent passwd "$SERVICE_USER" >/dev/null; then
    userdel "$SERVICE_USER" 2>/dev/null || say "could not delete user $SERVICE_USER"
  fi
  say "purged: data dir, logs, cache and the service user are gone"
else
  # The user stays too: the data dir belongs to its uid, and a new user would get another.
  say "kept: data dir $DATA_DIR, logs $LOG_DIR and user $SERVICE_USER (--purge removes them)"
fi
