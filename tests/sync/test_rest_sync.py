"""Finished rests travel from the kiosk's outbox to the county, once, and count per station."""

from __future__ import annotations

from datetime import timedelta

import requests
from sqlalchemy import select

from county.rest.models import CountyRest
from county.rest.service import occupied_minutes_by_hour, rest_stats
from kiosk.services.rest.links import proof_url
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


def test_the_proof_page_shows_the_record_as_received_and_catches_a_change(
    make_kiosk, county, county_server
) -> None:
    kiosk = make_kiosk("csx-01")
    rest = kiosk.service("rest")
    rest.sync_seats((SeatConfig("7", SeatKind.RECLINER),))
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01", "CSX-01 红色之家"))
    row = rest.start("7", minutes=30)
    assert row.rest_id is not None
    url = proof_url(row.rest_id, county_server.url)

    not_yet = requests.get(url, timeout=5)
    assert not_yet.status_code == 404
    assert "还没有结束" in not_yet.text  # says why, and what to do

    rest.wake("7")
    assert kiosk.sync.push().acked == 1
    page = requests.get(url, timeout=5)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    text = page.text
    assert "休息凭证" in text and "躺椅" in text and "记录完整" in text
    assert "县里收到这条记录后，它没有被改动过" in text
    started = row.started_at.astimezone(STATION_TZ) if row.started_at else None
    assert started is not None and f"{started:%Y-%m-%d %H:%M}" in text

    # Someone edits the stored record (a longer rest than was taken): the page says so.
    with county._writer() as session:
        stored = session.scalars(select(CountyRest)).one()
        stored.record = stored.record.replace('"minutes":0', '"minutes":240')
        session.commit()
    tampered = requests.get(url, timeout=5).text
    assert "记录完整" not in tampered
    assert "记录与签名不符" in tampered

    assert requests.get(county_server.url + "/rest/not-a-rest", timeout=5).status_code == 404
