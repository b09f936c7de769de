"""Stations and enrolment: a station is created with its first enrolment code, and a kiosk
exchanges that one-time code for the station's token.

Only hashes of codes and tokens are kept. Plain functions over a Session; the caller owns the
transaction.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.capabilities import CAPABILITIES
from county.models import EnrolmentCode, Station
from county.stations import CountyProblem, StationRevoked, sha256_hex, station_by_code
from redhome_wire.protocol import EnrolResponse, ErrorCode

ENROLMENT_CODE_LIFETIME = timedelta(hours=24)
# Crockford-style alphabet: no I, L, O, U, so a code read aloud or off paper is typed right.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 12  # 60 bits; one-time and gone after 24 h


def normalise_enrolment_code(code: str) -> str:
    return "".join(char for char in code.upper() if char.isalnum())


def format_enrolment_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def ensure_station(session: Session, code: str, name: str | None, now: datetime) -> Station:
    """The station with this code; created if new, and each capability told of it."""
    station = station_by_code(session, code)
    if station is not None:
        if name and name != station.name:
            station.name = name
        return station
    station = Station(code=code, name=name or code, created_at=now, last_seq=0)
    session.add(station)
    session.flush()
    for capability in CAPABILITIES:
        if capability.station_created is not None:
            capability.station_created(session, station, now)
    return station


def create_enrolment_code(
    session: Session, station_code: str, name: str | None, now: datetime
) -> str:
    """A new one-time code for the station (created if new); returned once, stored as a hash.

    StationRevoked for a revoked station: an administrator restores it first.
    """
    station = ensure_station(session, station_code, name, now)
    if station.revoked_at is not None:
        raise StationRevoked(station_code)
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
    # Locked (PostgreSQL; SQLite's writer holds the database): a code is used once, even by two
    # kiosks enrolling with it at the same moment.
    row = session.scalar(
        select(EnrolmentCode)
        .where(EnrolmentCode.code_hash == sha256_hex(normalise_enrolment_code(code)))
        .with_for_update()
    )
    if row is None or row.used_at is not None:
        raise CountyProblem(400, ErrorCode.ENROL_CODE_INVALID, "This enrolment code is not valid.")
    if row.expires_at <= now:
        raise CountyProblem(400, ErrorCode.ENROL_CODE_EXPIRED, "This enrolment code has expired.")
    station = session.get(Station, row.station_id)
    assert station is not None
    if station.revoked_at is not None:  # a code never lifts a revocation; restore does
        raise CountyProblem(
            403,
            ErrorCode.TOKEN_REVOKED,
            "This station was revoked; a county administrator must restore it first.",
        )
    token = secrets.token_urlsafe(32)
    row.used_at = now
    station.token_hash = sha256_hex(token)
    station.token_issued_at = now
    return EnrolResponse(station_code=station.code, station_name=station.name, token=token)
