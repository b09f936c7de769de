"""Check-in's Qt-free half, as the registry sees it (kiosk.capability)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from kiosk.capability import Command, CoreCapability, CoreContext, CoreParts, at_least

if TYPE_CHECKING:
    from kiosk.app import Kiosk

SIMULATE_DEFAULT_DAYS = 1


def build(ctx: CoreContext) -> CoreParts:
    from kiosk.services.checkin.catalog import DEFAULT_PLATFORMS
    from kiosk.services.checkin.day_report import DayReport
    from kiosk.services.checkin.models import unlink_visits_before
    from kiosk.services.checkin.service import CheckInService
    from redhome_wire.checkin import OP_PAYLOADS

    service = CheckInService(ctx.uow_factory, ctx.clock, ctx.hasher, DEFAULT_PLATFORMS)
    report = DayReport(ctx.uow_factory)

    def day_counts(day: date) -> Mapping[str, int]:
        return report.day_counts(day).as_counters()

    def demo_seed(now: datetime) -> str:
        from kiosk.services.checkin.demo import seed_demo_visits

        written = seed_demo_visits(ctx.uow_factory, ctx.hasher, DEFAULT_PLATFORMS, now)
        return f"{written} visits"

    return CoreParts(
        name="checkin",
        service=service,
        op_payloads=OP_PAYLOADS,
        day_counts=day_counts,
        demo_seed=demo_seed,
        unlink_before=unlink_visits_before,
    )


def _simulate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--visits", type=at_least(0), required=True, metavar="N")
    parser.add_argument("--days", type=at_least(1), default=SIMULATE_DEFAULT_DAYS, metavar="D")
    parser.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)


def _simulate(kiosk: Kiosk, args: argparse.Namespace) -> int:
    from kiosk.services.checkin.catalog import DEFAULT_PLATFORMS
    from kiosk.services.checkin.simulation import simulate_visits

    written = simulate_visits(
        kiosk.uow_factory,
        kiosk.hasher,
        DEFAULT_PLATFORMS,
        kiosk.clock.now(),
        args.visits,
        args.days,
        args.seed,
    )
    status = kiosk.sync.status()
    print(json.dumps({"visits": written, "pending": status.pending}), flush=True)
    return 0


CORE = CoreCapability(
    name="checkin",
    build=build,
    models="kiosk.services.checkin.models",
    commands=(
        Command(
            "simulate", "fill the database with synthetic visits", _simulate_arguments, _simulate
        ),
    ),
)
