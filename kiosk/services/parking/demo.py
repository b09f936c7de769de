"""Demo parking: the airport station's and the logistics park's bays, and a realistic morning.

Reservations go through the real service on a clock that walks from a few hours ago up to now,
so they carry outbox rows, codes and bay assignments like any others.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from kiosk.services.parking.plates import DIGITS, PLATE_LETTERS
from kiosk.services.parking.service import (
    BayConfig,
    BayType,
    ParkingError,
    ParkingService,
    ReservationView,
)
from redhome_wire.station_time import ManualClock

# Airport: 306 bays = 282 car + 24 EV (20 AC wallboxes of 7 kW, 4 DC fast chargers of 120 kW).
AIRPORT_BAYS: tuple[BayConfig, ...] = (
    *(BayConfig(f"C{n:03d}", BayType.CAR) for n in range(1, 283)),
    *(BayConfig(f"E{n:02d}", BayType.EV, 7.0) for n in range(1, 21)),
    *(BayConfig(f"E{n:02d}", BayType.EV, 120.0) for n in range(21, 25)),
)
# Logistics park: 40 overnight truck bays.
LOGISTICS_BAYS: tuple[BayConfig, ...] = tuple(
    BayConfig(f"T{n:02d}", BayType.TRUCK) for n in range(1, 41)
)

# Most cars at a Changsha station are local; a few come from the neighbours.
_PLATE_PREFIXES = ("湘A",) * 8 + ("湘F", "湘C", "鄂A", "赣A", "粤B")
_SERIAL_CHARS = DIGITS * 4 + PLATE_LETTERS
_MORNING = {BayType.CAR: 60, BayType.EV: 14, BayType.TRUCK: 22}
_LATER = {BayType.CAR: 30, BayType.EV: 6, BayType.TRUCK: 12}


def demo_plate(rng: random.Random, *, new_energy: bool = False) -> str:
    prefix = rng.choice(_PLATE_PREFIXES)
    if new_energy:
        return prefix + rng.choice("DF") + "".join(rng.choice(DIGITS) for _ in range(5))
    return prefix + "".join(rng.choice(_SERIAL_CHARS) for _ in range(5))


def seed_parking_demo(
    service: ParkingService, now: datetime, bays: tuple[BayConfig, ...] = AIRPORT_BAYS
) -> int:
    """Configure `bays` and play the last three hours up to `now`; returns reservations made.

    Leaves: cars and chargers in use (some already gone), one no-show, and bookings for the
    coming hours. The service's own clock is untouched.
    """
    service.sync_inventory(bays)
    rng = random.Random(306)
    clock = ManualClock(now - timedelta(hours=3))
    walker = service.with_clock(clock)
    types = sorted({bay.bay_type for bay in bays}, key=list(BayType).index)
    used: set[str] = set()
    made = 0

    def book(kind: BayType, start_at: datetime | None, minutes: int) -> ReservationView | None:
        nonlocal made
        while True:
            candidate = demo_plate(rng, new_energy=kind is BayType.EV)
            if candidate not in used:
                used.add(candidate)
                break
        longest = service.settings.max_hours[kind] * 60
        try:
            view = walker.book(kind, start_at, min(minutes, longest), candidate)
        except ParkingError:
            return None
        made += 1
        return view

    # Three hours ago: the morning wave parks and plugs in.
    parked: dict[str, datetime] = {}
    for kind in types:
        for _ in range(_MORNING[kind]):
            view = book(kind, None, rng.choice((60, 120, 180, 240, 360, 480)))
            if view is not None:
                walker.arrive(view.plate, view.code)
                parked[view.code] = view.end_at
    # One booking for an hour later never turns up: it lapses into a no-show by itself.
    book(types[0], walker.bookable_starts()[4], 60)
    # Walk to now a quarter at a time: drivers leave when their time is up, a few early.
    while clock.now() < now:
        clock.set(min(clock.now() + service.settings.slot, now))
        for code, end_at in list(parked.items()):
            if end_at <= clock.now() or rng.random() < 0.01:
                walker.leave(code)
                del parked[code]
    walker.expire_no_shows()
    # Bookings for the coming hours.
    starts = walker.bookable_starts()[1:49]
    for kind in types:
        for _ in range(_LATER[kind]):
            book(kind, rng.choice(starts), rng.choice((60, 90, 120, 240)))
    return made
