"""The arriving-flights port (kiosk.ports.ArrivingFlights) over the flight cache: what another
capability (the rest corner's wake-up, say) may ask without importing this one."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.ports import ArrivingFlight
from kiosk.services.flights.cache import load_cached_flights
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.flights.records import Direction
from redhome_wire.flights.status import best_time, passengers_out_at


class CachedArrivals:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def within(self, now: datetime, minutes: int) -> list[ArrivingFlight]:
        until = now + timedelta(minutes=minutes)
        records, _meta = load_cached_flights(self._uow_factory)
        found = []
        for record in records:
            if record.direction is not Direction.ARRIVAL:
                continue
            out = passengers_out_at(record)
            if out is None or not now <= out.at <= until:
                continue
            lands_at, _kind = best_time(record)
            found.append(
                ArrivingFlight(record.flight, record.city_zh, record.city_en, lands_at, out.at)
            )
        return sorted(found, key=lambda flight: flight.passengers_out_at or flight.lands_at)
