"""Sync throughput against a floor measured in the same run, and 50 stations pushing at once.

Real: 10,000 visits queued through the check-in service are pushed by the sync engine over
loopback to the county server (batches, op ids, validation, exactly-once bookkeeping, outbox
acknowledgement in the kiosk's database).

Floor: the same operations' JSON posted raw in one request to the same server, which writes each
operation raw into a table of its database, with no validation and no bookkeeping.

Each run measures the floor and then the real push on a fresh server and a fresh copy of the
queued outbox, each timed part starting from a collected heap (so neither pays for garbage the
set-up left). One warm-up run goes first and is not counted (the process's first requests,
imports and caches belong to neither side). The ratio is median sync time over median floor
time across the runs; every run's own ratio is printed too, and their spread.

Prints the figures; the last line is JSON. Target: ratio <= 3.

    .venv/bin/python benchmarks/sync.py [--visits 10000] [--runs 5] [--warmup 1] [--stations 50]
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

import requests
from fastapi import Request
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from county.app import create_app
from county.testing import CountyHarness, serve_in_thread
from kiosk.app import build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.checkin.catalog import DEFAULT_PLATFORMS
from kiosk.services.checkin.simulation import simulate_visits
from kiosk.store.models import OutboxEntry
from kiosk.sync.engine import DEFAULT_BATCH


def add_floor_route(app, engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE IF NOT EXISTS bench_raw (op_id TEXT, kind TEXT, payload TEXT)")
        )

    def write_raw(body: bytes) -> int:
        ops = json.loads(body)["ops"]
        rows = [
            {"op_id": op["op_id"], "kind": op["kind"], "payload": json.dumps(op["payload"])}
            for op in ops
        ]
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO bench_raw (op_id, kind, payload) VALUES (:op_id, :kind, :payload)"
                ),
                rows,
            )
        return len(rows)

    @app.post("/bench/raw", include_in_schema=False)
    async def raw(request: Request) -> dict[str, int]:
        body = await request.body()
        return {"written": await run_in_threadpool(write_raw, body)}


def outbox_json(kiosk) -> bytes:
    with kiosk.uow_factory() as uow:
        rows = uow.session.query(OutboxEntry).order_by(OutboxEntry.id).all()
        ops = [
            {
                "op_id": row.op_id,
                "kind": row.kind,
                "created_at": row.created_at.isoformat(),
                "payload": json.loads(row.payload),
            }
            for row in rows
        ]
    return json.dumps({"ops": ops}, ensure_ascii=False).encode("utf-8")


def one_run(work: Path, template: Path, index: int, visits: int) -> tuple[float, float]:
    run_dir = work / f"run{index}"
    kiosk_dir = run_dir / "kiosk"
    kiosk_dir.mkdir(parents=True)
    shutil.copy(template, kiosk_dir / "kiosk.db")
    county = CountyHarness(f"sqlite:///{run_dir / 'county.db'}")
    app = create_app(county.database_url)
    add_floor_route(app, app.state.county.engine)
    credentials = MemoryCredentialStore()
    kiosk = build_kiosk(DataDir(kiosk_dir), credentials=credentials, settings=Settings())
    with serve_in_thread(app) as server:
        kiosk.sync.enrol(server.url, county.enrolment_code("BENCH"))
        body = outbox_json(kiosk)

        gc.collect()  # each side starts with the collector clear of what came before
        started = time.perf_counter()
        response = requests.post(
            f"{server.url}/bench/raw",
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=300,
        )
        floor = time.perf_counter() - started
        assert response.json()["written"] == visits

        gc.collect()
        started = time.perf_counter()
        report = kiosk.sync.push()
        real = time.perf_counter() - started
        assert report.acked == visits and report.pending == 0, report
    assert county.count("visits", "BENCH") == visits
    app.state.county.engine.dispose()
    kiosk.close()
    county.close()
    return floor, real


def fifty_stations(work: Path, stations: int, per_station: int) -> dict[str, float | int]:
    county = CountyHarness(f"sqlite:///{work / 'many' / 'county.db'}")
    app = create_app(county.database_url)
    kiosks = []
    with serve_in_thread(app) as server:
        for index in range(stations):
            kiosk = build_kiosk(
                DataDir(work / "many" / f"k{index}"),
                credentials=MemoryCredentialStore(),
                settings=Settings(county_timeout_s=120),
            )
            kiosk.sync.enrol(server.url, county.enrolment_code(f"S{index:02}"))
            kiosk.sync.set_batch_size(25)
            simulate_visits(
                kiosk.uow_factory,
                kiosk.hasher,
                DEFAULT_PLATFORMS,
                kiosk.clock.now(),
                per_station,
                1,
                index,
            )
            kiosks.append(kiosk)
        barrier = threading.Barrier(stations)
        errors: list[str] = []

        def push(kiosk) -> None:
            barrier.wait(60)
            report = kiosk.sync.run_round()
            if report.error is not None:
                errors.append(report.error.reason.value)

        threads = [threading.Thread(target=push, args=(kiosk,)) for kiosk in kiosks]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
        elapsed = time.perf_counter() - started
    stats = county.stats()
    wrong = [code for code, entry in stats.items() if entry.counts["visits"] != per_station]
    for kiosk in kiosks:
        kiosk.close()
    app.state.county.engine.dispose()
    county.close()
    return {
        "stations": stations,
        "visits_each": per_station,
        "errors": len(errors),
        "wrong_counts": len(wrong),
        "seconds": round(elapsed, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="uncounted runs first")
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--per-station", type=int, default=100)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="redhome-bench-sync-"))
    try:
        started = time.perf_counter()
        template_kiosk = build_kiosk(
            DataDir(work / "template"), credentials=MemoryCredentialStore(), settings=Settings()
        )
        simulate_visits(
            template_kiosk.uow_factory,
            template_kiosk.hasher,
            DEFAULT_PLATFORMS,
            template_kiosk.clock.now(),
            args.visits,
            7,
            2026,
        )
        template_kiosk.close()
        template = work / "template.db"
        source = sqlite3.connect(work / "template" / "kiosk.db")
        destination = sqlite3.connect(template)
        source.backup(destination)
        source.close()
        destination.close()
        print(f"queued {args.visits} visits in {time.perf_counter() - started:.1f} s (not timed)")

        batch = DEFAULT_BATCH  # what SyncEngine.push uses unless told otherwise
        print(f"floor: {args.visits} ops in 1 request; sync: batches of {batch} ops")
        for index in range(args.warmup):
            floor, real = one_run(work, template, -1 - index, args.visits)
            print(f"warm-up (not counted): floor {floor:.3f} s, sync {real:.3f} s")
        floors: list[float] = []
        reals: list[float] = []
        for index in range(args.runs):
            floor, real = one_run(work, template, index, args.visits)
            floors.append(floor)
            reals.append(real)
            print(
                f"run {index + 1}: floor {floor:.3f} s ({args.visits / floor:,.0f} ops/s), "
                f"sync {real:.3f} s ({args.visits / real:,.0f} ops/s), ratio {real / floor:.2f}"
            )
        floor, real = statistics.median(floors), statistics.median(reals)
        ratio = real / floor
        ratios = sorted(r / f for f, r in zip(floors, reals, strict=True))
        print(
            f"median of {args.runs}: floor {args.visits / floor:,.0f} ops/s, "
            f"sync {args.visits / real:,.0f} ops/s, ratio {ratio:.2f} (target <= 3); "
            f"run ratios {ratios[0]:.2f}..{ratios[-1]:.2f}"
        )
        many = fifty_stations(work, args.stations, args.per_station) if args.stations else {}
        if many:
            print(
                f"{many['stations']} stations x {many['visits_each']} visits at once: "
                f"{many['errors']} errors, {many['wrong_counts']} wrong counts, "
                f"{many['seconds']} s"
            )
        print(
            json.dumps(
                {
                    "visits": args.visits,
                    "runs": args.runs,
                    "sync_batch": batch,
                    "floor_batch": args.visits,
                    "sync_ops_per_s": round(args.visits / real),
                    "floor_ops_per_s": round(args.visits / floor),
                    "ratio": round(ratio, 2),
                    "run_ratios": [round(value, 2) for value in ratios],
                    "target_ratio": 3,
                    "concurrent": many,
                }
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
