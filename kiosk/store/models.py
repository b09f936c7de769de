"""Typed models of the local cache.

A driver is known only by a keyed hash of their phone number plus its last four digits, and only
after consent; a visit keeps its link to the driver for the retention period, then counts on
anonymously.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import ClassVar

from sqlalchemy import Index, Integer, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.store.types import UtcDateTime


class Base(DeclarativeBase):
    # Every model maps one Table (DeclarativeBase says only FromClause): insert() and update()
    # take Model.__table__ as typed.
    __table__: ClassVar[Table]


class Driver(Base):
    __tablename__ = "drivers"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone_hash: Mapped[str] = mapped_column(String(64), unique=True)
    phone_last4: Mapped[str] = mapped_column(String(4))
    consent_version: Mapped[int] = mapped_column(Integer)
    consented_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_work_type: Mapped[str] = mapped_column(String(32))
    last_platform: Mapped[str | None] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class OutboxEntry(Base):
    """A change the county must learn of, committed in the same transaction as the change."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_id", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    acked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set when the county rejected the operation: its reason code; the keeper sees it.
    parked_reason: Mapped[str | None] = mapped_column(String(40))
    parked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class StationProfile(Base):
    """The station's own description; one row. Comes from the county, or from the demo seed."""

    __tablename__ = "station_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    address_zh: Mapped[str] = mapped_column(String(200))
    address_en: Mapped[str] = mapped_column(String(200))
    opening_hours: Mapped[str] = mapped_column(String(100))
    facilities: Mapped[str] = mapped_column(Text, default="[]")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class NoticeKind(enum.StrEnum):
    DATABASE_QUARANTINED = "database_quarantined"
    # What was carried over from it: detail "<recovered> <lost>" ("?" when unknown).
    DATABASE_SALVAGED = "database_salvaged"


class KeeperNotice(Base):
    """Something the station keeper must know about (a database set aside, a parked sync error)."""

    __tablename__ = "keeper_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OutboxState(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"  # acknowledged by the county; kept for the audit window
    PARKED = "parked"  # rejected by the county; waits for the keeper, never retried by itself
    DISCARDED = "discarded"  # a parked row the keeper let go, with a reason; kept for the audit


class SyncState(Base):
    """The sync engine's own state (one row), apart from the station's settings."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    server_url: Mapped[str | None] = mapped_column(String(300))
    station_code: Mapped[str | None] = mapped_column(String(32))
    enrolled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pull_cursor: Mapped[int] = mapped_column(Integer, default=0)
    public_base_url: Mapped[str | None] = mapped_column(String(300))
    card_path: Mapped[str | None] = mapped_column(String(100))
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(40))


class CountyAnnouncement(Base):
    """An announcement pulled from the county."""

    __tablename__ = "county_announcements"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    title_zh: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text, default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CountyActivity(Base):
    """An activity the county runs at or for the station."""

    __tablename__ = "county_activities"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    title_zh: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text, default="")
    place_zh: Mapped[str] = mapped_column(Text, default="")
    place_en: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    capacity: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CountyService(Base):
    """One entry of the county's services catalogue."""

    __tablename__ = "county_services"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text, default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HeldFeedChange(Base):
    """A pulled change this kiosk could not apply yet (a kind it does not know, a document it
    cannot read), kept as it came until an upgraded kiosk can."""

    __tablename__ = "held_feed_changes"
    __table_args__ = (Index("ix_held_feed_changes_kind_key", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool]
    data: Mapped[str | None] = mapped_column(Text)  # the document as JSON
    reason: Mapped[str] = mapped_column(String(40))
    held_at: Mapped[datetime] = mapped_column(UtcDateTime)
