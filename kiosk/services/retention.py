"""Forgetting on schedule: after the retention period a visit loses its link to the person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, update

from kiosk.store.models import Driver, Visit
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.station_time import Clock


@dataclass(frozen=True, slots=True)
class RetentionResult:
    visits_unlinked: int
    drivers_forgotten: int


class RetentionService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock, retention_days: int) -> None:
        if retention_days < 1:
            raise ValueError("retention must be at least one day")
        self._uow_factory = uow_factory
        self._clock = clock
        self._retention = timedelta(days=retention_days)

    def run(self) -> RetentionResult:
        cutoff = self._clock.now() - self._retention
        with self._uow_factory() as uow:
            unlinked = uow.session.execute(
                update(Visit)
                .where(Visit.driver_id.is_not(None), Visit.checked_in_at < cutoff)
                .values(driver_id=None)
            ).rowcount
            # A driver not seen within the period has no linked visit left: forget them whole.
            forgotten = uow.session.execute(
                delete(Driver).where(Driver.last_seen_at < cutoff)
            ).rowcount
            uow.commit()
        return RetentionResult(visits_unlinked=unlinked or 0, drivers_forgotten=forgotten or 0)
