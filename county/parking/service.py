"""Parking at the county: reservations the stations push, and remote booking requests.

Plain functions over a Session; the caller owns the transaction.

Pushed operations (redhome_wire.parking): PARKING_OPS checks and writes a batch's parking
operations for county.push, which applies each op id once. A reservation change carries the
whole state and the latest (by the kiosk's clock) wins; a reservation id belongs to the station
that first sent it.

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
from typing import Any, Final, NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from county.capability import OpHandler, PushContext, check_payloads
from county.feed import write_item
from county.models import CountyItem, FeedEntry, Station
from county.parking.models import CountyParkingRequest, CountyReservation
from county.stations import UnknownStation, station_by_code
from redhome_wire.parking import OP_PAYLOADS as PARKING_PAYLOADS
from redhome_wire.parking import (
    PARKING_REQUEST_KIND,
    ParkingRequest,
    RequestResult,
    ReservationChange,
    mask_plate,
)
from redhome_wire.protocol import Op, PayloadProblem, RejectReason

PENDING: Final = "pending"
REQUEST_STATUSES: Final = ("pending", "accepted", "rejected")
RESERVATION_STATES: Final = ("booked", "arrived", "left", "no_show", "cancelled")


# --- push ------------------------------------------------------------------------------------


class RequestAnswer(NamedTuple):
    """A station's answer to a remote request, checked against the request it answers."""

    request: CountyParkingRequest
    result: RequestResult


ParkingWrite = ReservationChange | RequestAnswer


def check_parking_ops(
    context: PushContext, ops: Sequence[Op]
) -> list[ParkingWrite | PayloadProblem]:
    """Each op's change, or why not: a bad payload, another station's reservation, a request
    this station was not asked, or an answer other than the one it gave before."""
    session, station_id = context.session, context.station.id
    outcomes = check_payloads(PARKING_PAYLOADS, ops)
    reservation_ids = {o.reservation_id for o in outcomes if isinstance(o, ReservationChange)}
    owners: dict[str, int] = {
        reservation_id: owner
        for reservation_id, owner in session.execute(
            select(CountyReservation.reservation_id, CountyReservation.station_id).where(
                CountyReservation.reservation_id.in_(reservation_ids)
            )
        )
    }
    request_ids = {o.request_id for o in outcomes if isinstance(o, RequestResult)}
    requests_asked = {
        row.request_id: row
        for row in session.scalars(
            select(CountyParkingRequest).where(CountyParkingRequest.request_id.in_(request_ids))
        )
    }
    # Each request's answer as it stands after the batch's earlier ops.
    answers = {row.request_id: (row.status, row.reservation_id) for row in requests_asked.values()}
    checked: list[ParkingWrite | PayloadProblem] = []
    for outcome in outcomes:
        if isinstance(outcome, ReservationChange):
            owner = owners.get(outcome.reservation_id, station_id)
            if owner != station_id:
                outcome = PayloadProblem(
                    RejectReason.CONFLICT, "this reservation id belongs to another station"
                )
            checked.append(outcome)
        elif isinstance(outcome, RequestResult):
            checked.append(_check_answer(requests_asked, answers, station_id, outcome))
        else:
            assert isinstance(outcome, PayloadProblem)  # PARKING_PAYLOADS: these two models
            checked.append(outcome)
    return checked


def _check_answer(
    requests_asked: dict[str, CountyParkingRequest],
    answers: dict[str, tuple[str, str | None]],
    station_id: int,
    result: RequestResult,
) -> RequestAnswer | PayloadProblem:
    request = requests_asked.get(result.request_id)
    if request is None or request.station_id != station_id:
        return PayloadProblem(
            RejectReason.INVALID_PAYLOAD, "no such booking request for this station"
        )
    status, reservation_id = answers[result.request_id]
    if status != PENDING and (status, reservation_id) != (result.outcome, result.reservation_id):
        return PayloadProblem(RejectReason.CONFLICT, "this request was answered otherwise before")
    answers[result.request_id] = (result.outcome, result.reservation_id)
    return RequestAnswer(request, result)


def write_parking_ops(context: PushContext, accepted: Sequence[tuple[int, ParkingWrite]]) -> None:
    session = context.session
    reservation_ids = {
        item.reservation_id for _seq, item in accepted if isinstance(item, ReservationChange)
    }
    reservations = {
        row.reservation_id: row
        for row in session.scalars(
            select(CountyReservation).where(CountyReservation.reservation_id.in_(reservation_ids))
        )
    }
    for seq, item in accepted:
        if isinstance(item, RequestAnswer):
            _write_answer(session, context.station, item, context.now)
            continue
        row = reservations.get(item.reservation_id)
        if row is None:
            reservations[item.reservation_id] = _new_reservation(context, item, seq)
        else:
            _update_reservation(row, item, seq, context.now)


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


def _new_reservation(
    context: PushContext, change: ReservationChange, seq: int
) -> CountyReservation:
    row = CountyReservation(
        station_id=context.station.id,
        reservation_id=change.reservation_id,
        last_event=change.event,
        op_seq=seq,
        received_at=context.now,
        **{name: getattr(change, name) for name in _RESERVATION_FIELDS},
    )
    context.session.add(row)
    return row


def _update_reservation(
    row: CountyReservation, change: ReservationChange, seq: int, now: datetime
) -> None:
    """Each change carries the whole state: the latest (by the kiosk's clock) wins."""
    if change.changed_at < row.changed_at:
        return  # an older state arriving late: acknowledged, changes nothing
    for name in _RESERVATION_FIELDS:
        setattr(row, name, getattr(change, name))
    row.last_event = change.event
    row.op_seq = seq
    row.received_at = now


def _write_answer(session: Session, station: Station, answer: RequestAnswer, now: datetime) -> None:
    request, result = answer
    if request.status != PENDING:
        return  # the same answer again
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


PARKING_OPS: OpHandler[ParkingWrite] = OpHandler(
    PARKING_PAYLOADS, check_parking_ops, write_parking_ops
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
    station = station_by_code(session, station_code)
    if station is None:
        raise UnknownStation(station_code)
    if start_at is not None and start_at.tzinfo is None:
        raise ValueError("the start must be timezone-aware")
    if start_at is not None:
        start_at = start_at.astimezone(UTC)
    request_id = str(uuid.uuid4())
    data = ParkingRequest(
        request_id=request_id,
        bay_type=bay_type,
        start_at=start_at,
        minutes=minutes,
        plate=plate,
        requested_at=now,
    )
    seq = write_item(session, station.code, PARKING_REQUEST_KIND, request_id, data, now)
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
