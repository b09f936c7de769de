"""Stations and their tokens: looking a station up, and who a request comes from.

Plain functions over a Session; the caller (the API or the command line) owns the transaction.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.models import Station
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
    station = station_by_code(session, station_code)
    if station is None:
        raise UnknownStation(station_code)
    station.revoked_at = now
