"""The rest corner at the county: the finished rests stations push, and use per station.

REST_OPS checks and writes a batch's rest operations for county.push, which applies each op id
once. A rest id belongs to the station that first sent it; the same rest again changes nothing
(a rest is pushed once, when it has ended, and never changes afterwards).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.capability import OpHandler, PushContext, check_payloads
from county.models import Station
from county.rest.models import CountyRest
from county.rest.proof import canonical_record, sign, signing_secret
from redhome_wire.protocol import Op, PayloadProblem, RejectReason
from redhome_wire.rest import OP_PAYLOADS as REST_PAYLOADS
from redhome_wire.rest import RestFinished
from redhome_wire.station_time import STATION_TZ, local_day


def check_rest_ops(context: PushContext, ops: Sequence[Op]) -> list[RestFinished | PayloadProblem]:
    """Each op's rest, or why not: a bad payload, or a rest id another station sent."""
    outcomes = check_payloads(REST_PAYLOADS, ops)
    rest_ids = {o.rest_id for o in outcomes if isinstance(o, RestFinished)}
    owners = dict(
        context.session.execute(
            select(CountyRest.rest_id, CountyRest.station_id).where(
                CountyRest.rest_id.in_(rest_ids)
            )
        ).all()
    )
    checked: list[RestFinished | PayloadProblem] = []
    for outcome in outcomes:
        if isinstance(outcome, RestFinished):
            if owners.get(outcome.rest_id, context.station.id) != context.station.id:
                outcome = PayloadProblem(
                    RejectReason.CONFLICT, "this rest id belongs to another station"
                )
            checked.append(outcome)
        else:
            assert isinstance(outcome, PayloadProblem)  # REST_PAYLOADS: one model
            checked.append(outcome)
    return checked


def write_rest_ops(context: PushContext, accepted: Sequence[tuple[int, RestFinished]]) -> None:
    session = context.session
    known = set(
        session.scalars(
            select(CountyRest.rest_id).where(
                CountyRest.rest_id.in_({rest.rest_id for _seq, rest in accepted})
            )
        )
    )
    secret = signing_secret(session, context.now) if accepted else b""
    for seq, rest in accepted:
        if rest.rest_id in known:
            continue  # sent again under another op id (an old outbox row): the same rest
        known.add(rest.rest_id)
        record = canonical_record(rest)
        session.add(
            CountyRest(
                station_id=context.station.id,
                rest_id=rest.rest_id,
                seat=rest.seat,
                seat_kind=rest.seat_kind,
                started_at=rest.started_at,
                ended_at=rest.ended_at,
                minutes=rest.minutes,
                planned_minutes=rest.planned_minutes,
                snoozes=rest.snoozes,
                ended_by=rest.ended_by,
                flight_linked=rest.flight_linked,
                local_day=local_day(rest.started_at),
                op_seq=seq,
                received_at=context.now,
                record=record,
                signature=sign(secret, context.station.code, record),
            )
        )


REST_OPS: OpHandler[RestFinished] = OpHandler(REST_PAYLOADS, check_rest_ops, write_rest_ops)


def occupied_minutes_by_hour(rests: Sequence[tuple[Any, Any]]) -> list[int]:
    """Seat-minutes in use in each station-local hour of the day (0–23), over all days: where a
    county may need more seats. Each rest counts in every hour it spans."""
    minutes = [0] * 24
    for started_at, ended_at in rests:
        cursor = started_at.astimezone(STATION_TZ)
        end = ended_at.astimezone(STATION_TZ)
        while cursor < end:
            next_hour = cursor.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            stop = min(next_hour, end)
            minutes[cursor.hour] += int((stop - cursor).total_seconds() // 60)
            cursor = stop
    return minutes


def rest_stats(session: Session) -> dict[str, dict[str, Any]]:
    """Per station code: rests heard of, their average length in minutes, and seat-minutes in
    use by hour of the day."""
    by_station: dict[int, list[tuple[Any, Any, int]]] = {}
    for station_id, started_at, ended_at, minutes in session.execute(
        select(
            CountyRest.station_id, CountyRest.started_at, CountyRest.ended_at, CountyRest.minutes
        )
    ):
        by_station.setdefault(station_id, []).append((started_at, ended_at, minutes))
    result: dict[str, dict[str, Any]] = {}
    for station_id, code in session.execute(select(Station.id, Station.code)).all():
        rests = by_station.get(station_id, [])
        result[code] = {
            "rest": {
                "rests": len(rests),
                "average_minutes": (
                    round(sum(m for _s, _e, m in rests) / len(rests), 1) if rests else 0
                ),
                "minutes_by_hour": occupied_minutes_by_hour([(s, e) for s, e, _m in rests]),
            }
        }
    return result
