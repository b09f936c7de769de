"""The demo day: deterministic, relative to now, realistic enough to show every case."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from county.flights.filefeed import FileFeedSource
from redhome_wire.flights.demo import demo_rows, demo_snapshot, main, write_demo_feed
from redhome_wire.flights.records import Direction, ProviderStatus
from redhome_wire.station_time import STATION_TZ

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)


def test_deterministic_for_a_seed_and_different_for_another() -> None:
    assert demo_rows(NOW) == demo_rows(NOW)
    assert demo_rows(NOW, seed=6) != demo_rows(NOW)


def test_the_timetable_repeats_daily_and_statuses_follow_now() -> None:
    today = {(r["flight"], r["scheduled"][11:]) for r in demo_rows(NOW, days=(0,))}
    tomorrow = {(r["flight"], r["scheduled"][11:]) for r in demo_rows(NOW, days=(1,))}
    assert today == tomorrow
    later = demo_rows(NOW + timedelta(hours=3))
    assert (
        Counter(r["status"] for r in later)["landed"]
        > Counter(r["status"] for r in demo_rows(NOW))["landed"]
    )


def test_a_realistic_csx_day() -> None:
    snapshot = demo_snapshot(NOW)
    flights = snapshot.flights
    assert 900 <= len(flights) <= 1300
    cities = {record.city_zh for record in flights}
    for city in (
        "北京",
        "上海",
        "广州",
        "深圳",
        "成都",
        "昆明",
        "西安",
        "海口",
        "三亚",
        "厦门",
        "杭州",
        "重庆",
        "乌鲁木齐",
        "哈尔滨",
        "曼谷",
        "新加坡",
        "首尔",
        "东京",
        "大阪",
        "吉隆坡",
    ):
        assert city in cities, city
    airlines = Counter(record.airline_iata for record in flights)
    assert airlines.most_common(1)[0][0] == "CZ"
    assert {"MU", "CA", "HU", "3U", "ZH", "MF", "GJ"} <= set(airlines)
    statuses = Counter(record.status for record in flights)
    assert statuses[ProviderStatus.CANCELLED] > 0
    assert statuses[ProviderStatus.LANDED] > 0 and statuses[ProviderStatus.ACTIVE] > 0
    assert any((record.delay_min or 0) >= 60 for record in flights)
    assert any(record.codeshares for record in flights)
    assert any(record.international for record in flights)
    after_midnight = [r for r in flights if r.scheduled_at.astimezone(STATION_TZ).hour < 3]
    assert after_midnight
    (cz3392,) = [r for r in flights if r.flight == "CZ3392" and r.scheduled_at.date() == NOW.date()]
    assert cz3392.direction is Direction.ARRIVAL and cz3392.city_zh == "北京"
    assert cz3392.codeshares == ("MF4392",)
    assert snapshot.meta.source == "demo"
    assert snapshot.meta.updated_at == NOW - timedelta(minutes=2)


def test_written_feeds_read_back_through_the_file_feed(tmp_path: Path) -> None:
    rows = demo_rows(NOW)
    json_path = write_demo_feed(tmp_path / "json", NOW)
    csv_path = write_demo_feed(tmp_path / "csv", NOW, as_csv=True)
    assert json_path.name == "csx-demo.json" and csv_path.name == "csx-demo.csv"
    for folder in (tmp_path / "json", tmp_path / "csv"):
        feed = FileFeedSource(folder)
        assert len(feed.load()) == len(rows)
        assert feed.problems == []
    assert main([str(tmp_path / "cli"), "--now", "2026-11-27T15:00+08:00", "--csv"]) == 0
    assert (tmp_path / "cli" / "csx-demo.csv").exists()
