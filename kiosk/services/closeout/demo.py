"""Demo close-out: the three days before today sealed as Z-0001 to Z-0003, each in the evening,
the last with a handover note, so the keeper's page shows a chain and a note to read."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kiosk.capability import CoreContext
from kiosk.services.closeout.service import STATION_KEEPER, CloseoutService
from redhome_wire.station_time import STATION_TZ, ManualClock, local_day

CLOSING_TIME = time(22, 5)
HANDOVER_NOTE = "7号躺椅扶手松了，已报修；北区充电桩下午停用，明早有人来修。"


def seed_closeout_demo(ctx: CoreContext, now: datetime) -> int:
    today = local_day(now)
    days = [today - timedelta(days=n) for n in (3, 2, 1)]
    for day in days:
        evening = datetime.combine(day, CLOSING_TIME, tzinfo=STATION_TZ)
        service = CloseoutService(ctx.uow_factory, ManualClock(evening), ctx.ports.day_counts)
        note = HANDOVER_NOTE if day == days[-1] else ""
        service.seal_day(day, STATION_KEEPER, note)
    return len(days)
