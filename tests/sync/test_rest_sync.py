"""Finished rests travel from the kiosk's outbox to the county, once, and count per station."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from county.rest.models import CountyRest
from county.rest.service import occupied_minutes_by_hour, rest_stats
from kiosk.services.rest.service import SeatConfig, SeatKind
from redhome_wire.station_time import STATION_TZ


def test_finished_rests_reach_the_county_once_and_count_per_station(
    make_kiosk, county, county_server
) -> None:
    kiosk = make_kiosk("csx-01")
    rest = kiosk.service("rest")
    rest.sync_seats((SeatConfig("1", SeatKind.CHAIR), SeatConfig("2", SeatKind.BED, "quiet")))
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01", "CSX-01 红色之家"))
    rest.start("1", minutes=20)
    rest.start("2", minutes=60)  # still resting: nothing of it goes yet
    rest.wake("1")
    first = kiosk.sync.push()
    assert first.acked == 1
    rest.wake("2")
    second = kiosk.sync.push()
    assert second.acked == 1
    assert kiosk.sync.push().acked == 0  # nothing twice
    with county._writer() as session:
        rows = session.scalars(select(CountyRest).order_by(CountyRest.op_seq)).all()
        assert [(row.seat, row.seat_kind, row.ended_by) for row in rows] == [
            ("1", "chair", "driver"),
            ("2", "bed", "driver"),
        ]
        stats = rest_stats(session)
    assert stats["CSX-01"]["rest"]["rests"] == 2
    assert stats["CSX-01"]["rest"]["average_minutes"] == 0


def test_seat_minutes_are_counted_in_every_hour_a_rest_spans() -> None:
    from datetime import datetime

    start = datetime(2026, 11, 27, 13, 40, tzinfo=STATION_TZ)
    by_hour = occupied_minutes_by_hour([(start, start + timedelta(minutes=50))])
    assert (by_hour[13], by_hour[14], sum(by_hour)) == (20, 30, 50)
