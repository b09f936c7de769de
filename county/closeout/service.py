"""The keepers' day reports at the county: CLOSEOUT_OPS checks each pushed report against the
station's chain and keeps it; closeout_stats says how far each station's chain goes.

A report is taken only as the next link of its station's chain: the number after the last one,
the last one's hash as its previous hash, a later day. The same report again (another op id, an
old outbox row) changes nothing. Anything else is refused with the reason, and the kiosk parks
it for the keeper: the county never stores a chain with a hole or a fork.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from county.capability import OpHandler, PushContext, check_payloads
from county.closeout.models import CountyDayReport
from county.feed import write_item
from county.models import Station
from redhome_wire.closeout import (
    CHAIN_HEAD_KIND,
    CHAIN_START,
    HEAD_KEY,
    OP_PAYLOADS,
    ChainHead,
    DayClosed,
    report_label,
)
from redhome_wire.protocol import Op, PayloadProblem, RejectReason
from redhome_wire.station_time import local_day


@dataclass(frozen=True, slots=True)
class _Link:
    number: int
    hash: str
    station_day: date | None


@dataclass(frozen=True, slots=True)
class _Accepted:
    report: DayClosed
    new: bool  # False: the same report arrived before


def _last_link(session: Session, station_id: int) -> _Link:
    row = session.execute(
        select(CountyDayReport.number, CountyDayReport.hash, CountyDayReport.station_day)
        .where(CountyDayReport.station_id == station_id)
        .order_by(CountyDayReport.number.desc())
        .limit(1)
    ).first()
    if row is None:
        return _Link(0, CHAIN_START, None)
    return _Link(row.number, row.hash, row.station_day)


def check_closeout_ops(context: PushContext, ops: Sequence[Op]) -> list[_Accepted | PayloadProblem]:
    outcomes = check_payloads(OP_PAYLOADS, ops)
    session, station_id = context.session, context.station.id
    numbers = {o.number for o in outcomes if isinstance(o, DayClosed)}
    known = dict(
        session.execute(
            select(CountyDayReport.number, CountyDayReport.hash).where(
                CountyDayReport.station_id == station_id, CountyDayReport.number.in_(numbers)
            )
        ).all()
    )
    last = _last_link(session, station_id)
    checked: list[_Accepted | PayloadProblem] = []
    for outcome in outcomes:
        if not isinstance(outcome, DayClosed):
            assert isinstance(outcome, PayloadProblem)  # one model: a report or its problem
            checked.append(outcome)
            continue
        if outcome.station_day > local_day(context.now) + timedelta(days=1):
            # A kiosk clock gone wrong: a report for a day that has not come yet at the county
            # would block every real day after it.
            checked.append(
                PayloadProblem(
                    RejectReason.INVALID_PAYLOAD,
                    f"{outcome.label} is for {outcome.station_day.isoformat()}, "
                    "a day that has not come yet",
                )
            )
            continue
        if outcome.number in known:
            if known[outcome.number] == outcome.hash:
                checked.append(_Accepted(outcome, new=False))
            else:
                checked.append(
                    PayloadProblem(
                        RejectReason.CONFLICT,
                        f"{outcome.label} is here already with another hash: the chain forks",
                    )
                )
            continue
        if outcome.number != last.number + 1 or outcome.previous_hash != last.hash:
            checked.append(
                PayloadProblem(
                    RejectReason.CONFLICT,
                    f"{outcome.label} does not follow {report_label(last.number)} in this "
                    f"station's chain",
                )
            )
            continue
        if last.station_day is not None and outcome.station_day <= last.station_day:
            checked.append(
                PayloadProblem(
                    RejectReason.CONFLICT,
                    f"{outcome.label} is for a day not after {last.station_day.isoformat()}",
                )
            )
            continue
        checked.append(_Accepted(outcome, new=True))
        known[outcome.number] = outcome.hash
        last = _Link(outcome.number, outcome.hash, outcome.station_day)
    return checked


def report_row(
    station_id: int, report: DayClosed, op_seq: int, received_at: datetime
) -> CountyDayReport:
    """The county's row of a report as received: its record kept whole, to be checked again."""
    return CountyDayReport(
        station_id=station_id,
        number=report.number,
        station_day=report.station_day,
        sealed_at=report.sealed_at,
        sealed_by=report.sealed_by,
        records_waiting=report.records_waiting,
        previous_hash=report.previous_hash,
        hash=report.hash,
        record=report.model_dump_json(),
        op_seq=op_seq,
        received_at=received_at,
    )


def write_closeout_ops(context: PushContext, accepted: Sequence[tuple[int, _Accepted]]) -> None:
    head: DayClosed | None = None
    for seq, item in accepted:
        if item.new:
            head = item.report
            context.session.add(report_row(context.station.id, item.report, seq, context.now))
    if head is not None:
        # The station learns what the county holds: a kiosk whose database was lost goes on
        # from here instead of starting a second Z-0001.
        write_item(
            context.session,
            context.station.code,
            CHAIN_HEAD_KIND,
            HEAD_KEY,
            ChainHead(number=head.number, hash=head.hash, station_day=head.station_day),
            context.now,
        )


CLOSEOUT_OPS: OpHandler[_Accepted] = OpHandler(OP_PAYLOADS, check_closeout_ops, write_closeout_ops)


def refuse_by_hand(
    session: Session, kind: str, scope: str, key: str, document: dict[str, Any] | None
) -> dict[str, Any] | None:
    """`publish` may not set a chain head: it follows the reports a station pushed."""
    raise ValueError(f"{kind} is written by the county as reports arrive, never by hand")


def closeout_stats(session: Session) -> dict[str, dict[str, Any]]:
    """Per station code: how many day reports and the last one. (The chain itself is verified as
    each report arrives; the console's day reports page checks it again from the stored
    records.)"""
    last: dict[int, tuple[int, int, date | None]] = {}
    for row in session.execute(
        select(
            CountyDayReport.station_id,
            func.count(),
            func.max(CountyDayReport.number),
            func.max(CountyDayReport.station_day),
        ).group_by(CountyDayReport.station_id)
    ):
        last[row[0]] = (row[1], row[2], row[3])
    result: dict[str, dict[str, Any]] = {}
    for station_id, code in session.execute(select(Station.id, Station.code)).all():
        count, number, last_day = last.get(station_id, (0, 0, None))
        result[code] = {
            "closeout": {
                "reports": count,
                "last": report_label(number) if count else None,
                "last_day": last_day.isoformat() if last_day is not None else None,
            }
        }
    return result
