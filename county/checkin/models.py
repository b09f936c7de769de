"""Check-in's table at the county: the visits stations pushed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base, UtcDateTime


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
