"""sd_notify over a real unix datagram socket, the way systemd listens for it."""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.watchdog import Notifier, request_maintenance

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs unix sockets")


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, str]]:
    # A short directory: a unix socket path must fit in 108 bytes, pytest's tmp_path may not.
    with tempfile.TemporaryDirectory(prefix="notify-") as folder:
        path = str(Path(folder) / "notify.sock")
        receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        receiver.bind(path)
        receiver.settimeout(2)
        try:
            yield receiver, path
        finally:
            receiver.close()


def _received(receiver: socket.socket) -> str:
    return receiver.recv(4096).decode("utf-8")


def test_without_notify_socket_everything_is_a_quiet_no_op() -> None:
    notifier = Notifier.from_environment({})
    assert not notifier.enabled
    assert notifier.watchdog_interval_ms is None
    assert notifier.ready("up") is False
    assert notifier.ping() is False
    assert notifier.status("fine") is False
    assert notifier.stopping() is False
    notifier.close()


def test_ready_watchdog_status_and_stopping_reach_the_socket(listener) -> None:
    receiver, path = listener
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": path})
    assert notifier.enabled
    assert notifier.ready("home page up")
    assert _received(receiver) == "READY=1\nSTATUS=home page up"
    assert notifier.ping()
    assert _received(receiver) == "WATCHDOG=1"
    assert notifier.status("syncing")
    assert _received(receiver) == "STATUS=syncing"
    assert notifier.extend_timeout(90)
    assert _received(receiver) == "EXTEND_TIMEOUT_USEC=90000000"
    assert notifier.stopping()
    assert _received(receiver) == "STOPPING=1"
    notifier.close()


def test_a_newline_in_a_status_cannot_forge_another_field(listener) -> None:
    receiver, path = listener
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": path})
    assert notifier.status("bad\nREADY=1")
    assert _received(receiver) == "STATUS=bad READY=1"
    notifier.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux's")
def test_an_abstract_socket_name_starting_with_at() -> None:
    name = f"redhome-test-{uuid.uuid4().hex}"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(b"\0" + name.encode("ascii"))
    receiver.settimeout(2)
    try:
        notifier = Notifier.from_environment({"NOTIFY_SOCKET": f"@{name}"})
        assert notifier.ready()
        assert _received(receiver) == "READY=1"
        notifier.close()
    finally:
        receiver.close()


def test_a_vanished_socket_returns_false_and_never_raises(listener) -> None:
    receiver, path = listener
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": path})
    receiver.close()
    os.unlink(path)
    assert notifier.ping() is False
    assert notifier.stopping() is False
    notifier.close()


def test_a_non_unix_notify_socket_turns_notifications_off() -> None:
    notifier = Notifier.from_environment(
        {"NOTIFY_SOCKET": "vsock:2:1234", "WATCHDOG_USEC": "30000000"}
    )
    assert not notifier.enabled
    assert notifier.watchdog_interval_ms is None
    assert notifier.ping() is False


def test_a_full_queue_drops_pings_instead_of_blocking_the_caller(listener) -> None:
    _, path = listener
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": path})
    started = time.monotonic()
    results = [notifier.ping() for _ in range(5000)]
    assert time.monotonic() - started < 5
    # Nobody reads: the kernel queue fills up, and then pings are dropped, not waited for.
    assert results[0] is True
    assert False in results
    notifier.close()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15_000),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4242"}, 15_000),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "cage"}, None),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "-5"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({"WATCHDOG_USEC": "1000"}, 1),
        ({}, None),
    ],
)
def test_watchdog_interval_is_half_of_watchdog_usec_for_the_watched_process(
    listener, environ, expected
) -> None:
    _, path = listener
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": path, **environ}, pid=4242)
    assert notifier.watchdog_interval_ms == expected


def test_no_watchdog_interval_without_a_socket_to_ping() -> None:
    notifier = Notifier.from_environment({"WATCHDOG_USEC": "30000000"})
    assert notifier.watchdog_interval_ms is None


def test_maintenance_leaves_a_flag_in_the_runtime_directory(tmp_path) -> None:
    flag = request_maintenance({"RUNTIME_DIRECTORY": f"{tmp_path}:/run/other"})
    assert flag == tmp_path / "maintenance"
    assert flag.exists()


def test_maintenance_outside_systemd_or_on_a_broken_dir_is_a_quiet_none(tmp_path) -> None:
    assert request_maintenance({}) is None
    assert request_maintenance({"RUNTIME_DIRECTORY": str(tmp_path / "gone" / "deeper")}) is None
