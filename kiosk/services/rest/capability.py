"""The rest corner's Qt-free half, as the registry sees it (kiosk.capability)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from kiosk.capability import CoreCapability, CoreContext, CoreParts, PeriodicJob

# Wake-ups chime within this many seconds of their time; the board itself counts every second.
WAKE_UP_SWEEP_S = 15


def build(ctx: CoreContext) -> CoreParts:
    from kiosk.services.rest.config import load_rest
    from kiosk.services.rest.service import RestService
    from redhome_wire.rest import OP_PAYLOADS

    settings, seats = load_rest(ctx.data_dir.config)
    service = RestService(ctx.uow_factory, ctx.clock, settings, ctx.ports)
    if seats:
        service.sync_seats(seats)

    def day_counts(day: date) -> Mapping[str, int]:
        counts = service.day_counts(day)
        return {
            "rest.rests": counts.rests,
            "rest.minutes": counts.minutes,
            "rest.overdue": counts.overdue,
            "rest.freed": counts.freed,
            "rest.snoozes": counts.snoozes,
        }

    def demo_seed(now: datetime) -> str:
        from kiosk.services.rest.demo import seed_rest_demo

        return f"{seed_rest_demo(service, now)} rests"

    return CoreParts(
        name="rest",
        service=service,
        op_payloads=OP_PAYLOADS,
        jobs=(PeriodicJob("wake-ups", WAKE_UP_SWEEP_S, lambda: service.tick().line()),),
        day_counts=day_counts,
        offered=service.has_seats,
        demo_seed=demo_seed,
    )


CORE = CoreCapability(
    name="rest",
    build=build,
    models="kiosk.services.rest.models",
    migrations=Path(__file__).resolve().parent / "migrations",
)
