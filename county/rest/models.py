"""The rest corner's table at the county: the stations' finished rests, by seat, nobody named."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base, UtcDateTime


class CountyRest(Base):
    """One finished rest as a station pushed it (redhome_wire.rest.RestFinished)."""

    __tablename__ = "rest_sessions"
    __table_args__ = (
        UniqueConstraint("rest_id", name="uq_rest_sessions_rest_id"),
        Index("ix_rest_sessions_station_day", "station_id", "local_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    rest_id: Mapped[str] = mapped_column(String(36))
    seat: Mapped[str] = mapped_column(String(8))
    seat_kind: Mapped[str] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime] = mapped_column(UtcDateTime)
    minutes: Mapped[int] = mapped_column(Integer)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    snoozes: Mapped[int] = mapped_column(Integer)
    ended_by: Mapped[str] = mapped_column(String(8))
    flight_linked: Mapped[bool] = mapped_column(Boolean)
    local_day: Mapped[date] = mapped_column(Date)  # the station's day the rest started
    op_seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The proof of rest: the record exactly as received (canonical JSON) and the county's
    # HMAC over it and the station's code (county.rest.proof).
    record: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(64))


class RestProofKey(Base):
    """The county's one secret for signing proofs of rest, made by the migration."""

    __tablename__ = "rest_proof_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
