"""The flight board a driver waiting at the airport needs. Plain Python: nothing here imports Qt.

Built from the county's flight snapshot (redhome_wire.flights.records) however the kiosk caches
it, and an injected clock; the status and "passengers out" rules are redhome_wire.flights.status,
shared with the county's phone page. It answers:

- which arrivals and departures to show: today and early tomorrow (Asia/Shanghai), correct
  across midnight: the window starts at today's midnight, or `lookback_min` before now if that is
  earlier (so at 00:30 the late flights of the evening before are still there), and ends at
  `early_tomorrow_until_h` o'clock tomorrow; a flight is in it when its scheduled or its
  best-known time is;
- search as you type: flight numbers ("cz 3392", "CZ3392", "3392"; codeshares match), a city's
  Chinese name ("北京", "北"), its pinyin initials ("bj") or full pinyin prefix ("beij"), the IATA
  code ("pek") and English name ("beijing"). Exact matches come first, then prefixes of numbers,
  names and initials, then full-pinyin and English prefixes; within each, board order. Search
  keys are normalised once per snapshot;
- each row's status (FlightStatus), its scheduled / estimated / actual times each labelled, its
  terminal, gate and baggage belt when known, and for arrivals "passengers out at ≈ HH:MM":
  the landing time (actual, else estimated, else scheduled) plus an allowance, domestic or
  international;
- the demand chart: arrivals per 30 minutes over the next 3 hours, counted by best-known landing
  time (actual, else estimated, else scheduled) so delays move a flight to the half-hour it will
  really land in. Buckets are aligned to the half hour: the first is the current half hour
  (its flights that already landed included), then five more. Cancelled and diverted flights
  are not counted;
- how fresh the data is: fresh, stale (older than `stale_after_min`), or no data.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Final

from redhome_wire.flights.records import (
    Direction,
    FlightFeedMeta,
    FlightRecord,
    FlightSnapshot,
    ProviderStatus,
)
from redhome_wire.flights.status import (
    FlightStatus,
    TimeKind,
    best_time,
    flight_status,
    late_minutes,
    passengers_out_at,
)
from redhome_wire.station_time import STATION_TZ, Clock

_SEP: Final = "\x1f"
_DROP_TABLE: Final = {ord(char): None for char in " \t\r\n-_·.'’/"}


@dataclass(frozen=True, slots=True)
class BoardSettings:
    """Declared with their defaults; the app passes the station's values (all positive ints)."""

    flights_allowance_domestic_min: int = 20
    flights_allowance_international_min: int = 45
    flights_stale_after_min: int = 20
    flights_delay_threshold_min: int = 15
    flights_lookback_min: int = 120
    flights_early_tomorrow_until_h: int = 6
    flights_chart_bucket_min: int = 30
    flights_chart_buckets: int = 6


class Freshness(enum.StrEnum):
    FRESH = "fresh"
    STALE = "stale"
    NO_DATA = "no_data"


@dataclass(frozen=True, slots=True)
class LabelledTime:
    kind: TimeKind
    at: datetime  # in station time
    hhmm: str
    day_offset: int  # against the station's today: -1 yesterday, +1 tomorrow


@dataclass(frozen=True, slots=True)
class PassengersOut:
    at: datetime
    hhmm: str
    day_offset: int
    basis: TimeKind  # which landing time it is counted from
    allowance_min: int


@dataclass(frozen=True, slots=True)
class BoardRow:
    key: str
    direction: Direction
    flight: str
    codeshares: tuple[str, ...]
    airline_name: str | None
    airline_iata: str | None
    city_zh: str | None
    city_en: str | None
    other_iata: str | None
    international: bool | None
    status: FlightStatus
    scheduled: LabelledTime
    estimated: LabelledTime | None
    actual: LabelledTime | None
    best: LabelledTime  # actual, else estimated, else scheduled
    delay_min: int | None
    terminal: str | None
    gate: str | None
    belt: str | None
    passengers_out: PassengersOut | None
    # Plain values (str, int, bool, list of str) a view-model hands to QML as they are.
    view: dict[str, object] = field(compare=False, repr=False, default_factory=dict)


@dataclass(frozen=True, slots=True)
class DemandBucket:
    start: datetime
    end: datetime
    label: str  # "15:30"
    arrivals: int
    international: int


@dataclass(frozen=True, slots=True)
class DemandChart:
    buckets: tuple[DemandBucket, ...]

    @property
    def total(self) -> int:
        return sum(bucket.arrivals for bucket in self.buckets)

    @property
    def peak(self) -> int:
        return max((bucket.arrivals for bucket in self.buckets), default=0)


@dataclass(frozen=True, slots=True)
class FreshnessInfo:
    state: Freshness
    updated_at: datetime | None  # station time
    age: timedelta | None
    source: str | None
    error: str | None  # the county's last provider failure (an error kind), if any

    @property
    def age_min(self) -> int | None:
        return None if self.age is None else int(self.age.total_seconds() // 60)


# --- pure functions ------------------------------------------------------------------------------


def normalise_query(text: str) -> str:
    """What was typed, as search keys are stored: NFKC, lower case, no spaces or dashes."""
    folded = text if text.isascii() else unicodedata.normalize("NFKC", text)
    return folded.lower().translate(_DROP_TABLE)


def passengers_out(
    record: FlightRecord, settings: BoardSettings, today: date
) -> PassengersOut | None:
    """Landing time plus the allowance; None for departures, cancelled and diverted flights."""
    out = passengers_out_at(
        record,
        domestic_min=settings.flights_allowance_domestic_min,
        international_min=settings.flights_allowance_international_min,
    )
    if out is None:
        return None
    at = out.at.astimezone(STATION_TZ)
    return PassengersOut(
        at, at.strftime("%H:%M"), (at.date() - today).days, out.basis, out.allowance_min
    )


def freshness(
    meta: FlightFeedMeta | None, now: datetime, stale_after_min: int = 20
) -> FreshnessInfo:
    if meta is None or meta.updated_at is None:
        return FreshnessInfo(
            Freshness.NO_DATA,
            None,
            None,
            meta.source if meta else None,
            meta.error if meta else None,
        )
    age = max(now - meta.updated_at, timedelta(0))
    state = Freshness.STALE if age > timedelta(minutes=stale_after_min) else Freshness.FRESH
    return FreshnessInfo(
        state, meta.updated_at.astimezone(STATION_TZ), age, meta.source, meta.error
    )


def _labelled(kind: TimeKind, when: datetime | None, today: date) -> LabelledTime | None:
    if when is None:
        return None
    local = when.astimezone(STATION_TZ)
    return LabelledTime(kind, local, local.strftime("%H:%M"), (local.date() - today).days)


def _number_part(number: str) -> str:
    """'cz3392' -> '3392', '3u8551' -> '8551', 'csn3392' -> '3392'."""
    for split in (2, 3):
        code, rest = number[:split], number[split:]
        if rest[:1].isdigit() and any(char.isalpha() for char in code):
            return rest
    return ""


def _search_keys(record: FlightRecord) -> tuple[str, str, str]:
    """(all keys, primary keys, exact keys) joined by a separator, for C-speed substring tests."""
    numbers = [normalise_query(number) for number in record.numbers]
    primary = [*numbers, *(part for part in map(_number_part, numbers) if part)]
    exact = list(numbers)
    secondary: list[str] = []
    if record.city_zh:
        primary.append(normalise_query(record.city_zh))
        exact.append(normalise_query(record.city_zh))
    if record.city_pinyin:
        syllables = record.city_pinyin.lower().split()
        initials = "".join(syllable[0] for syllable in syllables if syllable)
        full = "".join(syllables)
        primary.append(initials)
        exact.extend((initials, full))
        secondary.append(full)
    if record.other_iata:
        iata = record.other_iata.lower()
        primary.append(iata)
        exact.append(iata)
    if record.city_en:
        english = normalise_query(record.city_en)
        exact.append(english)
        secondary.append(english)
        secondary.extend(normalise_query(word) for word in record.city_en.split()[1:])
    if record.other_airport and not record.city_en:
        secondary.append(normalise_query(record.other_airport))
    every = primary + secondary
    return (
        _SEP + _SEP.join(every),
        _SEP + _SEP.join(primary),
        _SEP + _SEP.join(exact) + _SEP,
    )


# --- the board ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    record: FlightRecord
    order: int
    scheduled_utc: datetime
    best_utc: datetime
    all_keys: str
    primary_keys: str
    exact_keys: str
    row: BoardRow | None = None


@dataclass(slots=True)
class _LastSearch:
    window: list[_Entry]
    query: str
    matches: list[_Entry]


class FlightBoard:
    """The board over one snapshot. Load a new snapshot with load(); the rest is read-only."""

    def __init__(
        self,
        clock: Clock,
        settings: BoardSettings | None = None,
        snapshot: FlightSnapshot | None = None,
    ) -> None:
        self._clock = clock
        self._settings = settings or BoardSettings()
        self._meta: FlightFeedMeta | None = None
        self._entries: dict[Direction, list[_Entry]] = {d: [] for d in Direction}
        self._by_key: dict[str, _Entry] = {}
        self._rows_day: date | None = None
        self._windows: dict[tuple[Direction, datetime, datetime], list[_Entry]] = {}
        self._last: dict[Direction, _LastSearch] = {}
        if snapshot is not None:
            self.load(snapshot)

    @property
    def settings(self) -> BoardSettings:
        return self._settings

    @property
    def meta(self) -> FlightFeedMeta | None:
        return self._meta

    def load(self, snapshot: FlightSnapshot | None) -> None:
        if snapshot is None:
            self.load_records((), None)
        else:
            self.load_records(snapshot.flights, snapshot.meta)

    def load_records(self, records: Iterable[FlightRecord], meta: FlightFeedMeta | None) -> None:
        """Replace the board's data; search keys are computed here, once."""
        entries: dict[Direction, list[_Entry]] = {d: [] for d in Direction}
        ordered = sorted(records, key=lambda record: (record.scheduled_at, record.flight))
        for record in ordered:
            best, _kind = best_time(record)
            all_keys, primary, exact = _search_keys(record)
            entry = _Entry(
                record,
                0,
                record.scheduled_at.astimezone(UTC),
                best.astimezone(UTC),
                all_keys,
                primary,
                exact,
            )
            bucket = entries[record.direction]
            entry.order = len(bucket)
            bucket.append(entry)
        self._entries = entries
        self._by_key = {entry.record.key: entry for bucket in entries.values() for entry in bucket}
        self._meta = meta
        self._rows_day = None
        self._windows.clear()
        self._last.clear()

    # --- rows ---------------------------------------------------------------------------------

    def _today(self, now: datetime) -> date:
        today = now.astimezone(STATION_TZ).date()
        if self._rows_day != today:
            for entry in self._by_key.values():
                entry.row = None
            self._rows_day = today
            self._windows.clear()
            self._last.clear()
        return today

    def _row(self, entry: _Entry, today: date) -> BoardRow:
        if entry.row is None:
            entry.row = _build_row(entry.record, self._settings, today)
        return entry.row

    def window(self, now: datetime | None = None) -> tuple[datetime, datetime]:
        """[start, end) of what the board shows, in station time."""
        now = (now or self._clock.now()).astimezone(STATION_TZ)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        start = min(midnight, now - timedelta(minutes=self._settings.flights_lookback_min))
        end = midnight + timedelta(days=1, hours=self._settings.flights_early_tomorrow_until_h)
        return start, end

    def _window_entries(self, direction: Direction, now: datetime) -> list[_Entry]:
        start, end = self.window(now)
        start = start.replace(second=0, microsecond=0).astimezone(UTC)
        end = end.astimezone(UTC)
        cache_key = (direction, start, end)
        cached = self._windows.get(cache_key)
        if cached is None:
            cached = [
                entry
                for entry in self._entries[direction]
                if start <= entry.scheduled_utc < end or start <= entry.best_utc < end
            ]
            if len(self._windows) > 8:
                self._windows.clear()
            self._windows[cache_key] = cached
        return cached

    def _matches(self, direction: Direction, query: str, now: datetime) -> list[_Entry]:
        window = self._window_entries(direction, now)
        if not query:
            return window
        needle = _SEP + query
        last = self._last.get(direction)
        base = window
        if last is not None and last.window is window and query.startswith(last.query):
            base = last.matches  # typing on narrows what the previous keystroke found
        found = [entry for entry in base if needle in entry.all_keys]
        self._last[direction] = _LastSearch(window, query, found)
        # Exact matches first, then prefixes of numbers, names and initials, then of full
        # pinyin and English; board order within each (comprehensions: no per-row sort key).
        exact = needle + _SEP
        first = [entry for entry in found if exact in entry.exact_keys]
        if len(first) == len(found):
            return found
        rest = [entry for entry in found if exact not in entry.exact_keys] if first else found
        second = [entry for entry in rest if needle in entry.primary_keys]
        if len(second) == len(rest):
            return first + second if first else second
        third = [entry for entry in rest if needle not in entry.primary_keys]
        return first + second + third

    def rows(self, direction: Direction, query: str = "") -> list[BoardRow]:
        """The board's rows in the window, filtered by what was typed (may be empty)."""
        now = self._clock.now()
        today = self._today(now)
        return [
            self._row(entry, today)
            for entry in self._matches(direction, normalise_query(query), now)
        ]

    def view(self, direction: Direction, query: str = "") -> list[dict[str, object]]:
        """The same rows as plain dicts for a view-model's list model."""
        return [row.view for row in self.rows(direction, query)]

    def find(self, key: str) -> BoardRow | None:
        entry = self._by_key.get(key)
        if entry is None:
            return None
        return self._row(entry, self._today(self._clock.now()))

    def record(self, key: str) -> FlightRecord | None:
        """The record behind a row, for what travels with it (a QR link)."""
        entry = self._by_key.get(key)
        return entry.record if entry is not None else None

    def focus_index(self, rows: Sequence[BoardRow], *, recent_min: int = 15) -> int:
        """The first row not yet done more than recent_min ago: where a board scrolls to."""
        limit = self._clock.now() - timedelta(minutes=recent_min)
        for index, row in enumerate(rows):
            if row.best.at >= limit:
                return index
        return max(len(rows) - 1, 0)

    # --- demand and freshness -----------------------------------------------------------------

    def demand(self) -> DemandChart:
        settings = self._settings
        now = self._clock.now().astimezone(STATION_TZ)
        size = timedelta(minutes=settings.flights_chart_bucket_min)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        start = midnight + ((now - midnight) // size) * size
        end = start + size * settings.flights_chart_buckets
        start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
        counts = [0] * settings.flights_chart_buckets
        international = [0] * settings.flights_chart_buckets
        for entry in self._entries[Direction.ARRIVAL]:
            record = entry.record
            if record.status in (ProviderStatus.CANCELLED, ProviderStatus.DIVERTED):
                continue
            if start_utc <= entry.best_utc < end_utc:
                index = (entry.best_utc - start_utc) // size
                counts[index] += 1
                international[index] += bool(record.international)
        buckets = tuple(
            DemandBucket(
                start + size * index,
                start + size * (index + 1),
                (start + size * index).strftime("%H:%M"),
                counts[index],
                international[index],
            )
            for index in range(settings.flights_chart_buckets)
        )
        return DemandChart(buckets)

    def freshness(self) -> FreshnessInfo:
        return freshness(self._meta, self._clock.now(), self._settings.flights_stale_after_min)


def _build_row(record: FlightRecord, settings: BoardSettings, today: date) -> BoardRow:
    scheduled = _labelled(TimeKind.SCHEDULED, record.scheduled_at, today)
    assert scheduled is not None
    estimated = _labelled(TimeKind.ESTIMATED, record.estimated_at, today)
    actual = _labelled(TimeKind.ACTUAL, record.actual_at, today)
    best = actual or estimated or scheduled
    status = flight_status(record, settings.flights_delay_threshold_min)
    out = passengers_out(record, settings, today)
    late = late_minutes(record)
    row = BoardRow(
        key=record.key,
        direction=record.direction,
        flight=record.flight,
        codeshares=record.codeshares,
        airline_name=record.airline_name,
        airline_iata=record.airline_iata,
        city_zh=record.city_zh,
        city_en=record.city_en,
        other_iata=record.other_iata,
        international=record.international,
        status=status,
        scheduled=scheduled,
        estimated=estimated,
        actual=actual,
        best=best,
        delay_min=late if late is not None and late > 0 else None,
        terminal=record.terminal,
        gate=record.gate,
        belt=record.belt,
        passengers_out=out,
    )
    row.view.update(
        {
            "key": record.key,
            "direction": record.direction.value,
            "flight": record.flight,
            "codeshares": list(record.codeshares),
            "airline": record.airline_name or "",
            "city_zh": record.city_zh or record.other_iata or "",
            "city_en": record.city_en or record.other_airport or record.other_iata or "",
            "iata": record.other_iata or "",
            "international": bool(record.international),
            "status": status.value,
            "scheduled": scheduled.hhmm,
            "scheduled_day": scheduled.day_offset,
            "estimated": estimated.hhmm if estimated else "",
            "estimated_day": estimated.day_offset if estimated else 0,
            "actual": actual.hhmm if actual else "",
            "actual_day": actual.day_offset if actual else 0,
            "best": best.hhmm,
            "best_kind": best.kind.value,
            "delay_min": row.delay_min or 0,
            "terminal": record.terminal or "",
            "gate": record.gate or "",
            "belt": record.belt or "",
            "out_at": out.hhmm if out else "",
            "out_day": out.day_offset if out else 0,
            "out_basis": out.basis.value if out else "",
        }
    )
    return row
