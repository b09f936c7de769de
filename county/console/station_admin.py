"""Station administration, one set of functions for the command line and the console.

Each action is audited in the transaction that makes it: the actor is a staff member's username,
or "cli" for the command line. An enrolment code itself is never recorded, only that one was
issued.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from county.console import audit
from county.enrolment import create_enrolment_code
from county.models import EnrolmentCode, Station
from county.stations import StationRevoked, UnknownStation, restore, revoke, station_by_code
from county.stats import stats

STATION_CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
STATION_NAME_MAX = 100

__all__ = [
    "StationOverview",
    "StationProblem",
    "StationRevoked",
    "UnknownStation",
    "issue_code",
    "overview",
    "restore_station",
    "revoke_station",
]


class StationProblem(ValueError):
    """A station form that cannot be used; `reason` is a message id for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _state(station: Station) -> dict[str, object]:
    return {
        "name": station.name,
        "enrolled": station.token_hash is not None,
        "revoked_at": station.revoked_at.isoformat() if station.revoked_at else None,
    }


def check_station_fields(station_code: str, name: str | None) -> None:
    if not STATION_CODE_PATTERN.fullmatch(station_code):
        raise StationProblem("bad_station_code")
    if name is not None and len(name) > STATION_NAME_MAX:
        raise StationProblem("bad_station_name")


def issue_code(
    session: Session, now: datetime, actor: str, station_code: str, name: str | None = None
) -> str:
    """A one-time enrolment code (the station is created if new). StationRevoked if revoked."""
    before_station = station_by_code(session, station_code)
    before = _state(before_station) if before_station is not None else None
    code = create_enrolment_code(session, station_code, name, now)
    station = station_by_code(session, station_code)
    assert station is not None
    audit.record(session, now, actor, "station.enrolment_code", f"station:{station_code}",
                 before=before, after=_state(station))  # fmt: skip
    return code


def revoke_station(session: Session, now: datetime, actor: str, station_code: str) -> None:
    """Revoke the token and cancel outstanding codes (county.stations.revoke); UnknownStation."""
    station = station_by_code(session, station_code)
    if station is None:
        raise UnknownStation(station_code)
    before = _state(station)
    revoke(session, station_code, now)
    audit.record(session, now, actor, "station.revoke", f"station:{station_code}",
                 before=before, after=_state(station))  # fmt: skip


def restore_station(session: Session, now: datetime, actor: str, station_code: str) -> bool:
    """Lift a revocation (county.stations.restore); False when it was not revoked."""
    station = station_by_code(session, station_code)
    if station is None:
        raise UnknownStation(station_code)
    before = _state(station)
    restored = restore(session, station_code)
    if restored:
        audit.record(session, now, actor, "station.restore", f"station:{station_code}",
                     before=before, after=_state(station))  # fmt: skip
    return restored


@dataclass(frozen=True, slots=True)
class StationOverview:
    code: str
    name: str
    state: str  # "revoked", "enrolled", "code_issued" or "new"
    last_sync_at: datetime | None
    records: int  # operations received from the station
    codes_outstanding: int
    visits: int  # check-ins the station has sent
    counts: dict[str, object]


def overview(session: Session, now: datetime) -> Sequence[StationOverview]:
    outstanding = dict(
        session.execute(
            select(EnrolmentCode.station_id, func.count())
            .where(EnrolmentCode.used_at.is_(None), EnrolmentCode.expires_at > now)
            .group_by(EnrolmentCode.station_id)
        ).all()
    )
    ids = dict(session.execute(select(Station.code, Station.id)).all())
    result = []
    for code, entry in stats(session).items():
        pending = int(outstanding.get(ids[code], 0))
        if entry.revoked:
            state = "revoked"
        elif entry.enrolled:
            state = "enrolled"
        elif pending:
            state = "code_issued"
        else:
            state = "new"
        result.append(
            StationOverview(
                code=code,
                name=entry.name,
                state=state,
                last_sync_at=entry.last_sync_at,
                records=entry.last_seq,
                codes_outstanding=pending,
                visits=int(entry.counts.get("visits", 0) or 0),
                counts=dict(entry.counts),
            )
        )
    return result
