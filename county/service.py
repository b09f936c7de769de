"""The county's use cases: stations and enrolment, applying pushed operations once, the feed.

Plain functions over a Session; the caller (the API or the command line) owns the transaction.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import Connection, Row, Select, bindparam, func, or_, select, text
from sqlalchemy.orm import Session

from county.db import bulk_insert
from county.models import (
    AppliedOp,
    CountyItem,
    CountyVisit,
    EnrolmentCode,
    FeedEntry,
    PageLink,
    Station,
)
from redhome_wire import checkin, parking
from redhome_wire import station as station_documents
from redhome_wire.checkin import VisitCreated
from redhome_wire.flights import records as flight_records
from redhome_wire.parking import PARKING_OP_KINDS
from redhome_wire.protocol import (
    MAX_FEED_PAGE,
    EnrolResponse,
    ErrorCode,
    FeedChange,
    FeedPage,
    Op,
    OpResult,
    OpStatus,
    PayloadProblem,
    PushResponse,
    RejectReason,
    WireModel,
    parse_payload,
)
from redhome_wire.station import FeedKind, ProfileData

# Interim: which kinds this county reads and publishes, until each capability registers its own.
OP_PAYLOADS = {**checkin.OP_PAYLOADS, **parking.OP_PAYLOADS}
FEED_DATA = {
    **station_documents.FEED_DOCUMENTS,
    **flight_records.FEED_DOCUMENTS,
    **parking.FEED_DOCUMENTS,
}


def payload_of(op: Op) -> BaseModel:
    model = OP_PAYLOADS.get(op.kind)
    if model is None:
        raise PayloadProblem(RejectReason.UNKNOWN_KIND, f"unknown operation kind {op.kind!r}")
    return parse_payload(model, op.payload)


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


# The same text json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False) gives
# (so digests stored before stay comparable), without building an encoder for every operation.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
try:
    # The C encoder JSONEncoder.encode builds for every call, built once: a third of the cost
    # of a digest went to that setup. No circular check: a payload parsed from JSON has no cycles.
    from json.encoder import c_make_encoder, encode_basestring

    _encode_chunks = c_make_encoder(
        None, _CANONICAL.default, encode_basestring, None, ":", ",", True, False, True
    )
except (ImportError, TypeError):  # an interpreter without it: the same text, built per call
    _encode_chunks = None


def _canonical_json(document: Any) -> str:
    if _encode_chunks is None:
        return _CANONICAL.encode(document)
    return "".join(_encode_chunks(document, 0))


def _canonical_digest(kind: str, payload: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical_json([kind, payload]).encode("utf-8")).hexdigest()


# Which of a batch's ids a station has already: built once, the ids given as one parameter.
_KNOWN_OPS = select(AppliedOp.op_id, AppliedOp.payload_sha256, AppliedOp.seq).where(
    AppliedOp.station_id == bindparam("station_id"),
    AppliedOp.op_id.in_(bindparam("ids", expanding=True)),
)
_RECORDED_VISITS = select(CountyVisit.visit_id).where(
    CountyVisit.station_id == bindparam("station_id"),
    CountyVisit.visit_id.in_(bindparam("ids", expanding=True)),
)
# On SQLite the ids travel as one JSON array (json_each), not as thousands of bound parameters
# that SQLAlchemy renders one by one; the same statements otherwise.
_SQLITE_IN = {
    _KNOWN_OPS: "SELECT op_id, payload_sha256, seq FROM applied_ops "
    "WHERE station_id = ? AND op_id IN (SELECT value FROM json_each(?))",
    _RECORDED_VISITS: "SELECT visit_id FROM visits "
    "WHERE station_id = ? AND visit_id IN (SELECT value FROM json_each(?))",
}


def _select_in(
    connection: Connection, statement: Select[Any], station_id: int, ids: list[str]
) -> list[Row[Any]]:
    if not ids:
        return []
    if connection.dialect.name == "sqlite":
        return list(
            connection.exec_driver_sql(_SQLITE_IN[statement], (station_id, json.dumps(ids)))
        )
    return list(connection.execute(statement, {"station_id": station_id, "ids": ids}))


_VISIT_PAYLOADS: TypeAdapter[list[VisitCreated]] = TypeAdapter(list[VisitCreated])
_APPLIED_OP_COLUMNS = ("station_id", "op_id", "kind", "seq", "payload_sha256", "applied_at")
_VISIT_COLUMNS = (
    "station_id",
    "visit_id",
    "op_seq",
    "work_type",
    "work_detail",
    "platform",
    "purpose",
    "is_returning",
    "checked_in_at",
    "local_day",
    "received_at",
)


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


# --- push ----------------------------------------------------------------------------------


def _typed_payloads(ops: list[Op]) -> list[VisitCreated | PayloadProblem]:
    """Each op's typed payload, or the problem that keeps it from being applied, in op order.

    The visits of a batch are validated in one call (the common case: all valid); only when
    that fails is each op validated alone, so that every op gets its own reason and message.
    """
    if all(op.kind == checkin.VISIT_CREATED for op in ops):
        try:
            return list(_VISIT_PAYLOADS.validate_python([op.payload for op in ops]))
        except ValidationError:
            pass
    outcomes: list[VisitCreated | PayloadProblem] = []
    for op in ops:
        try:
            payload = payload_of(op)
        except PayloadProblem as problem:
            outcomes.append(problem)
            continue
        assert isinstance(payload, VisitCreated)
        outcomes.append(payload)
    return outcomes


class OpAnswer(NamedTuple):
    """The answer for one operation (an OpResult on the wire; see encode_push_response)."""

    op_id: str
    status: OpStatus
    seq: int | None = None
    reason: str | None = None
    message: str | None = None

    def result(self) -> OpResult:
        return OpResult(
            op_id=self.op_id,
            status=self.status,
            seq=self.seq,
            reason=self.reason,
            message=self.message,
        )


def encode_push_response(station_code: str, answers: list[OpAnswer]) -> bytes:
    """The JSON of PushResponse(station_code, results), byte for byte, without a model per op.

    Op ids passed the wire's OpId pattern (hex digits and dashes), so they stand in the JSON as
    they are; an answer with a reason or message goes through the OpResult model.
    """
    parts = []
    for answer in answers:
        if answer.reason is None and answer.message is None:
            seq = "null" if answer.seq is None else str(int(answer.seq))
            parts.append(
                f'{{"op_id":"{answer.op_id}","status":"{answer.status.value}",'
                f'"seq":{seq},"reason":null,"message":null}}'
            )
        else:
            parts.append(answer.result().model_dump_json())
    empty = PushResponse(station_code=station_code, results=[]).model_dump_json()
    return (empty.removesuffix("]}") + ",".join(parts) + "]}").encode("utf-8")


def apply_ops(session: Session, station_id: int, ops: list[Op], now: datetime) -> list[OpAnswer]:
    """Apply each operation once, in the order given; answer for every one.

    An op id seen before (in an earlier request or earlier in this one) is acknowledged as a
    duplicate when its payload is the same, and rejected as a conflict when it is not.

    One batch costs a fixed number of statements whatever its size: the station row (locked),
    one lookup of the batch's op ids, one of its visit ids, one insert of each kind of row.
    """
    if not PARKING_OP_KINDS.isdisjoint([op.kind for op in ops]):  # county.parking.service
        from county.parking.service import apply_with_parking

        return apply_with_parking(session, station_id, ops, now)
    station = session.scalar(select(Station).where(Station.id == station_id).with_for_update())
    assert station is not None
    connection = session.connection()
    known: dict[str, tuple[str, int]] = {
        op_id: (digest, seq)
        for op_id, digest, seq in _select_in(
            connection, _KNOWN_OPS, station_id, list({op.op_id for op in ops})
        )
    }
    # Checked by position: the same op id may come twice in one request with other content.
    fresh = [index for index, op in enumerate(ops) if op.op_id not in known]
    checked = dict(zip(fresh, _typed_payloads([ops[index] for index in fresh]), strict=True))
    visit_ids = list(
        {outcome.visit_id for outcome in checked.values() if isinstance(outcome, VisitCreated)}
    )
    recorded_visits: set[str] = {
        visit_id for (visit_id,) in _select_in(connection, _RECORDED_VISITS, station_id, visit_ids)
    }

    results: list[OpAnswer] = []
    new_ops: list[tuple[Any, ...]] = []
    new_visits: list[tuple[Any, ...]] = []
    seq = station.last_seq
    applied = OpStatus.APPLIED
    for index, op in enumerate(ops):
        op_id = op.op_id
        if op_id in known:
            known_digest, known_seq = known[op_id]
            if known_digest == _canonical_digest(op.kind, op.payload):
                results.append(OpAnswer(op_id, OpStatus.DUPLICATE, known_seq))
            else:
                results.append(
                    OpAnswer(
                        op_id,
                        OpStatus.REJECTED,
                        reason=RejectReason.CONFLICT,
                        message="this operation id was applied before with other content",
                    )
                )
            continue
        visit = checked[index]
        if isinstance(visit, PayloadProblem):
            results.append(
                OpAnswer(op_id, OpStatus.REJECTED, reason=visit.reason, message=visit.message)
            )
            continue
        if visit.visit_id in recorded_visits:
            results.append(
                OpAnswer(
                    op_id,
                    OpStatus.REJECTED,
                    reason=RejectReason.DUPLICATE_RECORD,
                    message="this visit was recorded before under another operation id",
                )
            )
            continue
        seq += 1
        digest = _canonical_digest(op.kind, op.payload)
        known[op_id] = (digest, seq)
        recorded_visits.add(visit.visit_id)
        new_ops.append((station_id, op_id, op.kind, seq, digest, now))
        new_visits.append(
            (
                station_id,
                visit.visit_id,
                seq,
                visit.work_type,
                visit.work_detail,
                visit.platform,
                visit.purpose,
                visit.returning,
                visit.checked_in_at,
                visit.local_day,
                now,
            )
        )
        results.append(OpAnswer(op_id, applied, seq))
    if new_ops:
        # Core executemany: the bulk of a push, without the ORM's per-row bookkeeping.
        bulk_insert(connection, AppliedOp.__table__, _APPLIED_OP_COLUMNS, new_ops)  # type: ignore[arg-type]
        bulk_insert(connection, CountyVisit.__table__, _VISIT_COLUMNS, new_visits)  # type: ignore[arg-type]
    station.last_seq = seq
    station.last_sync_at = now
    return results


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
