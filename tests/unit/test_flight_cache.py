"""The kiosk's flight cache without a county: the offline demo seed, loading, the QR text."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import kiosk
from kiosk.app import Kiosk
from kiosk.services.flights.board import BoardSettings, FlightBoard, Freshness
from kiosk.services.flights.cache import (
    flight_page_base_url,
    flight_qr_text,
    load_cached_flights,
    seed_demo_flights,
)
from kiosk.store.models import SyncState
from redhome_wire.flights.demo import demo_snapshot
from redhome_wire.flights.records import Direction, FlightRecord
from redhome_wire.station_time import STATION_TZ, ManualClock

PACKAGE = Path(kiosk.__file__).parent
START = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)  # the `kiosk` fixture's clock


def test_the_demo_seeds_the_cache_as_if_pulled(kiosk: Kiosk) -> None:
    assert load_cached_flights(kiosk.uow_factory) == ([], None)
    count = seed_demo_flights(kiosk.uow_factory, START)
    expected = demo_snapshot(START)
    assert count == len(expected.flights) > 900

    records, meta = load_cached_flights(kiosk.uow_factory)
    assert sorted(records, key=lambda r: r.key) == sorted(expected.flights, key=lambda r: r.key)
    assert meta == expected.meta and meta.source == "demo"

    # Seeding again (a demo restarted the next day) replaces, never doubles.
    assert seed_demo_flights(kiosk.uow_factory, START) == count
    assert len(load_cached_flights(kiosk.uow_factory)[0]) == count


def test_a_driver_finds_cz3392_on_the_demo_board(kiosk: Kiosk) -> None:
    seed_demo_flights(kiosk.uow_factory, START)
    board = FlightBoard(ManualClock(START), BoardSettings())
    board.load_records(*load_cached_flights(kiosk.uow_factory))
    row = board.rows(Direction.ARRIVAL, "cz 3392")[0]
    assert row.flight == "CZ3392" and row.city_zh == "北京"
    assert row.passengers_out is not None and row.passengers_out.allowance_min == 20
    assert board.rows(Direction.ARRIVAL, "bj")  # pinyin initials of 北京
    assert board.freshness().state is Freshness.FRESH
    assert board.demand().total > 0


def cz3392() -> FlightRecord:
    return next(r for r in demo_snapshot(START).flights if r.key == "CSX-A-CZ3392-20261127")


def test_the_qr_carries_the_county_page_or_offline_the_flight_number() -> None:
    record = cz3392()
    assert flight_qr_text(record, "https://county.example/") == (
        "https://county.example/f/CSX-A-CZ3392-20261127"
    )
    assert flight_qr_text(record, "https://county.example", allowance_min=25) == (
        "https://county.example/f/CSX-A-CZ3392-20261127?out=25"
    )
    assert flight_qr_text(record, None) == "CZ3392 2026-11-27"
    assert flight_qr_text(record, "") == "CZ3392 2026-11-27"


def test_the_page_base_is_known_once_enrolled(kiosk: Kiosk) -> None:
    assert flight_page_base_url(kiosk.uow_factory) is None
    with kiosk.uow_factory() as uow:
        uow.session.add(
            SyncState(
                id=1,
                station_code="CSX-01",
                server_url="https://county.example:8700",
                pull_cursor=0,
            )
        )
        uow.commit()
    assert flight_page_base_url(kiosk.uow_factory) == "https://county.example:8700"
    with kiosk.uow_factory() as uow:
        state = uow.session.get(SyncState, 1)
        assert state is not None
        state.public_base_url = "https://red.example/"
        uow.commit()
    assert flight_page_base_url(kiosk.uow_factory) == "https://red.example"


# --- the shared flight code stays shareable ------------------------------------------------------


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_kiosk_flight_path_never_loads_the_county_package() -> None:
    modules = [
        "kiosk.services.flights.cache",
        "kiosk.sync.engine",
        "kiosk.store.schema",
        "redhome_wire.flights.demo",
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('county', 'fastapi')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
