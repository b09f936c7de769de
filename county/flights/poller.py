"""The poller: fetches what is due, keeps the last good data, backs off, honours Retry-After.

It runs in a background thread of the county server (start()/stop(), or run(stop_event)), with
an injected clock, source and store, so tests drive it without sleeping or a network.

What is due: today's partitions (airport x direction) every `interval_s` (default 5 min), and
yesterday's and tomorrow's every `other_days_interval_s` (default 1 h): those change little, and a
provider's monthly allowance is finite. Requests are spaced by `request_spacing_s`. A partition
whose fetch failed is retried after an exponential backoff (never later than its interval). A
provider-wide failure (429, quota, auth, 5xx, timeout, network) ends the cycle and holds every
request back: after a 429 for at least its Retry-After, after a refused key for an hour.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Protocol

from county.flights.errors import FlightErrorKind, FlightSourceError
from county.flights.snapshot import DEFAULT_AIRPORTS, PartitionKey, SnapshotStore, window_days
from redhome_wire.flights.legs import Leg
from redhome_wire.flights.records import Direction, FlightSnapshot
from redhome_wire.station_time import Clock

log = logging.getLogger(__name__)

MIN_INTERVAL_S: Final = 60
_LONG_BACKOFF: Final = frozenset(
    {FlightErrorKind.AUTH, FlightErrorKind.CONFIG, FlightErrorKind.QUOTA}
)


class FlightSource(Protocol):
    """An adapter: AviationStackSource, FileFeedSource, or a fake in tests."""

    @property
    def name(self) -> str:
        """Where the data comes from ("aviationstack", "file"), for the feed's metadata."""
        ...

    def fetch(self, airport: str, direction: Direction, day: date) -> list[Leg]:
        """The legs of one airport's arrivals or departures on one day; FlightSourceError."""
        ...


@dataclass(frozen=True, slots=True)
class PollSettings:
    interval_s: int = 300  # today's data
    other_days_interval_s: int = 3600  # yesterday's and tomorrow's
    request_spacing_s: float = 2.0  # between two provider requests
    backoff_initial_s: int = 60
    backoff_max_s: int = 1800
    long_backoff_s: int = 3600  # a refused key, a used-up quota, a missing config

    def __post_init__(self) -> None:
        if self.interval_s < MIN_INTERVAL_S or self.other_days_interval_s < MIN_INTERVAL_S:
            raise ValueError(f"poll intervals must be at least {MIN_INTERVAL_S} s")
        if self.request_spacing_s < 0 or self.backoff_initial_s <= 0:
            raise ValueError("spacing must be >= 0 and backoff > 0")
        if self.backoff_max_s < self.backoff_initial_s:
            raise ValueError("backoff_max_s must be at least backoff_initial_s")


@dataclass(frozen=True, slots=True)
class PollReport:
    attempted: int
    succeeded: int
    failed: int
    error: FlightSourceError | None  # the last error of this cycle
    held_until: datetime | None  # provider-wide backoff in force after this cycle
    next_due: datetime


class FlightPoller:
    def __init__(
        self,
        source: FlightSource,
        store: SnapshotStore,
        clock: Clock,
        *,
        airports: Sequence[str] = DEFAULT_AIRPORTS,
        settings: PollSettings | None = None,
        sleep: Callable[[float], object] | None = None,
        on_snapshot: Callable[[FlightSnapshot], None] | None = None,
    ) -> None:
        self._source = source
        self._store = store
        self._clock = clock
        self._airports = tuple(airport.upper() for airport in airports)
        self._settings = settings or PollSettings()
        self._stop = threading.Event()
        self._default_sleep = sleep is None
        self._sleep: Callable[[float], object] = sleep or self._stop.wait
        self._on_snapshot = on_snapshot
        self._held_until: datetime | None = None
        self._provider_failures = 0
        self._last_request_at: datetime | None = None
        self._thread: threading.Thread | None = None

    @property
    def store(self) -> SnapshotStore:
        return self._store

    @property
    def held_until(self) -> datetime | None:
        return self._held_until

    def snapshot(self) -> FlightSnapshot:
        return self._store.snapshot(self._clock.now(), self._airports)

    # --- scheduling ---------------------------------------------------------------------------

    def partitions(self, now: datetime) -> list[PartitionKey]:
        """Today's first (a waiting driver needs them most), then tomorrow's, then yesterday's."""
        yesterday, today, tomorrow = window_days(now)
        return [
            PartitionKey(airport, direction, day)
            for day in (today, tomorrow, yesterday)
            for airport in self._airports
            for direction in (Direction.ARRIVAL, Direction.DEPARTURE)
        ]

    def _backoff(self, failures: int) -> timedelta:
        seconds = self._settings.backoff_initial_s * 2 ** max(failures - 1, 0)
        return timedelta(seconds=min(seconds, self._settings.backoff_max_s))

    def due_at(self, key: PartitionKey, now: datetime) -> datetime:
        state = self._store.state(key)
        if state is None or state.last_attempt_at is None:
            return now
        today = window_days(now)[1]
        interval = timedelta(
            seconds=self._settings.interval_s
            if key.day == today
            else self._settings.other_days_interval_s
        )
        wait = min(self._backoff(state.failures), interval) if state.failing else interval
        return state.last_attempt_at + wait

    def next_due(self) -> datetime:
        now = self._clock.now()
        due = min(self.due_at(key, now) for key in self.partitions(now))
        if self._held_until is not None and self._held_until > due:
            return self._held_until
        return due

    def _hold(self, error: FlightSourceError, now: datetime) -> None:
        self._provider_failures += 1
        if error.retry_after_s is not None:
            wait = timedelta(seconds=max(error.retry_after_s, self._settings.backoff_initial_s))
        elif error.kind in _LONG_BACKOFF:
            wait = timedelta(seconds=self._settings.long_backoff_s)
        else:
            wait = self._backoff(self._provider_failures)
        self._held_until = now + wait
        log.warning(
            "flight source %s: %s (%s); holding requests until %s",
            self._source.name,
            error.message,
            error.kind.value,
            self._held_until.isoformat(),
        )

    def _space(self) -> bool:
        """Wait out the spacing since the last request; False when asked to stop meanwhile."""
        spacing = self._settings.request_spacing_s
        if self._last_request_at is not None and spacing > 0:
            elapsed = (self._clock.now() - self._last_request_at).total_seconds()
            if elapsed < spacing:
                self._sleep(spacing - elapsed)
        return not self._stop.is_set()

    # --- one cycle ----------------------------------------------------------------------------

    def poll_once(self) -> PollReport:
        """Fetch every partition that is due. Never raises for a source's failure."""
        now = self._clock.now()
        self._store.prune(now)
        attempted = succeeded = failed = 0
        last_error: FlightSourceError | None = None
        if self._held_until is None or now >= self._held_until:
            for key in self.partitions(now):
                if self.due_at(key, self._clock.now()) > self._clock.now():
                    continue
                if not self._space():
                    break
                attempted += 1
                self._last_request_at = self._clock.now()
                try:
                    legs = self._source.fetch(key.airport, key.direction, key.day)
                except FlightSourceError as error:
                    failed += 1
                    last_error = error
                    self._store.record_failure(key, error, self._clock.now())
                    if error.provider_wide:
                        self._hold(error, self._clock.now())
                        break
                    log.warning(
                        "flight source %s, %s %s %s: %s",
                        self._source.name,
                        key.airport,
                        key.direction.value,
                        key.day,
                        error.message,
                    )
                    continue
                except Exception as error:  # a bug in an adapter must not end the poller
                    log.exception("flight source %s crashed", self._source.name)
                    failed += 1
                    last_error = FlightSourceError(
                        FlightErrorKind.MALFORMED, f"adapter error: {type(error).__name__}"
                    )
                    self._store.record_failure(key, last_error, self._clock.now())
                    continue
                succeeded += 1
                self._provider_failures = 0
                self._held_until = None
                self._store.record_success(key, legs, self._clock.now(), self._source.name)
        if attempted and self._on_snapshot is not None:
            try:
                self._on_snapshot(self.snapshot())
            except Exception:
                log.exception("publishing the flight snapshot failed")
        return PollReport(
            attempted, succeeded, failed, last_error, self._held_until, self.next_due()
        )

    # --- the thread ---------------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None, *, max_wait_s: float = 60.0) -> None:
        """Poll until stopped; wakes at least every max_wait_s to notice a new day."""
        if stop is not None:
            self._stop = stop
            if self._default_sleep:
                self._sleep = stop.wait
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception:
                log.exception("flight poll cycle failed")
            delay = (self.next_due() - self._clock.now()).total_seconds()
            if self._stop.wait(min(max(delay, 1.0), max_wait_s)):
                break

    def start(self) -> threading.Thread:
        if self._thread is not None and self._thread.is_alive():
            return self._thread
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="flight-poller", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
