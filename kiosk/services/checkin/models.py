"""Check-in's tables: one row a visit.

A visit keeps its link to the driver (kiosk.store.models.Driver) for the retention period, then
counts on anonymously (unlink_visits_before).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Date, ForeignKey, Index, String, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import UtcDateTime


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_local_day", "local_day"),
        Index("ix_visits_driver_checked_in", "driver_id", "checked_in_at"),
        Index("ix_visits_linked_checked_in", "checked_in_at", sqlite_where="driver_id IS NOT NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("drivers.id", ondelete="SET NULL"))
    work_type: Mapped[str] = mapped_column(String(32))
    work_detail: Mapped[str | None] = mapped_column(String(40))
    platform: Mapped[str | None] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(32))
    is_returning: Mapped[bool]
    checked_in_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_day: Mapped[date] = mapped_column(Date)


def unlink_visits_before(session: Session, cutoff: datetime) -> int:
    """Visits made before the cutoff lose their link to the driver."""
    result = cast(  # an UPDATE gives a CursorResult
        CursorResult[Any],
        session.execute(
            update(Visit)
            .where(Visit.driver_id.is_not(None), Visit.checked_in_at < cutoff)
            .values(driver_id=None)
        ),
    )
    return int(result.rowcount)
