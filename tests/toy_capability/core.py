"""The toy's Qt-free half."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.capability import (
    Command,
    CoreCapability,
    CoreContext,
    CoreParts,
    FeedApplier,
    PeriodicJob,
)
from kiosk.store.models import Base
from kiosk.store.outbox import Outbox
from redhome_wire.protocol import FeedChange
from redhome_wire.station_time import local_day
from tests.toy_capability.wire import NOTED, OP_PAYLOADS, TIP, ToyNoted, ToyTip

if TYPE_CHECKING:
    from kiosk.app import Kiosk


class ToyNote(Base):
    __tablename__ = "toy_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    tip: Mapped[bool] = mapped_column(default=False)


class ToyRefused(ValueError):
    """A note the toy will not keep."""


class ToyService:
    def __init__(self, ctx: CoreContext) -> None:
        self._ctx = ctx
        self._outbox = Outbox(OP_PAYLOADS)
        self.swept = 0

    def note(self, text: str) -> int:
        if not text.strip():
            raise ToyRefused("empty")
        now = self._ctx.clock.now()
        with self._ctx.uow_factory() as uow:
            uow.session.add(ToyNote(text=text, day=local_day(now)))
            self._outbox.add(uow.session, NOTED, ToyNoted(text=text, noted_at=now), now)
            uow.commit()
        return self.count(local_day(now))

    def count(self, day: date) -> int:
        with self._ctx.uow_factory() as uow:
            return int(
                uow.session.scalar(
                    select(func.count()).select_from(ToyNote).where(ToyNote.day == day)
                )
                or 0
            )

    def sweep(self) -> str | None:
        self.swept += 1
        return "swept"


def _apply_tip(session: Session, change: FeedChange, data: Any, now: datetime) -> bool:
    if change.deleted or data is None:
        return False
    assert isinstance(data, ToyTip)
    session.add(ToyNote(text=data.text[:20], day=local_day(now), tip=True))
    return True


def build(ctx: CoreContext) -> CoreParts:
    service = ToyService(ctx)

    def day_counts(day: date) -> Mapping[str, int]:
        return {"toy.notes": service.count(day)}

    def demo_seed(now: datetime) -> str:
        service.note("demo")
        return "1 note"

    return CoreParts(
        name="toy",
        service=service,
        op_payloads=OP_PAYLOADS,
        appliers=(FeedApplier(TIP, ToyTip, _apply_tip),),
        jobs=(PeriodicJob("toy sweep", 3600, service.sweep),),
        day_counts=day_counts,
        demo_seed=demo_seed,
    )


def _count_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--day", default=None)


def _count(kiosk: Kiosk, args: argparse.Namespace) -> int:
    print(kiosk.service("toy").count(local_day(kiosk.clock.now())))
    return 0


CORE = CoreCapability(
    name="toy",
    build=build,
    models="tests.toy_capability.core",
    migrations=Path(__file__).resolve().parent / "migrations",
    commands=(Command("toy-count", "how many toy notes today", _count_arguments, _count),),
)
