"""Pull: remote parking requests from the county, decided by this station, exactly once.

The station's database is the authority for its bays: a request made through the county
(redhome_wire.parking.ParkingRequest, feed kind PARKING_REQUEST_KIND) is booked here through
ParkingService.book(source="remote", remote_id=request_id), under the same capacity rules and
lock as a booking at the screen, or refused with the ParkingProblem's value; the answer goes back
to the county as a REQUEST_RESULT outbox row.

Where it runs: inside the feed page's transaction, not after it. The sync engine calls
apply_parking_change for the item while it applies the page; the booking runs through a
ParkingService whose unit of work is that very session (a savepoint around it), so the
reservation, its reservation.created row, the result row and the new pull cursor commit
together, or none of them does:

- interrupted anywhere before that commit (crash, lost connection, an error later in the page):
  nothing of the request was kept and the cursor did not move; the next pull brings the page
  again and the request is decided then, for the first time;
- after the commit the cursor is past the request; if the same page comes again all the same
  (two sync processes on one data dir, a cursor reset), the result row, whose op id is derived
  from the request id, is found and the request is skipped. Accepted requests are guarded twice:
  book() itself returns the reservation already made for a remote_id.

Why not after the page commits, in ParkingService's own unit of work: then the cursor would move
past a request before it was decided, and a crash in between would lose it, unless it were first
copied into a table of its own and drained from there; and a refusal (which writes nothing) would
be decided again by a second process, possibly the other way. Holding the page's transaction
open across the booking costs nothing: it is the same SQLite write lock, taken once.

Locking: the first statement for a request is the UPDATE of its type's parking_locks row (what
ParkingService._lock does), so SQLite's write lock is held before anything is checked, as
book() requires; a kiosk thread booking at the same moment waits for the page's commit.
"""

from __future__ import annotations

import logging
import uuid
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from types import TracebackType
from typing import Final, Self

from pydantic import BaseModel
from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from kiosk.services.identity import PhoneHasher
from kiosk.services.parking.models import ParkingLock
from kiosk.services.parking.plates import InvalidPlate
from kiosk.services.parking.service import (
    PARKING_OUTBOX,
    ParkingError,
    ParkingService,
    ParkingSettings,
    ReservationView,
)
from kiosk.store.models import OutboxEntry
from kiosk.store.unit_of_work import UnitOfWork
from redhome_wire.parking import (
    ACCEPTED,
    PARKING_REQUEST_KIND,
    REJECTED,
    REQUEST_RESULT,
    ParkingRequest,
    RequestResult,
)
from redhome_wire.protocol import FeedChange
from redhome_wire.station_time import Clock

log = logging.getLogger(__name__)

PARKING_FEED_KINDS: Final = frozenset({PARKING_REQUEST_KIND})
INVALID_PLATE: Final = "invalid_plate"
INVALID_REQUEST: Final = "invalid_request"
# Result op ids are derived from the request id: one request, one result, whoever writes it.
_RESULT_NAMESPACE: Final = uuid.UUID("6f0c2a4e-3b7d-5e8f-9a1b-2c3d4e5f6a7b")


def result_op_id(request_id: str) -> str:
    return str(uuid.uuid5(_RESULT_NAMESPACE, request_id))


class _PageUnitOfWork(UnitOfWork):
    """ParkingService's unit of work borrowed from the feed page's transaction.

    It neither commits nor rolls back: the page does, with its cursor. commit() only flushes.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def commit(self) -> None:
        self.session.flush()

    def reading(self) -> AbstractContextManager[Connection]:
        # Reads see the page's own uncommitted writes: the same connection, left open.
        return nullcontext(self.session.connection())


class RemoteParking:
    """What the sync engine needs to decide remote requests: the station's parking rules.

    Parking's capability builds it with the same clock, settings and hasher as the kiosk's
    ParkingService, for its feed applier.
    """

    def __init__(self, clock: Clock, settings: ParkingSettings, hasher: PhoneHasher) -> None:
        self._clock = clock
        self._settings = settings
        self._hasher = hasher

    def service_in(self, session: Session) -> ParkingService:
        """A ParkingService whose every use case runs inside `session`'s transaction."""
        unit = _PageUnitOfWork(session)
        return ParkingService(lambda: unit, self._clock, self._settings, self._hasher)


def _already_answered(session: Session, request_id: str) -> bool:
    return (
        session.scalar(
            select(OutboxEntry.id).where(OutboxEntry.op_id == result_op_id(request_id)).limit(1)
        )
        is not None
    )


def _result(
    request: ParkingRequest,
    now: datetime,
    view: ReservationView | None = None,
    reason: str | None = None,
    ban_ends_at: datetime | None = None,
) -> RequestResult:
    if view is not None:
        return RequestResult(
            request_id=request.request_id,
            outcome=ACCEPTED,
            reservation_id=view.reservation_id,
            code=view.code,
            bay_type=view.bay_type.value,
            bay_code=view.bay_code,
            start_at=view.start_at,
            end_at=view.end_at,
            decided_at=now,
        )
    return RequestResult(
        request_id=request.request_id,
        outcome=REJECTED,
        reason=reason,
        bay_type=request.bay_type,
        ban_ends_at=ban_ends_at,
        decided_at=now,
    )


def decide(session: Session, request: ParkingRequest, remote: RemoteParking, now: datetime) -> bool:
    """Book or refuse one request inside the caller's transaction; False if answered before."""
    # The write lock first (see the module's docstring); an UPDATE that matches no row takes it
    # all the same.
    session.execute(
        update(ParkingLock)
        .where(ParkingLock.bay_type == request.bay_type)
        .values(version=ParkingLock.version + 1)
    )
    if _already_answered(session, request.request_id):
        log.info("remote request %s was answered before; skipped", request.request_id)
        return False
    result: RequestResult
    parking = remote.service_in(session)
    savepoint = session.begin_nested()
    try:
        view = parking.book(
            request.bay_type,
            request.start_at,
            request.minutes,
            request.plate,
            source="remote",
            remote_id=request.request_id,
        )
    except ParkingError as error:
        savepoint.rollback()
        result = _result(request, now, reason=error.problem.value, ban_ends_at=error.ban_ends_at)
    except InvalidPlate:
        savepoint.rollback()
        result = _result(request, now, reason=INVALID_PLATE)
    except (ValueError, TypeError) as error:
        savepoint.rollback()
        log.warning("remote request %s refused: %s", request.request_id, error)
        result = _result(request, now, reason=INVALID_REQUEST)
    else:
        savepoint.commit()
        result = _result(request, now, view=view)
    entry = PARKING_OUTBOX.add(session, REQUEST_RESULT, result, now)
    entry.op_id = result_op_id(request.request_id)
    session.flush()
    log.info(
        "remote request %s %s%s",
        request.request_id,
        result.outcome,
        f" ({result.reason})" if result.reason else f" as {result.code}",
    )
    return True


def apply_parking_change(
    session: Session,
    change: FeedChange,
    data: BaseModel | None,
    now: datetime,
    remote: RemoteParking,
) -> bool:
    """Apply one parking feed item (called by the sync engine inside the page's transaction)."""
    if change.kind != PARKING_REQUEST_KIND or change.deleted or data is None:
        return False  # a withdrawn request (deleted) needs nothing here
    assert isinstance(data, ParkingRequest)
    return decide(session, data, remote, now)
