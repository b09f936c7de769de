"""The county's copy of each station's sealed day reports, one row a report, never changed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base, UtcDateTime


class CountyDayReport(Base):
    """One sealed report as a station pushed it (redhome_wire.closeout.DayClosed)."""

    __tablename__ = "closeout_reports"
    __table_args__ = (
        UniqueConstraint("station_id", "number", name="uq_closeout_reports_station_number"),
        UniqueConstraint("station_id", "station_day", name="uq_closeout_reports_station_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    station_day: Mapped[date] = mapped_column(Date)
    sealed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sealed_by: Mapped[str] = mapped_column(String(32))
    records_waiting: Mapped[int] = mapped_column(Integer)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # The report exactly as received, so its hash can be checked again at any time.
    record: Mapped[str] = mapped_column(Text)
    op_seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
