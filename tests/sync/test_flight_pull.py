"""Flights down the pull feed into the kiosk's cache, and on to the board a driver reads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from county.app import create_app
from county.flights.filefeed import FileFeedSource
from county.flights.poller import PollSettings
from county.flights.service import FlightService, attach_flights
from county.testing import CountyHarness, ServerThread, serve_in_thread
from kiosk.services.flights.board import BoardSettings, FlightBoard
from kiosk.services.flights.cache import (
    flight_page_base_url,
    flight_qr_text,
    load_cached_flights,
)
from kiosk.services.flights.models import CachedFlight
from kiosk.store.models import SyncState
from redhome_wire.flights.build import window_days
from redhome_wire.flights.demo import demo_snapshot, write_demo_feed
from redhome_wire.flights.records import (
    FLIGHT_KIND,
    FLIGHT_META_KEY,
    FLIGHT_META_KIND,
    Direction,
    FlightFeedMeta,
    FlightRecord,
    ProviderStatus,
)
from redhome_wire.protocol import FeedPage
from redhome_wire.station_time import STATION_TZ, ManualClock
from redhome_wire.station_time import ManualClock as CountyClock

START = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)


def record(flight: str, hhmm: str, day: int = 27, **changes: object) -> FlightRecord:
    hour, minute = map(int, hhmm.split(":"))
    scheduled = datetime(2026, 11, day, hour, minute, tzinfo=STATION_TZ)
    values: dict[str, object] = {
        "key": f"CSX-A-{flight}-202611{day:02d}",
        "airport": "CSX",
        "direction": Direction.ARRIVAL,
        "flight": flight,
        "other_iata": "PEK",
        "city_zh": "北京",
        "city_en": "Beijing",
        "city_pinyin": "bei jing",
        "international": False,
        "scheduled_at": scheduled,
        "status": ProviderStatus.SCHEDULED,
    }
    values.update(changes)
    return FlightRecord.model_validate(values)


def meta(**changes: object) -> FlightFeedMeta:
    values: dict[str, object] = {
        "source": "file",
        "updated_at": START - timedelta(minutes=1),
        "days": (START.date() - timedelta(days=1), START.date(), START.date() + timedelta(days=1)),
        "count": 2,
    }
    values.update(changes)
    return FlightFeedMeta.model_validate(values)


@pytest.fixture
def county_clock() -> CountyClock:
    return CountyClock(START)


@pytest.fixture
def harness(county_db: str, county_clock: CountyClock) -> Iterator[CountyHarness]:
    made = CountyHarness(county_db, county_clock)
    yield made
    made.close()


def enrolled(make_kiosk, harness: CountyHarness, server: ServerThread, name: str = "kiosk"):
    kiosk = make_kiosk(name)
    kiosk.sync.enrol(server.url, harness.enrolment_code("CSX-01", "黄花机场站"))
    return kiosk


def test_flight_items_are_pulled_into_the_cache_deletions_included(
    make_kiosk, county, county_server
):
    harness = county
    kiosk = enrolled(make_kiosk, harness, county_server)
    assert load_cached_flights(kiosk.uow_factory) == ([], None)

    first, second = record("CZ3392", "16:35", codeshares=("MF4392",)), record("MU2502", "17:10")
    harness.publish("*", FLIGHT_KIND, first.key, first)
    harness.publish("*", FLIGHT_KIND, second.key, second)
    harness.publish("*", FLIGHT_META_KIND, FLIGHT_META_KEY, meta())
    report = kiosk.sync.run_round()
    assert report.ok and report.pulled >= 3
    records, cached_meta = load_cached_flights(kiosk.uow_factory)
    assert records == [first, second]
    assert cached_meta == meta()

    moved = first.model_copy(update={"estimated_at": first.scheduled_at + timedelta(minutes=25)})
    harness.publish("*", FLIGHT_KIND, first.key, moved)
    harness.publish("*", FLIGHT_KIND, second.key, None)
    assert kiosk.sync.run_round().ok
    records, _ = load_cached_flights(kiosk.uow_factory)
    assert records == [moved]


def test_a_newer_countys_fields_are_kept_and_a_broken_body_is_skipped(
    make_kiosk, county, county_server
):
    harness = county
    kiosk = enrolled(make_kiosk, harness, county_server)
    newer = record("CZ3392", "16:35")
    harness.publish("*", FLIGHT_KIND, newer.key, newer)
    assert kiosk.sync.run_round().ok
    with kiosk.uow_factory() as uow:
        row = uow.session.get(CachedFlight, newer.key)
        assert row is not None
        body = json.loads(row.body)
        body["aircraft"] = "A321neo"  # a field this kiosk does not know yet
        row.body = json.dumps(body)
        uow.session.add(CachedFlight(key="broken", scheduled_at=START, body="{", updated_at=START))
        uow.commit()
    records, _ = load_cached_flights(kiosk.uow_factory)
    assert records == [newer]


def test_metadata_prunes_flights_older_than_its_window(make_kiosk, county, county_server):
    harness = county
    kiosk = enrolled(make_kiosk, harness, county_server)
    old = record("CZ3100", "10:00", day=25)
    keep = record("CZ3392", "16:35", day=26)
    harness.publish("*", FLIGHT_KIND, old.key, old)
    harness.publish("*", FLIGHT_KIND, keep.key, keep)
    harness.publish("*", FLIGHT_META_KIND, FLIGHT_META_KEY, meta())
    assert kiosk.sync.run_round().ok
    records, _ = load_cached_flights(kiosk.uow_factory)
    assert [r.key for r in records] == [keep.key]


def test_a_page_of_flights_commits_with_its_cursor(make_kiosk, county, county_server, monkeypatch):
    harness = county
    kiosk = enrolled(make_kiosk, harness, county_server)
    flights = [record(f"CZ{3300 + 2 * n}", "16:35") for n in range(30)]
    for item in flights:
        harness.publish("*", FLIGHT_KIND, item.key, item)

    # The county's answer is lost after the first page was applied: the page and the cursor
    # committed together, so the next pull starts after it and nothing is missing or doubled.
    monkeypatch.setattr("kiosk.sync.engine.FEED_PAGE", 10)
    calls = {"n": 0}
    real_apply = kiosk.sync._apply_page

    def apply_then_fail(page: FeedPage, cursor: int) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real_apply(page, cursor)

    monkeypatch.setattr(kiosk.sync, "_apply_page", apply_then_fail)
    with pytest.raises(RuntimeError):
        kiosk.sync.pull()
    records, _ = load_cached_flights(kiosk.uow_factory)
    with kiosk.uow_factory() as uow:
        state = uow.session.get(SyncState, 1)
        assert state is not None and state.pull_cursor > 0
    assert 0 < len(records) <= 10  # the first page only (the station profile came first)
    monkeypatch.setattr(kiosk.sync, "_apply_page", real_apply)
    kiosk.sync.pull()
    records, _ = load_cached_flights(kiosk.uow_factory)
    assert sorted(r.key for r in records) == sorted(f.key for f in flights)


# --- end to end ----------------------------------------------------------------------------------


def test_county_file_feed_to_the_kiosk_board(
    make_kiosk, county_db, harness, county_clock, tmp_path
):
    """A county polling a file feed -> the kiosk's pull -> its cache -> the board finds CZ3392."""
    folder = tmp_path / "feed"
    write_demo_feed(folder, START)
    app = create_app(county_db, clock=county_clock)
    flights = FlightService(
        FileFeedSource(folder),
        app.state.county.writer,
        county_clock,
        settings=PollSettings(request_spacing_s=0),
    )
    attach_flights(app, flights)
    try:
        with serve_in_thread(app) as server:
            flights.poll_once()  # waits for the thread's first cycle if it is still running
            kiosk = enrolled(make_kiosk, harness, server)
            report = kiosk.sync.run_round()
            assert report.ok, report.error
            records, cached_meta = load_cached_flights(kiosk.uow_factory)
            base = flight_page_base_url(kiosk.uow_factory)
    finally:
        app.state.county.engine.dispose()

    # The county polls yesterday, today and tomorrow: the demo day's flights on those days.
    days = window_days(START)
    demo = demo_snapshot(START).flights
    expected = [r for r in demo if r.scheduled_at.astimezone(STATION_TZ).date() in days]
    assert sorted(r.key for r in records) == sorted(r.key for r in expected)
    assert len(records) > 900
    assert cached_meta is not None and cached_meta.source == "file"
    assert cached_meta.updated_at == START and cached_meta.error is None

    board = FlightBoard(ManualClock(START), BoardSettings())
    board.load_records(records, cached_meta)
    rows = board.rows(Direction.ARRIVAL, "cz 3392")
    assert rows and rows[0].flight == "CZ3392"
    row = rows[0]
    assert row.city_zh == "北京" and "MF4392" in row.codeshares
    assert row.passengers_out is not None
    landing = row.actual or row.estimated or row.scheduled
    assert row.passengers_out.at == landing.at + timedelta(minutes=20)
    assert board.rows(Direction.ARRIVAL, "mf4392")[0].key == row.key  # codeshare
    assert board.freshness().state.value == "fresh"

    cz3392 = next(r for r in records if r.key == row.key)
    assert base == server.url
    assert flight_qr_text(cz3392, base) == f"{server.url}/f/CSX-A-CZ3392-20261127"


def test_the_flight_cache_survives_the_county_going_away(make_kiosk, county, county_server):
    harness = county
    kiosk = enrolled(make_kiosk, harness, county_server)
    item = record("CZ3392", "16:35")
    harness.publish("*", FLIGHT_KIND, item.key, item)
    assert kiosk.sync.run_round().ok
    county_server.stop()
    report = kiosk.sync.run_round()
    assert not report.ok  # the county is gone ...
    assert load_cached_flights(kiosk.uow_factory)[0] == [item]  # ... the board is not


def test_the_migration_restarts_the_pull_so_skipped_flights_arrive(
    make_kiosk, county, county_server
):
    """A kiosk from before 0004 skipped flight items; after the upgrade it pulls from 0 again."""
    harness = county
    kiosk = enrolled(make_kiosk, harness, county_server)
    item = record("CZ3392", "16:35")
    harness.publish("*", FLIGHT_KIND, item.key, item)
    assert kiosk.sync.run_round().ok
    engine = kiosk.database.engine
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM flight_records")
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
        connection.exec_driver_sql("DROP TABLE flight_records")
        connection.exec_driver_sql("DROP TABLE flight_feed_meta")
        connection.exec_driver_sql("DROP TABLE held_feed_changes")  # 0005, after 0003
        connection.exec_driver_sql("DROP TABLE rest_sessions")  # 0006 (rest corner)
        connection.exec_driver_sql("DROP TABLE rest_seats")
        connection.exec_driver_sql("DROP TABLE closeout_reports")  # 0007 (close-out)
        connection.exec_driver_sql("DROP TABLE closeout_note_reads")
        connection.exec_driver_sql("DROP TABLE closeout_county_head")
    kiosk.close()
    again = make_kiosk("kiosk")  # the same data dir: migrates to head at start-up
    with again.uow_factory() as uow:
        assert uow.session.scalar(select(SyncState.pull_cursor)) == 0
    again.credentials.set("county-token", kiosk.credentials.get("county-token"))
    assert again.sync.run_round().ok
    assert load_cached_flights(again.uow_factory)[0] == [item]
