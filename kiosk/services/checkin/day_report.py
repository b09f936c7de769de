"""What the keeper sees of a day: counts of visits by work and by purpose."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from kiosk.services.checkin.catalog import Purpose, WorkType
from kiosk.services.checkin.models import Visit
from kiosk.store.unit_of_work import UnitOfWorkFactory

VISITS = "checkin.visits"
RETURNING = "checkin.returning"
WORK_PREFIX = "checkin.work."
PURPOSE_PREFIX = "checkin.purpose."


@dataclass(frozen=True, slots=True)
class DayCounts:
    day: date
    total: int
    returning: int
    by_work_type: dict[WorkType, int] = field(default_factory=dict)
    by_purpose: dict[Purpose, int] = field(default_factory=dict)

    def as_counters(self) -> dict[str, int]:
        """Flat counters for the day summary and the close-out (kiosk.capability)."""
        counters = {VISITS: self.total, RETURNING: self.returning}
        counters.update({WORK_PREFIX + work.value: n for work, n in self.by_work_type.items()})
        counters.update({PURPOSE_PREFIX + p.value: n for p, n in self.by_purpose.items()})
        return counters


def counts_from_counters(day: date, counters: Mapping[str, int]) -> DayCounts:
    """The inverse of DayCounts.as_counters."""
    return DayCounts(
        day,
        counters.get(VISITS, 0),
        counters.get(RETURNING, 0),
        {work: counters.get(WORK_PREFIX + work.value, 0) for work in WorkType},
        {purpose: counters.get(PURPOSE_PREFIX + purpose.value, 0) for purpose in Purpose},
    )


class DayReport:
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
