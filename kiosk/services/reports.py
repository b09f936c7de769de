"""What the keeper sees of a day: counts of visits by work and by purpose."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from kiosk.services.catalog import Purpose, WorkType
from kiosk.store.models import Visit
from kiosk.store.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class DayCounts:
    day: date
    total: int
    returning: int
    by_work_type: dict[WorkType, int] = field(default_factory=dict)
    by_purpose: dict[Purpose, int] = field(default_factory=dict)


class ReportService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def day_counts(self, day: date) -> DayCounts:
        with self._uow_factory() as uow:
            rows = uow.session.execute(
                select(Visit.work_type, Visit.purpose, Visit.is_returning, func.count())
                .where(Visit.local_day == day)
                .group_by(Visit.work_type, Visit.purpose, Visit.is_returning)
            ).all()
        by_work = dict.fromkeys(WorkType, 0)
        by_purpose = dict.fromkeys(Purpose, 0)
        total = returning = 0
        for work_type, purpose, is_returning, count in rows:
            by_work[WorkType(work_type)] += count
            by_purpose[Purpose(purpose)] += count
            total += count
            returning += count if is_returning else 0
        return DayCounts(day, total, returning, by_work, by_purpose)
