"""`python -m county stats`: per station, its sync state and what each capability counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.capabilities import CAPABILITIES
from county.models import Station


@dataclass(frozen=True, slots=True)
class StationStats:
    code: str
    name: str
    last_sync_at: datetime | None
    last_seq: int
    enrolled: bool
    revoked: bool
    # What the capabilities count for the station: visits, reservations, requests, ...
    counts: Mapping[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "last_seq": self.last_seq,
            "enrolled": self.enrolled,
            "revoked": self.revoked,
            **self.counts,
        }


def stats(session: Session) -> dict[str, StationStats]:
    counts: dict[str, dict[str, Any]] = {}
    for capability in CAPABILITIES:
        if capability.station_stats is not None:
            for code, fields in capability.station_stats(session).items():
                counts.setdefault(code, {}).update(fields)
    return {
        station.code: StationStats(
            code=station.code,
            name=station.name,
            last_sync_at=station.last_sync_at,
            last_seq=station.last_seq,
            enrolled=station.token_hash is not None,
            revoked=station.revoked_at is not None,
            counts=counts.get(station.code, {}),
        )
        for station in session.scalars(select(Station).order_by(Station.code))
    }
