"""The real county server (a child process) and the real sync client, a fault proxy between.

Every test ends by checking that each visit arrived exactly once and that the outbox drained.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.sync.errors import SyncReason
from tests.e2e.conftest import (
    CLIENT_TIMEOUT_S,
    STALL_S,
    add_visits,
    assert_exactly_once,
    county_visit_ids,
    kiosk_cli,
    kiosk_env,
    station_dir,
)
from tests.e2e.faultproxy import Fault, FaultProxy


def drain(kiosk, limit: int = 40) -> int:
    """Rounds until one succeeds with nothing pending; returns how many it took."""
    for round_number in range(1, limit + 1):
        report = kiosk.sync.run_round()
        if report.ok and report.pending == 0:
            return round_number
    raise AssertionError(f"outbox not drained after {limit} rounds: {report.as_json()}")


def test_connection_refused_keeps_everything_until_the_network_returns(kiosk, county, proxy):
    add_visits(kiosk, 40)
    proxy.refuse()
    report = kiosk.sync.run_round()
    assert report.error is not None and report.error.reason is SyncReason.OFFLINE
    assert report.pending == 40
    proxy.accept()
    assert drain(kiosk) == 1
    assert_exactly_once(kiosk, county)


def test_a_lost_response_is_acknowledged_later_and_blocks_nothing(kiosk, county, proxy):
    """azure-mobile-services#811: the server applied the push, the answer never came back."""
    add_visits(kiosk, 30)
    proxy.script(Fault.DROP_RESPONSE)
    report = kiosk.sync.run_round()
    assert report.error is not None and report.error.retryable
    assert report.pending == 30
    assert len(county_visit_ids(county)) == 30  # applied on the server
    add_visits(kiosk, 15, seed=2)
    again = kiosk.sync.run_round()
    assert again.ok and again.pending == 0
    assert again.push.duplicates == 30 and again.push.acked == 45
    assert_exactly_once(kiosk, county)


def test_a_stall_longer_than_the_timeout_is_cut_short_and_retried(kiosk, county, proxy):
    add_visits(kiosk, 20)
    proxy.script(Fault.STALL_RESPONSE)
    started = time.monotonic()
    report = kiosk.sync.run_round()
    elapsed = time.monotonic() - started
    assert report.error is not None and report.error.reason is SyncReason.TIMEOUT
    assert elapsed < STALL_S + 1, "the client waited for the stall instead of timing out"
    assert elapsed >= CLIENT_TIMEOUT_S * 0.9
    assert drain(kiosk) == 1
    assert_exactly_once(kiosk, county)


def test_a_truncated_response_is_not_trusted(kiosk, county, proxy):
    add_visits(kiosk, 20)
    proxy.script(Fault.TRUNCATE)
    report = kiosk.sync.run_round()
    assert report.error is not None
    assert report.error.reason in (SyncReason.BAD_RESPONSE, SyncReason.CONNECTION_LOST)
    assert report.pending == 20
    assert drain(kiosk) == 1
    assert_exactly_once(kiosk, county)


def test_a_truncated_feed_page_moves_no_cursor(kiosk, county, proxy):
    from redhome_wire.station import ServiceData

    for index in range(5):
        county.publish("*", "service", f"s{index}", ServiceData(name_zh=f"服务{index}"))
    add_visits(kiosk, 3)
    proxy.script(Fault.PASS, Fault.TRUNCATE)  # the push goes through, the first pull is cut
    report = kiosk.sync.run_round()
    assert report.error is not None and report.push.acked == 3
    from kiosk.store.models import CountyService, SyncState

    with kiosk.uow_factory() as uow:
        state = uow.session.get(SyncState, 1)
        assert state is None or state.pull_cursor == 0
        assert uow.session.query(CountyService).count() == 0
    assert kiosk.sync.run_round().pulled == 6  # the profile and five services
    assert_exactly_once(kiosk, county)


def test_a_request_reset_before_delivery_is_simply_sent_again(kiosk, county, proxy):
    add_visits(kiosk, 10)
    proxy.script(Fault.RESET)
    assert kiosk.sync.run_round().error is not None
    assert county_visit_ids(county) == []
    assert drain(kiosk) == 1
    assert_exactly_once(kiosk, county)


def test_the_server_killed_and_restarted_mid_push(kiosk, county, proxy, county_process):
    add_visits(kiosk, 100)
    kiosk.sync.set_batch_size(20)
    killed: list[int] = []

    def kill_after_second_batch(report) -> None:
        if report.batches == 2 and not killed:
            county_process.kill(signal.SIGKILL)
            killed.append(report.batches)

    report = kiosk.sync.run_round(progress=kill_after_second_batch)
    assert killed == [2]
    assert report.error is not None and report.error.retryable
    assert report.pending == 60
    county_process.start()
    # Restarted and killed again while an answer is held: the server had applied it.
    proxy.script(Fault.STALL_RESPONSE)
    stalled = kiosk.sync.run_round()
    assert stalled.error is not None
    county_process.restart()
    assert drain(kiosk) <= 2
    assert_exactly_once(kiosk, county)


def test_the_sync_process_killed_mid_push_then_run_again(tmp_path, county, proxy):
    data = station_dir(tmp_path, county_timeout_s=10)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return kiosk_cli(data, *args, timeout_s=120)

    assert cli("simulate", "--visits", "150").returncode == 0
    code = county.enrolment_code("CSX-01")
    assert cli("enroll", "--server", proxy.url, "--code", code).returncode == 0
    proxy.stall_s = 30  # held until the process is killed
    proxy.script(Fault.PASS, Fault.STALL_RESPONSE)
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), "sync", "--batch-size", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=kiosk_env(),
    )
    try:
        assert proxy.stalled.wait(60), "the second batch never reached the proxy"
        process.send_signal(signal.SIGKILL)
        process.wait(15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert len(county_visit_ids(county)) == 100  # two batches applied, one acknowledged
    proxy.stall_s = STALL_S

    again = cli("sync", "--batch-size", "50")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout.strip().splitlines()[-1])
    assert report["pushed"] == 100 and report["duplicates"] == 50
    assert report["pending"] == 0 and report["parked"] == 0
    remote = county_visit_ids(county)
    assert len(remote) == len(set(remote)) == 150
    assert county.stats()["CSX-01"].counts["visits"] == 150


def run_randomised(
    kiosk,
    county,
    proxy: FaultProxy,
    *,
    seed: int,
    waves: int,
    per_wave: int,
    county_process=None,
    restart_probability: float = 0.0,
    max_rounds: int = 400,
    deadline_s: float = 240,
) -> dict[Fault, int]:
    rng = random.Random(seed)
    proxy.set_random(
        random.Random(seed + 1),
        {
            Fault.PASS: 5,
            Fault.RESET: 1,
            Fault.DROP_RESPONSE: 1.5,
            Fault.STALL_RESPONSE: 0.5,
            Fault.TRUNCATE: 1,
        },
    )
    kiosk.sync.set_batch_size(rng.choice([10, 25, 40]))
    started = time.monotonic()
    rounds = 0
    for wave in range(waves):
        add_visits(kiosk, per_wave, seed=seed * 100 + wave)
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.1:
                proxy.refuse()
            kiosk.sync.run_round()
            rounds += 1
            proxy.accept()
            if county_process is not None and rng.random() < restart_probability:
                county_process.restart()
    proxy.set_random(None, None)
    faults = proxy.faults_applied()
    while kiosk.sync.status().pending and rounds < max_rounds:
        assert time.monotonic() - started < deadline_s, "randomised run out of time"
        kiosk.sync.run_round()
        rounds += 1
    assert_exactly_once(kiosk, county)
    return faults


def test_randomised_faults_small(kiosk, county, proxy):
    faults = run_randomised(kiosk, county, proxy, seed=11, waves=6, per_wave=40)
    injected = {fault for fault, count in faults.items() if count and fault is not Fault.PASS}
    assert len(injected) >= 3, faults


def test_the_proxy_itself_passes_traffic_unchanged(proxy, county):
    import requests

    assert requests.get(f"{proxy.url}/healthz", timeout=5).json()["status"] == "ok"
    assert proxy.exchanges[-1].path == "/healthz"
    proxy.refuse()
    try:
        requests.get(f"{proxy.url}/healthz", timeout=5)
        raise AssertionError("the refused proxy still answered")
    except requests.ConnectionError:
        pass
    proxy.accept()
    assert requests.get(f"{proxy.url}/healthz", timeout=5).ok


def test_data_dir_layout_after_runs_keeps_no_token(tmp_path: Path, kiosk):
    for path in (tmp_path / "kiosk").rglob("*"):
        if path.is_file():
            assert b"Bearer" not in path.read_bytes()
