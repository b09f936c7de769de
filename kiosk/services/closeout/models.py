"""The keeper's sealed day reports: one row a report, never changed or removed once written
(the migration's triggers refuse it), each holding the hash of the one before."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import UtcDateTime

IMMUTABLE_MESSAGE = "a sealed day report is never changed"


class SealedDay(Base):
    __tablename__ = "closeout_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Both unique: sealing a day twice, or two keepers at once, leaves one report.
    number: Mapped[int] = mapped_column(Integer, unique=True)
    station_day: Mapped[date] = mapped_column(Date, unique=True)
    sealed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sealed_by: Mapped[str] = mapped_column(String(32))
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The report exactly as sealed and pushed (redhome_wire.closeout.DayClosed as JSON).
    body: Mapped[str] = mapped_column(Text)


class NoteRead(Base):
    """A sealed report's handover note, read by the keeper after: it leaves the today page.
    Kept apart from the report, which never changes."""

    __tablename__ = "closeout_note_reads"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    read_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CountyHead(Base):
    """The last report of this station's chain that the county holds, as it last said (one
    row). A station whose database was lost or set aside goes on from here, never from Z-0001
    again."""

    __tablename__ = "closeout_county_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    number: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    station_day: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
