"""County-owned data and the feed the kiosks pull it by.

Each piece of data is an item (scope, kind, key): county_items holds what it is now, and every
change is appended to the feed, which a kiosk reads after its cursor. A capability writes items
of its own kinds here (write_item); data from outside (an officer's JSON, a test) goes through
county.publish, which checks it against the kinds the capabilities declare.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Final

from pydantic import BaseModel
from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from county.models import CountyItem, FeedEntry
from county.stations import UnknownStation, station_by_code
from redhome_wire.protocol import MAX_FEED_PAGE, FeedChange, FeedPage

ALL_STATIONS: Final = "*"


def write_item(
    session: Session,
    scope: str,
    kind: str,
    key: str,
    data: BaseModel | None,
    now: datetime,
) -> int:
    """Set (or with data None, delete) one item and append the change to the feed.

    `scope` is a station code or "*" for every station. Returns the feed sequence number.
    """
    station_id: int | None = None
    if scope != ALL_STATIONS:
        station = station_by_code(session, scope)
        if station is None:
            raise UnknownStation(scope)
        station_id = station.id
    if session.get_bind().dialect.name == "postgresql":
        # Readers page by seq: no reader may see seq N+1 committed while N is still in flight.
        session.execute(text("LOCK TABLE feed IN EXCLUSIVE MODE"))
    document = data.model_dump_json() if data is not None else None
    item = session.scalar(
        select(CountyItem).where(
            CountyItem.scope == scope, CountyItem.kind == kind, CountyItem.key == key
        )
    )
    if document is None:
        if item is not None:
            session.delete(item)
    elif item is None:
        session.add(CountyItem(scope=scope, kind=kind, key=key, data=document, updated_at=now))
    else:
        item.data = document
        item.updated_at = now
    entry = FeedEntry(
        station_id=station_id,
        kind=kind,
        key=key,
        deleted=document is None,
        data=document,
        created_at=now,
    )
    session.add(entry)
    session.flush()
    return entry.seq


def item_data(session: Session, scope: str, kind: str, key: str) -> str | None:
    """What an item holds now (its JSON), or None when there is no such item."""
    return session.scalar(
        select(CountyItem.data).where(
            CountyItem.scope == scope, CountyItem.kind == kind, CountyItem.key == key
        )
    )


def items_for(session: Session, station_code: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """The current items of a kind that a station sees (its own and every station's)."""
    rows = session.execute(
        select(CountyItem.key, CountyItem.data)
        .where(CountyItem.kind == kind, CountyItem.scope.in_([station_code, ALL_STATIONS]))
        .order_by(CountyItem.key)
    ).all()
    return [(row.key, json.loads(row.data)) for row in rows]


def feed_page(
    session: Session,
    station_id: int,
    station_code: str,
    cursor: int,
    limit: int,
    public_base_url: str | None,
) -> FeedPage:
    limit = max(1, min(limit, MAX_FEED_PAGE))
    rows = session.scalars(
        select(FeedEntry)
        .where(
            FeedEntry.seq > cursor,
            or_(FeedEntry.station_id.is_(None), FeedEntry.station_id == station_id),
        )
        .order_by(FeedEntry.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        FeedChange(
            seq=row.seq,
            kind=row.kind,
            key=row.key,
            deleted=row.deleted,
            data=json.loads(row.data) if row.data is not None else None,
        )
        for row in rows
    ]
    return FeedPage(
        station_code=station_code,
        changes=changes,
        next_cursor=rows[-1].seq if rows else cursor,
        has_more=has_more,
        public_base_url=public_base_url,
    )
