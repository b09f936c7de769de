"""The keeper's X report (the day's figures so far) on a station with a year of data.

    .venv/bin/python benchmarks/closeout_x_report.py                 # 200k visits over 365 days
    .venv/bin/python benchmarks/closeout_x_report.py --visits 20000 --runs 20

Setup (not measured): a migrated temp station filled by checkin_scale.py's raw filler (drivers,
visits spread over --days days with their station day set, a week of outbox rows, the last day
still pending); the other capabilities count their own, empty, tables.

Measured, interleaved one kiosk call / one floor call in random order on that one file:

    kiosk: CloseoutService.figures(today): every registered capability's day counters through
           Ports.day_counts, the outbox's pending count, today's sealed report if any
    floor: stdlib sqlite3 with the kiosk's pragmas: the least such a report reads, one GROUP BY
           of today's visits (work, purpose, returning) and the pending outbox count

Target: kiosk p95 <= 200 ms (issue 16). The ratio against the floor is printed beside it.
Exit 1 if the target is missed, 2 if the benchmark could not run. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_scale import EXIT_BROKEN, EXIT_MISSED, Percentiles, _fill, _random_mobiles

from kiosk.app import build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.closeout.service import CloseoutService
from kiosk.services.identity import PhoneHasher
from kiosk.store.engine import BUSY_TIMEOUT_MS
from redhome_wire.station_time import local_day

TARGET_P95_MS = 200.0


def _floor(db_path: Path, day: str) -> None:
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute(
            "SELECT work_type, purpose, is_returning, count(*) FROM visits WHERE local_day = ?"
            " GROUP BY work_type, purpose, is_returning",
            (day,),
        ).fetchall()
        connection.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()
    finally:
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=200_000)
    parser.add_argument("--drivers", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="redhome-xreport-"))
    try:
        return _run(args, rng, work)
    except Exception as error:  # a broken run is reported as such, not raised
        print(f"benchmark could not run: {error!r}", file=sys.stderr)
        return EXIT_BROKEN
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, rng: random.Random, work: Path) -> int:
    data_dir = DataDir(work / "station")
    credentials = MemoryCredentialStore()
    build_kiosk(data_dir, credentials=credentials, settings=Settings()).close()
    hasher = PhoneHasher.from_secret_store(credentials)
    now = datetime.now(UTC)
    started = time.perf_counter()
    counts = _fill(
        data_dir.database,
        hasher,
        _random_mobiles(rng, args.drivers),
        args.visits,
        args.days,
        0.2,
        now,
        rng,
    )
    print(f"filled {counts['visits']:,} visits in {time.perf_counter() - started:.0f} s")
    kiosk = build_kiosk(data_dir, credentials=credentials, settings=Settings())
    try:
        service: CloseoutService = kiosk.service("closeout")
        today = local_day(kiosk.clock.now())
        figures = service.figures(today)
        print(
            f"today {today}: {figures.counters.get('checkin.visits', 0)} visits, "
            f"{figures.records_waiting} records waiting, {len(figures.counters)} counters"
        )
        kiosk_ns: list[int] = []
        floor_ns: list[int] = []
        for _ in range(args.runs):
            order = [("kiosk", lambda: service.figures(today)), ("floor", None)]
            rng.shuffle(order)
            for name, call in order:
                began = time.perf_counter_ns()
                if call is not None:
                    call()
                else:
                    _floor(data_dir.database, today.isoformat())
                (kiosk_ns if name == "kiosk" else floor_ns).append(time.perf_counter_ns() - began)
    finally:
        kiosk.close()
    ours, floor = Percentiles.of(kiosk_ns), Percentiles.of(floor_ns)
    ratio = ours.p95 / floor.p95 if floor.p95 else float("inf")
    print(f"kiosk  {ours.line()}")
    print(f"floor  {floor.line()}")
    print(f"p95 ratio {ratio:.1f} (kiosk / floor); target p95 <= {TARGET_P95_MS:.0f} ms")
    missed = ours.p95 > TARGET_P95_MS
    if missed:
        print(f"MISSED: kiosk p95 {ours.p95:.1f} ms > {TARGET_P95_MS:.0f} ms")
    print(
        json.dumps(
            {
                "visits": counts["visits"],
                "days": args.days,
                "kiosk_ms": ours.json(),
                "floor_ms": floor.json(),
                "p95_ratio": round(ratio, 2),
                "target_p95_ms": TARGET_P95_MS,
                "met": not missed,
            }
        )
    )
    return EXIT_MISSED if missed else 0


if __name__ == "__main__":
    sys.exit(main())
