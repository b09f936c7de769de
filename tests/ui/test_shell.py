"""The frame around every task: pages, language, large text, idle reset, the keeper's view."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.services.checkin.service import CheckInRequest
from kiosk.services.keeper_pin import KeeperPin
from kiosk.store.models import NoticeKind
from tests.ui.conftest import find, items_named, settle, tap, text_of

PAGES = [
    "home",
    "station",
    "keeper",
    "keeper.pin",
    "keeper.menu",
    "keeper.diagnostics",
    "keeper.sync",
    "keeper.parking",
    "call-keeper",
    "setup",
    "flights",
    "flights.detail",
    "parking",
    "parking.window",
    "parking.plate",
    "parking.phone",
    "parking.code",
    "parking.done",
    "parking.board",
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
    assert shell.view_model("checkIn").phoneDisplay == ""
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
    assert shell.view_model("checkIn").phoneDisplay == "5"


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


def _corner_taps(qtbot, window, count: int) -> None:
    for _ in range(count):
        QTest.mouseClick(
            window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(12, 12)
        )
        qtbot.wait(5)


def _enter_pin(qtbot, window, shell, pin: str) -> None:
    for digit in pin:
        tap(qtbot, window, f"key_{digit}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)


def test_five_corner_taps_open_the_pin_pad_and_the_pin_opens_todays_counts(
    qtbot, window, shell, kiosk, credentials, clock
) -> None:
    KeeperPin(credentials, clock).set_pin("2468")
    kiosk.service("checkin").check_in(CheckInRequest(None, False, "truck", None, "charging"))
    kiosk.station.add_notice(NoticeKind.DATABASE_QUARANTINED, "kiosk.corrupt-x.db")

    _corner_taps(qtbot, window, 4)
    assert shell.navigator.page == "home"
    _corner_taps(qtbot, window, 1)
    assert shell.navigator.page == "keeper.pin"

    _enter_pin(qtbot, window, shell, "2468")
    assert shell.navigator.page == "keeper.menu"
    tap(qtbot, window, "menuToday")
    settle(qtbot, shell)
    assert text_of(window, "keeperTotal") == "1"
    assert "kiosk.corrupt-x.db" in shell.keeper_vm.notices[0]["text"]
    tap(qtbot, window, "acknowledgeNotice")
    settle(qtbot, shell)
    assert shell.keeper_vm.notices == []
    assert kiosk.station.open_notices() == []

    tap(qtbot, window, "homeButton")
    assert shell.keeper_access.unlocked is False


def test_slow_corner_taps_do_not_open_the_pad(qtbot, window, shell, clock) -> None:
    for _ in range(5):
        _corner_taps(qtbot, window, 1)
        clock.advance(timedelta(seconds=1))
    assert shell.navigator.page == "home"


def test_five_wrong_pins_lock_the_pad_for_five_minutes(
    qtbot, window, shell, credentials, clock
) -> None:
    KeeperPin(credentials, clock).set_pin("2468")
    shell.keeper_access.open_pad()
    for attempt in range(1, 5):
        _enter_pin(qtbot, window, shell, "1111")
        assert text_of(window, "errorText") == f"PIN 不对，还可以试 {5 - attempt} 次。"
    _enter_pin(qtbot, window, shell, "1111")
    assert "锁定到 15:05" in text_of(window, "errorText")
    _enter_pin(qtbot, window, shell, "2468")  # the right PIN, but locked
    assert shell.navigator.page == "keeper.pin"
    clock.advance(timedelta(minutes=5))
    _enter_pin(qtbot, window, shell, "2468")
    assert shell.navigator.page == "keeper.menu"


def test_close_requests_are_ignored_until_a_keeper_unlocks(
    qtbot, window, shell, credentials, clock
) -> None:
    window.window.close()  # what Alt+F4 or the window manager asks for
    qtbot.wait(20)
    assert window.window.isVisible()

    KeeperPin(credentials, clock).set_pin("2468")
    shell.keeper_access.open_pad()
    _enter_pin(qtbot, window, shell, "2468")
    assert shell.keeper_access.unlocked
    assert shell.mayClose()
    window.window.close()
    qtbot.waitUntil(lambda: not window.window.isVisible(), timeout=2000)


def test_an_unhandled_error_goes_home_and_repeats_call_the_keeper(
    qtbot, window, shell, clock
) -> None:
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "key_1")
    for expected in ("home", "home"):
        try:
            raise RuntimeError("boom")
        except RuntimeError as error:
            shell.crash_guard.handle(RuntimeError, error, error.__traceback__)
        assert shell.navigator.page == expected
        assert shell.view_model("checkIn").phoneDisplay == ""
        clock.advance(timedelta(minutes=1))
    try:
        raise RuntimeError("boom again")
    except RuntimeError as error:
        shell.crash_guard.handle(RuntimeError, error, error.__traceback__)
    assert shell.navigator.page == "call-keeper"
    assert text_of(window, "callKeeperTitle") == "请联系站长"
    tap(qtbot, window, "tryAgainButton")
    assert shell.navigator.page == "home"


def test_diagnostics_show_the_database_and_keyring(qtbot, window, shell, credentials, clock):
    KeeperPin(credentials, clock).set_pin("2468")
    shell.keeper_access.open_pad()
    _enter_pin(qtbot, window, shell, "2468")
    tap(qtbot, window, "menuDiagnostics")
    settle(qtbot, shell)
    rows = {row["label"]: row for row in shell.diagnostics_vm.rows}
    assert rows["数据库"]["ok"] is True
    assert rows["钥匙串"]["value"] == "memory (demo)"


def test_keeper_pages_need_the_pin(qtbot, window, shell) -> None:
    shell.openKeeper()
    assert shell.navigator.page == "keeper.pin"
    shell.goHome()
    shell.openDiagnostics()
    assert shell.navigator.page == "keeper.pin"
    shell.exitKiosk()  # locked: nothing happens
    assert window.window.isVisible()


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
