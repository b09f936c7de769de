from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from county.testing import CountyHarness, free_port
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.checkin.catalog import DEFAULT_PLATFORMS
from kiosk.services.checkin.simulation import simulate_visits
from tests.e2e.faultproxy import FaultProxy

CLIENT_TIMEOUT_S = 1
STALL_S = 1.6


class CountyProcess:
    """The real `python -m county serve` in a child process, on a fixed loopback port."""

    def __init__(self, database_url: str, log_path: Path) -> None:
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 30) -> None:
        log = self._log_path.open("ab")
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "county",
                "serve",
                "--db",
                self.database_url,
                "--port",
                str(self.port),
            ],
            stdout=log,
            stderr=log,
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"county server exited: {self._log_path.read_text()}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("county server did not come up")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(sig)
            self._process.wait(15)
        self._process = None

    def restart(self) -> None:
        self.kill(signal.SIGKILL)
        self.start()


@pytest.fixture
def county(tmp_path: Path) -> Iterator[CountyHarness]:
    harness = CountyHarness(f"sqlite:///{tmp_path / 'county' / 'county.db'}")
    yield harness
    harness.close()


@pytest.fixture
def county_process(county: CountyHarness, tmp_path: Path) -> Iterator[CountyProcess]:
    process = CountyProcess(county.database_url, tmp_path / "county.log")
    process.start()
    yield process
    process.kill()


@pytest.fixture
def proxy(county_process: CountyProcess) -> Iterator[FaultProxy]:
    fault_proxy = FaultProxy(county_process.port, stall_s=STALL_S).start()
    yield fault_proxy
    fault_proxy.stop()


@pytest.fixture
def kiosk(tmp_path: Path, county: CountyHarness, proxy: FaultProxy) -> Iterator[Kiosk]:
    station = build_kiosk(
        DataDir(tmp_path / "kiosk"),
        credentials=MemoryCredentialStore(),
        settings=Settings(county_timeout_s=CLIENT_TIMEOUT_S),
    )
    station.sync.enrol(proxy.url, county.enrolment_code("CSX-01", "黄花机场红色之家"))
    proxy.exchanges.clear()
    yield station
    station.close()


def add_visits(kiosk: Kiosk, count: int, seed: int = 1) -> int:
    return simulate_visits(
        kiosk.uow_factory, kiosk.hasher, DEFAULT_PLATFORMS, kiosk.clock.now(), count, 2, seed
    )


def local_visit_ids(kiosk: Kiosk) -> set[str]:
    from sqlalchemy import select

    from kiosk.services.checkin.models import Visit

    with kiosk.uow_factory() as uow:
        return set(uow.session.scalars(select(Visit.public_id)))


def _of_station(county: CountyHarness, column: Any, station: str) -> list[str]:
    """One column of a station's rows at the county (a list: a double would show)."""
    from sqlalchemy import select

    from county.models import Station

    with county._writer() as session:
        return list(session.scalars(select(column).join(Station).where(Station.code == station)))


def county_visit_ids(county: CountyHarness, station: str = "CSX-01") -> list[str]:
    from county.checkin.models import CountyVisit

    return _of_station(county, CountyVisit.visit_id, station)


def kiosk_ops(kiosk: Kiosk) -> dict[str, str]:
    """Every operation in the kiosk's outbox, with its state."""
    from sqlalchemy import select

    from kiosk.store.models import OutboxEntry

    with kiosk.uow_factory() as uow:
        return dict(uow.session.execute(select(OutboxEntry.op_id, OutboxEntry.state)).all())


def county_ops(county: CountyHarness, station: str = "CSX-01") -> list[str]:
    """The operation ids the county applied for a station."""
    from county.models import AppliedOp

    return _of_station(county, AppliedOp.op_id, station)


def assert_acknowledged_at_county(
    kiosk: Kiosk, county: CountyHarness, station: str = "CSX-01"
) -> None:
    """What holds at every moment: each op the kiosk holds as acknowledged is at the county,
    once, and the county holds nothing the kiosk did not write."""
    from kiosk.store.models import OutboxState

    local = kiosk_ops(kiosk)
    remote = county_ops(county, station)
    assert len(remote) == len(set(remote)), "an operation was applied twice"
    assert set(remote) <= set(local), "the county holds an op the kiosk never wrote"
    acknowledged = {op for op, state in local.items() if state == OutboxState.DONE}
    assert acknowledged <= set(remote), "an acknowledged op is not at the county"


def assert_exactly_once(kiosk: Kiosk, county: CountyHarness) -> None:
    local = local_visit_ids(kiosk)
    remote = county_visit_ids(county)
    assert len(remote) == len(set(remote)), "a visit arrived twice"
    assert set(remote) == local, "visits lost or invented"
    assert county.stats()["CSX-01"].counts["visits"] == len(local)
    status = kiosk.sync.status()
    assert status.pending == 0 and status.parked == 0


def kiosk_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}


def station_dir(root: Path, county_timeout_s: float) -> Path:
    """A data dir for the kiosk's command line, with its county timeout in station.toml."""
    data = root / "station"
    data.mkdir()
    (data / "station.toml").write_text(
        f"[kiosk]\ncounty_timeout_s = {county_timeout_s}\n", encoding="utf-8"
    )
    return data


def kiosk_cli(data: Path, *args: str, timeout_s: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m kiosk --data-dir DATA ARGS...`, run to its end (its file keyring: no D-Bus)."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        env=kiosk_env(),
    )
