"""The frame around every task: pages, language, large text, idle reset, the keeper's view."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.services.checkin import CheckInRequest
from kiosk.store.models import NoticeKind
from tests.ui.conftest import find, items_named, settle, tap, text_of

PAGES = [
    "home",
    "station",
    "keeper",
    "checkin.phone",
    "checkin.consent",
    "checkin.work",
    "checkin.purpose",
    "checkin.done",
]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_loads_without_a_warning(qtbot, window, shell, language, size) -> None:
    # Any QML warning while loading fails the test (qt_log_level_fail = WARNING).
    window.window.resize(*size)
    shell.language_controller.set_language(language)
    for page in PAGES:
        shell.navigator.go(page)
        settle(qtbot, shell)
        loader = find(window, "pageLoader")
        assert loader.property("item") is not None
        assert loader.property("progress") == 1.0
        shell.navigator.home()


def test_language_switch_retranslates_live(qtbot, window, shell) -> None:
    tap(qtbot, window, "tileCheckIn")
    assert find(window, "backButton").property("text") == "返回"
    shell.navigator.home()
    tap(qtbot, window, "languageEnglish")
    assert shell.language_controller.language == "en"
    tap(qtbot, window, "tileCheckIn")
    assert find(window, "backButton").property("text") == "Back"
    assert find(window, "mainAction").property("text") == "Next"
    shell.navigator.home()
    tap(qtbot, window, "languageChinese")
    assert find(window, "tileCheckIn").property("text") == "签到"


def test_large_text_makes_text_bigger(qtbot, window, shell) -> None:
    before = find(window, "stationName").property("font").pixelSize()
    tap(qtbot, window, "largeTextSwitch")
    after = find(window, "stationName").property("font").pixelSize()
    assert after > before * 1.2


def test_idle_warning_then_home_with_fields_cleared(qtbot, window, shell, clock) -> None:
    tap(qtbot, window, "tileCheckIn")
    for digit in "138":
        tap(qtbot, window, f"key_{digit}")

    clock.advance(timedelta(seconds=59))
    shell.idle_watcher.tick()
    assert items_named(window, "idleOverlay") == []

    clock.advance(timedelta(seconds=2))
    shell.idle_watcher.tick()
    assert find(window, "idleOverlay").isVisible()
    assert text_of(window, "idleCountdown") == "9"

    clock.advance(timedelta(seconds=9))
    shell.idle_watcher.tick()
    assert shell.navigator.page == "home"
    assert shell.checkin_vm.phoneDisplay == ""
    assert items_named(window, "idleOverlay") == []


def test_a_touch_during_the_countdown_keeps_the_page(qtbot, window, shell, clock) -> None:
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "key_5")
    clock.advance(timedelta(seconds=65))
    shell.idle_watcher.tick()
    tap(qtbot, window, "stayButton")
    assert items_named(window, "idleOverlay") == []
    clock.advance(timedelta(seconds=30))
    shell.idle_watcher.tick()
    assert shell.navigator.page == "checkin.phone"
    assert shell.checkin_vm.phoneDisplay == "5"


def test_idle_resets_language_and_large_text_for_the_next_driver(qtbot, window, shell, clock):
    tap(qtbot, window, "languageEnglish")
    tap(qtbot, window, "largeTextSwitch")
    tap(qtbot, window, "tileCheckIn")
    clock.advance(timedelta(seconds=71))
    shell.idle_watcher.tick()
    assert shell.navigator.page == "home"
    assert shell.language_controller.language == "zh_CN"
    assert shell.station_vm.largeText is False


def test_idle_is_quiet_on_the_home_page(qtbot, window, shell, clock) -> None:
    clock.advance(timedelta(hours=2))
    shell.idle_watcher.tick()
    assert items_named(window, "idleOverlay") == []


def test_holding_the_station_name_opens_todays_counts(qtbot, window, shell, kiosk) -> None:
    kiosk.checkin.check_in(CheckInRequest(None, False, "truck", None, "charging"))
    kiosk.station.add_notice(NoticeKind.DATABASE_QUARANTINED, "kiosk.corrupt-x.db")
    name = find(window, "stationName")
    centre = name.mapToScene(QPointF(name.width() / 2, name.height() / 2)).toPoint()
    QTest.mousePress(
        window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
    )
    qtbot.waitUntil(lambda: shell.navigator.page == "keeper", timeout=4000)
    QTest.mouseRelease(
        window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
    )
    settle(qtbot, shell)
    assert text_of(window, "keeperTotal") == "1"
    assert "kiosk.corrupt-x.db" in shell.keeper_vm.notices[0]["text"]
    tap(qtbot, window, "acknowledgeNotice")
    settle(qtbot, shell)
    assert shell.keeper_vm.notices == []
    assert kiosk.station.open_notices() == []


def test_a_quick_tap_on_the_station_name_does_nothing(qtbot, window, shell) -> None:
    tap(qtbot, window, "stationName")
    qtbot.wait(50)
    assert shell.navigator.page == "home"


def test_station_page_shows_the_profile(qtbot, window, shell, kiosk) -> None:
    from kiosk.services.demo import AIRPORT_STATION

    kiosk.station.save_profile(AIRPORT_STATION)
    shell.station_vm.refresh()
    settle(qtbot, shell)
    tap(qtbot, window, "tileStation")
    assert shell.navigator.page == "station"
    assert shell.station_vm.stationName == "黄花机场红色之家"
    assert shell.station_vm.openingHours == "24小时开放"
    assert {"key": "parking", "label": "停车位", "icon": "parking", "count": "306"} in (
        shell.station_vm.facilities
    )
