"""Parking's Qt-free half, as the registry sees it (kiosk.capability)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from kiosk.capability import CoreCapability, CoreContext, CoreParts, FeedApplier, PeriodicJob

NO_SHOW_SWEEP_S = 60


def build(ctx: CoreContext) -> CoreParts:
    from kiosk.services.parking.config import load_parking
    from kiosk.services.parking.remote import RemoteParking, apply_parking_change
    from kiosk.services.parking.service import ParkingService
    from redhome_wire.parking import OP_PAYLOADS, PARKING_REQUEST_KIND, ParkingRequest

    settings, bays = load_parking(ctx.data_dir.config)
    service = ParkingService(ctx.uow_factory, ctx.clock, settings, ctx.hasher)
    if bays:
        service.sync_inventory(bays)
    # Remote booking requests pulled from the county are decided under the same rules.
    remote = RemoteParking(ctx.clock, settings, ctx.hasher)

    def sweep_no_shows() -> str | None:
        count = service.expire_no_shows()
        return f"{count} bookings became no-shows" if count else None

    def day_counts(day: date) -> Mapping[str, int]:
        counts = service.day_counts(day)
        return {
            "parking.bookings": counts.bookings,
            "parking.arrivals": counts.arrivals,
            "parking.no_shows": counts.no_shows,
            "parking.cancellations": counts.cancellations,
            "parking.occupancy_percent": counts.occupancy_percent,
        }

    def demo_seed(now: datetime) -> str:
        from kiosk.services.parking.demo import AIRPORT_BAYS, seed_parking_demo

        return f"{seed_parking_demo(service, now, AIRPORT_BAYS)} bookings"

    return CoreParts(
        name="parking",
        service=service,
        op_payloads=OP_PAYLOADS,
        appliers=(
            FeedApplier(
                PARKING_REQUEST_KIND,
                ParkingRequest,
                lambda session, change, data, now: apply_parking_change(
                    session, change, data, now, remote
                ),
            ),
        ),
        jobs=(PeriodicJob("no-show sweep", NO_SHOW_SWEEP_S, sweep_no_shows),),
        day_counts=day_counts,
        offered=lambda: bool(service.bays()),
        demo_seed=demo_seed,
    )


CORE = CoreCapability(
    name="parking",
    build=build,
    models="kiosk.services.parking.models",
    migrations=Path(__file__).resolve().parent / "migrations",
)
