"""The keeper's close-out, Qt-free, as the registry sees it (kiosk.capability)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.capability import CoreCapability, CoreContext, CoreParts


def build(ctx: CoreContext) -> CoreParts:
    from kiosk.capability import FeedApplier
    from kiosk.services.closeout.service import CloseoutService, apply_county_head
    from redhome_wire.closeout import CHAIN_HEAD_KIND, OP_PAYLOADS, ChainHead

    # Every capability's counters, through the port: this one reports on the others and adds
    # none of its own (its reports are not a figure of the day they seal).
    service = CloseoutService(ctx.uow_factory, ctx.clock, lambda day: ctx.ports.day_counts(day))

    def demo_seed(now: datetime) -> str:
        from kiosk.services.closeout.demo import seed_closeout_demo

        return f"{seed_closeout_demo(ctx, now)} days sealed"

    return CoreParts(
        name="closeout",
        service=service,
        op_payloads=OP_PAYLOADS,
        appliers=(
            FeedApplier(
                CHAIN_HEAD_KIND,
                ChainHead,
                lambda session, _change, data, now: apply_county_head(session, data, now),
            ),
        ),
        demo_seed=demo_seed,
    )


CORE = CoreCapability(
    name="closeout",
    build=build,
    models="kiosk.services.closeout.models",
    migrations=Path(__file__).resolve().parent / "migrations",
)
