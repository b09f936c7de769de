"""The file feed: the documented JSON and CSV formats, blanks everywhere, bad files kept out."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from county.flights.errors import FlightErrorKind, FlightSourceError
from county.flights.filefeed import FileFeedSource, RowProblem, parse_row
from county.flights.snapshot import build_records
from redhome_wire.flights.records import Direction, ProviderStatus
from redhome_wire.station_time import STATION_TZ
from tests.county.flights.flight_fakes import fixture_text

SAMPLES = Path(__file__).parents[3] / "county" / "flights" / "samples"
DAY = date(2026, 11, 27)


def at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=STATION_TZ)


def records_of(folder: Path) -> dict[str, object]:
    feed = FileFeedSource(folder)
    legs = feed.load()
    return {record.flight: record for record in build_records(legs, "CSX")}


def test_the_csv_sample(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "csx-sample.csv", tmp_path)
    records = records_of(tmp_path)
    assert set(records) == {
        "CZ3392",
        "MU2520",
        "HU7192",
        "CZ3482",
        "3U8552",
        "ZH9712",
        "CZ3471",
        "GJ8745",
    }
    cz = records["CZ3392"]
    assert cz.codeshares == ("MF4392",)  # type: ignore[attr-defined]
    assert cz.scheduled_at == at(27, 16, 35)  # type: ignore[attr-defined]
    mu = records["MU2520"]
    assert mu.estimated_at == at(28, 0, 40)  # type: ignore[attr-defined]  # "00:40+1"
    assert mu.delay_min == 75  # type: ignore[attr-defined]
    hu = records["HU7192"]  # blank airport, status and estimate
    assert hu.status is ProviderStatus.SCHEDULED  # type: ignore[attr-defined]
    assert (hu.estimated_at, hu.gate, hu.belt) == (None, None, None)  # type: ignore[attr-defined]
    assert records["3U8552"].belt == "7"  # type: ignore[attr-defined]
    assert records["3U8552"].status is ProviderStatus.LANDED  # type: ignore[attr-defined]
    assert records["CZ3471"].codeshares == ("MF1033", "MF1035")  # type: ignore[attr-defined]
    assert records["CZ3471"].gate == "215"  # type: ignore[attr-defined]
    gj = records["GJ8745"]  # an airport outside the table, named by the file
    assert (gj.city_zh, gj.city_pinyin) == ("张家口", "zhang jia kou")  # type: ignore[attr-defined]
    assert gj.scheduled_at == at(28, 0, 20)  # type: ignore[attr-defined]
    assert gj.direction is Direction.DEPARTURE  # type: ignore[attr-defined]


def test_the_json_sample(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "csx-sample.json", tmp_path)
    records = records_of(tmp_path)
    assert records["MU2520"].codeshares == ("FM9002",)  # type: ignore[attr-defined]
    assert records["CZ3482"].international is True  # type: ignore[attr-defined]
    assert records["CZ3482"].scheduled_at == at(27, 21, 40)  # type: ignore[attr-defined]
    assert records["GJ8745"].country == "CN"  # type: ignore[attr-defined]


def test_fetch_selects_by_station_side_day_and_direction(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "csx-sample.csv", tmp_path)
    feed = FileFeedSource(tmp_path)
    arrivals = {leg.flight for leg in feed.fetch("CSX", Direction.ARRIVAL, DAY)}
    assert arrivals == {"CZ3392", "MU2520", "HU7192", "CZ3482", "3U8552"}
    tomorrow = {leg.flight for leg in feed.fetch("CSX", Direction.DEPARTURE, date(2026, 11, 28))}
    assert tomorrow == {"GJ8745"}
    assert feed.fetch("CAN", Direction.ARRIVAL, DAY) == []


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ({"direction": "arrival", "scheduled": "2026-11-27 10:00"}, "flight number"),
        ({"flight": "CZ1", "direction": "sideways", "scheduled": "2026-11-27 10:00"}, "direction"),
        ({"flight": "CZ1", "direction": "arrival"}, "scheduled"),
        ({"flight": "CZ1", "direction": "arrival", "scheduled": "10:00"}, "date"),
        ({"flight": "CZ1", "direction": "arrival", "scheduled": "soon"}, "unreadable"),
        ({"flight": "CZ1", "direction": "A", "date": "27/11", "scheduled": "10:00"}, "date"),
        ({"flight": "CZ1", "direction": "A", "date": "2026-11-27", "scheduled": "25:00"}, "time"),
    ],
)
def test_a_bad_row_says_why(row: dict[str, str], why: str) -> None:
    with pytest.raises(RowProblem, match=why):
        parse_row(row)


def test_chinese_headers_and_words_and_placeholders() -> None:
    leg = parse_row(
        {
            "航班号": "cz 3392",
            "方向": "到达",
            "日期": "2026-11-27",
            "计划": "16:35",
            "状态": "延误",
            "航站楼": "-",
            "行李转盘": "null",
            "登机口": "n/a",
        }
    )
    assert leg.flight == "CZ3392"
    assert leg.arrival.scheduled == at(27, 16, 35)
    assert (leg.arrival.terminal, leg.arrival.belt, leg.arrival.gate) == (None, None, None)
    assert leg.status is ProviderStatus.SCHEDULED


def test_bad_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    (tmp_path / "feed.csv").write_text(
        "\ufeffflight,direction,scheduled\nCZ3392,arrival,2026-11-27 16:35\n,,\n"
        "XX,arrival,2026-11-27 16:35\nCZ1,arrival,\n",
        encoding="utf-8",
    )
    feed = FileFeedSource(tmp_path)
    assert [leg.flight for leg in feed.load()] == ["CZ3392"]
    assert len(feed.problems) == 2 and feed.problems[0].startswith("feed.csv:4")


def test_a_saved_aviationstack_answer_is_a_valid_feed_file(tmp_path: Path) -> None:
    (tmp_path / "saved.json").write_text(fixture_text("aviationstack_codeshare_only.json"))
    assert {r.flight for r in records_of(tmp_path).values()} == {"CZ3306", "OZ3752"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.json", "[{"),
        ("shape.json", '{"rows": []}'),
        ("latin1.csv", "flight,direction\nCZ1,arriv\xe9e\n".encode("latin-1")),
    ],
)
def test_an_unreadable_file_is_an_error_so_the_last_good_data_stays(
    tmp_path: Path, name: str, content: str | bytes
) -> None:
    shutil.copy(SAMPLES / "csx-sample.csv", tmp_path)
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(FlightSourceError) as caught:
        FileFeedSource(tmp_path).load()
    assert caught.value.kind is FlightErrorKind.FILE
    assert name in caught.value.message


def test_missing_or_empty_folders_are_errors(tmp_path: Path) -> None:
    with pytest.raises(FlightSourceError, match="unreadable"):
        FileFeedSource(tmp_path / "nowhere").load()
    (tmp_path / "notes.txt").write_text("not a feed")
    (tmp_path / "half.json.tmp").write_text("[")
    (tmp_path / ".hidden.json").write_text("[")
    (tmp_path / "~lock.csv").write_text("x")
    with pytest.raises(FlightSourceError, match=r"no \*\.json"):
        FileFeedSource(tmp_path).load()


def test_files_are_reread_only_when_they_change(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps([{"flight": "CZ1", "direction": "arrival", "scheduled": "2026-11-27 10:00"}])
    )
    feed = FileFeedSource(tmp_path)
    first = feed.load()
    assert feed.load() is first
    path.write_text(
        json.dumps(
            {
                "flights": [
                    {"flight": "CZ1", "direction": "arrival", "scheduled": "2026-11-27 10:00"},
                    {"flight": "CZ2", "direction": "departure", "scheduled": "2026-11-27 11:00"},
                ]
            }
        )
    )
    os.utime(path, ns=(1, 1))
    assert [leg.flight for leg in feed.load()] == ["CZ1", "CZ2"]


def test_codeshare_rows_with_operated_by_merge(tmp_path: Path) -> None:
    (tmp_path / "feed.json").write_text(
        json.dumps(
            [
                {
                    "flight": "CZ3392",
                    "direction": "arrival",
                    "scheduled": "2026-11-27 16:35",
                    "other_iata": "PEK",
                },
                {
                    "flight": "MF4392",
                    "direction": "arrival",
                    "scheduled": "2026-11-27 16:35",
                    "other_iata": "PEK",
                    "operated_by": "CZ3392",
                },
            ]
        )
    )
    (record,) = records_of(tmp_path).values()
    assert (record.flight, record.codeshares) == ("CZ3392", ("MF4392",))  # type: ignore[attr-defined]
