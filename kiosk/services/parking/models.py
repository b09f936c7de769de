"""Parking: bays, reservations and the per-type lock rows that serialise bookings.

A reservation keeps the full plate (arrival and the no-show ban need it) but never a phone
number; it links to a driver only when the phone given matches one who consented at check-in.
Rows are never deleted when a reservation ends: its state says how it ended.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import UtcDateTime

# The states that hold capacity. Written as literal SQL, and used verbatim in queries, because
# SQLite only uses a partial index when the query repeats the index's WHERE term exactly; a bound
# parameter list would not match it.
ACTIVE_STATES_SQL = "state IN ('booked', 'arrived')"


class ParkingBay(Base):
    __tablename__ = "parking_bays"
    __table_args__ = (Index("ix_parking_bays_type", "bay_type", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    bay_type: Mapped[str] = mapped_column(String(8))
    power_kw: Mapped[float | None] = mapped_column(Float)
    out_of_service_reason: Mapped[str | None] = mapped_column(String(100))
    out_of_service_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Removed from the station's configuration; kept so old reservations still name their bay.
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ParkingLock(Base):
    """One row per bay type. Every booking transaction starts by bumping its type's row.

    The UPDATE is the transaction's first statement, so SQLite takes its write lock before the
    capacity check reads anything: two kiosk threads, or the kiosk and a `sync` process on the
    same file, run check-then-insert one after the other. The version also tells a board cache
    that something changed.
    """

    __tablename__ = "parking_locks"

    bay_type: Mapped[str] = mapped_column(String(8), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class Reservation(Base):
    __tablename__ = "parking_reservations"
    __table_args__ = (
        # Availability and the board: only live rows, however many finished ones pile up.
        Index(
            "ix_parking_res_active_type_start",
            "bay_type",
            "start_at",
            sqlite_where=text(ACTIVE_STATES_SQL),
        ),
        # A charger's own bookings (EV), and who stands on a bay now.
        Index(
            "ix_parking_res_active_bay_start",
            "bay_id",
            "start_at",
            sqlite_where=text(ACTIVE_STATES_SQL),
        ),
        # The no-show sweep.
        Index("ix_parking_res_booked_start", "start_at", sqlite_where=text("state = 'booked'")),
        # A code names one live reservation; finished ones free their code for reuse.
        Index(
            "ux_parking_res_active_code",
            "code",
            unique=True,
            sqlite_where=text(ACTIVE_STATES_SQL),
        ),
        # A county request is applied once however often the pull brings it.
        Index(
            "ux_parking_res_remote_id",
            "remote_id",
            unique=True,
            sqlite_where=text("remote_id IS NOT NULL"),
        ),
        # Arrival, cancel and the one-car-one-bay rule look a plate up.
        Index("ix_parking_res_plate_start", "plate", "start_at"),
        # The repeat no-show ban.
        Index(
            "ix_parking_res_plate_no_show",
            "plate",
            "no_show_at",
            sqlite_where=text("state = 'no_show'"),
        ),
        # Keeper's day list and close-out counts.
        Index("ix_parking_res_start", "start_at"),
        # Deleting a driver (retention) sets their reservations' link to NULL without a scan.
        Index("ix_parking_res_driver", "driver_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    code: Mapped[str] = mapped_column(String(8))
    plate: Mapped[str] = mapped_column(String(10))
    new_energy: Mapped[bool]
    bay_type: Mapped[str] = mapped_column(String(8))
    bay_id: Mapped[int | None] = mapped_column(ForeignKey("parking_bays.id"))
    start_at: Mapped[datetime] = mapped_column(UtcDateTime)
    end_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    arrived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    no_show_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(16))
    remote_id: Mapped[str | None] = mapped_column(String(64))
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("drivers.id", ondelete="SET NULL"))
