"""Realistic synthetic visits for demos, benchmarks and soak tests.

They go through the real check-in service with a manual clock, so each carries its outbox row
exactly as a driver's tap would.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from kiosk.services.checkin.catalog import Platform, Purpose, WorkType, platforms_for
from kiosk.services.checkin.service import CheckInRequest, CheckInService
from kiosk.services.identity import PhoneHasher
from kiosk.services.phones import PhoneNumber
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.station_time import ManualClock

_WORK = (
    [WorkType.RIDE_HAILING] * 55
    + [WorkType.FOOD_DELIVERY] * 20
    + [WorkType.COURIER] * 12
    + [WorkType.TRUCK] * 8
    + [WorkType.OTHER] * 5
)
_PURPOSES = (
    [Purpose.REST] * 34
    + [Purpose.CHARGING] * 22
    + [Purpose.WATER_MEAL] * 20
    + [Purpose.RESTROOM] * 14
    + [Purpose.HELP] * 6
    + [Purpose.ACTIVITY] * 4
)
# Busier around the morning and evening waves (station-local hours; UTC+8).
_HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 7, 8, 7, 6, 7, 9, 8, 6, 6, 7, 8, 9, 9, 8, 6, 4, 2]
_DETAILS = ("代驾", "跑腿", "搬家", "维修")


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def simulate_visits(
    uow_factory: UnitOfWorkFactory,
    hasher: PhoneHasher,
    platforms: tuple[Platform, ...],
    end: datetime,
    visits: int,
    days: int = 1,
    seed: int | None = None,
) -> int:
    """Check in `visits` drivers spread over the `days` days before `end`. Returns the count."""
    if visits < 0 or days < 1:
        raise ValueError("visits must be >= 0 and days >= 1")
    rng = random.Random(seed)
    clock = ManualClock(end)
    checkin = CheckInService(uow_factory, clock, hasher, platforms)
    regulars = [(_mobile(rng), rng.choice(_WORK)) for _ in range(max(10, visits // 20))]
    start = end - timedelta(days=days)
    instants = sorted(
        start
        + timedelta(
            days=rng.randrange(days),
            hours=(rng.choices(range(24), weights=_HOUR_WEIGHTS)[0] - 8) % 24,
            seconds=rng.randrange(3600),
        )
        for _ in range(visits)
    )
    for instant in instants:
        clock.set(min(instant, end))
        if rng.random() < 0.6:
            number, work = rng.choice(regulars)
        else:
            number, work = _mobile(rng), rng.choice(_WORK)
        options = platforms_for(work, platforms)
        checkin.check_in(
            CheckInRequest(
                phone=PhoneNumber(number) if rng.random() < 0.9 else None,
                consent_given=rng.random() < 0.8,
                work_type=work.value,
                platform=rng.choice(options).key if options else None,
                purpose=rng.choice(_PURPOSES).value,
                work_detail=rng.choice(_DETAILS) if work is WorkType.OTHER else None,
            )
        )
    return len(instants)
