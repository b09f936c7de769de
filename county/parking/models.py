"""Parking's tables at the county: the stations' reservations and remote booking requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base, UtcDateTime


class CountyReservation(Base):
    """A station's parking reservation as the county sees it (redhome_wire.parking).

    Only what the QR page may show and the counts need: the plate masked, no phone, no driver.
    reservation_id is the kiosk's random UUID, the page's address: /r/<reservation_id>.
    """

    __tablename__ = "parking_reservations"
    __table_args__ = (
        UniqueConstraint("reservation_id", name="uq_parking_reservations_public"),
        Index("ix_parking_reservations_station_day", "station_id", "local_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    reservation_id: Mapped[str] = mapped_column(String(36))
    code: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(10))
    last_event: Mapped[str] = mapped_column(String(40))
    bay_type: Mapped[str] = mapped_column(String(8))
    bay_code: Mapped[str | None] = mapped_column(String(16))
    power_kw: Mapped[float | None] = mapped_column(Float)
    plate_masked: Mapped[str] = mapped_column(String(12))
    new_energy: Mapped[bool] = mapped_column(Boolean)
    start_at: Mapped[datetime] = mapped_column(UtcDateTime)
    end_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    arrived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    no_show_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(16))
    remote_id: Mapped[str | None] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)  # on the kiosk's clock
    op_seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CountyParkingRequest(Base):
    """A booking asked for through the county for one station, and the station's answer.

    The full plate travels only in the feed entry (the station books by plate), which goes once
    the answer is in; kept here is the masked plate.
    """

    __tablename__ = "parking_requests"
    __table_args__ = (
        UniqueConstraint("request_id", name="uq_parking_requests_request"),
        Index("ix_parking_requests_station_status", "station_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    request_id: Mapped[str] = mapped_column(String(36))
    bay_type: Mapped[str] = mapped_column(String(8))
    start_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # None: as soon as received
    minutes: Mapped[int] = mapped_column(Integer)
    plate_masked: Mapped[str] = mapped_column(String(12))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    feed_seq: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10))  # pending, accepted, rejected
    reason: Mapped[str | None] = mapped_column(String(40))
    reservation_id: Mapped[str | None] = mapped_column(String(36))
    code: Mapped[str | None] = mapped_column(String(8))
    bay_code: Mapped[str | None] = mapped_column(String(16))
    ban_ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # on the kiosk's clock
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # when the county heard
