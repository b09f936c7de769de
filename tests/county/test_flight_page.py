"""The flight page behind the kiosk's QR code: what a waiting driver needs, in Chinese first."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import requests

from county.app import create_app
from county.flights.pages import render_flight
from county.testing import CountyHarness, serve_in_thread
from kiosk.services.flights.board import BoardSettings, flight_status, passengers_out
from redhome_wire.flights.demo import demo_snapshot
from redhome_wire.flights.links import flight_page_path
from redhome_wire.flights.records import (
    FLIGHT_KIND,
    FLIGHT_META_KEY,
    FLIGHT_META_KIND,
    Direction,
    FlightFeedMeta,
    FlightRecord,
    ProviderStatus,
)
from redhome_wire.station_time import STATION_TZ, ManualClock
from tests.county_databases import NewCountyUrl

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)


def local(hhmm: str, day: int = 27) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 11, day, hour, minute, tzinfo=STATION_TZ)


def arrival(**changes: object) -> FlightRecord:
    values: dict[str, object] = {
        "key": "CSX-A-CZ3392-20261127",
        "airport": "CSX",
        "direction": Direction.ARRIVAL,
        "flight": "CZ3392",
        "codeshares": ("MF4392",),
        "airline_name": "China Southern Airlines",
        "other_iata": "PEK",
        "city_zh": "北京",
        "city_en": "Beijing",
        "country": "CN",
        "international": False,
        "scheduled_at": local("16:35"),
        "estimated_at": local("16:58"),
        "status": ProviderStatus.ACTIVE,
        "terminal": "T2",
        "belt": "12",
    }
    values.update(changes)
    return FlightRecord.model_validate(values)


def meta(updated_ago_min: int = 3, **changes: object) -> FlightFeedMeta:
    return FlightFeedMeta(
        source="aviationstack", updated_at=NOW - timedelta(minutes=updated_ago_min), **changes
    )


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_page_says_what_a_waiting_driver_needs_in_chinese_first():
    html = render_flight(arrival(), meta(), NOW)
    text = text_of(html)
    assert '<html lang="zh-CN">' in html
    assert "CZ3392" in text and "北京 → 长沙" in text and "MF4392" in text
    assert "延误" in text  # 23 minutes late, in the air
    assert "旅客预计出站" in text and "≈ 17:18" in text  # estimated 16:58 + 20 min domestic
    assert "按预计到达时间 + 20 分钟估算" in text
    assert "计划到达" in text and "16:35" in text
    assert "预计到达" in text and "16:58" in text
    assert "实际到达" not in text  # no actual time yet: not shown as blank
    assert "航站楼" in text and "T2" in text and "行李转盘" in text and "12" in text
    assert "数据更新于 14:57（3 分钟前）" in text and "AviationStack" in text
    assert "可能已过时" not in text
    # English follows the Chinese, and there is no script of any kind.
    assert text.index("旅客预计出站") < text.index("Passengers out at")
    assert "<script" not in html.lower() and "javascript:" not in html.lower()


def test_the_allowance_from_the_link_and_the_international_default():
    assert "≈ 17:23" in render_flight(arrival(), meta(), NOW, allowance_min=25)
    international = arrival(international=True, other_iata="BKK", city_zh="曼谷")
    assert "≈ 17:43" in render_flight(international, meta(), NOW)  # + 45 min


def test_landed_cancelled_and_departures():
    landed = arrival(status=ProviderStatus.LANDED, actual_at=local("16:40"))
    text = text_of(render_flight(landed, meta(), NOW))
    assert "已到达" in text and "实际到达" in text and "≈ 17:00" in text
    assert "按实际到达时间" in text

    cancelled = text_of(render_flight(arrival(status=ProviderStatus.CANCELLED), meta(), NOW))
    assert "取消" in cancelled and "旅客预计出站" not in cancelled

    departure = arrival(
        key="CSX-D-CZ3391-20261127",
        direction=Direction.DEPARTURE,
        flight="CZ3391",
        estimated_at=None,
        status=ProviderStatus.SCHEDULED,
        belt=None,
        gate="215",
    )
    text = text_of(render_flight(departure, meta(), NOW))
    assert "长沙 → 北京" in text and "计划起飞" in text and "登机口" in text and "215" in text
    assert "旅客预计出站" not in text and "行李转盘" not in text


def test_unknown_times_and_places_are_said_not_left_blank():
    bare = arrival(estimated_at=None, terminal=None, belt=None, status=ProviderStatus.UNKNOWN)
    text = text_of(render_flight(bare, meta(), NOW))
    assert "状态未知" in text and "待定" in text and "—" in text
    assert "按计划到达时间" in text  # passengers out from the scheduled time, said so


def test_old_or_missing_data_is_said_plainly():
    stale = text_of(render_flight(arrival(), meta(updated_ago_min=45), NOW))
    assert "45 分钟未更新" in stale and "可能已过时" in stale
    missing = text_of(render_flight(arrival(), None, NOW))
    assert "暂无航班数据" in missing
    tomorrow = arrival(scheduled_at=local("00:40", 28), estimated_at=None)
    assert "11-28 00:40" in render_flight(tomorrow, meta(), NOW)


def test_the_page_shows_the_status_and_passengers_out_the_kiosk_board_shows():
    settings = BoardSettings()
    today = NOW.date()
    words = {"landed": "已到达", "delayed": "延误", "cancelled": "取消", "scheduled": "计划"}
    for record in demo_snapshot(NOW).flights:
        page = text_of(render_flight(record, meta(), NOW))
        status = flight_status(record).value
        if status in words:
            assert words[status] in page, record.key
        out = passengers_out(record, settings, today)
        if out is not None:
            assert "≈" in page and out.hhmm in page, record.key
            assert f"+ {out.allowance_min} 分钟" in page, record.key
        else:
            assert "旅客预计出站" not in page, record.key


def test_served_at_f_key_and_unknown_keys_are_404(new_county_url: NewCountyUrl):
    url = new_county_url()
    clock = ManualClock(NOW)
    harness = CountyHarness(url, clock)
    record = arrival()
    harness.publish("*", FLIGHT_KIND, record.key, record)
    harness.publish("*", FLIGHT_META_KIND, FLIGHT_META_KEY, meta())
    app = create_app(url, clock=clock)
    try:
        with serve_in_thread(app) as server:
            page = requests.get(server.url + flight_page_path(record.key, 30), timeout=5)
            assert page.status_code == 200
            assert page.headers["content-type"].startswith("text/html")
            assert page.headers["Referrer-Policy"] == "no-referrer"
            assert "≈ 17:28" in page.text and "CZ3392" in page.text
            for bad in ("/f/CSX-A-CZ3393-20261127", "/f/not-a-key", "/f/CSX-A-CZ3392-2026112"):
                missing = requests.get(server.url + bad, timeout=5)
                assert missing.status_code == 404 and "这个链接无效" in missing.text
            large = requests.get(server.url + f"/f/{record.key}?out=999", timeout=5)
            assert large.status_code == 200 and "≈ 17:28" not in large.text  # clamped to 180
            for odd in ("abc", "²", "-1", "99999999999999999999999"):
                # Not a whole number of minutes: a short JSON reason, not a traceback or a 500.
                answer = requests.get(server.url + f"/f/{record.key}?out={odd}", timeout=5)
                assert answer.status_code == 422, odd
                assert answer.json()["error"]["code"] == "invalid_request"
                assert "Traceback" not in answer.text and len(answer.text) < 300
    finally:
        app.state.county.engine.dispose()
        harness.close()


@pytest.mark.parametrize("allowance,expected", [(None, ""), (25, "?out=25"), (999, "?out=180")])
def test_the_page_path_is_the_record_key(allowance, expected):
    assert flight_page_path("CSX-A-CZ3392-20261127", allowance) == (
        "/f/CSX-A-CZ3392-20261127" + expected
    )
    with pytest.raises(ValueError):
        flight_page_path("../etc/passwd")
