"""A station's profile as the county publishes it, and the card link it points to.

Each station gets a short link to its card page when it is created, and a first profile (its
name) so a newly enrolled kiosk has something to show. Whoever publishes a profile later, the
county fills in its code (the station it is scoped to) and the card's path.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.feed import ALL_STATIONS, write_item
from county.models import PageLink, Station
from county.pages import link_path
from redhome_wire.station import FeedKind, ProfileData

STATION_CARD: Final = "station_card"  # the kind of a station card's short link


def open_station(session: Session, station: Station, now: datetime) -> None:
    token = secrets.token_urlsafe(16)  # 128 bits
    session.add(PageLink(token=token, kind=STATION_CARD, station_id=station.id, created_at=now))
    profile = ProfileData(
        code=station.code,
        name_zh=station.name,
        name_en=station.name,
        card_path=link_path(token),
    )
    write_item(session, station.code, FeedKind.STATION_PROFILE, station.code, profile, now)


def complete_profile(
    session: Session, kind: str, scope: str, key: str, document: dict[str, Any] | None
) -> dict[str, Any] | None:
    """A profile belongs to one station, keyed by its code; the county adds code and card."""
    if kind != FeedKind.STATION_PROFILE:
        return document
    if scope == ALL_STATIONS or key != scope:
        raise ValueError("a station profile belongs to one station, keyed by its code")
    if document is None:
        return None
    card = session.scalar(
        select(PageLink.token)
        .join(Station, Station.id == PageLink.station_id)
        .where(Station.code == scope, PageLink.kind == STATION_CARD)
    )
    return {**document, "code": scope, "card_path": link_path(card) if card else None}
