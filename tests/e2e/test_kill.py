"""`kill -9` in the middle of the work: a station while it writes, the county while it takes pushes.

The station is the real kiosk in a child process (tests/e2e/kill_writer.py) on one data dir,
checking drivers in as fast as it can, every other run with its sync loop pushing to the real
county server; it is killed at a random moment of a write burst (one run in ten at a random
moment from its spawn, often before its start-up ended) and started again on the same data dir,
whose start-up check must pass every time.
The county is the real server in a child process, killed just after a batch of a station's
push was answered (so the next is on the wire) and started again on the same database; before
each restart the dead server's database is checked. `--county-db=postgres` runs that test on a
throwaway PostgreSQL.

Afterwards the database is whole (`PRAGMA integrity_check`), every write the kiosk acknowledged
is there with its outbox row, every operation the kiosk holds as acknowledged is at the county
exactly once, and after a clean sync both sides hold the same records, each once.

The default suite kills each a few times; `-m faults_long` kills the kiosk 100 times and the
county 20 times. `-s` prints what was counted.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from county.testing import CountyHarness
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.checkin.models import Visit
from kiosk.store.database import check_integrity
from kiosk.store.models import OutboxEntry
from kiosk.sync.engine import PushReport, RoundReport
from kiosk.sync.errors import SyncReason
from tests.e2e.conftest import (
    CountyProcess,
    add_visits,
    assert_acknowledged_at_county,
    assert_exactly_once,
    county_ops,
    kiosk_cli,
    kiosk_env,
    station_dir,
)

ROOT = Path(__file__).resolve().parents[2]
KIOSK_KILLS_QUICK, KIOSK_KILLS_LONG = 5, 100
COUNTY_KILLS_QUICK, COUNTY_KILLS_LONG = 2, 20
START_UP_KILL_EVERY = 10  # one run in ten is killed 0-1.2 s after its spawn, ready or not
# A hit "in flight": the request was on the wire when the server died.
IN_FLIGHT = {SyncReason.CONNECTION_LOST, SyncReason.BAD_RESPONSE, SyncReason.TIMEOUT}


@dataclass
class Run:
    """What one writer process did before it was killed."""

    ready: bool  # it passed its start-up (database check, migrations, keyring)
    acknowledged: list[str]  # visit ids printed after their commit returned


def run_writer_and_kill(data: Path, logs: Path, seed: int, *, sync: bool, start_up: bool) -> Run:
    out, err = logs / f"writer-{seed}.out", logs / f"writer-{seed}.err"
    rng = random.Random(seed)
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.kill_writer", str(data), str(seed)]
            + (["--sync"] if sync else []),
            stdout=stdout,
            stderr=stderr,
            env=kiosk_env(),
            cwd=ROOT,
        )
    try:
        if start_up:
            time.sleep(rng.uniform(0.0, 1.2))
        else:
            deadline = time.monotonic() + 60
            while not out.read_bytes().startswith(b"ready"):
                assert process.poll() is None, err.read_text()
                assert time.monotonic() < deadline, "the writer did not start"
                time.sleep(0.01)
            # With its sync loop it lives longer: long enough for pushes to be acknowledged.
            time.sleep(rng.uniform(0.2, 1.5) if sync else rng.uniform(0.1, 0.5))
        assert process.poll() is None, f"the writer died by itself: {err.read_text()}"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
    # Only whole lines count: an id whose line was not flushed was not acknowledged.
    lines = out.read_text().split("\n")[:-1]
    if not lines:
        return Run(False, [])
    assert lines[0] == "ready -", f"the start-up check set the database aside: {lines[0]}"
    return Run(True, lines[1:])


def local_records(kiosk: Kiosk) -> tuple[list[str], list[str]]:
    """The visits the kiosk holds, and the visit each of its outbox rows carries."""
    with kiosk.uow_factory() as uow:
        visits = list(uow.session.scalars(select(Visit.public_id)))
        payloads = uow.session.scalars(select(OutboxEntry.payload))
        return visits, [json.loads(payload)["visit_id"] for payload in payloads]


def run_kiosk_kills(
    tmp_path: Path, county: CountyHarness, county_process: CountyProcess, kills: int
) -> dict[str, int]:
    started = time.monotonic()
    data = station_dir(tmp_path, county_timeout_s=3)
    enrolled = kiosk_cli(
        data, "enroll", "--server", county_process.url, "--code", county.enrolment_code("CSX-01")
    )
    assert enrolled.returncode == 0, enrolled.stderr
    acknowledged: list[str] = []
    in_bursts = start_ups = before_ready = 0
    for index in range(kills):
        start_up = index % START_UP_KILL_EVERY == 3
        run = run_writer_and_kill(
            data, tmp_path, seed=index, sync=index % 2 == 1, start_up=start_up
        )
        acknowledged += run.acknowledged
        start_ups += start_up
        in_bursts += bool(run.acknowledged)
        before_ready += not run.ready
    assert in_bursts >= (kills - start_ups) * 0.8, "most kills must land in a write burst"

    # The last start-up check was the writer's own (a quick check); this one reads every page.
    integrity = check_integrity(data / "kiosk.db", thorough=True)
    assert integrity.ok, integrity.detail
    assert not list(data.glob("kiosk.corrupt-*")), "a start-up set the database aside"
    kiosk = build_kiosk(DataDir(data), credentials=MemoryCredentialStore())
    try:
        assert kiosk.database.quarantined_to is None
        visits, carried = local_records(kiosk)
        assert len(acknowledged) == len(set(acknowledged))
        assert set(acknowledged) <= set(visits), "an acknowledged write is missing"
        # Each visit committed with its outbox row, and no row without its visit.
        assert Counter(carried) == Counter(visits), "a visit and its outbox row were split"
        assert_acknowledged_at_county(kiosk, county)
        pushed_before = len(county_ops(county))

        final = kiosk_cli(data, "sync", "--retries", "5")
        assert final.returncode == 0, final.stderr
        assert_exactly_once(kiosk, county)
    finally:
        kiosk.close()
    return {
        "kills": kills,
        "killed in a write burst": in_bursts,
        "killed at a random moment from spawn": start_ups,
        "of which before the start-up ended": before_ready,
        "writes acknowledged": len(acknowledged),
        "visits committed": len(visits),
        "pushed while being killed": pushed_before,
        "seconds": round(time.monotonic() - started),
    }


def assert_county_database_whole(url: str) -> None:
    if not url.startswith("sqlite"):
        return  # PostgreSQL's own recovery: the server is not what is killed
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("PRAGMA integrity_check")).scalars().all()
    finally:
        engine.dispose()
    assert rows == ["ok"], rows


def run_county_kills(tmp_path: Path, database_url: str, kills: int) -> dict[str, int]:
    started = time.monotonic()
    county = CountyHarness(database_url)
    server = CountyProcess(database_url, tmp_path / "county.log")
    server.start()
    kiosk = build_kiosk(
        DataDir(tmp_path / "kiosk"),
        credentials=MemoryCredentialStore(),
        settings=Settings(county_timeout_s=3),
    )
    rng = random.Random(kills)
    batch_done = threading.Event()
    stop = threading.Event()
    reports: list[RoundReport] = []
    broken: list[BaseException] = []

    def on_batch(_report: PushReport) -> None:
        batch_done.set()

    def push_for_ever() -> None:
        wave = 0
        try:
            while not stop.is_set():
                add_visits(kiosk, rng.randint(10, 40), seed=wave)
                wave += 1
                report = kiosk.sync.run_round(progress=on_batch)
                reports.append(report)
                if report.error is not None:
                    time.sleep(0.1)
        except BaseException as error:
            broken.append(error)
            batch_done.set()  # wake the killer: it fails on this rather than waiting
            raise

    pusher = threading.Thread(target=push_for_ever, name="pusher")
    try:
        kiosk.sync.enrol(server.url, county.enrolment_code("CSX-01"))
        kiosk.sync.set_batch_size(10)
        pusher.start()
        for _ in range(kills):
            batch_done.clear()
            assert batch_done.wait(60), "no push went through after the restart"
            assert not broken, broken
            time.sleep(rng.uniform(0.0, 0.05))  # the next batch is on its way
            server.kill(signal.SIGKILL)
            assert_county_database_whole(database_url)
            assert_acknowledged_at_county(kiosk, county)
            server.start()
        stop.set()
        pusher.join(120)
        assert not pusher.is_alive() and not broken, broken
        final = kiosk.sync.run_with_retries(5)
        assert final.error is None, final.as_json()
        assert_exactly_once(kiosk, county)
        visits = county.count("visits", "CSX-01")
    finally:
        stop.set()
        if pusher.is_alive():
            pusher.join(120)
        server.kill()
        kiosk.close()
        county.close()
    errors = Counter(r.error.reason for r in reports if r.error is not None)
    return {
        "kills": kills,
        "rounds cut with a request in flight": sum(errors[reason] for reason in IN_FLIGHT),
        "rounds refused while down": errors[SyncReason.OFFLINE],
        "rounds": len(reports),
        "visits at the county, each once": visits,
        "seconds": round(time.monotonic() - started),
    }


def report(what: str, counts: dict[str, int]) -> None:
    print(f"\n{what}: " + ", ".join(f"{name} {value}" for name, value in counts.items()))


def test_the_kiosk_killed_mid_write_keeps_every_acknowledged_write(
    tmp_path, county, county_process
):
    counts = run_kiosk_kills(tmp_path, county, county_process, KIOSK_KILLS_QUICK)
    report("kiosk", counts)


def test_the_county_killed_mid_push_loses_and_doubles_nothing(tmp_path, new_county_url):
    counts = run_county_kills(tmp_path, new_county_url(), COUNTY_KILLS_QUICK)
    report("county", counts)


@pytest.mark.faults_long
def test_the_kiosk_killed_a_hundred_times_mid_write(tmp_path, county, county_process):
    counts = run_kiosk_kills(tmp_path, county, county_process, KIOSK_KILLS_LONG)
    report("kiosk", counts)


@pytest.mark.faults_long
def test_the_county_killed_twenty_times_mid_push(tmp_path, new_county_url):
    counts = run_county_kills(tmp_path, new_county_url(), COUNTY_KILLS_LONG)
    report("county", counts)
