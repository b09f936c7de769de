"""From legs to the snapshot kiosks receive: codeshares merged, cities named, last good data kept.

The snapshot covers yesterday, today and tomorrow (Asia/Shanghai dates) for the configured
airports. It is kept per partition (airport x direction x day), each with its own last good legs:
a failed fetch records the failure and leaves the partition's legs as they were, so an error, a
429 or a malformed answer never wipes good data. With a path, the store survives a restart.
Building records from legs (build_records, window_days, record_key) lives in
redhome_wire.flights.build, shared with the demo generator; they are re-exported here.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from county.flights.errors import FlightSourceError
from redhome_wire.flights.build import build_records, record_key, window_days
from redhome_wire.flights.legs import Leg
from redhome_wire.flights.records import Direction, FlightFeedMeta, FlightRecord, FlightSnapshot

__all__ = [
    "DEFAULT_AIRPORTS",
    "PartitionKey",
    "PartitionState",
    "SnapshotStore",
    "build_records",
    "record_key",
    "window_days",
]

log = logging.getLogger(__name__)

DEFAULT_AIRPORTS: Final = ("CSX",)
STORE_VERSION: Final = 1


# --- the store ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartitionKey:
    airport: str
    direction: Direction
    day: date


@dataclass(slots=True)
class PartitionState:
    legs: tuple[Leg, ...] = ()
    source: str | None = None
    last_success_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_error: FlightSourceError | None = None
    failures: int = 0  # consecutive

    @property
    def failing(self) -> bool:
        return self.last_error is not None


@dataclass(slots=True)
class _Cache:
    version: int = -1
    days: tuple[date, ...] = ()
    snapshot: FlightSnapshot | None = None
    airports: tuple[str, ...] = field(default_factory=tuple)


class SnapshotStore:
    """Thread-safe last-good flight data per partition; a poller writes, the app reads."""

    def __init__(self, path: Path | None = None, *, source: str = "unknown") -> None:
        self._lock = threading.Lock()
        self._partitions: dict[PartitionKey, PartitionState] = {}
        self._version = 0
        self._cache = _Cache()
        self._path = path
        self._source = source
        if path is not None and path.exists():
            self._load(path)

    # --- writes -------------------------------------------------------------------------------

    def record_success(
        self, key: PartitionKey, legs: Sequence[Leg], at: datetime, source: str
    ) -> None:
        with self._lock:
            state = self._partitions.setdefault(key, PartitionState())
            state.legs = tuple(legs)
            state.source = source
            state.last_success_at = at
            state.last_attempt_at = at
            state.last_error = None
            state.failures = 0
            self._source = source
            self._version += 1
        self._save()

    def record_failure(self, key: PartitionKey, error: FlightSourceError, at: datetime) -> None:
        """The failure is noted; the partition's legs stay as they were."""
        with self._lock:
            state = self._partitions.setdefault(key, PartitionState())
            state.last_attempt_at = at
            state.last_error = error
            state.failures += 1
            self._version += 1

    def prune(self, now: datetime) -> None:
        """Forget partitions older than yesterday."""
        first = window_days(now)[0]
        with self._lock:
            stale = [key for key in self._partitions if key.day < first]
            for key in stale:
                del self._partitions[key]
            if stale:
                self._version += 1

    # --- reads --------------------------------------------------------------------------------

    def state(self, key: PartitionKey) -> PartitionState | None:
        with self._lock:
            state = self._partitions.get(key)
            if state is None:
                return None
            return PartitionState(
                state.legs,
                state.source,
                state.last_success_at,
                state.last_attempt_at,
                state.last_error,
                state.failures,
            )

    def snapshot(self, now: datetime, airports: Sequence[str] = DEFAULT_AIRPORTS) -> FlightSnapshot:
        """The records of yesterday, today and tomorrow, with honest metadata. Cached."""
        days = window_days(now)
        airports = tuple(airports)
        with self._lock:
            cache = self._cache
            if (
                cache.snapshot is not None
                and cache.version == self._version
                and cache.days == days
                and cache.airports == airports
            ):
                return cache.snapshot
            chosen = {
                key: state
                for key, state in self._partitions.items()
                if key.day in days and key.airport in airports
            }
            version = self._version
            source = self._source
        snapshot = _assemble(chosen, days, airports, source)
        with self._lock:
            if self._version == version:
                self._cache = _Cache(version, days, snapshot, airports)
        return snapshot

    # --- persistence --------------------------------------------------------------------------

    def _save(self) -> None:
        if self._path is None:
            return
        with self._lock:
            document = {
                "version": STORE_VERSION,
                "source": self._source,
                "partitions": [
                    {
                        "airport": key.airport,
                        "direction": key.direction.value,
                        "day": key.day.isoformat(),
                        "source": state.source,
                        "last_success_at": state.last_success_at.isoformat(),
                        "legs": [leg.model_dump(mode="json") for leg in state.legs],
                    }
                    for key, state in self._partitions.items()
                    if state.last_success_at is not None
                ],
            }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_name(self._path.name + ".tmp")
        temporary.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self._path)

    def _load(self, path: Path) -> None:
        try:
            document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            if document.get("version") != STORE_VERSION:
                raise ValueError(f"store version {document.get('version')!r}")
            for item in document["partitions"]:
                key = PartitionKey(
                    item["airport"], Direction(item["direction"]), date.fromisoformat(item["day"])
                )
                success = datetime.fromisoformat(item["last_success_at"])
                self._partitions[key] = PartitionState(
                    legs=tuple(Leg.model_validate(leg) for leg in item["legs"]),
                    source=item.get("source"),
                    last_success_at=success,
                    last_attempt_at=success,
                )
            self._source = str(document.get("source") or self._source)
        except (OSError, ValueError, KeyError, TypeError, ValidationError) as error:
            # A broken store file costs one poll cycle of data, never the server.
            log.warning("ignoring the flight store %s: %s", path, error)
            self._partitions.clear()


def _assemble(
    chosen: dict[PartitionKey, PartitionState],
    days: tuple[date, date, date],
    airports: tuple[str, ...],
    source: str,
) -> FlightSnapshot:
    flights: list[FlightRecord] = []
    for airport in airports:
        ordered = sorted(
            (state for key, state in chosen.items() if key.airport == airport),
            key=lambda state: state.last_success_at or datetime.min.replace(tzinfo=UTC),
        )
        legs = [leg for state in ordered for leg in state.legs]
        flights.extend(build_records(legs, airport))
    flights.sort(key=lambda record: (record.scheduled_at, record.flight))

    today = days[1]
    succeeded_today = [
        state.last_success_at
        for key, state in chosen.items()
        if key.day == today and state.last_success_at is not None
    ]
    succeeded = [s.last_success_at for s in chosen.values() if s.last_success_at is not None]
    updated_at = min(succeeded_today or succeeded) if succeeded else None
    attempts = [s.last_attempt_at for s in chosen.values() if s.last_attempt_at is not None]
    failing = [
        (s.last_attempt_at, s.last_error)
        for s in chosen.values()
        if s.last_error is not None and s.last_attempt_at is not None
    ]
    error = max(failing, key=lambda item: item[0])[1] if failing else None
    meta = FlightFeedMeta(
        airports=airports,
        source=source,
        updated_at=updated_at,
        attempted_at=max(attempts) if attempts else None,
        error=error.kind.value if error is not None else None,
        error_message=error.message[:200] if error is not None else None,
        days=days,
        count=len(flights),
    )
    return FlightSnapshot(meta=meta, flights=tuple(flights))
