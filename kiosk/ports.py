"""Ports: what one capability needs from another, or from the station, without importing it.

The composition root (kiosk.app) fills each port: the station's own implementation, or the one
a capability provides (CoreCapability.provides). Each has a default that knows nothing, so a
station without the capability behind a port still runs, and tests pass fakes through the same
door. Plain Python, no Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class DriverSession:
    """The driver at the screen now, once they have checked in; nothing that names them."""

    masked_phone: str | None  # 138****5678, or None for an anonymous check-in
    work_type: str
    started_at: datetime


class CurrentDriver:
    """Who is at the screen: set when a driver checks in, cleared when the kiosk resets for the
    next one (home after a finished task, or the idle timeout)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._session: DriverSession | None = None

    def current(self) -> DriverSession | None:
        with self._lock:
            return self._session

    def start(self, session: DriverSession) -> None:
        with self._lock:
            self._session = session

    def end(self) -> None:
        with self._lock:
            self._session = None


@dataclass(frozen=True, slots=True)
class ArrivingFlight:
    flight: str
    city_zh: str | None
    city_en: str | None
    lands_at: datetime  # best known: actual, else estimated, else scheduled
    passengers_out_at: datetime | None


class ArrivingFlights(Protocol):
    def within(self, now: datetime, minutes: int) -> list[ArrivingFlight]:
        """Arrivals whose passengers come out from now to `minutes` later, soonest first."""
        ...


class NoFlights:
    def within(self, now: datetime, minutes: int) -> list[ArrivingFlight]:
        return []


class Sound(Protocol):
    """Chimes for timers and alarms, at the station's one volume scaled by `volume` (0 to 1):
    a capability with quiet hours (the rest corner at night) asks for less, or for none."""

    def chime(self, cue: str, volume: float = 1.0) -> None: ...


class Silence:
    """No output device (headless, tests): chimes are counted, never played."""

    def __init__(self) -> None:
        self.played: list[str] = []
        self.volumes: list[float] = []

    def chime(self, cue: str, volume: float = 1.0) -> None:
        self.played.append(cue)
        self.volumes.append(volume)


def no_day_counts(day: date) -> Mapping[str, int]:
    return {}


@dataclass
class Ports:
    current_driver: CurrentDriver = field(default_factory=CurrentDriver)
    # Every capability's counters for one station day (what the keeper's close-out seals);
    # the composition root fills it once everything is built.
    day_counts: Callable[[date], Mapping[str, int]] = no_day_counts
    arriving_flights: ArrivingFlights = field(default_factory=NoFlights)
    sound: Sound = field(default_factory=Silence)
