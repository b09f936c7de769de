"""The county's use cases: stations and enrolment, county-owned data and the feed.

Plain functions over a Session; the caller (the API or the command line) owns the transaction.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from county.models import (
    CountyItem,
    CountyVisit,
    EnrolmentCode,
    FeedEntry,
    PageLink,
    Station,
)
from redhome_wire import parking
from redhome_wire import station as station_documents
from redhome_wire.flights import records as flight_records
from redhome_wire.protocol import (
    MAX_FEED_PAGE,
    EnrolResponse,
    ErrorCode,
    FeedChange,
    FeedPage,
    WireModel,
)
from redhome_wire.station import FeedKind, ProfileData

# Interim: which kinds this county publishes, until each capability registers its own.
FEED_DATA = {
    **station_documents.FEED_DOCUMENTS,
    **flight_records.FEED_DOCUMENTS,
    **parking.FEED_DOCUMENTS,
}

ENROLMENT_CODE_LIFETIME = timedelta(hours=24)
# Crockford-style alphabet: no I, L, O, U, so a code read aloud or off paper is typed right.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 12  # 60 bits; one-time and gone after 24 h
STATION_CARD = "station_card"
ALL_STATIONS = "*"


class CountyProblem(Exception):
    """A request the county refuses as a whole; the API turns it into a wire ErrorBody."""

    def __init__(self, status: int, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class UnknownStation(LookupError):
    pass


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def normalise_enrolment_code(code: str) -> str:
    return "".join(char for char in code.upper() if char.isalnum())


def format_enrolment_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# --- stations and enrolment ----------------------------------------------------------------


def station_by_code(session: Session, code: str) -> Station | None:
    return session.scalar(select(Station).where(Station.code == code))


def ensure_station(session: Session, code: str, name: str | None, now: datetime) -> Station:
    """The station with this code; created (with its card link and profile) if new."""
    station = station_by_code(session, code)
    if station is not None:
        if name and name != station.name:
            station.name = name
        return station
    station = Station(code=code, name=name or code, created_at=now, last_seq=0)
    session.add(station)
    session.flush()
    card = PageLink(
        token=secrets.token_urlsafe(16),  # 128 bits
        kind=STATION_CARD,
        station_id=station.id,
        created_at=now,
    )
    session.add(card)
    profile = ProfileData(code=code, name_zh=station.name, name_en=station.name)
    publish(session, code, FeedKind.STATION_PROFILE, code, profile, now)
    return station


def create_enrolment_code(
    session: Session, station_code: str, name: str | None, now: datetime
) -> str:
    """A new one-time code for the station (created if new); returned once, stored as a hash."""
    station = ensure_station(session, station_code, name, now)
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    session.add(
        EnrolmentCode(
            station_id=station.id,
            code_hash=sha256_hex(raw),
            created_at=now,
            expires_at=now + ENROLMENT_CODE_LIFETIME,
        )
    )
    return format_enrolment_code(raw)


def enrol(session: Session, code: str, now: datetime) -> EnrolResponse:
    """Exchange a one-time code for a station token. Only the token's hash is kept."""
    row = session.scalar(
        select(EnrolmentCode).where(
            EnrolmentCode.code_hash == sha256_hex(normalise_enrolment_code(code))
        )
    )
    if row is None or row.used_at is not None:
        raise CountyProblem(400, ErrorCode.ENROL_CODE_INVALID, "This enrolment code is not valid.")
    if row.expires_at <= now:
        raise CountyProblem(400, ErrorCode.ENROL_CODE_EXPIRED, "This enrolment code has expired.")
    station = session.get(Station, row.station_id)
    assert station is not None
    token = secrets.token_urlsafe(32)
    row.used_at = now
    station.token_hash = sha256_hex(token)
    station.token_issued_at = now
    station.revoked_at = None
    return EnrolResponse(station_code=station.code, station_name=station.name, token=token)


def authenticate(session: Session, token: str | None) -> Station:
    if not token:
        raise CountyProblem(401, ErrorCode.TOKEN_MISSING, "A station token is needed.")
    station = session.scalar(select(Station).where(Station.token_hash == sha256_hex(token)))
    if station is None:
        raise CountyProblem(401, ErrorCode.TOKEN_UNKNOWN, "This station token is not known.")
    if station.revoked_at is not None:
        raise CountyProblem(401, ErrorCode.TOKEN_REVOKED, "This station token was revoked.")
    return station


def require_same_station(caller_code: str, path_code: str) -> None:
    if caller_code != path_code:
        raise CountyProblem(
            403,
            ErrorCode.STATION_MISMATCH,
            "A station may read and write only its own data.",
        )


def revoke(session: Session, station_code: str, now: datetime) -> None:
    station = station_by_code(session, station_code)
    if station is None:
        raise UnknownStation(station_code)
    station.revoked_at = now


# --- county-owned data and the feed ----------------------------------------------------------


def publish(
    session: Session,
    scope: str,
    kind: str,
    key: str,
    data: WireModel | None,
    now: datetime,
) -> int:
    """Set (or with data None, delete) one piece of county data and append it to the feed.

    `scope` is a station code or "*" for every station. Returns the feed sequence number.
    """
    if kind not in FEED_DATA:
        raise ValueError(f"unknown kind {kind!r}")
    station_id: int | None = None
    if scope != ALL_STATIONS:
        station = station_by_code(session, scope)
        if station is None:
            raise UnknownStation(scope)
        station_id = station.id
    if kind == FeedKind.STATION_PROFILE:
        if scope == ALL_STATIONS or key != scope:
            raise ValueError("a station profile belongs to one station, keyed by its code")
        if data is not None:
            assert isinstance(data, ProfileData)
            card = session.scalar(
                select(PageLink.token).where(
                    PageLink.station_id == station_id, PageLink.kind == STATION_CARD
                )
            )
            data = data.model_copy(
                update={"code": scope, "card_path": f"/s/{card}" if card else None}
            )
    if _is_postgresql(session):
        # Readers page by seq: no reader may see seq N+1 committed while N is still in flight.
        session.execute(text("LOCK TABLE feed IN EXCLUSIVE MODE"))
    document = data.model_dump_json() if data is not None else None
    item = session.scalar(
        select(CountyItem).where(
            CountyItem.scope == scope, CountyItem.kind == kind, CountyItem.key == key
        )
    )
    if data is None:
        if item is not None:
            session.delete(item)
    elif item is None:
        session.add(CountyItem(scope=scope, kind=kind, key=key, data=document, updated_at=now))
    else:
        item.data = document or ""
        item.updated_at = now
    entry = FeedEntry(
        station_id=station_id,
        kind=kind,
        key=key,
        deleted=data is None,
        data=document,
        created_at=now,
    )
    session.add(entry)
    session.flush()
    return entry.seq


def publish_document(session: Session, items: list[dict[str, Any]], now: datetime) -> int:
    """Publish a list of {scope, kind, key, data|null}; returns how many were published."""
    for item in items:
        kind = str(item["kind"])
        model = FEED_DATA.get(kind)
        if model is None:
            raise ValueError(f"unknown kind {kind!r}")
        raw = item.get("data")
        data: WireModel | None = None
        if raw is not None:
            if kind == FeedKind.STATION_PROFILE:
                raw = {"code": item["scope"], **raw}
            data = model.model_validate(raw)
        publish(session, str(item.get("scope", ALL_STATIONS)), kind, str(item["key"]), data, now)
    return len(items)


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


def items_for(session: Session, station_code: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """The current items of a kind that a station sees (its own and every station's)."""
    rows = session.execute(
        select(CountyItem.key, CountyItem.data)
        .where(CountyItem.kind == kind, CountyItem.scope.in_([station_code, ALL_STATIONS]))
        .order_by(CountyItem.key)
    ).all()
    return [(row.key, json.loads(row.data)) for row in rows]


# --- stats -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StationStats:
    code: str
    name: str
    visits: int
    last_sync_at: datetime | None
    last_seq: int
    enrolled: bool
    revoked: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "visits": self.visits,
            "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "last_seq": self.last_seq,
            "enrolled": self.enrolled,
            "revoked": self.revoked,
        }


def stats(session: Session) -> dict[str, StationStats]:
    counts = dict(
        session.execute(
            select(CountyVisit.station_id, func.count()).group_by(CountyVisit.station_id)
        ).all()
    )
    result: dict[str, StationStats] = {}
    for station in session.scalars(select(Station).order_by(Station.code)):
        result[station.code] = StationStats(
            code=station.code,
            name=station.name,
            visits=int(counts.get(station.id, 0)),
            last_sync_at=station.last_sync_at,
            last_seq=station.last_seq,
            enrolled=station.token_hash is not None,
            revoked=station.revoked_at is not None,
        )
    return result


def card_token(session: Session, station_code: str) -> str | None:
    return session.scalar(
        select(PageLink.token)
        .join(Station, Station.id == PageLink.station_id)
        .where(Station.code == station_code, PageLink.kind == STATION_CARD)
    )
