"""Flights' Qt-free half, as the registry sees it (kiosk.capability)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.capability import CoreCapability, CoreContext, CoreParts, FeedApplier


def build(ctx: CoreContext) -> CoreParts:
    from kiosk.services.flights.apply import apply_flight_change
    from kiosk.services.flights.cache import has_cached_flights, seed_demo_flights
    from redhome_wire.flights.records import (
        FLIGHT_KIND,
        FLIGHT_META_KIND,
        FlightFeedMeta,
        FlightRecord,
    )

    def demo_seed(now: datetime) -> str:
        return f"{seed_demo_flights(ctx.uow_factory, now)} flights"

    return CoreParts(
        name="flights",
        service=ctx.uow_factory,  # the board reads the cache; its UI half builds the board
        appliers=(
            FeedApplier(FLIGHT_KIND, FlightRecord, apply_flight_change),
            FeedApplier(FLIGHT_META_KIND, FlightFeedMeta, apply_flight_change),
        ),
        offered=lambda: has_cached_flights(ctx.uow_factory),
        demo_seed=demo_seed,
    )


def _arrivals(parts: CoreParts) -> object:
    from kiosk.services.flights.arriving import CachedArrivals

    return CachedArrivals(parts.service)


CORE = CoreCapability(
    name="flights",
    build=build,
    models="kiosk.services.flights.models",
    migrations=Path(__file__).resolve().parent / "migrations",
    provides={"arriving_flights": _arrivals},
)
