"""systemd's sd_notify protocol in plain Python: readiness, watchdog pings, status, stopping.

The kiosk pings from a timer on the UI thread, so an event loop that hangs stops the pings and
systemd restarts the kiosk. Outside systemd (a developer's desktop, Windows, the tests) every call
is a no-op. Nothing here ever raises into the caller: a broken notify socket must not take the
kiosk down with it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"
WATCHDOG_PID = "WATCHDOG_PID"
RUNTIME_DIRECTORY = "RUNTIME_DIRECTORY"
MAINTENANCE_FLAG = "maintenance"


def _socket_address(value: str | None) -> str | bytes | None:
    if not value:
        return None
    if value.startswith("@"):
        # An abstract socket: the name starts with a NUL byte and lives in no file system.
        return b"\0" + value[1:].encode("utf-8")
    if value.startswith("/"):
        return value
    # systemd 253+ may hand over "vsock:CID:PORT" (virtual machines); a kiosk never runs so.
    log.warning("%s=%r is not a unix socket; systemd notifications are off", NOTIFY_SOCKET, value)
    return None


def _watchdog_interval_ms(environ: Mapping[str, str], pid: int) -> int | None:
    usec_text = environ.get(WATCHDOG_USEC)
    if not usec_text:
        return None
    try:
        usec = int(usec_text)
    except ValueError:
        log.warning("%s=%r is not a number; no watchdog pings", WATCHDOG_USEC, usec_text)
        return None
    if usec <= 0:
        return None
    pid_text = environ.get(WATCHDOG_PID)
    if pid_text:
        try:
            watched_pid = int(pid_text)
        except ValueError:
            return None
        # systemd names the one process it watches; a child that inherited the variables
        # must not ping on its parent's behalf.
        if watched_pid != pid:
            return None
    # sd_watchdog_enabled(3) advises pinging at half the interval, so one late tick is no restart.
    return max(1, usec // 2000)


def _line(key: str, value: str) -> str:
    # The protocol is one KEY=VALUE per line; a newline inside a value would forge another key.
    return f"{key}={value.replace(chr(10), ' ').replace(chr(13), ' ')}"


class Notifier:
    """Talks to systemd over $NOTIFY_SOCKET; a no-op when there is none.

    Every method returns True when the message was handed to the socket, False otherwise.
    """

    def __init__(self, address: str | bytes | None, watchdog_interval_ms: int | None) -> None:
        self._address = address
        self._socket: socket.socket | None = None
        self.watchdog_interval_ms = watchdog_interval_ms if address is not None else None

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, pid: int | None = None
    ) -> Notifier:
        environ = os.environ if environ is None else environ
        pid = os.getpid() if pid is None else pid
        return cls(_socket_address(environ.get(NOTIFY_SOCKET)), _watchdog_interval_ms(environ, pid))

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def ready(self, status: str | None = None) -> bool:
        fields = {"READY": "1"}
        if status is not None:
            fields["STATUS"] = status
        return self.send(fields)

    def ping(self) -> bool:
        return self.send({"WATCHDOG": "1"})

    def status(self, text: str) -> bool:
        return self.send({"STATUS": text})

    def stopping(self, status: str | None = None) -> bool:
        fields = {"STOPPING": "1"}
        if status is not None:
            fields["STATUS"] = status
        return self.send(fields)

    def extend_timeout(self, seconds: float) -> bool:
        """Ask for more start-up (or stop) time, e.g. before a long migration."""
        return self.send({"EXTEND_TIMEOUT_USEC": str(int(seconds * 1_000_000))})

    def send(self, fields: Mapping[str, str]) -> bool:
        if self._address is None or not fields:
            return False
        message = "\n".join(_line(key, value) for key, value in fields.items())
        try:
            if self._socket is None:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                # A stalled systemd with a full queue must cost us a dropped ping, never a
                # blocked UI thread (which is exactly what the watchdog is there to catch).
                sock.setblocking(False)
                self._socket = sock
            self._socket.sendto(message.encode("utf-8"), self._address)
        except Exception as error:  # never into the caller, whatever the platform throws
            log.debug("systemd notification %r not sent: %s", message, error)
            return False
        return True

    def close(self) -> None:
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
            self._socket = None


def request_maintenance(environ: Mapping[str, str] | None = None) -> Path | None:
    """Before a keeper's "exit kiosk": ask systemd not to start the kiosk again.

    Leaves a file named maintenance in the service's $RUNTIME_DIRECTORY; the unit's
    ExecCondition then keeps the kiosk down until the file goes or the terminal reboots
    (Restart=always would otherwise bring it back within seconds). Returns the file, or None
    outside systemd or when it could not be written. Never raises.
    """
    environ = os.environ if environ is None else environ
    # systemd joins several RuntimeDirectory= entries with ':'; ours is the first.
    runtime = environ.get(RUNTIME_DIRECTORY, "").split(":")[0]
    if not runtime:
        return None
    flag = Path(runtime) / MAINTENANCE_FLAG
    try:
        flag.touch()
    except OSError as error:
        log.warning("could not leave the maintenance flag %s: %s", flag, error)
        return None
    return flag
