"""Forgetting on schedule: after the retention period a record loses its link to the person.

Each capability that links its records to a driver declares how to unlink those older than a
cutoff (CoreParts.unlink_before); this service runs them all, then forgets the drivers not seen
within the period, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.orm import Session

from kiosk.store.models import Driver
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.station_time import Clock

# Unlinks a capability's records made before the cutoff from their driver; returns how many.
Unlinker = Callable[[Session, datetime], int]


@dataclass(frozen=True, slots=True)
class RetentionResult:
    records_unlinked: int
    drivers_forgotten: int


class RetentionService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        retention_days: int,
        unlinkers: Sequence[Unlinker] = (),
    ) -> None:
        if retention_days < 1:
            raise ValueError("retention must be at least one day")
        self._uow_factory = uow_factory
        self._clock = clock
        self._retention = timedelta(days=retention_days)
        self._unlinkers = tuple(unlinkers)

    def run(self) -> RetentionResult:
        cutoff = self._clock.now() - self._retention
        with self._uow_factory() as uow:
            unlinked = sum(unlink(uow.session, cutoff) for unlink in self._unlinkers)
            # A driver not seen within the period has no linked record left: forget them whole.
            forgotten = cast(  # a DELETE gives a CursorResult
                CursorResult[Any],
                uow.session.execute(delete(Driver).where(Driver.last_seen_at < cutoff)),
            ).rowcount
            uow.commit()
        return RetentionResult(records_unlinked=unlinked, drivers_forgotten=forgotten or 0)
