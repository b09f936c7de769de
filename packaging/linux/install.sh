#!/usr/bin/env bash
# Installs (or upgrades to) a Red Home kiosk bundle: the build in /opt/redhome-kiosk, the
# service user, the systemd unit with its cage session, the PAM file and the .desktop entry.
# The data dir /var/lib/redhome-kiosk is created once and never touched again: an upgrade keeps
# every byte of it, and the kiosk backs the database up itself before migrating.
#
#   sudo ./install.sh [options] redhome-kiosk-VERSION-linux-ARCH.tar.gz
#
#   --linuxfb         run without cage: install the linuxfb drop-in (Qt draws on the display
#                     itself, in software); for a GPU cage cannot drive
#   --cage            remove that drop-in again (back to the default cage session)
#   --no-start        enable the service but do not (re)start it now
#   --skip-self-test  do not run the new build's --self-test before switching to it
#   --root DIR        install into DIR as if it were / (a scratch root for trying this script:
#                     no user is made, nothing is chown'd, systemctl is not called)
#   --prefix DIR      where the build goes (default /opt/redhome-kiosk)
#   --user NAME       the service user (default redhome)
set -euo pipefail

ROOT=""
PREFIX=/opt/redhome-kiosk
SERVICE_USER=redhome
DATA_DIR=/var/lib/redhome-kiosk
LOG_DIR=/var/log/redhome-kiosk
UNIT=redhome-kiosk.service
MODE=keep
START=1
SELF_TEST=1
TARBALL=""

fail() { echo "install: $*" >&2; exit 1; }
say() { echo "install: $*"; }

while (($#)); do
  case "$1" in
    --linuxfb) MODE=linuxfb; shift ;;
    --cage) MODE=cage; shift ;;
    --no-start) START=0; shift ;;
    --skip-self-test) SELF_TEST=0; shift ;;
    --root) ROOT="${2%/}"; shift 2 ;;
    --prefix) PREFIX="${2%/}"; shift 2 ;;
    --user) SERVICE_USER="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) fail "unknown option $1" ;;
    *) [ -z "$TARBALL" ] || fail "one bundle at a time"; TARBALL="$1"; shift ;;
  esac
done
[ -n "$TARBALL" ] || fail "which bundle? usage: install.sh [options] redhome-kiosk-*.tar.gz"
[ -f "$TARBALL" ] || fail "no such file: $TARBALL"
# Two or three levels and no . or ..: the prefix is moved and deleted wholesale.
safe_prefix() {
  [[ "/$1/" != */./* && "/$1/" != */../* && "$1" =~ ^(/[^/]+){2,3}$ ]]
}
safe_prefix "$PREFIX" \
  || fail "refusing prefix $PREFIX (want something like /opt/redhome-kiosk)"
[[ "$SERVICE_USER" =~ ^[a-z_][a-z0-9_-]*$ ]] || fail "not a user name: $SERVICE_USER"

REAL=0
if [ -z "$ROOT" ]; then
  [ "$(id -u)" -eq 0 ] || fail "run as root (sudo), or try it with --root DIR"
  REAL=1
else
  mkdir -p "$ROOT"
  ROOT="$(cd "$ROOT" && pwd)"
  [ "$ROOT" != / ] || fail "--root / is the real system: leave --root out"
fi
# systemctl only where systemd is actually running (not in a container or a build chroot).
SYSTEMD=0
if [ "$REAL" -eq 1 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  SYSTEMD=1
fi

TARGET="$ROOT$PREFIX"
STAGE="$TARGET.new"
PREVIOUS="$TARGET.previous"

say "unpacking $TARBALL"
rm -rf "$STAGE"
mkdir -p "$STAGE"
# The tarball holds one folder, redhome-kiosk/; its contents become the prefix.
tar -xzf "$TARBALL" -C "$STAGE" --strip-components=1 --no-same-owner
if [ ! -x "$STAGE/redhome-kiosk" ] || [ ! -f "$STAGE/linux/$UNIT" ]; then
  rm -rf "$STAGE"
  fail "$TARBALL is not a Red Home kiosk bundle"
fi
VERSION="$(sed -n 's/^version: //p' "$STAGE/BUILD-INFO.txt" 2>/dev/null || true)"

if [ "$SELF_TEST" -eq 1 ]; then
  say "self-test of the new build ${VERSION:+($VERSION) }before switching to it"
  scratch="$(mktemp -d)"
  # Its own temp data dir and home: the station's data is not touched by the self-test.
  if ! env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$scratch" TMPDIR="$scratch" \
      XDG_RUNTIME_DIR="$scratch" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
      timeout 180 "$STAGE/redhome-kiosk" --self-test >"$scratch/self-test.log" 2>&1; then
    cat "$scratch/self-test.log" >&2
    rm -rf "$STAGE" "$scratch"
    fail "the new build failed its self-test; the installed kiosk is left as it was"
  fi
  grep '^PASS\|^FAIL' "$scratch/self-test.log" | sed 's/^/  /'
  rm -rf "$scratch"
fi

if [ "$REAL" -eq 1 ]; then
  if ! getent passwd "$SERVICE_USER" >/dev/null; then
    say "creating system user $SERVICE_USER"
    useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home \
      --shell /usr/sbin/nologin --comment "Red Home kiosk" "$SERVICE_USER"
  fi
  # The seat's devices come through logind; the groups matter for the linuxfb mode.
  for group in video input render; do
    getent group "$group" >/dev/null && usermod -aG "$group" "$SERVICE_USER"
  done
  if ! command -v cage >/dev/null && [ "$MODE" != linuxfb ] \
      && [ ! -e "/etc/systemd/system/$UNIT.d/linuxfb.conf" ]; then
    say "warning: cage is not installed (apt-get install cage), or use --linuxfb"
  fi
fi

was_active=0
if [ "$SYSTEMD" -eq 1 ] && systemctl is-active --quiet "$UNIT"; then
  was_active=1
  say "stopping the running kiosk"
  systemctl stop "$UNIT"
fi

if [ -e "$TARGET" ]; then
  # One previous build is kept for a quick way back (as long as no migration ran since).
  rm -rf "$PREVIOUS"
  mv "$TARGET" "$PREVIOUS"
fi
mv "$STAGE" "$TARGET"
say "installed ${VERSION:-the bundle} in $TARGET"

# Data and logs: made once, owned by the kiosk user, kept across upgrades and uninstalls.
install -d -m 0700 "$ROOT$DATA_DIR"
install -d -m 0750 "$ROOT$LOG_DIR"
if [ "$REAL" -eq 1 ]; then
  chown "$SERVICE_USER:$SERVICE_USER" "$DATA_DIR" "$LOG_DIR"
fi

# The unit and the .desktop name the default prefix and user; adjust them when those differ.
adjust() {
  sed -e "s#/opt/redhome-kiosk/#$PREFIX/#g" \
    -e "s#^User=redhome\$#User=$SERVICE_USER#" -e "s#^Group=redhome\$#Group=$SERVICE_USER#" "$1"
}
install -d "$ROOT/etc/systemd/system" "$ROOT/etc/pam.d" "$ROOT/usr/share/applications" \
  "$ROOT/usr/share/icons/hicolor/scalable/apps"
adjust "$TARGET/linux/$UNIT" > "$ROOT/etc/systemd/system/$UNIT"
install -m 0644 "$TARGET/linux/redhome-kiosk.pam" "$ROOT/etc/pam.d/redhome-kiosk"
adjust "$TARGET/linux/redhome-kiosk.desktop" > "$ROOT/usr/share/applications/redhome-kiosk.desktop"
install -m 0644 "$TARGET/_internal/resources/icons/home.svg" \
  "$ROOT/usr/share/icons/hicolor/scalable/apps/redhome-kiosk.svg"
chmod 0644 "$ROOT/etc/systemd/system/$UNIT" "$ROOT/usr/share/applications/redhome-kiosk.desktop"
case "$MODE" in
  linuxfb)
    install -d "$ROOT/etc/systemd/system/$UNIT.d"
    adjust "$TARGET/linux/redhome-kiosk-linuxfb.conf" \
      > "$ROOT/etc/systemd/system/$UNIT.d/linuxfb.conf"
    say "linuxfb mode: the kiosk runs without cage" ;;
  cage)
    rm -f "$ROOT/etc/systemd/system/$UNIT.d/linuxfb.conf"
    rmdir "$ROOT/etc/systemd/system/$UNIT.d" 2>/dev/null || true ;;
esac

if [ "$SYSTEMD" -eq 1 ]; then
  systemctl daemon-reload
  systemctl enable "$UNIT" >/dev/null
  if [ "$START" -eq 1 ]; then
    systemctl restart "$UNIT"
    say "started; follow it with: journalctl -u $UNIT -f"
  elif [ "$was_active" -eq 1 ]; then
    say "not restarted (--no-start): the kiosk stays stopped until systemctl start $UNIT"
  fi
  if [ "$(systemctl get-default)" != graphical.target ]; then
    say "note: the default target is $(systemctl get-default); the kiosk starts with" \
      "graphical.target (systemctl set-default graphical.target)"
  fi
else
  say "systemd is not running here: not enabled or started" \
    "(on the station: systemctl daemon-reload && systemctl enable --now $UNIT)"
fi
say "data dir $DATA_DIR kept as it was; logs in $LOG_DIR"
