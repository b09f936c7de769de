"""Issue 11, kiosk side: hostile servers, tricky URLs, faults the sync loop must survive."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.store.models import SyncState
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import CountyClient, check_server_url
from kiosk.sync.engine import TOKEN_NAME
from kiosk.sync.errors import SyncError, SyncReason
from kiosk.ui.messages import reason_text
from kiosk.ui.sync_viewmodel import SyncViewModel
from tests.sync.conftest import add_visits

REFUSED_URLS = [
    "http://evil.example\\@127.0.0.1",  # urlsplit says 127.0.0.1; requests connects to evil
    "http://evil.example\\@127.0.0.1:8000/",
    "http://127.0.0.1\\@evil.example",
    "https://evil.example\\@127.0.0.1",
    "http://user@127.0.0.1",  # no userinfo at all, even to this machine
    "http://user:pw@localhost:8000",
    "https://user:pw@county.example.cn",
    "https://county.example.cn@evil.example",
    "http://127.0.0.1.evil.example",
    "http://localhost.evil.example",
    "http://evil.example/127.0.0.1",
    "http://evil.example#@127.0.0.1",
    "http://evil.example?@127.0.0.1",
    "http://0x7f.0.0.1",
    "http://2130706433",
    "http://[::ffff:8.8.8.8]",
    "http://10.0.0.1",
    "http://county.example.cn",
    "http:///127.0.0.1",
    "http://127.0.0.1 .evil.example",
    "http://127.0.0.1\t@evil.example",
    "ftp://127.0.0.1",
    "file:///etc/passwd",
    "//127.0.0.1",
    "127.0.0.1:8000",
    "",
]

ALLOWED_URLS = {
    "http://127.0.0.1:8000": "http://127.0.0.1:8000",
    "http://127.1.2.3/": "http://127.1.2.3",
    "http://localhost:8000/": "http://localhost:8000",
    "http://LOCALHOST": "http://LOCALHOST",
    "http://[::1]:8000": "http://[::1]:8000",
    "https://county.example.cn/": "https://county.example.cn",
    "https://county.example.cn:8443/redhome": "https://county.example.cn:8443/redhome",
    "https://10.0.0.1": "https://10.0.0.1",
}


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_tricky_server_urls_are_refused(url):
    with pytest.raises(SyncError) as refused:
        check_server_url(url)
    assert refused.value.reason is SyncReason.INSECURE_URL
    with pytest.raises(SyncError):
        CountyClient(url, token="secret")


@pytest.mark.parametrize(("url", "expected"), sorted(ALLOWED_URLS.items()))
def test_plain_server_urls_pass(url, expected):
    assert check_server_url(url) == expected


# --- #6: a round that raises anything still ends, and the loop carries on ------------------


def _enrolled(make_kiosk, county, county_server, name="kiosk", **kw):
    kiosk = make_kiosk(name, **kw)
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01", "黄花"))
    return kiosk


def test_a_full_disk_during_push_ends_the_round_with_a_reason(make_kiosk, county, county_server):
    kiosk = _enrolled(make_kiosk, county, county_server)
    add_visits(kiosk, 3)

    def full_disk(**_kw):
        raise sqlite3.OperationalError("database or disk is full")

    kiosk.sync.push = full_disk
    report = kiosk.sync.run_round()
    assert report.error is not None and report.error.reason is SyncReason.LOCAL_STORAGE
    assert "disk is full" in report.error.detail


def test_the_gui_sync_loop_survives_errors_that_are_not_sync_errors(
    qtbot, make_kiosk, county, county_server
):
    kiosk = _enrolled(make_kiosk, county, county_server)
    add_visits(kiosk, 3)
    real_round = kiosk.sync.run_round
    failures = [sqlite3.OperationalError("database or disk is full"), OSError(28, "No space")]

    def flaky_round(**kw):
        if failures:
            raise failures.pop(0)
        return real_round(**kw)

    kiosk.sync.run_round = flaky_round
    vm = SyncViewModel(
        kiosk.sync, kiosk.clock, interval_s=3600, backoff=Backoff(base_s=0.05, cap_s=0.2)
    )
    seen: list[str] = []
    vm.changed.connect(lambda: seen.append(vm.errorText))
    vm.start()
    qtbot.waitUntil(lambda: vm.state == "online" and vm.pendingCount == 0, timeout=10_000)
    assert not failures  # both failing rounds ran, and the loop went on to a good one
    assert any("storage" in text for text in seen)
    assert county.count("visits", "CSX-01") == 3
    assert vm.shutdown(5000)


def test_local_storage_has_words_for_the_keeper():
    assert "storage" in reason_text(SyncReason.LOCAL_STORAGE)
    assert "already" in reason_text(SyncReason.ALREADY_RUNNING)


# --- #7: a trickling or huge answer cannot hold a sync or grow the kiosk --------------------


class _HostileServer:
    """A one-purpose HTTP server on 127.0.0.1: reads a request head, then answers with `answer`."""

    def __init__(self, answer):
        self._answer = answer
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        with conn:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            with contextlib.suppress(OSError):
                self._answer(conn, self._stop)

    def close(self):
        self._stop.set()
        self._thread.join(5)
        self._listener.close()


@pytest.fixture
def hostile():
    servers = []

    def start(answer):
        server = _HostileServer(answer)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def _trickle(data: bytes, every_s: float = 0.1):
    def answer(conn, stop):
        for i in range(len(data)):
            if stop.wait(every_s):
                return
            conn.sendall(data[i : i + 1])

    return answer


_FEED = b'{"station_code": "CSX-01", "changes": [], "next_cursor": 0, "has_more": false}'


def _head(length: int) -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {length}\r\n\r\n".encode()
    )


@pytest.mark.parametrize(
    "answer",
    [
        _trickle(_head(len(_FEED)) + _FEED),  # the head itself trickles
        lambda conn, stop: (conn.sendall(_head(100_000)), _trickle(b" " * 100_000)(conn, stop)),
    ],
    ids=["head", "body"],
)
def test_a_trickling_server_cannot_hold_a_request_past_its_deadline(hostile, answer):
    server = hostile(answer)
    client = CountyClient(server.url, token="t", timeout_s=1.0)
    started = time.monotonic()
    with pytest.raises(SyncError) as stopped:
        client.pull("CSX-01", 0)
    elapsed = time.monotonic() - started
    assert stopped.value.reason is SyncReason.TIMEOUT
    assert elapsed < 2.5, elapsed
    client.close()


def test_a_trickling_server_cannot_hold_a_sync_round(hostile, make_kiosk, county, county_server):
    kiosk = _enrolled(make_kiosk, county, county_server, name="trickled", timeout_s=1)
    add_visits(kiosk, 2)
    server = hostile(_trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: y\r\n" * 500, every_s=0.05))
    with kiosk.uow_factory() as uow:
        uow.session.get(SyncState, 1).server_url = server.url
        uow.commit()
    started = time.monotonic()
    report = kiosk.sync.run_round()
    assert report.error is not None and report.error.reason is SyncReason.TIMEOUT
    assert time.monotonic() - started < 3.0


def _huge(declare_length: bool):
    size = 64 * 1024 * 1024

    def answer(conn, stop):
        head = (
            _head(size)
            if declare_length
            else (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
        )
        conn.sendall(head + b'{"station_code": "')
        block = b"x" * 65536
        for _ in range(size // len(block)):
            if stop.is_set():
                return
            conn.sendall(block)

    return answer


@pytest.mark.parametrize("declare_length", [True, False], ids=["declared", "undeclared"])
def test_a_huge_answer_is_refused_past_the_cap(hostile, declare_length):
    server = hostile(_huge(declare_length))
    client = CountyClient(server.url, token="t", timeout_s=10.0, max_response_bytes=1_000_000)
    started = time.monotonic()
    with pytest.raises(SyncError) as refused:
        client.pull("CSX-01", 0)
    assert refused.value.reason is SyncReason.BAD_RESPONSE
    assert "too large" in refused.value.detail
    assert time.monotonic() - started < 5
    client.close()


# --- #14: two syncs on one data dir ---------------------------------------------------------


def _twin(make_kiosk, kiosk, name):
    """A second kiosk on the same data dir (the GUI and `python -m kiosk sync`)."""
    twin = make_kiosk(name)
    twin.credentials.set(TOKEN_NAME, kiosk.credentials.get(TOKEN_NAME))
    return twin


def test_a_second_sync_on_one_data_dir_says_already_running(make_kiosk, county, county_server):
    first = _enrolled(make_kiosk, county, county_server, name="shared")
    second = _twin(make_kiosk, first, "shared")
    add_visits(first, 5)
    inside, release = threading.Event(), threading.Event()
    real_push = first.sync.push

    def slow_push(**kw):
        inside.set()
        assert release.wait(10)
        return real_push(**kw)

    first.sync.push = slow_push
    reports = []
    worker = threading.Thread(target=lambda: reports.append(first.sync.run_round()))
    worker.start()
    assert inside.wait(10)
    second.sync.lock_wait_s = 0.2
    blocked = second.sync.run_round()
    assert blocked.error is not None and blocked.error.reason is SyncReason.ALREADY_RUNNING
    assert "already running" in reason_text(blocked.error.reason.value)
    release.set()
    worker.join(10)
    assert reports[0].ok
    # Once the first is done, the second goes ahead; a short wait covers a round ending.
    assert second.sync.run_round().ok
    assert county.count("visits", "CSX-01") == 5


def test_two_syncs_at_once_on_one_data_dir_never_crash(make_kiosk, county, county_server):
    first = _enrolled(make_kiosk, county, county_server, name="busy")
    second = _twin(make_kiosk, first, "busy")
    add_visits(first, 300)
    start = threading.Barrier(2)
    reports, crashes = [], []

    def sync(kiosk):
        start.wait()
        try:
            for _ in range(3):
                reports.append(kiosk.sync.run_round())
        except Exception as error:  # pragma: no cover - the failure this test is about
            crashes.append(error)

    threads = [threading.Thread(target=sync, args=(kiosk,)) for kiosk in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not crashes
    assert all(report.ok for report in reports), [r.error for r in reports]
    assert county.count("visits", "CSX-01") == 300


def test_the_data_dir_lock_holds_across_processes(make_kiosk, county, county_server):
    kiosk = _enrolled(make_kiosk, county, county_server, name="cli")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from kiosk.sync.dirlock import DirLock\n"
            f"with DirLock(Path({str(kiosk.data_dir.sync_lock)!r})):\n"
            "    print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        kiosk.sync.lock_wait_s = 0.2
        report = kiosk.sync.run_round()
        assert report.error is not None and report.error.reason is SyncReason.ALREADY_RUNNING
    finally:
        holder.communicate("", timeout=10)
    assert kiosk.sync.run_round().ok
