"""Stations and their tokens: looking a station up, and who a request comes from.

Plain functions over a Session; the caller (the API or the command line) owns the transaction.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from county.models import EnrolmentCode, Station
from redhome_wire.protocol import ErrorCode


class CountyProblem(Exception):
    """A request the county refuses as a whole; the API turns it into a wire ErrorBody."""

    def __init__(self, status: int, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class UnknownStation(LookupError):
    pass


class StationRevoked(Exception):
    """The station is revoked: it gets no enrolment code until an administrator restores it."""


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def station_by_code(session: Session, code: str) -> Station | None:
    return session.scalar(select(Station).where(Station.code == code))


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
    """Revoke the station's token and cancel its outstanding enrolment codes.

    It stays revoked (no enrolment clears it) until an administrator restores it.
    """
    station = station_by_code(session, station_code)
    if station is None:
        raise UnknownStation(station_code)
    if station.revoked_at is None:
        station.revoked_at = now
    session.execute(
        update(EnrolmentCode)
        .where(
            EnrolmentCode.station_id == station.id,
            EnrolmentCode.used_at.is_(None),
            EnrolmentCode.expires_at > now,
        )
        .values(expires_at=now)
    )


def restore(session: Session, station_code: str) -> bool:
    """Lift a revocation; False when the station was not revoked.

    The revoked token stays dead (a stolen kiosk must not come back): the station enrols again
    with a new code.
    """
    station = station_by_code(session, station_code)
    if station is None:
        raise UnknownStation(station_code)
    if station.revoked_at is None:
        return False
    station.revoked_at = None
    station.token_hash = None
    station.token_issued_at = None
    return True
