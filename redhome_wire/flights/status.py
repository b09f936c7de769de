"""The rules a flight board and a flight's phone page share, so they never disagree.

A flight's status word comes from the provider's status, its times and its delay; an arrival's
"passengers out at" is its landing time (actual, else estimated, else scheduled) plus an
allowance for walking out, longer where passengers clear border control.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import Final, NamedTuple

from redhome_wire.flights.records import Direction, FlightRecord, ProviderStatus

ALLOWANCE_DOMESTIC_MIN: Final = 20
ALLOWANCE_INTERNATIONAL_MIN: Final = 45
DELAY_THRESHOLD_MIN: Final = 15


class FlightStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    DEPARTED = "departed"  # for an arrival: in the air on its way here
    LANDED = "landed"
    DELAYED = "delayed"
    CANCELLED = "cancelled"
    DIVERTED = "diverted"
    UNKNOWN = "unknown"


class TimeKind(enum.StrEnum):
    SCHEDULED = "scheduled"
    ESTIMATED = "estimated"
    ACTUAL = "actual"


class PassengersOutAt(NamedTuple):
    at: datetime  # in UTC, like the record's times
    basis: TimeKind  # which landing time it is counted from
    allowance_min: int


def late_minutes(record: FlightRecord) -> int | None:
    """How late the station-side time is expected to be: the provider's delay or the estimate's."""
    known: list[int] = []
    if record.delay_min is not None:
        known.append(record.delay_min)
    later = record.actual_at or record.estimated_at
    if later is not None:
        known.append(int((later - record.scheduled_at).total_seconds() // 60))
    return max(known) if known else None


def flight_status(
    record: FlightRecord, delay_threshold_min: int = DELAY_THRESHOLD_MIN
) -> FlightStatus:
    """The board's status word, from the provider's status, the times and the delay."""
    provider = record.status
    if provider is ProviderStatus.CANCELLED:
        return FlightStatus.CANCELLED
    if provider is ProviderStatus.DIVERTED:
        return FlightStatus.DIVERTED
    late = late_minutes(record)
    delayed = late is not None and late >= delay_threshold_min
    if record.direction is Direction.ARRIVAL:
        if record.actual_at is not None or provider is ProviderStatus.LANDED:
            return FlightStatus.LANDED
        if delayed:
            return FlightStatus.DELAYED
        if provider is ProviderStatus.ACTIVE:
            return FlightStatus.DEPARTED
    else:
        if record.actual_at is not None or provider in (
            ProviderStatus.ACTIVE,
            ProviderStatus.LANDED,
        ):
            return FlightStatus.DEPARTED
        if delayed:
            return FlightStatus.DELAYED
    if provider is ProviderStatus.SCHEDULED:
        return FlightStatus.SCHEDULED
    return FlightStatus.UNKNOWN


def best_time(record: FlightRecord) -> tuple[datetime, TimeKind]:
    """The most certain time known: actual, else estimated, else scheduled."""
    if record.actual_at is not None:
        return record.actual_at, TimeKind.ACTUAL
    if record.estimated_at is not None:
        return record.estimated_at, TimeKind.ESTIMATED
    return record.scheduled_at, TimeKind.SCHEDULED


def passengers_out_at(
    record: FlightRecord,
    *,
    domestic_min: int = ALLOWANCE_DOMESTIC_MIN,
    international_min: int = ALLOWANCE_INTERNATIONAL_MIN,
    allowance_min: int | None = None,
) -> PassengersOutAt | None:
    """Landing time plus the allowance; None for departures, cancelled and diverted flights.

    `allowance_min`, when given, overrides the domestic/international choice (the phone page
    shows the allowance the kiosk used)."""
    if record.direction is not Direction.ARRIVAL or record.status in (
        ProviderStatus.CANCELLED,
        ProviderStatus.DIVERTED,
    ):
        return None
    landing, basis = best_time(record)
    if allowance_min is None:
        allowance_min = international_min if record.international else domestic_min
    return PassengersOutAt(landing + timedelta(minutes=allowance_min), basis, allowance_min)
