"""Codeshare merging, enrichment, the last-good store and the feed diff."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from county.flights.aviationstack import parse_flight
from county.flights.errors import FlightErrorKind, FlightSourceError
from county.flights.feed import feed_changes
from county.flights.snapshot import PartitionKey, SnapshotStore, build_records, window_days
from redhome_wire.flights.legs import Endpoint, Leg, normalise_flight_number
from redhome_wire.flights.records import (
    FLIGHT_KIND,
    FLIGHT_META_KEY,
    FLIGHT_META_KIND,
    Direction,
    FlightRecord,
    ProviderStatus,
)
from redhome_wire.station_time import STATION_TZ
from tests.county.flights.flight_fakes import fixture_json

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)
TODAY = NOW.date()


def leg(
    flight: str,
    at: datetime,
    *,
    other: str = "PEK",
    arriving: bool = True,
    operated_by: str | None = None,
    status: ProviderStatus = ProviderStatus.SCHEDULED,
    **station: object,
) -> Leg:
    here = Endpoint(iata="CSX", scheduled=at, **station)  # type: ignore[arg-type]
    there = Endpoint(iata=other)
    return Leg(
        flight=flight,
        airline_iata=flight[:2],
        operated_by=operated_by,
        status=status,
        arrival=here if arriving else there,
        departure=there if arriving else here,
    )


def test_flight_numbers_are_normalised() -> None:
    assert normalise_flight_number("cz 3392") == "CZ3392"
    assert normalise_flight_number("ＣＺ３３９２") == "CZ3392"
    assert normalise_flight_number("CZ-0392") == "CZ392"
    assert normalise_flight_number("3u8551") == "3U8551"
    assert normalise_flight_number("csn3392") == "CSN3392"
    assert normalise_flight_number("123456") is None
    assert normalise_flight_number("") is None
    assert normalise_flight_number(None) is None


def test_codeshares_merge_into_the_operating_flight() -> None:
    data = fixture_json("aviationstack_arrivals_page1.json")["data"]
    records = build_records([parse_flight(item) for item in data], "CSX")
    assert [(r.flight, r.codeshares) for r in records] == [("MU2520", ()), ("CZ3392", ("MF4392",))]


def test_codeshare_listings_without_their_operating_entry_stand_in_for_it() -> None:
    data = fixture_json("aviationstack_codeshare_only.json")["data"]
    records = build_records([parse_flight(item) for item in data], "CSX")
    by_flight = {record.flight: record for record in records}
    cz = by_flight["CZ3306"]
    assert cz.codeshares == ("MF1006", "SC5306")
    assert (cz.airline_iata, cz.airline_name) == ("CZ", "China Southern Airlines")
    assert cz.direction is Direction.ARRIVAL
    oz = by_flight["OZ3752"]
    assert oz.direction is Direction.DEPARTURE
    assert (oz.city_zh, oz.country, oz.international) == ("首尔", "KR", True)
    # A departure after midnight keys on its own (station-local) day.
    assert oz.key == "CSX-D-OZ3752-20261128"
    assert oz.belt is None


def test_a_later_leg_for_the_same_number_replaces_an_earlier_one() -> None:
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    old = leg("CZ3392", at)
    new = leg("CZ3392", at, status=ProviderStatus.LANDED, actual=at)
    (record,) = build_records([old, new], "CSX")
    assert record.status is ProviderStatus.LANDED


def test_unknown_airports_fall_back_to_icao_and_time_zone_for_the_country() -> None:
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    mystery = Leg(
        flight="ZZ1",
        arrival=Endpoint(iata="CSX", scheduled=at),
        departure=Endpoint(iata="XXX", icao="ZUXX", airport="Somewhere Sichuan"),
    )
    abroad = Leg(
        flight="ZZ2",
        arrival=Endpoint(iata="CSX", scheduled=at),
        departure=Endpoint(iata="YYY", timezone="Asia/Macau"),
    )
    nothing = Leg(flight="ZZ3", arrival=Endpoint(iata="CSX", scheduled=at), departure=Endpoint())
    records = {r.flight: r for r in build_records([mystery, abroad, nothing], "CSX")}
    assert (records["ZZ1"].country, records["ZZ1"].international) == ("CN", False)
    assert records["ZZ1"].city_zh is None
    assert (records["ZZ2"].country, records["ZZ2"].international) == ("MO", True)
    assert (records["ZZ3"].country, records["ZZ3"].international) == (None, None)


def test_legs_of_other_airports_are_ignored() -> None:
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    elsewhere = Leg(flight="CZ1", arrival=Endpoint(iata="CAN", scheduled=at))
    assert build_records([elsewhere], "CSX") == []


def test_window_days_are_station_dates() -> None:
    late_utc = datetime(2026, 11, 27, 16, 30, tzinfo=UTC)  # 00:30 on the 28th in Changsha
    assert [d.day for d in window_days(late_utc)] == [27, 28, 29]


def test_a_failure_never_wipes_good_data() -> None:
    store = SnapshotStore(source="aviationstack")
    key = PartitionKey("CSX", Direction.ARRIVAL, TODAY)
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    store.record_success(key, [leg("CZ3392", at)], NOW, "aviationstack")
    good = store.snapshot(NOW)
    assert good.meta.count == 1 and good.meta.error is None
    later = NOW + timedelta(minutes=5)
    error = FlightSourceError(FlightErrorKind.RATE_LIMITED, "slow down", retry_after_s=60)
    store.record_failure(key, error, later)
    after = store.snapshot(later)
    assert after.flights == good.flights
    assert after.meta.updated_at == NOW
    assert after.meta.attempted_at == later
    assert (after.meta.error, after.meta.error_message) == ("rate_limited", "slow down")
    store.record_success(key, [leg("CZ3392", at)], later + timedelta(minutes=5), "aviationstack")
    assert store.snapshot(later).meta.error is None


def test_updated_at_is_the_oldest_of_todays_partitions() -> None:
    store = SnapshotStore()
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    store.record_success(PartitionKey("CSX", Direction.ARRIVAL, TODAY), [leg("CZ1", at)], NOW, "x")
    store.record_success(
        PartitionKey("CSX", Direction.DEPARTURE, TODAY),
        [leg("CZ2", at, arriving=False)],
        NOW + timedelta(minutes=3),
        "x",
    )
    store.record_success(
        PartitionKey("CSX", Direction.ARRIVAL, TODAY + timedelta(days=1)),
        [],
        NOW - timedelta(hours=1),
        "x",
    )
    meta = store.snapshot(NOW + timedelta(minutes=4)).meta
    assert meta.updated_at == NOW
    assert meta.days == window_days(NOW)
    assert meta.count == 2


def test_no_data_yet_says_so() -> None:
    snapshot = SnapshotStore().snapshot(NOW)
    assert snapshot.flights == ()
    assert snapshot.meta.updated_at is None


def test_partitions_outside_the_window_leave_the_snapshot_and_are_pruned() -> None:
    store = SnapshotStore()
    old_day = TODAY - timedelta(days=2)
    at = datetime(old_day.year, old_day.month, old_day.day, 10, tzinfo=STATION_TZ)
    key = PartitionKey("CSX", Direction.ARRIVAL, old_day)
    store.record_success(key, [leg("CZ1", at)], NOW, "x")
    assert store.snapshot(NOW).flights == ()
    store.prune(NOW)
    assert store.state(key) is None


def test_the_store_survives_a_restart_and_ignores_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "flights.json"
    store = SnapshotStore(path)
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    store.record_success(
        PartitionKey("CSX", Direction.ARRIVAL, TODAY), [leg("CZ3392", at)], NOW, "file"
    )
    again = SnapshotStore(path)
    assert again.snapshot(NOW) == store.snapshot(NOW)
    assert not path.with_name("flights.json.tmp").exists()
    path.write_text("{ not json", encoding="utf-8")
    assert SnapshotStore(path).snapshot(NOW).flights == ()
    path.write_text(json.dumps({"version": 99, "partitions": []}), encoding="utf-8")
    assert SnapshotStore(path).snapshot(NOW).flights == ()


def test_the_snapshot_is_cached_until_something_changes() -> None:
    store = SnapshotStore()
    key = PartitionKey("CSX", Direction.ARRIVAL, TODAY)
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    store.record_success(key, [leg("CZ1", at)], NOW, "x")
    assert store.snapshot(NOW) is store.snapshot(NOW)
    first = store.snapshot(NOW)
    store.record_success(key, [leg("CZ1", at)], NOW + timedelta(minutes=5), "x")
    assert store.snapshot(NOW) is not first


def test_feed_changes_publish_only_what_changed() -> None:
    store = SnapshotStore()
    key = PartitionKey("CSX", Direction.ARRIVAL, TODAY)
    at = datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    store.record_success(key, [leg("CZ1", at), leg("CZ2", at)], NOW, "x")
    first = store.snapshot(NOW)
    initial = feed_changes(None, first)
    assert [(item.kind, item.key) for item in initial] == [
        (FLIGHT_KIND, "CSX-A-CZ1-20261127"),
        (FLIGHT_KIND, "CSX-A-CZ2-20261127"),
        (FLIGHT_META_KIND, FLIGHT_META_KEY),
    ]
    later = NOW + timedelta(minutes=5)
    store.record_success(
        key, [leg("CZ1", at, status=ProviderStatus.ACTIVE, estimated=at)], later, "x"
    )
    second = store.snapshot(later)
    changes = feed_changes(first, second)
    assert [(item.key, item.data is None) for item in changes] == [
        ("CSX-A-CZ1-20261127", False),
        ("CSX-A-CZ2-20261127", True),
        (FLIGHT_META_KEY, False),
    ]
    published = changes[0].as_publish_item()
    assert published["scope"] == "*" and published["kind"] == FLIGHT_KIND
    assert FlightRecord.model_validate(published["data"]) == second.flights[0]
    assert changes[1].as_publish_item("AIRPORT-1")["data"] is None
    assert feed_changes(second, second) == []
