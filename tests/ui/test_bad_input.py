"""Wrong input of every kind gets a reason in the driver's language and saves nothing half-done."""

import pytest
from sqlalchemy import event, func, select, text

from kiosk.services.checkin.models import Visit
from kiosk.store.models import Driver, OutboxEntry
from tests.ui.conftest import settle, tap, text_of


def _saved(kiosk) -> tuple[int, int, int]:
    with kiosk.uow_factory() as uow:
        return tuple(
            uow.session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Driver, Visit, OutboxEntry)
        )  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("typed", "chinese", "english"),
    [
        ("138123456", "手机号少了2位，请再输入一次。", "The number is 2 digits short."),
        ("1381234567", "手机号少了1位，请再输入一次。", "The number is 1 digit short."),
        ("", "请输入手机号。", "Please type your phone number."),
        ("12345678901", "这不是手机号，手机号以13到19开头。", "That is not a mobile number."),
    ],
)
def test_keypad_mistakes_get_a_reason(qtbot, window, shell, kiosk, typed, chinese, english):
    tap(qtbot, window, "tileCheckIn")
    for digit in typed:
        tap(qtbot, window, f"key_{digit}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)

    assert shell.navigator.page == "checkin.phone"
    assert text_of(window, "errorText") == chinese
    shell.language_controller.set_language("en")
    assert text_of(window, "errorText").startswith(english)
    assert _saved(kiosk) == (0, 0, 0)


@pytest.mark.parametrize(
    ("text_input", "reason"),
    [
        ("abcdefghijk", "手机号只能是数字，请重新输入。"),
        ("📱📱📱", "手机号只能是数字，请重新输入。"),
        ("1" * 200, "手机号多了189位，请检查一下。"),
        ("138 1234 56789 0", "手机号多了2位，请检查一下。"),
        ("\u202e13812345678", "手机号只能是数字，请重新输入。"),
        ("x" * 100_000, "手机号只能是数字，请重新输入。"),
    ],
)
def test_scanned_or_pasted_text_gets_a_reason(qtbot, window, shell, kiosk, text_input, reason):
    tap(qtbot, window, "tileCheckIn")
    shell.view_model("checkIn").submitPhoneText(text_input)
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.phone"
    assert text_of(window, "errorText") == reason
    assert _saved(kiosk) == (0, 0, 0)


def test_the_keypad_stops_at_eleven_digits_and_typing_clears_the_error(qtbot, window, shell):
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "mainAction")
    assert text_of(window, "errorText") == "请输入手机号。"
    for digit in "138123456789999":
        tap(qtbot, window, f"key_{digit}")
    assert shell.view_model("checkIn").digitsTyped == 11
    assert shell.view_model("checkIn").errorText == ""
    tap(qtbot, window, "key_backspace")
    assert shell.view_model("checkIn").digitsTyped == 10
    tap(qtbot, window, "key_clear")
    assert text_of(window, "phoneDisplay") == "___ ____ ____"


def test_moving_on_without_choosing_work_gets_a_reason(qtbot, window, shell, kiosk):
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "skipPhoneButton")
    tap(qtbot, window, "mainAction")
    assert shell.navigator.page == "checkin.work"
    assert text_of(window, "errorText") == "请先选择你的工作。"
    assert _saved(kiosk) == (0, 0, 0)


def test_emoji_in_free_text_gets_a_reason_and_saves_nothing(qtbot, window, shell, kiosk):
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "skipPhoneButton")
    tap(qtbot, window, "work_other")
    shell.view_model("checkIn").setWorkDetail("代驾🚗🚗")
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "purpose_rest")
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.purpose"
    assert text_of(window, "errorText") == "只能填文字和数字。"
    assert _saved(kiosk) == (0, 0, 0)


def test_a_full_disk_says_so_keeps_what_was_saved_and_recovers(qtbot, window, shell, kiosk):
    kiosk.service("checkin").check_in(
        __import__("kiosk.services.checkin.service", fromlist=["CheckInRequest"]).CheckInRequest(
            None, False, "courier", None, "rest"
        )
    )
    engine = kiosk.database.engine
    with engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar()

    def cap_the_file(dbapi_connection, _record) -> None:
        # SQLite's own way to make the disk "full" at the current size.
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    event.listen(engine, "connect", cap_the_file)

    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "skipPhoneButton")
    tap(qtbot, window, "work_courier")
    tap(qtbot, window, "mainAction")
    for _ in range(40):  # enough rows to need a new page
        shell.view_model("checkIn").choosePurpose("rest")
        settle(qtbot, shell)
        if shell.view_model("checkIn").errorText:
            break
        shell.navigator.back()
        shell.navigator.go("checkin.purpose")
    assert shell.navigator.page == "checkin.purpose"
    assert text_of(window, "errorText") == "没能保存，请再试一次，或找站长帮忙。"
    # Over the page, the kiosk pauses until the disk takes writes (tests/ui/test_storage_pause).
    assert shell.storage_pause.paused
    saved_before_fix = _saved(kiosk)
    assert saved_before_fix[1] >= 1

    event.remove(engine, "connect", cap_the_file)
    engine.dispose()
    tap(qtbot, window, "pausedKeeperButton")
    tap(qtbot, window, "pausedRetryButton")
    qtbot.waitUntil(lambda: not shell.storage_pause.paused, timeout=5000)
    tap(qtbot, window, "purpose_rest")
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.done"
    assert _saved(kiosk)[1] == saved_before_fix[1] + 1
