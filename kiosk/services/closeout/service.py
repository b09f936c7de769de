"""Closing out a station day: the live figures (X report) and the sealed, numbered report
(Z report) that the county can trust.

Sealing is one transaction: the report row and its outbox row commit together or not at all, so
a power cut at any point leaves the day sealed once or not at all, and the number never skips.
The numbers and the days are unique in the database: sealing twice, or two keepers at once,
leaves exactly one report. A sealed report is never changed (the table's triggers refuse it),
and each holds the hash of the one before, so a report edited or removed breaks the chain.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.services.closeout.models import CountyHead, NoteRead, SealedDay
from kiosk.store.models import SyncState
from kiosk.store.outbox import Outbox, pending_count
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.closeout import (
    CHAIN_START,
    DAY_CLOSED,
    HANDOVER_NOTE_CHARS,
    OP_PAYLOADS,
    ChainHead,
    DayClosed,
    DayReport,
    first_break,
    seal,
)
from redhome_wire.protocol import looks_like_phone_number
from redhome_wire.station_time import Clock, local_day

COUNTY_HEAD_ROW: Final = 1
# How far back a forgotten close-out is looked for: a station shut for longer starts afresh.
LOOKBACK_DAYS: Final = 31
# Today's keepers share one PIN; each will have a name and PIN of their own (issue 16).
STATION_KEEPER: Final = "站长"


class CloseoutProblem(enum.StrEnum):
    ALREADY_SEALED = "already_sealed"  # this day, or one after it, has its report already
    NOT_OVER = "not_over"  # a day after today: nothing can be sealed that has not happened
    EARLIER_DAY_OPEN = "earlier_day_open"  # a forgotten day must be closed first
    NOTE_TOO_LONG = "note_too_long"
    NOTE_HAS_PHONE = "note_has_phone"  # a handover note goes to the county: no phone numbers
    # Enrolled, but this database has not heard from the county yet (a new disk, a database set
    # aside): sealing now could start the chain again at Z-0001, which the county would refuse.
    COUNTY_NOT_HEARD = "county_not_heard"


class CloseoutError(Exception):
    def __init__(self, problem: CloseoutProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class DayFigures:
    """The X report: a day's figures so far, and what has not reached the county yet."""

    station_day: date
    counters: Mapping[str, int]
    records_waiting: int
    sealed: DayClosed | None  # its Z report, once sealed


@dataclass(frozen=True, slots=True)
class ChainTip:
    """The last link of the station's chain: its own last report, or the county's copy of a
    later one (after this station's database was lost or set aside)."""

    number: int
    hash: str
    station_day: date


def chain_tip(session: Session) -> ChainTip | None:
    own = session.scalar(select(SealedDay).order_by(SealedDay.number.desc()).limit(1))
    county = session.get(CountyHead, COUNTY_HEAD_ROW)
    tips = [
        ChainTip(row.number, row.hash, row.station_day) for row in (own, county) if row is not None
    ]
    return max(tips, key=lambda tip: tip.number, default=None)


def apply_county_head(session: Session, data: ChainHead | None, now: datetime) -> bool:
    """A pulled chain head (redhome_wire.closeout.ChainHead) kept as the county's last word."""
    row = session.get(CountyHead, COUNTY_HEAD_ROW)
    if data is None:
        if row is None:
            return False
        session.delete(row)
        return True
    if row is None:
        row = CountyHead(id=COUNTY_HEAD_ROW)
        session.add(row)
    row.number, row.hash, row.station_day = data.number, data.hash, data.station_day
    row.received_at = now
    return True


@dataclass(frozen=True, slots=True)
class ChainCheck:
    broken_at: int | None  # the number of the first report that does not fit the chain

    @property
    def intact(self) -> bool:
        return self.broken_at is None


class CloseoutService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        day_counts: Callable[[date], Mapping[str, int]],
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._day_counts = day_counts
        self._outbox = Outbox(OP_PAYLOADS)

    def today(self) -> date:
        return local_day(self._clock.now())

    def figures(self, day: date) -> DayFigures:
        counters = dict(self._day_counts(day))
        with self._uow_factory() as uow:
            waiting = pending_count(uow.session)
            row = uow.session.scalar(select(SealedDay).where(SealedDay.station_day == day))
            sealed = DayClosed.model_validate_json(row.body) if row is not None else None
        return DayFigures(day, counters, waiting, sealed)

    def tip(self) -> ChainTip | None:
        with self._uow_factory() as uow:
            return chain_tip(uow.session)

    def next_number(self) -> int:
        tip = self.tip()
        return tip.number + 1 if tip is not None else 1

    def last_sealed(self) -> DayClosed | None:
        return next(iter(self.reports(limit=1)), None)

    def forgotten_days(self) -> list[date]:
        """Days before today, after the last sealed one, on which anything happened and that
        nobody closed: the keeper closes them first, oldest first. Before the first report
        ever sealed there is nothing to forget: the chain starts the day a keeper first seals."""
        last = self.tip()
        if last is None:
            return []
        today = self.today()
        first = max(last.station_day + timedelta(days=1), today - timedelta(days=LOOKBACK_DAYS))
        days = (first + timedelta(days=n) for n in range((today - first).days))
        return [day for day in days if any(self._day_counts(day).values())]

    def _county_not_heard(self) -> bool:
        with self._uow_factory() as uow:
            state = uow.session.execute(
                select(SyncState.station_code, SyncState.pull_cursor).limit(1)
            ).first()
        return state is not None and state.station_code is not None and state.pull_cursor == 0

    def day_to_close(self) -> date:
        """The day the keeper's "close the day" seals now: a forgotten one first, else today."""
        forgotten = self.forgotten_days()
        return forgotten[0] if forgotten else self.today()

    def seal_day(self, day: date, sealed_by: str, handover_note: str = "") -> DayClosed:
        note = handover_note.strip()
        if len(note) > HANDOVER_NOTE_CHARS:
            raise CloseoutError(CloseoutProblem.NOTE_TOO_LONG)
        if looks_like_phone_number(note):
            raise CloseoutError(CloseoutProblem.NOTE_HAS_PHONE)
        if day > self.today():
            raise CloseoutError(CloseoutProblem.NOT_OVER)
        last = self.tip()
        if last is None and self._county_not_heard():
            raise CloseoutError(CloseoutProblem.COUNTY_NOT_HEARD)
        if last is not None and day <= last.station_day:
            # A clock that went back across midnight lands here: no second report for a day.
            raise CloseoutError(CloseoutProblem.ALREADY_SEALED)
        forgotten = self.forgotten_days()
        if forgotten and day > forgotten[0]:
            # The chain follows the calendar: the oldest day nobody closed goes first.
            raise CloseoutError(CloseoutProblem.EARLIER_DAY_OPEN)
        counters = dict(self._day_counts(day))
        now = self._clock.now()
        try:
            with self._uow_factory() as uow:
                session = uow.session
                tip = chain_tip(session)
                if tip is not None and tip.station_day >= day:
                    raise CloseoutError(CloseoutProblem.ALREADY_SEALED)
                report = seal(
                    DayReport(
                        number=tip.number + 1 if tip is not None else 1,
                        station_day=day,
                        sealed_at=now,
                        sealed_by=sealed_by,
                        counters=counters,
                        records_waiting=pending_count(session),
                        handover_note=note,
                        previous_hash=tip.hash if tip is not None else CHAIN_START,
                    )
                )
                session.add(
                    SealedDay(
                        number=report.number,
                        station_day=report.station_day,
                        sealed_at=report.sealed_at,
                        sealed_by=report.sealed_by,
                        previous_hash=report.previous_hash,
                        hash=report.hash,
                        body=report.model_dump_json(),
                    )
                )
                self._outbox.add(session, DAY_CLOSED, report, now)
                uow.commit()
        except IntegrityError:
            # Another keeper (or a second tap) sealed it a moment before: one report stands.
            raise CloseoutError(CloseoutProblem.ALREADY_SEALED) from None
        return report

    def unread_handover_note(self) -> DayClosed | None:
        """The last report, if its note for the next keeper is not read yet. Only the last:
        an older note was for a shift long over."""
        last = self.last_sealed()
        if last is None or not last.handover_note:
            return None
        with self._uow_factory() as uow:
            read = uow.session.get(NoteRead, last.number)
        return last if read is None else None

    def mark_note_read(self, number: int) -> None:
        with self._uow_factory() as uow:
            if uow.session.get(NoteRead, number) is None:
                uow.session.add(NoteRead(number=number, read_at=self._clock.now()))
                uow.commit()

    def reports(self, limit: int = 30) -> list[DayClosed]:
        """The latest sealed reports, newest first."""
        with self._uow_factory() as uow:
            bodies = uow.session.scalars(
                select(SealedDay.body).order_by(SealedDay.number.desc()).limit(limit)
            ).all()
        return [DayClosed.model_validate_json(body) for body in bodies]

    def check_chain(self) -> ChainCheck:
        """Every report read back, its hash recomputed and its link to the one before checked."""
        with self._uow_factory() as uow:
            rows = uow.session.execute(
                select(SealedDay.number, SealedDay.hash, SealedDay.body).order_by(SealedDay.number)
            ).all()
        broken = first_break(((n, h, b) for n, h, b in rows), continued=True)
        return ChainCheck(broken)
