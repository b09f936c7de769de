"""Visits the stations push (redhome_wire.checkin): checked and inserted a whole batch at once.

A push of thousands of visits is the county's heaviest work: their payloads are validated in one
call, the batch's visit ids looked up in one statement, and the rows inserted in one Core
executemany (county.db.bulk_insert).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from county.capability import OpHandler, PushContext, check_payloads
from county.checkin.models import CountyVisit
from county.db import bulk_insert, select_for_station
from county.models import Station, table_of
from redhome_wire.checkin import OP_PAYLOADS, VisitCreated
from redhome_wire.protocol import Op, PayloadProblem, RejectReason

_VISITS = table_of(CountyVisit)
_VISIT_COLUMNS = (
    "station_id",
    "visit_id",
    "op_seq",
    "work_type",
    "work_detail",
    "platform",
    "purpose",
    "is_returning",
    "checked_in_at",
    "local_day",
    "received_at",
)


def check_visits(context: PushContext, ops: Sequence[Op]) -> list[VisitCreated | PayloadProblem]:
    """Each visit, or why not: a bad payload, or a visit recorded before under another op id."""
    # OP_PAYLOADS reads its one kind as VisitCreated.
    checked = cast(list[VisitCreated | PayloadProblem], check_payloads(OP_PAYLOADS, ops))
    visit_ids = {outcome.visit_id for outcome in checked if isinstance(outcome, VisitCreated)}
    recorded: set[str] = {
        visit_id
        for (visit_id,) in select_for_station(
            context.connection, _VISITS, ("visit_id",), "visit_id", context.station.id, visit_ids
        )
    }
    for index, outcome in enumerate(checked):
        if not isinstance(outcome, VisitCreated):
            continue
        if outcome.visit_id in recorded:
            checked[index] = PayloadProblem(
                RejectReason.DUPLICATE_RECORD,
                "this visit was recorded before under another operation id",
            )
        else:
            recorded.add(outcome.visit_id)
    return checked


def write_visits(context: PushContext, accepted: Sequence[tuple[int, VisitCreated]]) -> None:
    station_id, now = context.station.id, context.now
    rows: list[tuple[Any, ...]] = [
        (
            station_id,
            visit.visit_id,
            seq,
            visit.work_type,
            visit.work_detail,
            visit.platform,
            visit.purpose,
            visit.returning,
            visit.checked_in_at,
            visit.local_day,
            now,
        )
        for seq, visit in accepted
    ]
    bulk_insert(context.connection, _VISITS, _VISIT_COLUMNS, rows)


VISIT_OPS: OpHandler[VisitCreated] = OpHandler(OP_PAYLOADS, check_visits, write_visits)


def visit_counts(session: Session) -> dict[str, dict[str, int]]:
    """For `stats`: how many visits each station has sent (every station, none too)."""
    counts = dict(
        session.execute(
            select(CountyVisit.station_id, func.count()).group_by(CountyVisit.station_id)
        ).all()
    )
    return {
        code: {"visits": int(counts.get(station_id, 0))}
        for station_id, code in session.execute(select(Station.id, Station.code))
    }
