"""The kiosk's flight cache: what the pull writes, what the board is built from. Plain Python.

The sync pull (kiosk.services.flights.apply) writes the county's flight items here in the same
transaction as the page's cursor; the flight view-model calls `load_cached_flights` on a worker
thread and builds a FlightBoard (kiosk.services.flights.board) from the result; the offline
demo seeds the cache with `seed_demo_flights`, as if it had been pulled. `flight_qr_text` is
what a flight's QR code carries: the county's page for it, or offline the flight number and date.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast

from pydantic import ValidationError
from sqlalchemy import CursorResult, delete, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.services.flights.models import CachedFlight, CachedFlightMeta
from kiosk.store.models import SyncState
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.flights.links import flight_page_path
from redhome_wire.flights.records import FLIGHT_META_KEY, FlightFeedMeta, FlightRecord
from redhome_wire.station_time import STATION_TZ

log = logging.getLogger(__name__)

DEMO_SEED = 5


# --- writes (inside the caller's transaction) ----------------------------------------------------


def store_flight(
    session: Session, key: str, body: str, scheduled_at: datetime, now: datetime
) -> None:
    """Insert or replace one record; `body` is the record's JSON as the county sent it."""
    statement = sqlite_insert(CachedFlight).values(
        key=key, scheduled_at=scheduled_at, body=body, updated_at=now
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[CachedFlight.key],
            set_={"scheduled_at": scheduled_at, "body": body, "updated_at": now},
        )
    )


def delete_flight(session: Session, key: str) -> None:
    session.execute(delete(CachedFlight).where(CachedFlight.key == key))


def store_meta(session: Session, key: str, body: str, now: datetime) -> None:
    statement = sqlite_insert(CachedFlightMeta).values(key=key, body=body, updated_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[CachedFlightMeta.key], set_={"body": body, "updated_at": now}
        )
    )


def delete_meta(session: Session, key: str) -> None:
    session.execute(delete(CachedFlightMeta).where(CachedFlightMeta.key == key))


def window_start(days: Iterable[date]) -> datetime | None:
    """Midnight (station time) of the first day a snapshot covers; None when it names none."""
    first = min(days, default=None)
    if first is None:
        return None
    return datetime(first.year, first.month, first.day, tzinfo=STATION_TZ)


def prune_flights(session: Session, before: datetime) -> int:
    """Remove records scheduled before `before`: a safety net behind the county's deletes."""
    result = cast(  # a DELETE gives a CursorResult
        CursorResult[Any],
        session.execute(delete(CachedFlight).where(CachedFlight.scheduled_at < before)),
    )
    return int(result.rowcount or 0)


# --- reads ---------------------------------------------------------------------------------------


def load_cached_flights(
    uow_factory: UnitOfWorkFactory,
) -> tuple[list[FlightRecord], FlightFeedMeta | None]:
    """Every cached record in board order, and the metadata (None before the first pull).

    A body this kiosk cannot read (a county far newer or broken) is skipped and logged, never
    raised: the board shows what it can. Runs in a few milliseconds per thousand records, but
    call it off the UI thread.
    """
    with uow_factory() as uow:
        rows = uow.session.execute(
            select(CachedFlight.key, CachedFlight.body).order_by(
                CachedFlight.scheduled_at, CachedFlight.key
            )
        ).all()
        meta_body = uow.session.scalar(
            select(CachedFlightMeta.body).where(CachedFlightMeta.key == FLIGHT_META_KEY)
        )
    records: list[FlightRecord] = []
    for key, body in rows:
        try:
            records.append(FlightRecord.model_validate_json(body))
        except ValidationError as error:
            log.warning("skipping unreadable cached flight %s: %s", key, error.error_count())
    meta: FlightFeedMeta | None = None
    if meta_body is not None:
        try:
            meta = FlightFeedMeta.model_validate_json(meta_body)
        except ValidationError as error:
            log.warning("ignoring unreadable flight metadata: %s", error.error_count())
    return records, meta


def has_cached_flights(uow_factory: UnitOfWorkFactory) -> bool:
    """Whether this station has any flights to show (an airport station does)."""
    with uow_factory() as uow:
        return uow.session.scalar(select(CachedFlight.key).limit(1)) is not None


def flight_page_base_url(uow_factory: UnitOfWorkFactory) -> str | None:
    """The county's public base URL for QR pages, once enrolled; None offline or in the demo."""
    with uow_factory() as uow:
        state = uow.session.get(SyncState, 1)
        if state is None or not state.station_code:
            return None
        base = state.public_base_url or state.server_url
        return base.rstrip("/") if base else None


def flight_qr_text(
    record: FlightRecord, base_url: str | None, *, allowance_min: int | None = None
) -> str:
    """What a flight's QR code carries.

    With the county's base URL (flight_page_base_url): its page for this flight,
    `{base}/f/CSX-A-CZ3392-20261127`, plus `?out=N` when the board's passengers-out allowance for
    this flight is given, so the phone shows the same time as the board. Without one (offline,
    the demo): the flight number and its station-local date, `CZ3392 2026-11-27`, which any
    flight app or search finds.
    """
    day = record.scheduled_at.astimezone(STATION_TZ).date().isoformat()
    if base_url:
        try:
            return base_url.rstrip("/") + flight_page_path(record.key, allowance_min)
        except ValueError:
            log.warning("flight key %r has no page; the QR carries the number", record.key)
    return f"{record.flight} {day}"


# --- the offline demo ----------------------------------------------------------------------------


def seed_demo_flights(
    uow_factory: UnitOfWorkFactory, now: datetime, *, seed: int = DEMO_SEED
) -> int:
    """Fill the cache with the demo day around `now`, as if pulled; returns how many flights.

    The same deterministic CSX day the county's demo file feed holds (redhome_wire.flights.demo),
    built through the file-feed parser; its source is "demo", updated two minutes before `now`.
    Whatever the cache held before is replaced.
    """
    # Only the demo needs the demo day (and its builder): a station never loads it.
    from redhome_wire.flights.demo import demo_snapshot

    snapshot = demo_snapshot(now, seed=seed)
    rows = [
        {
            "key": record.key,
            "scheduled_at": record.scheduled_at,
            "body": record.model_dump_json(),
            "updated_at": now,
        }
        for record in snapshot.flights
    ]
    with uow_factory() as uow:
        session = uow.session
        session.execute(delete(CachedFlight))
        session.execute(delete(CachedFlightMeta))
        if rows:
            session.execute(insert(CachedFlight), rows)
        store_meta(session, FLIGHT_META_KEY, snapshot.meta.model_dump_json(), now)
        uow.commit()
    return len(rows)


def record_body(data: object) -> str:
    """A feed item's data as the JSON body the cache keeps (compact, UTF-8 as it is)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def prune_before_window(session: Session, meta: FlightFeedMeta) -> int:
    """Drop records scheduled before the first day the metadata covers (station midnight)."""
    start = window_start(meta.days)
    return 0 if start is None else prune_flights(session, start)
