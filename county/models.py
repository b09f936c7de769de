"""The county server's own typed models (SQLAlchemy 2). Portable: SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as naive UTC (the same on every database); naive ones refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


def table_of(model: type[Base]) -> Table:
    """A model's Table, for Core statements (__table__ is typed as any FROM clause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Station(Base):
    """A station and its credential. Only a hash of the token is kept."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class EnrolmentCode(Base):
    """A one-time code a keeper types into a new kiosk; only its hash is kept."""

    __tablename__ = "enrolment_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AppliedOp(Base):
    """Each operation id a station sent, applied once; the guard against duplicates."""

    __tablename__ = "applied_ops"
    __table_args__ = (UniqueConstraint("station_id", "op_id", name="uq_applied_ops_station_op"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    op_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(BigInteger)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CountyVisit(Base):
    """A visit as the county sees it: what work, why they came; nothing that names a driver."""

    __tablename__ = "visits"
    __table_args__ = (UniqueConstraint("station_id", "visit_id", name="uq_visits_station_visit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    visit_id: Mapped[str] = mapped_column(String(36))
    op_seq: Mapped[int] = mapped_column(BigInteger)
    work_type: Mapped[str] = mapped_column(String(64))
    work_detail: Mapped[str | None] = mapped_column(String(40))
    platform: Mapped[str | None] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(64))
    is_returning: Mapped[bool] = mapped_column(Boolean)
    checked_in_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_day: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FeedEntry(Base):
    """The change log the kiosks pull with a cursor. A null station means every station."""

    __tablename__ = "feed"
    __table_args__ = (
        Index("ix_feed_station_seq", "station_id", "seq"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CountyItem(Base):
    """The current state of one piece of county-owned data (what the feed last said of it).

    The station card page reads this instead of replaying the feed.
    """

    __tablename__ = "county_items"
    __table_args__ = (UniqueConstraint("scope", "kind", "key", name="uq_county_items_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "*" for every station, or a station code.
    scope: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PageLink(Base):
    """A short unguessable link behind a QR code: /s/<token>. The token carries no meaning."""

    __tablename__ = "page_links"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    subject: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


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
