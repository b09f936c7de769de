"""Flight lookup by taps on the demo day: find CZ3392 by number and Beijing by initials."""

from datetime import timedelta

import pytest

from kiosk.services.flights.cache import seed_demo_flights
from tests.ui.conftest import find, settle, tap, text_of


@pytest.fixture
def flights_window(qtbot, kiosk, shell, window, clock):
    seed_demo_flights(kiosk.uow_factory, clock.now())
    shell.refresh_capabilities()
    settle(qtbot, shell)
    return window


def _type(qtbot, window, text: str) -> None:
    for character in text:
        tap(qtbot, window, f"alpha_{character}")


def test_a_driver_finds_a_flight_by_number_and_sees_when_people_come_out(
    qtbot, flights_window, shell
) -> None:
    window = flights_window
    tap(qtbot, window, "tileFlights")
    settle(qtbot, shell)
    assert shell.navigator.page == "flights"
    _type(qtbot, window, "CZ3392")
    assert text_of(window, "flightQuery") == "CZ3392"
    assert shell.view_model("flights").results[0]["flight"] == "CZ3392"
    tap(qtbot, window, "flight_CZ3392")
    assert shell.navigator.page == "flights.detail"
    assert text_of(window, "detailFlight") == "CZ3392"
    out = text_of(window, "detailOut")
    assert out.startswith("≈ ")
    # The allowance for a domestic flight is 20 minutes after the best-known landing time.
    detail = shell.view_model("flights").detail
    landing = detail["actual"] or detail["estimated"] or detail["scheduled"]
    hours, minutes = map(int, landing.split(":"))
    total = (hours * 60 + minutes + 20) % (24 * 60)
    assert out == f"≈ {total // 60:02d}:{total % 60:02d}"
    assert find(window, "flightQr").property("payload").startswith("CZ3392 ")


def test_a_codeshare_number_finds_the_same_flight(qtbot, flights_window, shell) -> None:
    shell.view_model("flights").open()
    settle(qtbot, shell)
    shell.view_model("flights").setQuery("mf 4392")
    assert shell.view_model("flights").results[0]["flight"] == "CZ3392"


def test_pinyin_initials_find_the_city(qtbot, flights_window, shell) -> None:
    shell.view_model("flights").open()
    settle(qtbot, shell)
    _type(qtbot, flights_window, "BJ")
    cities = {row["city"] for row in shell.view_model("flights").results}
    assert cities == {"北京"}
    shell.view_model("flights").clear()
    shell.view_model("flights").setQuery("北京")
    assert {row["city"] for row in shell.view_model("flights").results} == {"北京"}


def test_old_data_is_said_plainly(qtbot, flights_window, shell, clock) -> None:
    shell.view_model("flights").open()
    settle(qtbot, shell)
    assert not shell.view_model("flights").stale
    clock.advance(timedelta(minutes=45))
    shell.view_model("flights").refresh()
    settle(qtbot, shell)
    assert shell.view_model("flights").stale
    assert text_of(flights_window, "freshness").startswith("数据较旧")


def test_no_flights_no_tile_and_a_plain_message(qtbot, window, shell) -> None:
    assert "tileFlights" not in [tile["objectName"] for tile in shell.tiles]
    shell.view_model("flights").open()
    settle(qtbot, shell)
    assert text_of(window, "freshness") == "还没有航班数据，请到机场问询处查询。"
    assert shell.view_model("flights").resultCount == 0


def test_the_chart_counts_arrivals_per_half_hour(qtbot, flights_window, shell) -> None:
    shell.view_model("flights").open()
    settle(qtbot, shell)
    chart = shell.view_model("flights").chart
    assert len(chart) == 6
    demand = shell.view_model("flights")._board.demand()
    assert [bar["count"] for bar in chart] == [bucket.arrivals for bucket in demand.buckets]
    assert max(bar["share"] for bar in chart) == 1.0
