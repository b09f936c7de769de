"""Parking at the county: reservations the stations push, and remote booking requests.

Plain functions over a Session; the caller owns the transaction (as in county.service).

Pushed operations (redhome_wire.parking): county.service.apply_ops hands any batch holding a
parking kind to apply_with_parking, which applies the batch in order, runs of other kinds
through county.service.apply_ops itself and parking operations here, with the same rules: each
op id once per station (duplicate when resent with the same content, conflict otherwise), one
sequence number per applied op, rejected ops answered with a reason.

Remote requests: create_request publishes a PARKING_REQUEST_KIND feed item scoped to the
station and keeps a row with the plate masked. The station decides and answers with a
REQUEST_RESULT op; when it arrives the request row takes the answer and the feed entry (the only
place the full plate was kept) is deleted: the station it was for has read it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from pydantic import BaseModel
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from county import service
from county.models import (
    AppliedOp,
    CountyItem,
    CountyParkingRequest,
    CountyReservation,
    FeedEntry,
    Station,
)
from redhome_wire.parking import (
    PARKING_OP_KINDS,
    PARKING_REQUEST_KIND,
    ParkingRequest,
    RequestResult,
    ReservationChange,
    mask_plate,
)
from redhome_wire.protocol import (
    Op,
    OpResult,
    OpStatus,
    PayloadProblem,
    RejectReason,
)

PENDING: Final = "pending"
# What county.service.apply_ops answers with (an OpResult on the wire): the same type here, so a
# batch's answers are one list whichever module applied each op.
_Answer: Any = getattr(service, "OpAnswer", OpResult)
REQUEST_STATUSES: Final = ("pending", "accepted", "rejected")
RESERVATION_STATES: Final = ("booked", "arrived", "left", "no_show", "cancelled")


class ParkingOpProblem(Exception):
    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


# --- push ------------------------------------------------------------------------------------


def _runs(ops: Sequence[Op]) -> list[tuple[bool, list[Op]]]:
    """The batch cut into consecutive runs of parking and other operations, in order."""
    runs: list[tuple[bool, list[Op]]] = []
    for op in ops:
        parking = op.kind in PARKING_OP_KINDS
        if runs and runs[-1][0] == parking:
            runs[-1][1].append(op)
        else:
            runs.append((parking, [op]))
    return runs


def apply_with_parking(
    session: Session, station_id: int, ops: list[Op], now: datetime
) -> list[Any]:
    """county.service.apply_ops for a batch that holds parking operations."""
    results: list[Any] = []
    for parking, run in _runs(ops):
        if parking:
            results.extend(_apply_parking_run(session, station_id, run, now))
        else:
            results.extend(service.apply_ops(session, station_id, run, now))
    return results


def _apply_parking_run(
    session: Session, station_id: int, ops: list[Op], now: datetime
) -> list[Any]:
    session.flush()  # whatever an earlier run left pending, before the station row is re-read
    station = session.get(Station, station_id, with_for_update=True, populate_existing=True)
    assert station is not None
    known: dict[str, tuple[str, int]] = {
        row.op_id: (row.payload_sha256, row.seq)
        for row in session.execute(
            select(AppliedOp.op_id, AppliedOp.payload_sha256, AppliedOp.seq).where(
                AppliedOp.station_id == station_id,
                AppliedOp.op_id.in_({op.op_id for op in ops}),
            )
        )
    }
    results: list[Any] = []
    for op in ops:
        digest = service._canonical_digest(op.kind, op.payload)
        if op.op_id in known:
            known_digest, known_seq = known[op.op_id]
            if known_digest == digest:
                results.append(_Answer(op_id=op.op_id, status=OpStatus.DUPLICATE, seq=known_seq))
            else:
                results.append(
                    _Answer(
                        op_id=op.op_id,
                        status=OpStatus.REJECTED,
                        reason=RejectReason.CONFLICT,
                        message="this operation id was applied before with other content",
                    )
                )
            continue
        seq = station.last_seq + 1
        try:
            payload: BaseModel = service.payload_of(op)
            with session.begin_nested():
                if isinstance(payload, ReservationChange):
                    _apply_reservation(session, station_id, payload, seq, now)
                elif isinstance(payload, RequestResult):
                    _apply_result(session, station, payload, now)
                else:  # pragma: no cover - PARKING_PAYLOADS and this module agree
                    raise ParkingOpProblem(RejectReason.UNKNOWN_KIND, f"no handler for {op.kind}")
        except (PayloadProblem, ParkingOpProblem) as problem:
            results.append(
                _Answer(
                    op_id=op.op_id,
                    status=OpStatus.REJECTED,
                    reason=problem.reason,
                    message=problem.message,
                )
            )
            continue
        session.add(
            AppliedOp(
                station_id=station_id,
                op_id=op.op_id,
                kind=op.kind,
                seq=seq,
                payload_sha256=digest,
                applied_at=now,
            )
        )
        known[op.op_id] = (digest, seq)
        station.last_seq = seq
        results.append(_Answer(op_id=op.op_id, status=OpStatus.APPLIED, seq=seq))
    station.last_sync_at = now
    session.flush()
    return results


_RESERVATION_FIELDS: Final = (
    "code",
    "state",
    "bay_type",
    "bay_code",
    "power_kw",
    "plate_masked",
    "new_energy",
    "start_at",
    "end_at",
    "local_day",
    "created_at",
    "arrived_at",
    "left_at",
    "cancelled_at",
    "no_show_at",
    "source",
    "remote_id",
    "changed_at",
)


def _apply_reservation(
    session: Session, station_id: int, change: ReservationChange, seq: int, now: datetime
) -> None:
    """Each change carries the whole state: the latest (by the kiosk's clock) wins."""
    row = session.scalar(
        select(CountyReservation).where(CountyReservation.reservation_id == change.reservation_id)
    )
    values = {name: getattr(change, name) for name in _RESERVATION_FIELDS}
    if row is None:
        session.add(
            CountyReservation(
                station_id=station_id,
                reservation_id=change.reservation_id,
                last_event=change.event,
                op_seq=seq,
                received_at=now,
                **values,
            )
        )
        session.flush()
        return
    if row.station_id != station_id:
        raise ParkingOpProblem(
            RejectReason.CONFLICT, "this reservation id belongs to another station"
        )
    if change.changed_at < row.changed_at:
        return  # an older state arriving late: acknowledged, changes nothing
    for name, value in values.items():
        setattr(row, name, value)
    row.last_event = change.event
    row.op_seq = seq
    row.received_at = now


def _apply_result(session: Session, station: Station, result: RequestResult, now: datetime) -> None:
    request = session.scalar(
        select(CountyParkingRequest).where(CountyParkingRequest.request_id == result.request_id)
    )
    if request is None or request.station_id != station.id:
        raise ParkingOpProblem(
            RejectReason.INVALID_PAYLOAD, "no such booking request for this station"
        )
    if request.status != PENDING:
        if request.status == result.outcome and request.reservation_id == result.reservation_id:
            return  # the same answer again
        raise ParkingOpProblem(RejectReason.CONFLICT, "this request was answered otherwise before")
    request.status = result.outcome
    request.reason = result.reason
    request.reservation_id = result.reservation_id
    request.code = result.code
    request.bay_code = result.bay_code
    request.ban_ends_at = result.ban_ends_at
    request.decided_at = result.decided_at
    request.answered_at = now
    # The station has read the request: the full plate need not be kept any longer.
    session.execute(delete(FeedEntry).where(FeedEntry.seq == request.feed_seq))
    session.execute(
        delete(CountyItem).where(
            CountyItem.scope == station.code,
            CountyItem.kind == PARKING_REQUEST_KIND,
            CountyItem.key == request.request_id,
        )
    )


# --- remote requests -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequestView:
    request_id: str
    station_code: str
    bay_type: str
    start_at: datetime | None
    minutes: int
    plate_masked: str
    requested_at: datetime
    status: str
    reason: str | None
    reservation_id: str | None
    code: str | None
    bay_code: str | None
    ban_ends_at: datetime | None
    answered_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        def iso(instant: datetime | None) -> str | None:
            return instant.isoformat() if instant is not None else None

        return {
            "request_id": self.request_id,
            "station": self.station_code,
            "type": self.bay_type,
            "start_at": iso(self.start_at),
            "minutes": self.minutes,
            "plate": self.plate_masked,
            "requested_at": iso(self.requested_at),
            "status": self.status,
            "reason": self.reason,
            "reservation_id": self.reservation_id,
            "code": self.code,
            "bay": self.bay_code,
            "ban_ends_at": iso(self.ban_ends_at),
            "answered_at": iso(self.answered_at),
        }


def _view(row: CountyParkingRequest, station_code: str) -> RequestView:
    return RequestView(
        request_id=row.request_id,
        station_code=station_code,
        bay_type=row.bay_type,
        start_at=row.start_at,
        minutes=row.minutes,
        plate_masked=row.plate_masked,
        requested_at=row.requested_at,
        status=row.status,
        reason=row.reason,
        reservation_id=row.reservation_id,
        code=row.code,
        bay_code=row.bay_code,
        ban_ends_at=row.ban_ends_at,
        answered_at=row.answered_at,
    )


def create_request(
    session: Session,
    station_code: str,
    bay_type: str,
    start_at: datetime | None,
    minutes: int,
    plate: str,
    now: datetime,
) -> RequestView:
    """Ask a station for a booking. Raises UnknownStation, or ValueError for a bad request.

    The station is the authority for its bays: this only relays the request; its answer comes
    back through the station's push (see requests()).
    """
    station = service.station_by_code(session, station_code)
    if station is None:
        raise service.UnknownStation(station_code)
    if start_at is not None and start_at.tzinfo is None:
        raise ValueError("the start must be timezone-aware")
    if start_at is not None:
        start_at = start_at.astimezone(UTC)
    request_id = str(uuid.uuid4())
    data = ParkingRequest(
        request_id=request_id,
        bay_type=bay_type,  # type: ignore[arg-type]
        start_at=start_at,
        minutes=minutes,
        plate=plate,
        requested_at=now,
    )
    seq = service.publish(session, station.code, PARKING_REQUEST_KIND, request_id, data, now)  # type: ignore[arg-type]
    row = CountyParkingRequest(
        station_id=station.id,
        request_id=request_id,
        bay_type=data.bay_type,
        start_at=data.start_at,
        minutes=data.minutes,
        plate_masked=mask_plate(data.plate),
        requested_at=now,
        feed_seq=seq,
        status=PENDING,
    )
    session.add(row)
    session.flush()
    return _view(row, station.code)


def requests(
    session: Session,
    station_code: str | None = None,
    status: str | None = None,
    limit: int = 500,
) -> list[RequestView]:
    """Remote requests, newest first, with the stations' answers."""
    query = (
        select(CountyParkingRequest, Station.code)
        .join(Station, Station.id == CountyParkingRequest.station_id)
        .order_by(CountyParkingRequest.id.desc())
        .limit(limit)
    )
    if station_code is not None:
        query = query.where(Station.code == station_code)
    if status is not None:
        query = query.where(CountyParkingRequest.status == status)
    return [_view(row, code) for row, code in session.execute(query).all()]


# --- reading ---------------------------------------------------------------------------------


def reservation(session: Session, reservation_id: str) -> CountyReservation | None:
    return session.scalar(
        select(CountyReservation).where(CountyReservation.reservation_id == reservation_id)
    )


def parking_stats(session: Session) -> dict[str, dict[str, Any]]:
    """Per station code: reservation counts by how they went, and remote requests by answer.

    bookings: every reservation the county heard of; arrivals: those that arrived (whether
    they have left since or not); active: booked or arrived now.
    """
    by_state: dict[int, dict[str, int]] = {}
    for station_id, state, count in session.execute(
        select(CountyReservation.station_id, CountyReservation.state, func.count()).group_by(
            CountyReservation.station_id, CountyReservation.state
        )
    ):
        by_state.setdefault(station_id, {})[state] = int(count)
    arrivals = dict(
        session.execute(
            select(CountyReservation.station_id, func.count())
            .where(CountyReservation.arrived_at.is_not(None))
            .group_by(CountyReservation.station_id)
        ).all()
    )
    remote = dict(
        session.execute(
            select(CountyReservation.station_id, func.count())
            .where(CountyReservation.source == "remote")
            .group_by(CountyReservation.station_id)
        ).all()
    )
    asked: dict[int, dict[str, int]] = {}
    for station_id, status, count in session.execute(
        select(CountyParkingRequest.station_id, CountyParkingRequest.status, func.count()).group_by(
            CountyParkingRequest.station_id, CountyParkingRequest.status
        )
    ):
        asked.setdefault(station_id, {})[status] = int(count)
    result: dict[str, dict[str, Any]] = {}
    for station_id, code in session.execute(select(Station.id, Station.code)).all():
        states = by_state.get(station_id, {})
        result[code] = {
            "reservations": {
                "bookings": sum(states.values()),
                "active": states.get("booked", 0) + states.get("arrived", 0),
                "arrivals": int(arrivals.get(station_id, 0)),
                "left": states.get("left", 0),
                "no_shows": states.get("no_show", 0),
                "cancellations": states.get("cancelled", 0),
                "remote": int(remote.get(station_id, 0)),
            },
            "requests": {
                status: asked.get(station_id, {}).get(status, 0) for status in REQUEST_STATUSES
            },
        }
    return result
