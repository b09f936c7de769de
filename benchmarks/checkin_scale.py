"""Returning-driver lookup and check-in write on a big station database, against raw sqlite3.

Setup (not measured): build_kiosk makes and migrates a database in a temp dir (TMPDIR is
respected), then raw executemany fills it with realistic rows: drivers whose phone hashes come
from the same PhoneHasher (same key) the service uses, visits spread over --days days in time
order with local_day set, a share of them anonymous (driver_id NULL), and outbox rows for the
last week. The database is deleted at the end unless --keep.

Measured, on that one database file, interleaved one kiosk call / one floor call in random order
(so both see the same cache, WAL and checkpoint state and the same machine noise):

    lookup    kiosk: CheckInService.recognise(phone)
              floor: stdlib sqlite3, HMAC of the phone + one SELECT * FROM drivers by phone_hash
    check-in  kiosk: CheckInService.check_in(...) for a returning driver who consents
              floor: stdlib sqlite3, BEGIN; UPDATE the driver by phone_hash (RETURNING id);
                     INSERT the visit; INSERT the outbox row (uuid4s and JSON payload made the
                     same way); COMMIT

The floor connection has kiosk/store/engine.py's pragmas: WAL, synchronous=FULL, foreign_keys,
busy_timeout. Lookups run first (all of them), then check-ins; each check-in round also times a
one-row durable commit into a tiny side database, so the disk's own cost is known for the same
minutes. Wall time decides the targets; this thread's CPU time is printed beside it.

Targets, each for lookup and check-in: kiosk p95 <= 2 ms, and kiosk p95 / floor p95 <= 2.
With synchronous=FULL every commit waits for an fsync: if the floor's own write p95 is over 2 ms
this disk cannot meet the absolute write target, which is then reported but not failed on.
Exit 1 if a target is missed, 2 if the benchmark could not run.

    .venv/bin/python benchmarks/checkin_scale.py                          # 100k drivers, 1M visits
    .venv/bin/python benchmarks/checkin_scale.py --drivers 1000 --visits 10000 --ops 300
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from kiosk.app import build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.checkin.catalog import DEFAULT_PLATFORMS, Purpose, WorkType, platforms_for
from kiosk.services.checkin.service import CONSENT_VERSION, CheckInRequest, CheckInService
from kiosk.services.identity import PhoneHasher
from kiosk.services.phones import PhoneNumber
from kiosk.store.database import check_integrity
from kiosk.store.engine import BUSY_TIMEOUT_MS
from redhome_wire.checkin import VISIT_CREATED as OUTBOX_VISIT_CREATED
from redhome_wire.station_time import local_day

EXIT_MISSED = 1  # a target was missed
EXIT_BROKEN = 2  # the benchmark itself could not run: no figures at all
TARGET_P95_MS = 2.0
TARGET_RATIO = 2.0
CHUNK = 50_000
# SQLAlchemy's SQLite DATETIME storage format: microseconds always written.
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
WORK_WEIGHTS = {
    WorkType.RIDE_HAILING: 55,
    WorkType.FOOD_DELIVERY: 20,
    WorkType.COURIER: 12,
    WorkType.TRUCK: 8,
    WorkType.OTHER: 5,
}


class SetupError(RuntimeError):
    """The database could not be made to match what the service expects."""


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


# ---------------------------------------------------------------------------------------------
# Setup: a big, realistic database
# ---------------------------------------------------------------------------------------------


def _stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime(DATETIME_FORMAT)


def _random_mobiles(rng: random.Random, count: int) -> list[str]:
    numbers: set[str] = set()
    while len(numbers) < count:
        numbers.add(f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}")
    return sorted(numbers, key=lambda _: rng.random())


_WORK_TYPES = [work.value for work in WORK_WEIGHTS]
_WORK_CUMULATIVE = list(itertools.accumulate(WORK_WEIGHTS.values()))
_PLATFORMS = {
    work.value: [p.key for p in platforms_for(work, DEFAULT_PLATFORMS)] for work in WORK_WEIGHTS
}
_PURPOSES = [purpose.value for purpose in Purpose]


def _pick_work(rng: random.Random) -> tuple[str, str | None]:
    work = rng.choices(_WORK_TYPES, cum_weights=_WORK_CUMULATIVE)[0]
    options = _PLATFORMS[work]
    # Some drivers skip the platform question.
    platform = rng.choice(options) if options and rng.random() < 0.9 else None
    return work, platform


def _uuid4(rng: random.Random) -> str:
    """A version-4 UUID string from the seeded generator: uuid.uuid4() is 3x slower here."""
    digits = f"{rng.getrandbits(128):032x}"
    variant = "89ab"[int(digits[16], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"


def _secondary_indexes(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    # Explicit indexes only; the UNIQUE constraints' autoindexes cannot be dropped and stay.
    return connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('drivers', 'visits', 'outbox')"
    ).fetchall()


def _fill(
    db_path: Path,
    hasher: PhoneHasher,
    phones: list[str],
    visits: int,
    days: int,
    anonymous_share: float,
    now: datetime,
    rng: random.Random,
) -> dict[str, int]:
    """Raw executemany into the migrated schema: fast, and not what is measured."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    # Durability is irrelevant while filling a throwaway file; the WAL stays as migrated.
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA cache_size=-1000000")
    connection.execute("PRAGMA foreign_keys=ON")

    drivers = len(phones)
    linked = round(visits * (1 - anonymous_share))
    if linked < drivers:
        raise SetupError(f"need at least as many linked visits ({linked}) as drivers ({drivers})")
    # Every driver has come at least once; the rest of the linked visits favour regulars.
    owners = list(range(drivers))
    owners += [int(drivers * rng.random() ** 2) for _ in range(linked - drivers)]
    owners += [-1] * (visits - linked)
    rng.shuffle(owners)
    # Naive UTC from here on: isoformat of a naive datetime is the ORM's storage format.
    now_utc = now.astimezone(UTC).replace(tzinfo=None)
    start = now_utc - timedelta(days=days)
    span_s = days * 86400.0
    offsets = sorted(rng.random() * span_s for _ in range(visits))
    outbox_from = now_utc - timedelta(days=7)
    pending_from = now_utc - timedelta(days=1)
    # Shanghai's offset is whole hours, so the station day is fixed within a UTC hour.
    day_of_hour: dict[int, str] = {}

    # Per driver: first seen, last seen, last work type, last platform.
    state: list[list[Any] | None] = [None] * drivers
    outbox_rows = 0
    indexes = _secondary_indexes(connection)
    connection.execute("BEGIN")
    # Building the indexes once at the end is several times faster than keeping them up to date.
    for name, _sql in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    # Driver ids are 1..n in phones order; the visits' foreign keys need the rows first.
    placeholder = start.isoformat(" ", "microseconds")
    placeholders = (placeholder, "ride_hailing", None, placeholder, placeholder)
    connection.executemany(
        "INSERT INTO drivers (id, phone_hash, phone_last4, consent_version, consented_at,"
        " last_work_type, last_platform, first_seen_at, last_seen_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            # Times and last choices are placeholders until the visits below set them.
            (i + 1, hasher.hash(PhoneNumber(p)), p[-4:], CONSENT_VERSION, *placeholders)
            for i, p in enumerate(phones)
        ),
    )
    for chunk_start in range(0, visits, CHUNK):
        visit_rows: list[tuple[Any, ...]] = []
        outbox_chunk: list[tuple[Any, ...]] = []
        for index in range(chunk_start, min(chunk_start + CHUNK, visits)):
            offset = offsets[index]
            instant = start + timedelta(seconds=offset)
            stamp = instant.isoformat(" ", "microseconds")
            hour = int(offset // 3600)
            day = day_of_hour.get(hour)
            if day is None:
                day = day_of_hour[hour] = local_day(instant.replace(tzinfo=UTC)).isoformat()
            owner = owners[index]
            work_type, platform = _pick_work(rng)
            purpose = rng.choice(_PURPOSES)
            detail = "代驾" if work_type == WorkType.OTHER.value else None
            returning = False
            driver_id = None
            if owner >= 0:
                driver_id = owner + 1
                seen = state[owner]
                returning = seen is not None
                if seen is None:
                    state[owner] = [stamp, stamp, work_type, platform]
                else:
                    seen[1:] = [stamp, work_type, platform]
            public_id = _uuid4(rng)
            visit_rows.append(
                (public_id, driver_id, work_type, detail, platform, purpose, returning, stamp, day)
            )
            if instant >= outbox_from:
                payload = {
                    "visit_id": public_id,
                    "work_type": work_type,
                    "work_detail": detail,
                    "platform": platform,
                    "purpose": purpose,
                    "returning": returning,
                    "checked_in_at": instant.replace(tzinfo=UTC).isoformat(),
                    "local_day": day,
                }
                # The last day is still waiting for the county; the rest was acknowledged.
                pending = instant >= pending_from
                outbox_chunk.append(
                    (
                        _uuid4(rng),
                        OUTBOX_VISIT_CREATED,
                        json.dumps(payload, ensure_ascii=False, sort_keys=True),
                        stamp,
                        "pending" if pending else "done",
                        0 if pending else 1,
                        None if pending else stamp,
                    )
                )
        connection.executemany(
            "INSERT INTO visits (public_id, driver_id, work_type, work_detail, platform, purpose,"
            " is_returning, checked_in_at, local_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            visit_rows,
        )
        connection.executemany(
            "INSERT INTO outbox (op_id, kind, payload, created_at, state, attempts, acked_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            outbox_chunk,
        )
        outbox_rows += len(outbox_chunk)
        if sys.stdout.isatty():  # a progress line for people, not for CI logs
            print(f"  {min(chunk_start + CHUNK, visits):>9,} visits", end="\r", flush=True)
    connection.executemany(
        "UPDATE drivers SET consented_at = ?, first_seen_at = ?, last_seen_at = ?,"
        " last_work_type = ?, last_platform = ? WHERE id = ?",
        (
            (seen[0], seen[0], seen[1], seen[2], seen[3], i + 1)
            for i, seen in enumerate(state)
            if seen is not None
        ),
    )
    for _name, sql in indexes:
        connection.execute(sql)
    connection.execute("COMMIT")
    # Leave the file as a running station would have it: WAL folded in, no giant WAL file.
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    if sys.stdout.isatty():
        print()
    return {"drivers": drivers, "visits": visits, "linked": linked, "outbox": outbox_rows}


# ---------------------------------------------------------------------------------------------
# The floor: stdlib sqlite3 with the kiosk's pragmas
# ---------------------------------------------------------------------------------------------


class RawFloor:
    def __init__(self, db_path: Path, hasher: PhoneHasher) -> None:
        # Autocommit mode so the transaction is exactly the BEGIN ... COMMIT written below.
        self._db = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            self._db.execute(f"PRAGMA {pragma}")
        self._hasher = hasher

    def lookup(self, phone: PhoneNumber) -> tuple[Any, ...] | None:
        return self._db.execute(
            "SELECT * FROM drivers WHERE phone_hash = ?", (self._hasher.hash(phone),)
        ).fetchone()

    def check_in(self, request: CheckInRequest) -> None:
        assert request.phone is not None
        now = datetime.now(UTC)
        stamp = _stamp(now)
        day = local_day(now).isoformat()
        public_id = str(uuid.uuid4())
        db = self._db
        db.execute("BEGIN")
        try:
            row = db.execute(
                "UPDATE drivers SET last_work_type = ?, last_platform = ?, last_seen_at = ?"
                " WHERE phone_hash = ? RETURNING id",
                (request.work_type, request.platform, stamp, self._hasher.hash(request.phone)),
            ).fetchall()  # drained, so no statement is still running at COMMIT
            db.execute(
                "INSERT INTO visits (public_id, driver_id, work_type, work_detail, platform,"
                " purpose, is_returning, checked_in_at, local_day)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    public_id,
                    row[0][0],
                    request.work_type,
                    None,
                    request.platform,
                    request.purpose,
                    True,
                    stamp,
                    day,
                ),
            )
            payload = {
                "visit_id": public_id,
                "work_type": request.work_type,
                "work_detail": None,
                "platform": request.platform,
                "purpose": request.purpose,
                "returning": True,
                "checked_in_at": now.isoformat(),
                "local_day": day,
            }
            db.execute(
                "INSERT INTO outbox (op_id, kind, payload, created_at, state, attempts)"
                " VALUES (?, ?, ?, ?, 'pending', 0)",
                (
                    str(uuid.uuid4()),
                    OUTBOX_VISIT_CREATED,
                    json.dumps(payload, ensure_ascii=False, sort_keys=True),
                    stamp,
                ),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


@dataclass
class Timings:
    """Wall time is what the targets are about; CPU time (this thread's) is shown beside it to
    tell the code's own cost from waiting: for fsync, or for a core on this busy 2-core box."""

    wall: Percentiles
    cpu: Percentiles


def _interleaved(
    count: int, ops: dict[str, Callable[[int], object]], rng: random.Random
) -> dict[str, Timings]:
    """Run every op once per round, in a fresh random order each round."""
    samples: dict[str, tuple[list[int], list[int]]] = {name: ([], []) for name in ops}
    order = list(ops)
    wall_clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
    for i in range(count):
        rng.shuffle(order)
        for name in order:
            op = ops[name]
            # The CPU clock reads wrap the wall clock reads, so they stay out of the wall time.
            cpu_started = cpu_clock()
            started = wall_clock()
            op(i)
            elapsed = wall_clock() - started
            cpu = cpu_clock() - cpu_started
            samples[name][0].append(elapsed)
            samples[name][1].append(cpu)
    return {
        name: Timings(Percentiles.of(wall), Percentiles.of(cpu))
        for name, (wall, cpu) in samples.items()
    }


class DiskProbe:
    """What durability alone costs on this disk, right now: a one-row INSERT committed into a
    tiny WAL database with synchronous=FULL, next to the real one. Run in the same rounds as
    the check-ins, because this disk's fsync time swings by 100x with other people's load."""

    def __init__(self, directory: Path) -> None:
        self._db = sqlite3.connect(directory / "probe.db", isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, value TEXT)")

    def commit(self, _i: int) -> None:
        self._db.execute("BEGIN")
        self._db.execute("INSERT INTO probe (value) VALUES (?)", ("x" * 100,))
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


@contextmanager
def _counting_statements(engine: Any) -> Iterator[list[str]]:
    """SQL the kiosk sends, for the report; never active while timing."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        words = statement.replace(",", " ").split()
        upper = [word.upper() for word in words]
        table = next(
            (words[i + 1] for i, w in enumerate(upper[:-1]) if w in ("FROM", "INTO", "UPDATE")),
            "?",
        )
        seen.append(f"{upper[0]} {table}")

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _request(rng: random.Random, phone: PhoneNumber) -> CheckInRequest:
    work_type, platform = _pick_work(rng)
    if work_type == WorkType.OTHER.value:
        work_type, platform = WorkType.RIDE_HAILING.value, "didi"
    return CheckInRequest(
        phone=phone,
        consent_given=True,
        work_type=work_type,
        platform=platform,
        purpose=rng.choice(list(Purpose)).value,
    )


def _check_formats(db_path: Path, public_id: str) -> None:
    """The rows written in setup must look like the ones the ORM writes."""
    connection = sqlite3.connect(db_path)
    try:
        written, day = connection.execute(
            "SELECT checked_in_at, local_day FROM visits WHERE public_id = ?", (public_id,)
        ).fetchone()
    finally:
        connection.close()
    datetime.strptime(written, DATETIME_FORMAT)  # raises if the ORM stores another format
    datetime.strptime(day, "%Y-%m-%d")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drivers", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=180, help="visits spread over this many days")
    parser.add_argument("--anonymous", type=float, default=0.3, help="share of visits unlinked")
    parser.add_argument("--ops", type=int, default=2000, help="timed lookups, and check-ins")
    parser.add_argument("--warmup", type=int, default=100, help="untimed ops of each kind first")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="redhome-bench-checkin-"))
    data_dir = DataDir(work / "data")
    try:
        return _run(args, rng, work, data_dir)
    except SetupError as error:
        print(f"BROKEN: {error}", file=sys.stderr)
        return EXIT_BROKEN
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, rng: random.Random, work: Path, data_dir: DataDir) -> int:
    credentials = MemoryCredentialStore()
    settings = Settings()
    kiosk = build_kiosk(data_dir, credentials=credentials, settings=settings)
    kiosk.close()
    # The same key the service got from the same store: the setup's hashes are the service's.
    hasher = PhoneHasher.from_secret_store(credentials)
    db_path = data_dir.database

    print(f"filling {db_path} ...", flush=True)
    started = time.perf_counter()
    phones = _random_mobiles(rng, args.drivers)
    counts = _fill(
        db_path, hasher, phones, args.visits, args.days, args.anonymous, datetime.now(UTC), rng
    )
    fill_s = time.perf_counter() - started
    size_mb = db_path.stat().st_size / 1e6
    print(
        f"  {counts['drivers']:,} drivers, {counts['visits']:,} visits "
        f"({counts['visits'] - counts['linked']:,} anonymous), {counts['outbox']:,} outbox rows; "
        f"{size_mb:.0f} MB in {fill_s:.0f} s"
    )

    # A station's normal start on this database (integrity check, migration check): not a
    # target here, but the figure belongs next to the startup benchmark's.
    started = time.perf_counter()
    kiosk = build_kiosk(data_dir, credentials=credentials, settings=settings)
    open_s = time.perf_counter() - started
    started = time.perf_counter()
    check_integrity(db_path)
    quick_check_s = time.perf_counter() - started
    service: CheckInService = kiosk.service("checkin")
    floor = RawFloor(db_path, hasher)
    disk = DiskProbe(work)
    try:
        pick = [PhoneNumber(rng.choice(phones)) for _ in range(args.warmup + args.ops)]
        requests = [_request(rng, phone) for phone in pick]

        receipt = service.check_in(requests[0])
        _check_formats(db_path, receipt.visit_id)
        with _counting_statements(kiosk.database.engine) as lookup_sql:
            recognition = service.recognise(pick[0])
        with _counting_statements(kiosk.database.engine) as checkin_sql:
            receipt = service.check_in(requests[0])
        if not (recognition.returning and receipt.returning):
            raise SetupError("setup drivers are not recognised: hash key or schema mismatch")
        if floor.lookup(pick[0]) is None:
            raise SetupError("the floor does not find a setup driver")

        def kiosk_lookup(i: int) -> object:
            return service.recognise(pick[i])

        def kiosk_check_in(i: int) -> object:
            return service.check_in(requests[i])

        def floor_check_in(i: int) -> object:
            floor.check_in(requests[i])
            return None

        def floor_lookup(i: int) -> object:
            return floor.lookup(pick[i])

        offset = args.warmup

        def shifted(op: Callable[[int], object]) -> Callable[[int], object]:
            return lambda i: op(i + offset)

        print(f"lookups: {args.warmup} warm-up + {args.ops} timed, interleaved ...", flush=True)
        lookup_ops = {"kiosk": kiosk_lookup, "floor": floor_lookup}
        _interleaved(args.warmup, lookup_ops, rng)
        lookup = _interleaved(args.ops, {name: shifted(op) for name, op in lookup_ops.items()}, rng)

        print(f"check-ins: {args.warmup} warm-up + {args.ops} timed, interleaved ...", flush=True)
        write_ops = {"kiosk": kiosk_check_in, "floor": floor_check_in, "disk": disk.commit}
        _interleaved(args.warmup, write_ops, rng)
        write = _interleaved(args.ops, {name: shifted(op) for name, op in write_ops.items()}, rng)
    finally:
        disk.close()
        floor.close()
        kiosk.close()

    failures: list[str] = []
    results: dict[str, Any] = {}
    print()
    print(
        f"database: {counts['drivers']:,} drivers, {counts['visits']:,} visits, {size_mb:.0f} MB; "
        f"build_kiosk (open + checks) on it: {open_s * 1000:.0f} ms; PRAGMA quick_check alone, "
        f"run after it: {quick_check_s * 1000:.0f} ms (both with a warm page cache)"
    )
    for name, figures, statements in (
        ("lookup", lookup, lookup_sql),
        ("check-in", write, checkin_sql),
    ):
        kiosk_p, floor_p = figures["kiosk"].wall, figures["floor"].wall
        ratio = kiosk_p.p95 / floor_p.p95
        absolute_ok = kiosk_p.p95 <= TARGET_P95_MS
        ratio_ok = ratio <= TARGET_RATIO
        # With synchronous=FULL the floor's p95 is mostly the disk's fsync; if that alone is
        # over the limit, no code can meet it and the ratio is the figure that means something.
        attainable = floor_p.p95 <= TARGET_P95_MS
        print(f"{name} ({args.ops} timed, kiosk SQL: {', '.join(statements)})")
        print(f"  kiosk  wall {kiosk_p.line()}")
        print(f"  floor  wall {floor_p.line()}")
        print(f"  kiosk  cpu  {figures['kiosk'].cpu.line()}")
        print(f"  floor  cpu  {figures['floor'].cpu.line()}")
        if "disk" in figures:
            print(f"  disk   wall {figures['disk'].wall.line()}  (1-row commit, WAL, FULL)")
        absolute = "OK" if absolute_ok else "MISSED"
        if not attainable and not absolute_ok:
            absolute = f"not attainable here: the floor's own p95 is {floor_p.p95:.3f} ms"
        print(f"  kiosk p95 {kiosk_p.p95:.3f} ms (target <= {TARGET_P95_MS} ms) -> {absolute}")
        verdict = "OK" if ratio_ok else "MISSED"
        print(f"  p95 ratio kiosk/floor {ratio:.2f} (target <= {TARGET_RATIO}) -> {verdict}")
        if not absolute_ok and attainable:
            failures.append(f"{name} p95 {kiosk_p.p95:.3f} ms > {TARGET_P95_MS} ms")
        if not ratio_ok:
            failures.append(f"{name} p95 ratio {ratio:.2f} > {TARGET_RATIO}")
        results[name.replace("-", "")] = {
            "kiosk_ms": kiosk_p.json(),
            "floor_ms": floor_p.json(),
            "kiosk_cpu_ms": figures["kiosk"].cpu.json(),
            "floor_cpu_ms": figures["floor"].cpu.json(),
            "p95_ratio": round(ratio, 3),
            "p95_ok": absolute_ok,
            "p95_attainable": attainable,
            "ratio_ok": ratio_ok,
            "kiosk_statements": statements,
        }
    for failure in failures:
        print(f"MISSED: {failure}")
    print(
        json.dumps(
            {
                "benchmark": "checkin_scale",
                "drivers": counts["drivers"],
                "visits": counts["visits"],
                "outbox": counts["outbox"],
                "ops": args.ops,
                "db_mb": round(size_mb, 1),
                "fill_s": round(fill_s, 1),
                "build_kiosk_ms": round(open_s * 1000, 1),
                "quick_check_ms": round(quick_check_s * 1000, 1),
                "disk_commit_ms": write["disk"].wall.json(),
                **results,
                "target_p95_ms": TARGET_P95_MS,
                "target_ratio": TARGET_RATIO,
                "ok": not failures,
            }
        )
    )
    return EXIT_MISSED if failures else 0


if __name__ == "__main__":
    sys.exit(main())
