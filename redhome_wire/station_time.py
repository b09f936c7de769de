"""Station time, the same on both sides: an injected clock, the station's zone and its day.

Instants are stored timezone-aware in UTC and shown in Asia/Shanghai; a station's day (the
counts, a reservation's day, a flight's date) is the calendar day there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Final, Protocol
from zoneinfo import ZoneInfo

STATION_TZ_NAME: Final = "Asia/Shanghai"
STATION_TZ: Final = ZoneInfo(STATION_TZ_NAME)


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to; for tests, demos and snapshots."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, instant: datetime) -> None:
        self._now = instant.astimezone(UTC)


def local_day(instant: datetime) -> date:
    """The calendar day at the station (Asia/Shanghai) on which an instant falls."""
    return instant.astimezone(STATION_TZ).date()


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which a station-local day starts and the next one starts."""
    start = datetime(day.year, day.month, day.day, tzinfo=STATION_TZ)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
