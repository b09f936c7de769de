"""The long randomised fault runs and the 50-station load: `pytest -m faults_long tests/e2e`.

Deselected by default (see pyproject's addopts); each test is bounded in rounds and time.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from county.app import create_app
from county.testing import serve_in_thread
from kiosk.app import build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from tests.e2e.conftest import add_visits, county_visit_ids, kiosk_cli, kiosk_env, station_dir
from tests.e2e.faultproxy import Fault
from tests.e2e.test_e2e_faults import run_randomised

pytestmark = pytest.mark.faults_long


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_randomised_faults_with_server_restarts(kiosk, county, proxy, county_process, seed):
    faults = run_randomised(
        kiosk,
        county,
        proxy,
        seed=seed,
        waves=15,
        per_wave=80,
        county_process=county_process,
        restart_probability=0.08,
        max_rounds=1500,
        deadline_s=600,
    )
    assert sum(count for fault, count in faults.items() if fault is not Fault.PASS) > 10


def test_sync_process_killed_at_random_moments(tmp_path: Path, county, proxy):
    data = station_dir(tmp_path, county_timeout_s=2)
    rng = random.Random(5)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return kiosk_cli(data, *args)

    code = county.enrolment_code("CSX-01")
    assert cli("enroll", "--server", proxy.url, "--code", code).returncode == 0
    total = 0
    kills = 0
    started = time.monotonic()
    for wave in range(12):
        count = rng.randint(100, 400)
        assert cli("simulate", "--visits", str(count), "--seed", str(wave)).returncode == 0
        total += count
        proxy.set_random(
            random.Random(wave),
            {Fault.PASS: 6, Fault.DROP_RESPONSE: 1, Fault.TRUNCATE: 1, Fault.RESET: 1},
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--data-dir", str(data), "sync", "--batch-size", "25"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=kiosk_env(),
        )
        time.sleep(rng.uniform(0.8, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(30)
        assert time.monotonic() - started < 900
    proxy.set_random(None, None)
    final = cli("sync", "--retries", "5")
    assert final.returncode == 0, final.stderr
    remote = county_visit_ids(county)
    assert len(remote) == len(set(remote)) == total
    assert county.stats()["CSX-01"].counts["visits"] == total
    assert kills >= 3


def test_fifty_stations_push_at_once(tmp_path: Path, county):
    app = create_app(county.database_url)
    stations = 50
    per_station = 40
    kiosks = []
    with serve_in_thread(app) as server:
        for index in range(stations):
            station = build_kiosk(
                DataDir(tmp_path / f"k{index}"),
                credentials=MemoryCredentialStore(),
                settings=Settings(county_timeout_s=60),
            )
            station.sync.enrol(server.url, county.enrolment_code(f"S{index:02}"))
            station.sync.set_batch_size(10)
            add_visits(station, per_station, seed=index)
            kiosks.append(station)
        barrier = threading.Barrier(stations)
        reports: list[object] = []

        def run(station) -> None:
            barrier.wait(60)
            reports.append(station.sync.run_round())

        threads = [threading.Thread(target=run, args=(k,)) for k in kiosks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
    app.state.county.engine.dispose()
    errors = [r.error for r in reports if r.error is not None]  # type: ignore[attr-defined]
    assert len(reports) == stations and errors == []
    stats = county.stats()
    assert all(stats[f"S{i:02}"].counts["visits"] == per_station for i in range(stations))
    for station in kiosks:
        station.close()
