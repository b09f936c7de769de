"""A realistic, deterministic CSX flight day for demos and benchmarks, relative to a given "now".

The timetable (routes, airlines, flight numbers, times) depends only on the seed and repeats every
day, as a real one does; delays and cancellations depend on the seed and the day; statuses, actual
times, gates and belts depend on "now". Rows are in the file-feed format (README.md), so the demo
exercises the same parser a county without a paid provider uses. It lives with the kiosk (plain
Python, no Qt, nothing of the county) because the kiosk's offline demo seeds its flight cache from
it; redhome_wire.flights.demo re-exports it.

    python -m redhome_wire.flights.demo OUT_DIR [--now 2026-11-27T15:00+08:00] [--seed 5] [--csv]
    python -m redhome_wire.flights.demo OUT_DIR ...   (the same)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from redhome_wire.flights.airports import lookup
from redhome_wire.flights.build import build_records, window_days
from redhome_wire.flights.records import FlightFeedMeta, FlightSnapshot
from redhome_wire.flights.rows import parse_row
from redhome_wire.station_time import STATION_TZ

AIRLINES: Final[dict[str, tuple[str, int]]] = {
    # code: (name, first flight number of its CSX block)
    "CZ": ("China Southern Airlines", 3301),
    "MU": ("China Eastern Airlines", 2501),
    "CA": ("Air China", 1351),
    "HU": ("Hainan Airlines", 7181),
    "3U": ("Sichuan Airlines", 8551),
    "ZH": ("Shenzhen Airlines", 9711),
    "MF": ("Xiamen Airlines", 8261),
    "GJ": ("Loong Air", 8731),
    "KY": ("Kunming Airlines", 8241),
    "FD": ("Thai AirAsia", 558),
    "AK": ("AirAsia", 1541),
    "OZ": ("Asiana Airlines", 3751),
    "HX": ("Hong Kong Airlines", 1641),
}
# Marketing partners that sell seats on an operating carrier's flights.
PARTNERS: Final[dict[str, tuple[str, ...]]] = {
    "CZ": ("MF",),
    "MU": ("FM",),
    "CA": ("ZH",),
    "HU": ("GS",),
    "3U": ("CA",),
    "MF": ("CZ",),
}
_PARTNER_BASE: Final[dict[str, int]] = {
    "MF": 1001,
    "FM": 9001,
    "ZH": 4001,
    "GS": 6401,
    "CZ": 5101,
    "CA": 3901,
}


@dataclass(frozen=True, slots=True)
class Route:
    iata: str
    weight: float  # relative daily frequency
    airlines: tuple[tuple[str, float], ...]
    block_min: int  # scheduled flying time
    late: bool = False  # prefers evening/night arrivals


ROUTES: Final[tuple[Route, ...]] = (
    Route("PEK", 6, (("CZ", 3), ("CA", 3)), 150),
    Route("PKX", 5, (("CZ", 3), ("MU", 1), ("CA", 1)), 150),
    Route("SHA", 5, (("MU", 3), ("CZ", 2)), 120),
    Route("PVG", 4, (("MU", 2), ("CZ", 2)), 125),
    Route("CAN", 3, (("CZ", 1),), 80),
    Route("SZX", 5, (("ZH", 3), ("CZ", 2)), 95),
    Route("CTU", 4, (("3U", 2), ("CZ", 1), ("CA", 1)), 115),
    Route("TFU", 3, (("3U", 2), ("CZ", 1)), 120),
    Route("KMG", 5, (("KY", 1), ("CZ", 2), ("MU", 2)), 120),
    Route("XIY", 3, (("CZ", 1), ("MU", 1), ("HU", 1)), 110),
    Route("HAK", 5, (("HU", 3), ("CZ", 2)), 115),
    Route("SYX", 5, (("CZ", 2), ("HU", 2), ("MU", 1)), 130, late=True),
    Route("XMN", 4, (("MF", 3), ("CZ", 1)), 100),
    Route("HGH", 3, (("CZ", 1), ("GJ", 2)), 105),
    Route("CKG", 3, (("CZ", 2), ("3U", 1)), 90),
    Route("URC", 2, (("CZ", 1),), 300, late=True),
    Route("HRB", 3, (("CZ", 2), ("HU", 1)), 215),
    Route("SHE", 3, (("CZ", 2), ("HU", 1)), 180),
    Route("DLC", 2, (("CZ", 1),), 165),
    Route("TAO", 3, (("CZ", 1), ("MU", 1)), 135),
    Route("TSN", 2, (("CZ", 1), ("GJ", 1)), 145),
    Route("NNG", 2, (("CZ", 1),), 95),
    Route("KWE", 2, (("CZ", 1),), 80),
    Route("LHW", 2, (("CZ", 1),), 140),
    Route("TNA", 2, (("CZ", 1),), 120),
    Route("CGQ", 1, (("CZ", 1),), 230),
    Route("FOC", 2, (("MF", 1),), 95),
    Route("KWL", 1, (("CZ", 1),), 70),
    Route("LJG", 1, (("CZ", 1), ("KY", 1)), 140),
    Route("JHG", 1, (("KY", 1),), 150),
    Route("HKG", 2, (("CZ", 1), ("HX", 1)), 100),
    Route("BKK", 2, (("CZ", 1), ("FD", 1)), 200, late=True),
    Route("SIN", 1, (("CZ", 1),), 270, late=True),
    Route("ICN", 1.5, (("CZ", 1), ("OZ", 1)), 200, late=True),
    Route("NRT", 1, (("CZ", 1),), 250),
    Route("KIX", 1, (("CZ", 1),), 200),
    Route("KUL", 1, (("AK", 1), ("CZ", 1)), 270, late=True),
)
_T1_AIRLINES: Final = frozenset({"HU", "GJ", "KY"})


@dataclass(frozen=True, slots=True)
class _Rotation:
    route: Route
    airline: str
    arrival_number: str  # X -> CSX (even)
    departure_number: str  # CSX -> X (odd)
    arrive_min: int  # minutes after the day's local midnight; may pass 1440
    turnaround_min: int
    codeshares: tuple[str, ...]


def _timetable(seed: int, flights_per_day: int) -> list[_Rotation]:
    rng = random.Random(f"timetable:{seed}")
    total_weight = sum(route.weight for route in ROUTES)
    counters = {code: base for code, (_name, base) in AIRLINES.items()}
    partner_counters = dict(_PARTNER_BASE)
    rotations: list[_Rotation] = []
    for route in ROUTES:
        frequency = max(1, round(route.weight * flights_per_day / total_weight))
        codes = [code for code, _w in route.airlines]
        weights = [w for _c, w in route.airlines]
        for index in range(frequency):
            airline = rng.choices(codes, weights)[0]
            if (
                route.iata == "PEK"
                and airline == "CZ"
                and "CZ3392" not in {r.arrival_number for r in rotations}
            ):
                departure = 3391  # the example: CZ3392 from Beijing
            else:
                departure = counters[airline]
                counters[airline] += 2
                if departure == 3391:
                    departure = counters[airline]
                    counters[airline] += 2
            # Spread the day's rotations from 07:00; late routes lean to the evening and night.
            start, end = (17 * 60, 25 * 60 + 40) if route.late else (7 * 60, 23 * 60 + 30)
            slot = start + (end - start) * (index + rng.random()) / frequency
            partners = PARTNERS.get(airline, ())
            codeshares: tuple[str, ...] = ()
            if departure == 3391:
                codeshares = ("MF4391",)  # and so MF4392 finds CZ3392
            elif partners and rng.random() < 0.45:
                partner = rng.choice(partners)
                codeshares = (f"{partner}{partner_counters[partner]}",)
                partner_counters[partner] += 2
            rotations.append(
                _Rotation(
                    route=route,
                    airline=airline,
                    arrival_number=f"{airline}{departure + 1}",
                    departure_number=f"{airline}{departure}",
                    # CZ3392 lands mid-afternoon, so a demo at 15:00 has it still to come.
                    arrive_min=16 * 60 + 35 if departure == 3391 else int(slot) // 5 * 5,
                    turnaround_min=rng.choice((45, 50, 55, 60, 70, 80)),
                    codeshares=codeshares,
                )
            )
    return rotations


def _local(day: date, minutes: int) -> datetime:
    midnight = datetime(day.year, day.month, day.day, tzinfo=STATION_TZ)
    return (midnight + timedelta(minutes=minutes)).astimezone(STATION_TZ)


def _fmt(when: datetime | None) -> str | None:
    return when.astimezone(STATION_TZ).strftime("%Y-%m-%d %H:%M") if when is not None else None


def _row(
    rotation: _Rotation,
    number: str,
    codeshares: tuple[str, ...],
    arriving: bool,
    scheduled: datetime,
    now: datetime,
    rng: random.Random,
    airport: str,
) -> dict[str, Any]:
    block = timedelta(minutes=rotation.route.block_min)
    roll = rng.random()
    cancelled = roll < 0.02
    diverted = arriving and 0.02 <= roll < 0.025
    if roll < 0.70:
        delay = rng.randint(-10, 8)
    elif roll < 0.90:
        delay = rng.randint(15, 45)
    else:
        delay = rng.randint(60, 180)
    expected = scheduled + timedelta(minutes=delay)
    takeoff = expected - block if arriving else expected
    estimated = actual = None
    status = "scheduled"
    international = bool((known := lookup(rotation.route.iata)) and known.country != "CN")
    belt = gate = None
    if cancelled:
        status = "cancelled"
    elif diverted and now >= takeoff:
        status = "diverted"
    elif arriving:
        if now >= expected:
            status, actual, estimated = (
                "landed",
                expected + timedelta(minutes=rng.randint(-2, 3)),
                expected,
            )
        elif now >= takeoff:
            status, estimated = "active", expected
        elif delay >= 15 or expected - now < timedelta(hours=6):
            estimated = expected
        if (
            status != "cancelled"
            and (now >= expected - timedelta(minutes=60))
            and rng.random() > 0.15
        ):
            belt = str(rng.randint(20, 24) if international else rng.randint(1, 18))
    else:
        if now >= expected:
            status = "landed" if now >= expected + block else "active"
            actual = expected + timedelta(minutes=rng.randint(-2, 3))
            estimated = expected
        elif delay >= 15 or expected - now < timedelta(hours=6):
            estimated = expected
        if now >= expected - timedelta(hours=3) and rng.random() > 0.2:
            gate = f"{rng.choice((1, 2))}{rng.randint(1, 40):02d}"
    terminal = None if rng.random() < 0.05 else ("T1" if rotation.airline in _T1_AIRLINES else "T2")
    name = AIRLINES.get(rotation.airline, ("", 0))[0]
    return {
        "flight": number,
        "direction": "arrival" if arriving else "departure",
        "airport": airport,
        "other_iata": rotation.route.iata,
        "airline": name or None,
        "airline_iata": rotation.airline,
        "codeshares": " ".join(codeshares) or None,
        "scheduled": _fmt(scheduled),
        "estimated": _fmt(estimated),
        "actual": _fmt(actual),
        "status": status,
        "delay_min": delay if status != "cancelled" and delay >= 15 else None,
        "terminal": terminal,
        "gate": gate,
        "belt": belt,
    }


def demo_rows(
    now: datetime,
    *,
    seed: int = 5,
    airport: str = "CSX",
    flights_per_day: int = 180,
    days: Sequence[int] = (-1, 0, 1),
) -> list[dict[str, Any]]:
    """File-feed rows for yesterday, today and tomorrow around `now` (aware)."""
    if now.tzinfo is None:
        raise ValueError("demo_rows needs an aware now")
    today = now.astimezone(STATION_TZ).date()
    rows: list[dict[str, Any]] = []
    for rotation in _timetable(seed, flights_per_day):
        for offset in days:
            day = today + timedelta(days=offset)
            rng = random.Random(f"{seed}:{day.isoformat()}:{rotation.arrival_number}")
            arrive = _local(day, rotation.arrive_min)
            depart = arrive + timedelta(minutes=rotation.turnaround_min)
            shares_in = tuple(_next_even(code) for code in rotation.codeshares)
            rows.append(
                _row(rotation, rotation.arrival_number, shares_in, True, arrive, now, rng, airport)
            )
            rows.append(
                _row(
                    rotation,
                    rotation.departure_number,
                    rotation.codeshares,
                    False,
                    depart,
                    now,
                    rng,
                    airport,
                )
            )
    rows.sort(key=lambda row: (row["scheduled"], row["flight"]))
    return rows


def _next_even(number: str) -> str:
    return f"{number[:2]}{int(number[2:]) + 1}"


def demo_snapshot(
    now: datetime,
    *,
    seed: int = 5,
    airport: str = "CSX",
    flights_per_day: int = 180,
    updated_ago: timedelta = timedelta(minutes=2),
) -> FlightSnapshot:
    """A snapshot as the county would send it, built through the file-feed parser."""
    legs = [
        parse_row(row)
        for row in demo_rows(now, seed=seed, airport=airport, flights_per_day=flights_per_day)
    ]
    records = build_records(legs, airport)
    meta = FlightFeedMeta(
        airports=(airport,),
        source="demo",
        updated_at=now - updated_ago,
        attempted_at=now - updated_ago,
        days=window_days(now),
        count=len(records),
    )
    return FlightSnapshot(meta=meta, flights=tuple(records))


_CSV_COLUMNS: Final = (
    "flight",
    "direction",
    "airport",
    "other_iata",
    "airline",
    "airline_iata",
    "codeshares",
    "scheduled",
    "estimated",
    "actual",
    "status",
    "delay_min",
    "terminal",
    "gate",
    "belt",
)


def write_demo_feed(
    folder: Path, now: datetime, *, seed: int = 5, as_csv: bool = False, flights_per_day: int = 180
) -> Path:
    """Write the demo day as one feed file (atomically: a temporary name, then a rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = demo_rows(now, seed=seed, flights_per_day=flights_per_day)
    target = folder / ("csx-demo.csv" if as_csv else "csx-demo.json")
    temporary = folder / (target.name + ".tmp")
    if as_csv:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=_CSV_COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow({key: "" if value is None else value for key, value in row.items()})
    else:
        document = {"generated_at": now.astimezone(UTC).isoformat(), "flights": rows}
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m redhome_wire.flights.demo", description=__doc__
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--now", help="an ISO 8601 instant with offset (default: the clock)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--per-day", type=int, default=180, help="flights per direction per day")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of JSON")
    args = parser.parse_args(argv)
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    if now.tzinfo is None:
        parser.error("--now needs an offset, e.g. 2026-11-27T15:00+08:00")
    path = write_demo_feed(
        args.folder, now, seed=args.seed, as_csv=args.csv, flights_per_day=args.per_day
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
