"""Issue 11, kiosk side: hostile servers, tricky URLs, faults the sync loop must survive."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.sync.backoff import Backoff
from kiosk.sync.client import CountyClient, check_server_url
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


def _enrolled(make_kiosk, county, county_server, name="kiosk"):
    kiosk = make_kiosk(name)
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
