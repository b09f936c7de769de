"""Check-in's demo data: a week of visits, regulars among them.

Visits go through the real check-in service, so they carry outbox rows like any other.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import TypeVar

from kiosk.services.checkin.catalog import Platform, Purpose, WorkType, platforms_for
from kiosk.services.checkin.service import CheckInRequest, CheckInService
from kiosk.services.identity import PhoneHasher
from kiosk.services.phones import PhoneNumber
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.station_time import STATION_TZ, ManualClock, local_day

# The returning driver whose greeting the demo and the snapshots show (138****5678).
DEMO_RETURNING_PHONE = "13812345678"

_WORK_WEIGHTS = {
    WorkType.RIDE_HAILING: 55,
    WorkType.FOOD_DELIVERY: 20,
    WorkType.COURIER: 12,
    WorkType.TRUCK: 8,
    WorkType.OTHER: 5,
}
_PURPOSE_WEIGHTS = {
    Purpose.REST: 34,
    Purpose.CHARGING: 22,
    Purpose.WATER_MEAL: 20,
    Purpose.RESTROOM: 14,
    Purpose.HELP: 6,
    Purpose.ACTIVITY: 4,
}
# Busier around the morning and evening waves of arrivals.
T = TypeVar("T")

_HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 7, 8, 7, 6, 7, 9, 8, 6, 6, 7, 8, 9, 9, 8, 6, 4, 2]


def _pick(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _random_mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def seed_demo_visits(
    uow_factory: UnitOfWorkFactory,
    hasher: PhoneHasher,
    platforms: tuple[Platform, ...],
    today_start: datetime,
    days: int = 7,
    seed: int = 2026,
) -> int:
    """Seed `days` days of visits ending just before `today_start`'s instant.

    Returns the number of visits written.
    """
    rng = random.Random(seed)
    clock = ManualClock(today_start)
    checkin = CheckInService(uow_factory, clock, hasher, platforms)

    regulars = [(_random_mobile(rng), _pick(rng, _WORK_WEIGHTS)) for _ in range(60)]
    regulars[0] = (DEMO_RETURNING_PHONE, WorkType.RIDE_HAILING)
    written = 0
    end_day = local_day(today_start)
    for back in range(days, -1, -1):
        day = end_day - timedelta(days=back)
        midnight = datetime.combine(day, time(0), tzinfo=STATION_TZ)
        count = rng.randint(35, 60) if back else rng.randint(8, 14)
        instants = sorted(
            midnight
            + timedelta(hours=rng.choices(range(24), weights=_HOUR_WEIGHTS)[0])
            + timedelta(minutes=rng.randrange(60))
            for _ in range(count)
        )
        for instant in instants:
            if instant >= today_start:
                continue
            clock.set(instant)
            if rng.random() < 0.6:
                number, work_type = rng.choice(regulars)
            else:
                number, work_type = _random_mobile(rng), _pick(rng, _WORK_WEIGHTS)
            consent = number == DEMO_RETURNING_PHONE or rng.random() < 0.8
            options = platforms_for(work_type, platforms)
            platform = rng.choice(options).key if options else None
            if number == DEMO_RETURNING_PHONE:
                platform = "didi"
            checkin.check_in(
                CheckInRequest(
                    phone=PhoneNumber(number),
                    consent_given=consent,
                    work_type=work_type.value,
                    platform=platform,
                    purpose=_pick(rng, _PURPOSE_WEIGHTS).value,
                    work_detail="代驾" if work_type is WorkType.OTHER else None,
                )
            )
            written += 1
    return written
