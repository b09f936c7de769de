"""Flights inside the county server: the poller in a background thread, publishing to the feed.

`python -m county serve` builds a FlightConfig from its options and the environment, and when a
source is configured runs a FlightService for the app's lifetime (attach_flights wraps the app's
lifespan: the thread starts with the app and stops with it).

Source, in this order:
- AviationStack, when a key is configured: `[flights] aviationstack_key` in the --flights-config
  file, else $REDHOME_AVIATIONSTACK_KEY. Never on the command line (argv is visible to every
  user in `ps`), never in code, never in a log line;
- the file feed, when a folder is given: --flights-dir DIR, else `[flights] feed_dir`;
- else none: flights are off, and the log says so.

Publishing: after every poll cycle the snapshot is compared with what the feed last said
(county.flights.feed_changes) and only new, changed and vanished flights are published, with
the metadata, in one transaction, scope "*": flight data is public and county-wide, one item per
flight serves every station (a kiosk filters by FlightFeedMeta.airports / FlightRecord.airport).
What the feed last said is read back from county_items at start, so a restart does not publish
every flight again.

Never wiping good data: the snapshot store keeps each partition's last good legs through any
provider error, and is saved to a file so a restart keeps them too. On top of that, a flight the
feed holds whose partition (airport, direction, day) has not been fetched successfully by this
store is carried over, not deleted: a restart with the provider down, or a lost store file,
leaves the kiosks' boards as they were, with their honest age.

The feed stays small: when a flight item is published again, its earlier feed entries are
removed (a kiosk behind them gets the newest one, which carries the whole item), and flight
deletions older than TOMBSTONE_DAYS go too (a kiosk prunes flights older than the window itself).
"""

from __future__ import annotations

import logging
import os
import threading
import tomllib
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI
from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from county.feed import ALL_STATIONS, write_item
from county.flights.aviationstack import KEY_ENV, URL_ENV, AviationStackSource
from county.flights.feed import feed_changes
from county.flights.filefeed import FileFeedSource
from county.flights.poller import FlightPoller, FlightSource, PollReport, PollSettings
from county.flights.snapshot import DEFAULT_AIRPORTS, PartitionKey, SnapshotStore
from county.models import CountyItem, FeedEntry
from redhome_wire.flights.records import (
    FLIGHT_KIND,
    FLIGHT_META_KEY,
    FLIGHT_META_KIND,
    FlightFeedMeta,
    FlightRecord,
    FlightSnapshot,
)
from redhome_wire.station_time import STATION_TZ, Clock

log = logging.getLogger(__name__)

SCOPE: Final = ALL_STATIONS
TOMBSTONE_DAYS: Final = 7
FLIGHT_KINDS: Final = (FLIGHT_KIND, FLIGHT_META_KIND)
STORE_NAME: Final = "flights-store.json"
PUBLISH_CHUNK: Final = 200


class FlightConfigError(ValueError):
    """The flight configuration cannot be used; the message says why (never the key)."""


# --- configuration -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FlightConfig:
    source: str  # "aviationstack" or "file"
    airports: tuple[str, ...] = DEFAULT_AIRPORTS
    poll: PollSettings = field(default_factory=PollSettings)
    feed_dir: Path | None = None
    aviationstack_key: str | None = field(default=None, repr=False)
    aviationstack_url: str | None = None
    store_path: Path | None = None  # where the last good data survives a restart

    def describe(self) -> str:
        """A line for the log: the source and airports, never the key."""
        where = f" ({self.feed_dir})" if self.source == "file" else ""
        return f"flights from {self.source}{where} for {', '.join(self.airports)}"


_POLL_FIELDS: Final = ("interval_s", "other_days_interval_s", "request_spacing_s")


def read_config_file(path: Path) -> dict[str, Any]:
    """The [flights] table of a TOML file; FlightConfigError if unreadable."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise FlightConfigError(f"flight config {path}: {error}") from None
    table = document.get("flights", {})
    if not isinstance(table, dict):
        raise FlightConfigError(f"flight config {path}: [flights] must be a table")
    return table


def _airports(value: object) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_AIRPORTS
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise FlightConfigError("airports: a list of IATA codes, e.g. ['CSX']")
    codes = tuple(str(item).strip().upper() for item in items if str(item).strip())
    if not codes or any(len(code) != 3 or not code.isalnum() for code in codes):
        raise FlightConfigError(f"airports: IATA codes of three letters, not {value!r}")
    return codes


def flight_config(
    *,
    config_file: Path | None = None,
    feed_dir: Path | None = None,
    airports: str | None = None,
    store_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> FlightConfig | None:
    """The flight source from the command line, the config file and the environment; None: off.

    The command line wins over the file for the folder, airports and store; the key comes
    from the file, else the environment. A key configured means AviationStack.
    """
    env = os.environ if environ is None else environ
    table = read_config_file(config_file) if config_file is not None else {}
    unknown = set(table) - {
        "aviationstack_key",
        "aviationstack_url",
        "feed_dir",
        "airports",
        "store",
        *_POLL_FIELDS,
    }
    if unknown:
        raise FlightConfigError(f"flight config: unknown keys {sorted(unknown)}")
    base = config_file.parent if config_file is not None else Path.cwd()
    key = str(table.get("aviationstack_key") or env.get(KEY_ENV, "")).strip() or None
    folder = feed_dir or (base / str(table["feed_dir"]) if table.get("feed_dir") else None)
    try:
        poll = PollSettings(**{name: table[name] for name in _POLL_FIELDS if name in table})
    except (TypeError, ValueError) as error:
        raise FlightConfigError(f"flight config: {error}") from None
    store = store_path or (base / str(table["store"]) if table.get("store") else None)
    codes = _airports(airports if airports is not None else table.get("airports"))
    if key is not None:
        url = table.get("aviationstack_url") or env.get(URL_ENV) or None
        return FlightConfig(
            "aviationstack",
            codes,
            poll,
            aviationstack_key=key,
            aviationstack_url=str(url) if url else None,
            store_path=store,
        )
    if folder is not None:
        # A folder on this machine needs no spacing between reads.
        if "request_spacing_s" not in table:
            poll = PollSettings(
                interval_s=poll.interval_s,
                other_days_interval_s=poll.other_days_interval_s,
                request_spacing_s=0,
            )
        return FlightConfig("file", codes, poll, feed_dir=Path(folder), store_path=store)
    return None


def default_store_path(database_url: str, data_dir: Path) -> Path:
    """Beside a SQLite database file; else in the county's data dir."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database)
        return database.with_name(f"{database.stem}.{STORE_NAME}")
    return data_dir / STORE_NAME


def make_source(config: FlightConfig) -> FlightSource:
    if config.source == "aviationstack":
        assert config.aviationstack_key is not None
        options: dict[str, Any] = {}
        if config.aviationstack_url:
            options["base_url"] = config.aviationstack_url
        return AviationStackSource(config.aviationstack_key, **options)
    assert config.feed_dir is not None
    return FileFeedSource(config.feed_dir, default_airport=config.airports[0])


# --- publishing ----------------------------------------------------------------------------------


def _partition(record: FlightRecord) -> PartitionKey:
    day = record.scheduled_at.astimezone(STATION_TZ).date()
    return PartitionKey(record.airport, record.direction, day)


def published_snapshot(session: Session) -> FlightSnapshot | None:
    """What the feed last said of flights (county_items, scope "*"); None if nothing yet."""
    rows = session.execute(
        select(CountyItem.kind, CountyItem.key, CountyItem.data).where(
            CountyItem.scope == SCOPE, CountyItem.kind.in_(FLIGHT_KINDS)
        )
    ).all()
    meta: FlightFeedMeta | None = None
    flights: list[FlightRecord] = []
    for kind, key, data in rows:
        try:
            if kind == FLIGHT_META_KIND and key == FLIGHT_META_KEY:
                meta = FlightFeedMeta.model_validate_json(data)
            elif kind == FLIGHT_KIND:
                flights.append(FlightRecord.model_validate_json(data))
        except ValidationError:
            log.warning("published flight item %s %s unreadable; it will be replaced", kind, key)
    if meta is None and not flights:
        return None
    if meta is None:
        meta = FlightFeedMeta(source="unknown", count=len(flights))
    flights.sort(key=lambda record: (record.scheduled_at, record.flight))
    return FlightSnapshot(meta=meta, flights=tuple(flights))


def compact_feed(session: Session, kind: str, key: str, seq: int) -> None:
    """Remove the feed entries this one supersedes, and flight deletions past their days."""
    session.execute(
        delete(FeedEntry).where(
            FeedEntry.station_id.is_(None),
            FeedEntry.kind == kind,
            FeedEntry.key == key,
            FeedEntry.seq < seq,
        )
    )


def prune_tombstones(session: Session, now: datetime) -> None:
    session.execute(
        delete(FeedEntry).where(
            FeedEntry.station_id.is_(None),
            FeedEntry.kind == FLIGHT_KIND,
            FeedEntry.deleted.is_(True),
            FeedEntry.created_at < now - timedelta(days=TOMBSTONE_DAYS),
        )
    )


class FlightPublisher:
    """Turns each new snapshot into feed items: only what changed, never wiping good data."""

    def __init__(
        self,
        writer: sessionmaker[Session],
        clock: Clock,
        store: SnapshotStore,
    ) -> None:
        self._writer = writer
        self._clock = clock
        self._store = store
        self._lock = threading.Lock()
        self._published: FlightSnapshot | None = None
        self._loaded = False

    @property
    def published(self) -> FlightSnapshot | None:
        return self._published

    def _fetched(self, key: PartitionKey) -> bool:
        state = self._store.state(key)
        return state is not None and state.last_success_at is not None

    def guarded(self, snapshot: FlightSnapshot, previous: FlightSnapshot | None) -> FlightSnapshot:
        """The snapshot, plus the published flights of partitions this store has no data for."""
        if previous is None:
            return snapshot
        present = {record.key for record in snapshot.flights}
        window = set(snapshot.meta.days)
        carried = [
            record
            for record in previous.flights
            if record.key not in present
            and (not window or _partition(record).day in window)
            and record.airport in snapshot.meta.airports
            and not self._fetched(_partition(record))
        ]
        meta = snapshot.meta
        if meta.updated_at is None and previous.meta.updated_at is not None:
            meta = meta.model_copy(update={"updated_at": previous.meta.updated_at})
        if not carried and meta is snapshot.meta:
            return snapshot
        flights = sorted(
            (*snapshot.flights, *carried), key=lambda record: (record.scheduled_at, record.flight)
        )
        meta = meta.model_copy(update={"count": len(flights)})
        return FlightSnapshot(meta=meta, flights=tuple(flights))

    def publish(self, snapshot: FlightSnapshot) -> int:
        """Publish what changed since the feed's last word; returns how many items.

        In transactions of PUBLISH_CHUNK items, so a first snapshot of a thousand flights never
        holds the database's write lock for long against the stations' pushes. Each item is the
        whole flight, so if a later chunk fails, the next cycle publishes the difference again
        from the last complete word (an item published twice is harmless: compacted).
        """
        with self._lock:
            if not self._loaded:
                with self._writer() as session:
                    self._published = published_snapshot(session)
                self._loaded = True
            current = self.guarded(snapshot, self._published)
            items = feed_changes(self._published, current)
            if not items:
                return 0
            for start in range(0, len(items), PUBLISH_CHUNK):
                with self._writer() as session:
                    now = self._clock.now()
                    for item in items[start : start + PUBLISH_CHUNK]:
                        seq = write_item(session, SCOPE, item.kind, item.key, item.data, now)
                        compact_feed(session, item.kind, item.key, seq)
                    if start + PUBLISH_CHUNK >= len(items):
                        prune_tombstones(session, now)
                    session.commit()
            self._published = current
        log.info("flights: published %d changes (%d flights)", len(items), len(current.flights))
        return len(items)


# --- the service ---------------------------------------------------------------------------------


class FlightService:
    """The poller and the publisher, with a thread started and stopped with the app."""

    def __init__(
        self,
        source: FlightSource,
        writer: sessionmaker[Session],
        clock: Clock,
        *,
        airports: tuple[str, ...] = DEFAULT_AIRPORTS,
        settings: PollSettings | None = None,
        store_path: Path | None = None,
        max_wait_s: float = 60.0,
    ) -> None:
        self._source = source
        self._clock = clock
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._max_wait_s = max_wait_s
        self._thread: threading.Thread | None = None
        self.store = SnapshotStore(store_path, source=source.name)
        self.publisher = FlightPublisher(writer, clock, self.store)
        self.poller = FlightPoller(
            source,
            self.store,
            clock,
            airports=airports,
            settings=settings,
            sleep=self._stop.wait,
            on_snapshot=self._on_snapshot,
        )
        self.last_report: PollReport | None = None

    @classmethod
    def from_config(
        cls, config: FlightConfig, writer: sessionmaker[Session], clock: Clock
    ) -> FlightService:
        return cls(
            make_source(config),
            writer,
            clock,
            airports=config.airports,
            settings=config.poll,
            store_path=config.store_path,
        )

    def _on_snapshot(self, snapshot: FlightSnapshot) -> None:
        self.publisher.publish(snapshot)

    def poll_once(self) -> PollReport:
        """One cycle now (what is due), published; never at the same time as the thread's."""
        with self._lock:
            self.last_report = self.poller.poll_once()
            return self.last_report

    def wake(self) -> None:
        """Run a cycle soon (for an operator, or a test), without waiting for the next due."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
                delay = (self.poller.next_due() - self._clock.now()).total_seconds()
            except Exception:
                log.exception("flight poll cycle failed")
                delay = self._max_wait_s
            self._wake.wait(min(max(delay, 1.0), self._max_wait_s))
            self._wake.clear()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="flight-poller", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop the thread (a request in flight finishes or times out first). Not restartable."""
        self.poller.stop(timeout_s)  # ends a cycle between two requests
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        close: Callable[[], object] | None = getattr(self._source, "close", None)
        if close is not None:
            close()


def attach_flights(app: FastAPI, flights: FlightService) -> FlightService:
    """Run `flights` for the app's lifetime: started with its lifespan, stopped after it."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[Any]:
        flights.start()
        try:
            async with inner(application) as state:
                yield state
        finally:
            flights.stop()

    app.router.lifespan_context = lifespan
    app.state.flights = flights
    return flights
