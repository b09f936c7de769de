"""Parking availability for a window, with 200,000 historical reservations, against raw sqlite3.

Setup (not measured): a database in a temp dir (TMPDIR is respected; deleted at the end unless
--keep) is migrated and given the airport's 306 bays through ParkingService.sync_inventory. Raw
executemany then adds --history finished reservations (left, no-show, cancelled) spread over the
past --days days, in the ORM's storage format (checked against a row the service writes). The
live load is made through the service itself on a walking ManualClock: cars and EVs that arrived
during the last hours, and bookings for the next 24 h, so the partial index holds what a busy
station's would.

Measured, interleaved one kiosk call / one floor call in random order (same page cache, same
noise), for random windows (a bookable start in the next 24 h, 1 to 12 hours long):

    kiosk: ParkingService.availability(BayType.CAR, start, end)   (a Session, two statements)
    floor: stdlib sqlite3 on the same file with kiosk/store/engine.py's pragmas, running the same
           two statements (bays in service; the peak of live reservations over the window) with
           the same parameters

Targets: kiosk p95 <= 5 ms, and kiosk p95 / floor p95 <= 2. Wall time decides; the thread's CPU
time is printed beside it. Exit 0 targets met, 1 a target missed (lines starting MISSED:),
2 the benchmark could not run. The last line is one JSON object with the figures.

    .venv/bin/python benchmarks/parking.py                         # 200k history, 2000 rounds
    .venv/bin/python benchmarks/parking.py --history 20000 --ops 300   # smoke run
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.services.identity import PhoneHasher
from kiosk.services.parking.demo import AIRPORT_BAYS, demo_plate
from kiosk.services.parking.service import (
    IN_SERVICE_SQL,
    PEAK_SQL,
    BayType,
    ParkingError,
    ParkingService,
    ParkingSettings,
)
from kiosk.store.database import open_database
from kiosk.store.engine import BUSY_TIMEOUT_MS
from kiosk.store.unit_of_work import unit_of_work_factory
from redhome_wire.station_time import STATION_TZ, ManualClock

EXIT_MISSED = 1
EXIT_BROKEN = 2
TARGET_P95_MS = 5.0
TARGET_RATIO = 2.0
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite DATETIME storage format
NOW = datetime(2026, 11, 27, 15, 7, tzinfo=STATION_TZ)
_STILL_HERE = timedelta(microseconds=1)


class SetupError(RuntimeError):
    pass


@dataclass
class Percentiles:
    p50: float
    p95: float
    p99: float
    mean: float

    @classmethod
    def of(cls, samples_ns: list[int]) -> Percentiles:
        ms = [s / 1e6 for s in samples_ns]
        cuts = statistics.quantiles(ms, n=100, method="inclusive")
        return cls(cuts[49], cuts[94], cuts[98], statistics.fmean(ms))

    def json(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in vars(self).items()}

    def line(self) -> str:
        return (
            f"p50 {self.p50:7.3f}  p95 {self.p95:7.3f}  p99 {self.p99:7.3f}  "
            f"mean {self.mean:7.3f} ms"
        )


def _stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime(DATETIME_FORMAT)


def _fill_history(db_path: Path, count: int, days: int, rng: random.Random) -> None:
    """Finished reservations, raw: fast, and not what is measured."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        bays = connection.execute("SELECT id, bay_type FROM parking_bays").fetchall()
        car_bays = [b for b, t in bays if t == "car"]
        ev_bays = [b for b, t in bays if t == "ev"]
        start_of_history = NOW - timedelta(days=days)
        rows = []
        for n in range(count):
            kind = "ev" if rng.random() < 0.1 else "car"
            start = start_of_history + timedelta(
                minutes=15
                * rng.randrange(int((NOW - start_of_history).total_seconds() // 900) - 96)
            )
            end = start + timedelta(minutes=15 * rng.randint(1, 16 if kind == "ev" else 48))
            fate = rng.random()
            state = "left" if fate < 0.85 else ("no_show" if fate < 0.93 else "cancelled")
            bay = rng.choice(ev_bays if kind == "ev" else car_bays)
            arrived = _stamp(start) if state == "left" else None
            rows.append(
                (
                    f"{rng.getrandbits(128):032x}",
                    f"P-{rng.randrange(10_000):04d}",
                    demo_plate(rng, new_energy=kind == "ev"),
                    kind == "ev",
                    kind,
                    bay if state == "left" or kind == "ev" else None,
                    _stamp(start),
                    _stamp(end),
                    state,
                    _stamp(start - timedelta(hours=rng.randint(0, 20))),
                    arrived,
                    _stamp(end) if state == "left" else None,
                    _stamp(start - timedelta(hours=1)) if state == "cancelled" else None,
                    _stamp(start + timedelta(minutes=15)) if state == "no_show" else None,
                    "kiosk" if n % 5 else "remote",
                )
            )
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO parking_reservations (public_id, code, plate, new_energy, bay_type,"
            " bay_id, start_at, end_at, state, created_at, arrived_at, left_at, cancelled_at,"
            " no_show_at, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()


def _live_load(service: ParkingService, clock: ManualClock, rng: random.Random) -> int:
    """Through the service: the last hours' arrivals and the next 24 h's bookings."""
    made = 0
    parked: dict[str, datetime] = {}
    clock.set(NOW - timedelta(hours=4))
    while clock.now() < NOW:
        # Drivers leave when their time is up.
        for code, end_at in list(parked.items()):
            if end_at <= clock.now():
                service.leave(code)
                del parked[code]
        for _ in range(12):
            kind = BayType.EV if rng.random() < 0.1 else BayType.CAR
            try:
                view = service.book(
                    kind,
                    None,
                    15 * rng.randint(4, 16 if kind is BayType.EV else 40),
                    demo_plate(rng),
                )
                service.arrive(view.plate, view.code)
                parked[view.code] = view.end_at
                made += 1
            except ParkingError:
                pass
        clock.advance(timedelta(minutes=30))
    clock.set(NOW)
    starts = service.bookable_starts()[1:]
    for _ in range(400):
        kind = BayType.EV if rng.random() < 0.1 else BayType.CAR
        try:
            service.book(
                kind,
                rng.choice(starts),
                15 * rng.randint(2, 16 if kind is BayType.EV else 32),
                demo_plate(rng),
            )
            made += 1
        except ParkingError:
            pass
    return made


def _check_storage_format(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    try:
        stored = connection.execute(
            "SELECT start_at FROM parking_reservations WHERE source = 'kiosk' "
            "AND state IN ('booked', 'arrived') LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    if stored is None:
        raise SetupError("the service made no live reservation")
    try:
        datetime.strptime(stored[0], DATETIME_FORMAT)
    except ValueError as error:
        raise SetupError(f"unexpected datetime storage {stored[0]!r}") from error


def _floor_connection(db_path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    ):
        connection.execute(pragma)
    return connection


def _floor(
    connection: sqlite3.Connection, settings: ParkingSettings, start: datetime, end: datetime
) -> tuple[int, int]:
    now = NOW
    in_service = connection.execute(IN_SERVICE_SQL, {"bay_type": "car"}).fetchone()[0]
    peak = connection.execute(
        PEAK_SQL,
        {
            "bay_type": "car",
            "window_start": _stamp(max(start, now)),
            "window_end": _stamp(end),
            "hold": _stamp(now + _STILL_HERE),
            "expired_before": _stamp(now - settings.grace),
        },
    ).fetchone()[0]
    return in_service, in_service - peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--history", type=int, default=200_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--ops", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--seed", type=int, default=4821)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="parking-bench-"))
    db_path = folder / "kiosk.db"
    try:
        setup_started = time.perf_counter()
        opened = open_database(db_path, folder / "backups", NOW)
        clock = ManualClock(NOW)
        settings = ParkingSettings()
        service = ParkingService(
            unit_of_work_factory(opened.session_factory),
            clock,
            settings,
            PhoneHasher(b"parking-benchmark-key-0123"),
        )
        service.sync_inventory(AIRPORT_BAYS)
        _fill_history(db_path, args.history, args.days, rng)
        live = _live_load(service, clock, rng)
        _check_storage_format(db_path)
        setup_s = time.perf_counter() - setup_started
        floor_connection = _floor_connection(db_path)
        counts = dict(
            floor_connection.execute(
                "SELECT state, count(*) FROM parking_reservations GROUP BY state"
            ).fetchall()
        )
        plan = floor_connection.execute(
            "EXPLAIN QUERY PLAN " + PEAK_SQL,
            {
                "bay_type": "car",
                "window_start": _stamp(NOW),
                "window_end": _stamp(NOW + timedelta(hours=2)),
                "hold": _stamp(NOW),
                "expired_before": _stamp(NOW),
            },
        ).fetchall()
    except (SetupError, OSError, sqlite3.Error) as error:
        print(f"benchmark could not run: {error}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        return EXIT_BROKEN

    starts = service.bookable_starts()[1:]
    windows = []
    for _ in range(args.warmup + args.ops):
        start = rng.choice(starts)
        windows.append((start, start + timedelta(minutes=15 * rng.randint(4, 48))))

    kiosk_wall: list[int] = []
    kiosk_cpu: list[int] = []
    floor_wall: list[int] = []
    floor_cpu: list[int] = []
    mismatches = 0
    for index, (start, end) in enumerate(windows):
        order = (0, 1) if rng.random() < 0.5 else (1, 0)
        results: dict[int, tuple[int, int]] = {}
        for side in order:
            wall0, cpu0 = time.perf_counter_ns(), time.thread_time_ns()
            if side == 0:
                got = service.availability(BayType.CAR, start, end)
                results[0] = (got.in_service, got.free)
            else:
                results[1] = _floor(floor_connection, settings, start, end)
            wall, cpu = time.perf_counter_ns() - wall0, time.thread_time_ns() - cpu0
            if index >= args.warmup:
                (kiosk_wall if side == 0 else floor_wall).append(wall)
                (kiosk_cpu if side == 0 else floor_cpu).append(cpu)
        if results[0] != (results[1][0], max(results[1][1], 0)):
            mismatches += 1
    floor_connection.close()
    opened.engine.dispose()

    kiosk = Percentiles.of(kiosk_wall)
    floor = Percentiles.of(floor_wall)
    kiosk_c = Percentiles.of(kiosk_cpu)
    floor_c = Percentiles.of(floor_cpu)
    ratio = kiosk.p95 / floor.p95 if floor.p95 > 0 else float("inf")
    size_mb = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6

    print(f"database: {sum(counts.values()):,} reservations {counts}, {size_mb:.0f} MB")
    print(f"setup {setup_s:.1f} s; live reservations made through the service: {live}")
    print("peak query plan: " + " | ".join(str(row[-1]) for row in plan))
    print(f"availability(car), {args.ops} windows of 1-12 h in the next 24 h, interleaved:")
    print(f"  kiosk wall  {kiosk.line()}")
    print(f"  floor wall  {floor.line()}")
    print(f"  kiosk CPU   {kiosk_c.line()}")
    print(f"  floor CPU   {floor_c.line()}")
    print(f"  p95 ratio   {ratio:.2f}   answers that differed: {mismatches}")
    missed = []
    if kiosk.p95 > TARGET_P95_MS:
        missed.append(f"MISSED: kiosk p95 {kiosk.p95:.3f} ms > {TARGET_P95_MS} ms")
    if ratio > TARGET_RATIO:
        missed.append(f"MISSED: p95 ratio {ratio:.2f} > {TARGET_RATIO}")
    if mismatches:
        missed.append(f"MISSED: {mismatches} answers differed from the floor's")
    for line in missed:
        print(line)
    if not missed:
        print(f"targets met: p95 {kiosk.p95:.3f} ms <= {TARGET_P95_MS}, ratio {ratio:.2f} <= 2")
    if args.keep:
        print(f"kept {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        json.dumps(
            {
                "benchmark": "parking_availability",
                "history": args.history,
                "reservations": sum(counts.values()),
                "live": counts.get("booked", 0) + counts.get("arrived", 0),
                "ops": args.ops,
                "kiosk_wall_ms": kiosk.json(),
                "floor_wall_ms": floor.json(),
                "kiosk_cpu_ms": kiosk_c.json(),
                "floor_cpu_ms": floor_c.json(),
                "p95_ratio": round(ratio, 3),
                "mismatches": mismatches,
                "targets_met": not missed,
            }
        )
    )
    return EXIT_MISSED if missed else 0


if __name__ == "__main__":
    sys.exit(main())
