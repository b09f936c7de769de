"""The flight board: midnight, search, codeshares, status, passengers out, chart, staleness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.services.flights.board import (
    BoardSettings,
    FlightBoard,
    FlightStatus,
    Freshness,
    TimeKind,
    flight_status,
    freshness,
    normalise_query,
)
from redhome_wire.flights.records import (
    Direction,
    FlightFeedMeta,
    FlightRecord,
    FlightSnapshot,
    ProviderStatus,
)
from redhome_wire.station_time import STATION_TZ, ManualClock

A, D = Direction.ARRIVAL, Direction.DEPARTURE
CITIES: dict[str, tuple[str, str, str, str]] = {
    "PEK": ("北京", "Beijing", "bei jing", "CN"),
    "BHY": ("北海", "Beihai", "bei hai", "CN"),
    "SHA": ("上海", "Shanghai", "shang hai", "CN"),
    "SZX": ("深圳", "Shenzhen", "shen zhen", "CN"),
    "CKG": ("重庆", "Chongqing", "chong qing", "CN"),
    "BKK": ("曼谷", "Bangkok", "man gu", "TH"),
    "KUL": ("吉隆坡", "Kuala Lumpur", "ji long po", "MY"),
    "HKG": ("香港", "Hong Kong", "xiang gang", "HK"),
}


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=STATION_TZ)


def rec(
    flight: str,
    scheduled: datetime,
    direction: Direction = A,
    other: str | None = "PEK",
    **fields: Any,
) -> FlightRecord:
    city = CITIES.get(other or "", (None, None, None, None))
    values: dict[str, Any] = {
        "key": f"CSX-{direction.value[0].upper()}-{flight}-{scheduled:%Y%m%d}",
        "airport": "CSX",
        "direction": direction,
        "flight": flight,
        "other_iata": other,
        "city_zh": city[0],
        "city_en": city[1],
        "city_pinyin": city[2],
        "country": city[3],
        "international": None if city[3] is None else city[3] != "CN",
        "scheduled_at": scheduled,
        "status": ProviderStatus.SCHEDULED,
    }
    values.update(fields)
    return FlightRecord(**values)


def board_at(now: datetime, *records: FlightRecord, **settings: int) -> FlightBoard:
    meta = FlightFeedMeta(source="test", updated_at=now - timedelta(minutes=1))
    snapshot = FlightSnapshot(meta=meta, flights=records)
    return FlightBoard(ManualClock(now), BoardSettings(**settings), snapshot)


def flights(rows: list[Any]) -> list[str]:
    return [row.flight for row in rows]


# --- status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "provider", "extra", "expected"),
    [
        (A, ProviderStatus.SCHEDULED, {}, FlightStatus.SCHEDULED),
        (A, ProviderStatus.ACTIVE, {}, FlightStatus.DEPARTED),
        (A, ProviderStatus.ACTIVE, {"estimated_at": local(27, 16, 49)}, FlightStatus.DEPARTED),
        (A, ProviderStatus.ACTIVE, {"estimated_at": local(27, 16, 50)}, FlightStatus.DELAYED),
        (A, ProviderStatus.ACTIVE, {"estimated_at": local(27, 17, 0)}, FlightStatus.DELAYED),
        (A, ProviderStatus.SCHEDULED, {"delay_min": 40}, FlightStatus.DELAYED),
        (A, ProviderStatus.LANDED, {}, FlightStatus.LANDED),
        (A, ProviderStatus.ACTIVE, {"actual_at": local(27, 17, 30)}, FlightStatus.LANDED),
        (A, ProviderStatus.CANCELLED, {"delay_min": 90}, FlightStatus.CANCELLED),
        (A, ProviderStatus.DIVERTED, {}, FlightStatus.DIVERTED),
        (A, ProviderStatus.INCIDENT, {}, FlightStatus.UNKNOWN),
        (A, ProviderStatus.UNKNOWN, {}, FlightStatus.UNKNOWN),
        (D, ProviderStatus.SCHEDULED, {}, FlightStatus.SCHEDULED),
        (D, ProviderStatus.SCHEDULED, {"estimated_at": local(27, 17, 20)}, FlightStatus.DELAYED),
        (D, ProviderStatus.ACTIVE, {"delay_min": 50}, FlightStatus.DEPARTED),
        (D, ProviderStatus.LANDED, {}, FlightStatus.DEPARTED),
        (D, ProviderStatus.UNKNOWN, {"actual_at": local(27, 16, 40)}, FlightStatus.DEPARTED),
    ],
)
def test_status_from_provider_status_and_delay(
    direction: Direction, provider: ProviderStatus, extra: dict[str, Any], expected: FlightStatus
) -> None:
    record = rec("CZ3392", local(27, 16, 35), direction, status=provider, **extra)
    assert flight_status(record) is expected


def test_the_delay_threshold_is_a_setting() -> None:
    record = rec("CZ1", local(27, 16, 0), estimated_at=local(27, 16, 10))
    assert flight_status(record, 15) is FlightStatus.SCHEDULED
    assert flight_status(record, 10) is FlightStatus.DELAYED


# --- the window across midnight ------------------------------------------------------------------


def test_today_and_early_tomorrow_in_the_afternoon() -> None:
    board = board_at(
        local(27, 15),
        rec("CZ1", local(26, 22, 0)),  # yesterday evening: gone
        rec("CZ2", local(27, 0, 10)),
        rec("CZ3", local(27, 23, 50)),
        rec("CZ4", local(28, 5, 55)),  # early tomorrow
        rec("CZ5", local(28, 6, 0)),  # not early any more
        rec("CZ6", local(28, 9, 0), D),
    )
    assert flights(board.rows(A)) == ["CZ2", "CZ3", "CZ4"]
    assert board.rows(D) == []
    start, end = board.window()
    assert (start, end) == (local(27, 0), local(28, 6))


def test_just_after_midnight_the_late_evening_stays() -> None:
    late = rec(
        "CZ1", local(26, 23, 30), estimated_at=local(27, 0, 20), status=ProviderStatus.ACTIVE
    )
    earlier = rec("CZ2", local(26, 21, 0), actual_at=local(26, 21, 5))
    board = board_at(local(27, 0, 30), late, earlier, rec("CZ3", local(27, 1, 0)))
    rows = board.rows(A)
    assert flights(rows) == ["CZ1", "CZ3"]
    cz1 = rows[0]
    assert (cz1.scheduled.hhmm, cz1.scheduled.day_offset) == ("23:30", -1)
    assert (cz1.estimated.hhmm, cz1.estimated.day_offset) == ("00:20", 0)  # type: ignore[union-attr]
    assert board.window()[0] == local(26, 22, 30)


def test_a_flight_delayed_past_the_window_end_still_shows_by_its_scheduled_time() -> None:
    record = rec("CZ1", local(27, 23, 0), estimated_at=local(28, 7, 0))
    assert flights(board_at(local(27, 15), record).rows(A)) == ["CZ1"]


def test_a_flight_delayed_into_the_window_shows_by_its_estimated_time() -> None:
    record = rec("CZ1", local(26, 20, 0), estimated_at=local(27, 1, 10))
    board = board_at(local(27, 9), record)
    (row,) = board.rows(A)
    assert (row.best.kind, row.best.hhmm, row.scheduled.day_offset) == (
        TimeKind.ESTIMATED,
        "01:10",
        -1,
    )


def test_rows_follow_the_clock_across_midnight() -> None:
    clock = ManualClock(local(27, 23, 50))
    snapshot = FlightSnapshot(
        meta=FlightFeedMeta(source="t", updated_at=local(27, 23, 45)),
        flights=(rec("CZ1", local(28, 0, 30)), rec("CZ2", local(28, 9, 0))),
    )
    board = FlightBoard(clock, snapshot=snapshot)
    (row,) = board.rows(A)
    assert row.scheduled.day_offset == 1
    clock.advance(timedelta(minutes=20))  # 00:10 on the 28th
    rows = board.rows(A)
    assert flights(rows) == ["CZ1", "CZ2"]
    assert rows[0].scheduled.day_offset == 0


def test_times_in_utc_show_in_station_time() -> None:
    record = rec("CZ1", datetime(2026, 11, 27, 16, 30, tzinfo=UTC))  # 00:30 on the 28th
    (row,) = board_at(local(27, 22), record).rows(A)
    assert (row.scheduled.hhmm, row.scheduled.day_offset) == ("00:30", 1)
    assert row.view["scheduled"] == "00:30" and row.view["scheduled_day"] == 1


# --- search ---------------------------------------------------------------------------------------


@pytest.fixture
def searchable() -> FlightBoard:
    return board_at(
        local(27, 15),
        rec("CZ3392", local(27, 16, 35), codeshares=("MF4392",)),
        rec("CZ3302", local(27, 17, 0), other="BHY"),
        rec("MU2520", local(27, 18, 0), other="SHA", codeshares=("FM9002",)),
        rec("ZH9712", local(27, 18, 30), other="SZX"),
        rec("3U8552", local(27, 19, 0), other="CKG"),
        rec("CZ3482", local(27, 21, 40), other="BKK"),
        rec("AK1544", local(27, 23, 55), other="KUL"),
        rec("HX1642", local(27, 22, 0), other="HKG"),
        rec("CZ3391", local(27, 17, 20), D),
    )


@pytest.mark.parametrize(
    "query", ["cz 3392", "CZ3392", "cz3392", "Cz-3392", "ＣＺ３３９２", " cz 33 92 ", "3392"]
)
def test_flight_number_however_typed(searchable: FlightBoard, query: str) -> None:
    assert flights(searchable.rows(A, query)) == ["CZ3392"]


def test_codeshares_find_the_operating_flight(searchable: FlightBoard) -> None:
    assert flights(searchable.rows(A, "mf4392")) == ["CZ3392"]
    assert flights(searchable.rows(A, "FM 9002")) == ["MU2520"]


def test_a_flight_number_prefix_narrows_as_you_type(searchable: FlightBoard) -> None:
    assert flights(searchable.rows(A, "cz")) == ["CZ3392", "CZ3302", "CZ3482"]
    assert flights(searchable.rows(A, "cz33")) == ["CZ3392", "CZ3302"]
    assert flights(searchable.rows(A, "cz339")) == ["CZ3392"]
    assert flights(searchable.rows(A, "cz3393")) == []
    assert flights(searchable.rows(D, "cz339")) == ["CZ3391"]
    assert flights(searchable.rows(A, "3u")) == ["3U8552"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bj", ["CZ3392"]),
        ("BJ", ["CZ3392"]),
        ("北京", ["CZ3392"]),
        ("北", ["CZ3392", "CZ3302"]),
        ("bei", ["CZ3392", "CZ3302"]),
        ("beij", ["CZ3392"]),
        ("beijing", ["CZ3392"]),
        ("pek", ["CZ3392"]),
        ("cq", ["3U8552"]),
        ("chongq", ["3U8552"]),
        ("mg", ["CZ3482"]),
        ("bangkok", ["CZ3482"]),
        ("曼谷", ["CZ3482"]),
        ("jlp", ["AK1544"]),
        ("kuala lumpur", ["AK1544"]),
        ("lumpur", ["AK1544"]),
        ("xg", ["HX1642"]),
        ("hong kong", ["HX1642"]),
        ("zz", []),
        ("京", []),  # a prefix search, not "contains"
    ],
)
def test_cities_by_chinese_name_initials_pinyin_code_and_english(
    searchable: FlightBoard, query: str, expected: list[str]
) -> None:
    assert flights(searchable.rows(A, query)) == expected


def test_exact_initials_come_before_full_pinyin_prefixes(searchable: FlightBoard) -> None:
    # "sh" is 上海's initials exactly; 深圳 only matches as a prefix of "shenzhen".
    assert flights(searchable.rows(A, "sh")) == ["MU2520", "ZH9712"]
    assert flights(searchable.rows(A, "sz")) == ["ZH9712"]


def test_typing_on_gives_what_a_cold_search_gives(searchable: FlightBoard) -> None:
    records = _records(searchable)
    for word in ("cz3392", "bj", "beijing", "shanghai", "kuala lumpur", "mf4392", "sh"):
        for end in range(len(word) + 1):
            warm = flights(searchable.rows(A, word[:end]))
            cold = board_at(local(27, 15), *records)
            assert flights(cold.rows(A, word[:end])) == warm, word[:end]
    # Backspace widens again.
    assert flights(searchable.rows(A, "cz33")) == ["CZ3392", "CZ3302"]


def _records(board: FlightBoard) -> list[FlightRecord]:
    return [entry.record for entry in board._by_key.values()]


def test_empty_query_is_the_whole_window(searchable: FlightBoard) -> None:
    assert len(searchable.rows(A, "")) == 8
    assert len(searchable.rows(A, "   ")) == 8


def test_normalise_query() -> None:
    assert normalise_query(" ＣＺ-33 92 ") == "cz3392"
    assert normalise_query("Xi'an") == "xian"


# --- rows: times, belts, passengers out -------------------------------------------------------


def test_passengers_out_uses_the_best_landing_time_plus_the_allowance() -> None:
    board = board_at(
        local(27, 15),
        rec("CZ1", local(27, 16, 0)),
        rec("CZ2", local(27, 16, 0), estimated_at=local(27, 16, 40)),
        rec("CZ3", local(27, 16, 0), estimated_at=local(27, 16, 40), actual_at=local(27, 16, 35)),
        rec("CZ4", local(27, 16, 0), other="BKK"),
        rec("CZ5", local(27, 23, 50), other="HKG"),
        rec("CZ6", local(27, 16, 0), other=None),
        rec("CZ7", local(27, 16, 0), status=ProviderStatus.CANCELLED),
        rec("CZ8", local(27, 16, 0), D),
        flights_allowance_domestic_min=20,
        flights_allowance_international_min=45,
    )
    out = {row.flight: row.passengers_out for row in board.rows(A)}
    assert (out["CZ1"].hhmm, out["CZ1"].basis) == ("16:20", TimeKind.SCHEDULED)  # type: ignore[union-attr]
    assert (out["CZ2"].hhmm, out["CZ2"].basis) == ("17:00", TimeKind.ESTIMATED)  # type: ignore[union-attr]
    assert (out["CZ3"].hhmm, out["CZ3"].basis) == ("16:55", TimeKind.ACTUAL)  # type: ignore[union-attr]
    assert out["CZ4"].hhmm == "16:45"  # type: ignore[union-attr]
    assert (out["CZ5"].hhmm, out["CZ5"].day_offset) == ("00:35", 1)  # type: ignore[union-attr]
    assert out["CZ6"].allowance_min == 20  # type: ignore[union-attr]  # unknown: domestic
    assert out["CZ7"] is None
    assert board.rows(D)[0].passengers_out is None


def test_allowances_are_settings() -> None:
    board = board_at(
        local(27, 15),
        rec("CZ1", local(27, 16, 0)),
        rec("CZ4", local(27, 16, 0), other="BKK"),
        flights_allowance_domestic_min=30,
        flights_allowance_international_min=60,
    )
    assert [row.view["out_at"] for row in board.rows(A)] == ["16:30", "17:00"]


def test_nulls_everywhere_give_empty_words_not_errors() -> None:
    bare = FlightRecord(
        key="CSX-A-ZZ1-20261127",
        airport="CSX",
        direction=A,
        flight="ZZ1",
        scheduled_at=local(27, 16, 0),
    )
    board = board_at(local(27, 15), bare)
    (row,) = board.rows(A)
    assert row.status is FlightStatus.UNKNOWN
    assert (row.estimated, row.actual, row.terminal, row.belt, row.gate) == (None,) * 5
    assert row.view["city_zh"] == "" and row.view["belt"] == "" and row.view["estimated"] == ""
    assert all(isinstance(v, str | int | bool | list) for v in row.view.values())
    assert flights(board.rows(A, "zz1")) == ["ZZ1"]
    assert flights(board.rows(A, "bj")) == []


def test_each_row_labels_its_times_and_carries_terminal_and_belt() -> None:
    record = rec(
        "CZ3392",
        local(27, 16, 35),
        estimated_at=local(27, 16, 31),
        actual_at=local(27, 16, 29),
        status=ProviderStatus.LANDED,
        terminal="T2",
        belt="12",
        codeshares=("MF4392",),
    )
    board = board_at(local(27, 17), record)
    (row,) = board.rows(A)
    assert [t.kind for t in (row.scheduled, row.estimated, row.actual)] == [  # type: ignore[union-attr]
        TimeKind.SCHEDULED,
        TimeKind.ESTIMATED,
        TimeKind.ACTUAL,
    ]
    assert (row.terminal, row.belt, row.status) == ("T2", "12", FlightStatus.LANDED)
    view = board.view(A, "cz3392")[0]
    assert view["codeshares"] == ["MF4392"]
    assert (view["scheduled"], view["estimated"], view["actual"]) == ("16:35", "16:31", "16:29")
    assert board.find(record.key) == row
    assert board.find("nope") is None


def test_focus_index_points_at_the_first_flight_still_to_come() -> None:
    board = board_at(
        local(27, 15),
        rec("CZ1", local(27, 9), actual_at=local(27, 9)),
        rec("CZ2", local(27, 14, 50)),
        rec("CZ3", local(27, 16)),
    )
    assert board.focus_index(board.rows(A)) == 1
    assert board.focus_index([]) == 0


# --- demand chart ---------------------------------------------------------------------------


def test_demand_counts_arrivals_per_half_hour_by_best_known_landing_time() -> None:
    board = board_at(
        local(27, 15, 10),
        rec("CZ1", local(27, 15, 0), actual_at=local(27, 15, 5)),  # landed in this half hour
        rec("CZ2", local(27, 14, 0), actual_at=local(27, 14, 20)),  # before: not counted
        rec("CZ3", local(27, 15, 30)),  # bucket 1 starts at 15:30: included there
        rec("CZ4", local(27, 15, 45), estimated_at=local(27, 17, 10)),  # delayed to bucket 4
        rec("CZ5", local(27, 16, 0), status=ProviderStatus.CANCELLED),
        rec("CZ6", local(27, 16, 10), status=ProviderStatus.DIVERTED),
        rec("CZ7", local(27, 17, 59), other="BKK"),
        rec("CZ8", local(27, 18, 0)),  # the end of the last bucket: excluded
        rec("CZ9", local(27, 16, 0), D),  # departures never count
    )
    chart = board.demand()
    assert [b.label for b in chart.buckets] == [
        "15:00",
        "15:30",
        "16:00",
        "16:30",
        "17:00",
        "17:30",
    ]
    assert [b.arrivals for b in chart.buckets] == [1, 1, 0, 0, 1, 1]
    assert [b.international for b in chart.buckets] == [0, 0, 0, 0, 0, 1]
    assert (chart.total, chart.peak) == (4, 1)
    assert chart.buckets[0].start == local(27, 15) and chart.buckets[-1].end == local(27, 18)


def test_demand_across_midnight() -> None:
    board = board_at(
        local(27, 23, 40),
        rec("CZ1", local(27, 23, 50)),
        rec("CZ2", local(28, 0, 15)),
        rec("CZ3", local(28, 2, 29)),
    )
    chart = board.demand()
    assert [b.label for b in chart.buckets] == [
        "23:30",
        "00:00",
        "00:30",
        "01:00",
        "01:30",
        "02:00",
    ]
    assert [b.arrivals for b in chart.buckets] == [1, 1, 0, 0, 0, 1]


def test_demand_bucket_size_and_count_are_settings() -> None:
    board = board_at(
        local(27, 15, 10),
        rec("CZ1", local(27, 15, 50)),
        flights_chart_bucket_min=60,
        flights_chart_buckets=3,
    )
    chart = board.demand()
    assert [(b.label, b.arrivals) for b in chart.buckets] == [
        ("15:00", 1),
        ("16:00", 0),
        ("17:00", 0),
    ]


# --- staleness ------------------------------------------------------------------------------


def test_staleness() -> None:
    now = local(27, 15)
    assert freshness(None, now).state is Freshness.NO_DATA
    no_update = FlightFeedMeta(source="aviationstack", error="auth")
    info = freshness(no_update, now)
    assert (info.state, info.source, info.error) == (Freshness.NO_DATA, "aviationstack", "auth")
    fresh = FlightFeedMeta(source="file", updated_at=now - timedelta(minutes=20))
    assert freshness(fresh, now, 20).state is Freshness.FRESH
    assert freshness(fresh, now, 20).age_min == 20
    stale = FlightFeedMeta(source="file", updated_at=now - timedelta(minutes=21))
    info = freshness(stale, now, 20)
    assert (info.state, info.age_min, info.source) == (Freshness.STALE, 21, "file")
    assert info.updated_at == local(27, 14, 39) and info.updated_at.tzinfo is STATION_TZ  # type: ignore[union-attr]
    future = FlightFeedMeta(source="file", updated_at=now + timedelta(minutes=3))
    assert freshness(future, now).age == timedelta(0)


def test_the_board_says_how_old_its_data_is_as_the_clock_moves() -> None:
    clock = ManualClock(local(27, 15))
    meta = FlightFeedMeta(source="aviationstack", updated_at=local(27, 14, 58))
    board = FlightBoard(clock, BoardSettings(flights_stale_after_min=20), FlightSnapshot(meta=meta))
    assert board.freshness().state is Freshness.FRESH
    clock.advance(timedelta(minutes=30))
    assert board.freshness().state is Freshness.STALE
    board.load(None)
    assert board.freshness().state is Freshness.NO_DATA
    assert board.rows(A) == [] and board.demand().total == 0


def test_loading_a_new_snapshot_replaces_rows_and_search_keys() -> None:
    board = board_at(local(27, 15), rec("CZ3392", local(27, 16)))
    assert flights(board.rows(A, "cz")) == ["CZ3392"]
    board.load_records([rec("MU2520", local(27, 16), other="SHA")], None)
    assert flights(board.rows(A, "cz")) == []
    assert flights(board.rows(A, "m")) == ["MU2520"]
    assert board.meta is None
