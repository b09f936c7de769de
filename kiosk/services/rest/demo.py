"""Demo rest corner: the airport station's twelve seats and a lived-in afternoon.

Rests go through the real service on a clock that walks up to now, so they carry outbox rows
and day counts like any others: some finished, most seats resting, one seat out of service.
Nobody's time is up yet at start: a wake-up would put its banner over every page of the demo.
Two rests end within a quarter of an hour, so the board shows its wake-ups soon after.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.services.rest.service import DrivingSpan, RestService, SeatConfig, SeatKind
from redhome_wire.station_time import ManualClock

QUIET_ROOM = "静音室"

# Airport: six chairs by the window, four recliners, two beds in the quiet room.
AIRPORT_SEATS: tuple[SeatConfig, ...] = (
    *(SeatConfig(str(n), SeatKind.CHAIR) for n in range(1, 7)),
    *(SeatConfig(str(n), SeatKind.RECLINER) for n in range(7, 11)),
    *(SeatConfig(str(n), SeatKind.BED, QUIET_ROOM) for n in range(11, 13)),
)
OUT_OF_SERVICE_SEAT = "10"

# (seat, minutes before now it started, minutes asked for, driving before it, ended after)
_FINISHED = (
    ("1", 190, 30, DrivingSpan.OVER_4H, 31),
    ("7", 150, 60, None, 58),
    ("3", 120, 20, None, 20),
)
_GOING_ON = (
    ("2", 12, 30, DrivingSpan.FROM_2H_TO_4H),
    ("4", 25, 60, DrivingSpan.OVER_4H),
    ("8", 40, 60, None),
    ("11", 50, 120, DrivingSpan.OVER_4H),
    ("5", 18, 30, None),  # wakes in 12 minutes
    ("9", 25, 30, None),  # wakes in 5 minutes
)


def seed_rest_demo(service: RestService, now: datetime) -> int:
    """Configure the seats and play the last hours up to `now`; returns the rests made."""
    service.sync_seats(AIRPORT_SEATS)
    service.set_out_of_service(OUT_OF_SERVICE_SEAT, True)
    clock = ManualClock(now)
    played = service.with_clock(clock)
    made = 0
    for seat, ago, minutes, driving, lasted in _FINISHED:
        clock.set(now - timedelta(minutes=ago))
        played.start(seat, minutes=minutes, driving=driving)
        clock.set(now - timedelta(minutes=ago - lasted))
        played.tick()
        played.wake(seat)
        made += 1
    for seat, ago, minutes, driving in sorted(_GOING_ON, key=lambda rest: -rest[1]):
        clock.set(now - timedelta(minutes=ago))
        played.start(seat, minutes=minutes, driving=driving)
        made += 1
    clock.set(now)
    played.tick()
    return made
