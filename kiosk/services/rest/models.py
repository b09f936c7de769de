"""The rest corner: its seats and its rests.

A rest is a row with a start and a wake time, never a countdown in memory: a restart, a power
cut or a clock jump loses no rest, and the board computes what is left from the clock. Rows are
never deleted when a rest ends; `ended_at` and `ended_by` say how it ended.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import UtcDateTime

# The rows of rests going on now: the unique index below holds one of them per seat.
RESTING_SQL = "ended_at IS NULL"


class RestSeat(Base):
    __tablename__ = "rest_seats"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(8), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    zone: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    out_of_service_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Removed from the station's configuration; kept so old rests still name their seat.
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RestSession(Base):
    __tablename__ = "rest_sessions"
    __table_args__ = (
        # One rest per seat at a time, held by the database: two drivers tapping the same seat
        # at the same instant cannot both commit.
        Index(
            "ux_rest_sessions_resting_seat", "seat_id", unique=True, sqlite_where=text(RESTING_SQL)
        ),
        # The day's counts and the keeper's list.
        Index("ix_rest_sessions_started", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("rest_seats.id"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    wake_at: Mapped[datetime] = mapped_column(UtcDateTime)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    # A flight-linked wake follows the flight: the job moves wake_at when the flight moves.
    flight: Mapped[str | None] = mapped_column(String(10))
    driving: Mapped[str | None] = mapped_column(String(8))
    snoozes: Mapped[int] = mapped_column(Integer, default=0)
    # When the wake-up chime played (once per wake time), and when the rest became overdue.
    alerted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    overstay_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_by: Mapped[str | None] = mapped_column(String(8))
