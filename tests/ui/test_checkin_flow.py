"""Check-in done the way a driver does it: by tapping what is on the screen."""

from sqlalchemy import func, select

from kiosk.services.checkin.models import Visit
from kiosk.store.models import Driver, OutboxEntry
from tests.ui.conftest import find, settle, tap, text_of


def _count(kiosk, model) -> int:
    with kiosk.uow_factory() as uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


def _type_number(qtbot, window, digits: str) -> None:
    for digit in digits:
        tap(qtbot, window, f"key_{digit}")


def test_first_time_check_in_by_taps(qtbot, window, shell, kiosk) -> None:
    tap(qtbot, window, "tileCheckIn")
    assert shell.navigator.page == "checkin.phone"

    _type_number(qtbot, window, "13900001111")
    assert text_of(window, "phoneDisplay") == "139 0000 1111"
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.consent"

    tap(qtbot, window, "mainAction")  # 同意
    assert shell.navigator.page == "checkin.work"
    assert text_of(window, "greeting") == "欢迎你，139****1111"

    tap(qtbot, window, "work_ride_hailing")
    tap(qtbot, window, "platform_didi")
    tap(qtbot, window, "mainAction")
    assert shell.navigator.page == "checkin.purpose"

    tap(qtbot, window, "purpose_charging")
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.done"
    assert text_of(window, "doneTitle") == "签到成功"
    assert text_of(window, "doneSummary") == "网约车司机 · 滴滴 · 充电"
    assert _count(kiosk, Driver) == 1
    assert _count(kiosk, Visit) == 1
    assert _count(kiosk, OutboxEntry) == 1

    tap(qtbot, window, "mainAction")  # 回首页
    assert shell.navigator.page == "home"


def test_returning_driver_checks_in_with_two_taps_after_the_number(
    qtbot, window, shell, kiosk
) -> None:
    from kiosk.services.checkin.service import CheckInRequest
    from kiosk.services.phones import parse_phone

    kiosk.service("checkin").check_in(
        CheckInRequest(parse_phone("13712345678"), True, "truck", "huolala", "rest")
    )

    tap(qtbot, window, "tileCheckIn")
    _type_number(qtbot, window, "13712345678")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)

    assert shell.navigator.page == "checkin.work"
    assert text_of(window, "greeting") == "欢迎回来，137****5678"
    assert find(window, "work_truck").property("selected") is True
    assert find(window, "platform_huolala").property("selected") is True

    tap(qtbot, window, "mainAction")  # tap 1: the work is already right
    tap(qtbot, window, "purpose_rest")  # tap 2
    settle(qtbot, shell)

    assert shell.navigator.page == "checkin.done"
    assert text_of(window, "doneTitle") == "欢迎回来！签到成功"
    assert _count(kiosk, Driver) == 1
    assert _count(kiosk, Visit) == 2


def test_declining_consent_still_checks_in_anonymously(qtbot, window, shell, kiosk) -> None:
    tap(qtbot, window, "tileCheckIn")
    _type_number(qtbot, window, "13600002222")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    tap(qtbot, window, "declineConsentButton")
    assert shell.navigator.page == "checkin.work"
    assert shell.view_model("checkIn").maskedPhone == ""

    tap(qtbot, window, "work_food_delivery")
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "purpose_water_meal")
    settle(qtbot, shell)

    assert shell.navigator.page == "checkin.done"
    assert _count(kiosk, Driver) == 0
    assert _count(kiosk, Visit) == 1


def test_check_in_without_a_number(qtbot, window, shell, kiosk) -> None:
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "skipPhoneButton")
    tap(qtbot, window, "work_courier")
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "purpose_restroom")
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.done"
    assert _count(kiosk, Visit) == 1
    assert _count(kiosk, Driver) == 0


def test_back_and_home_work_from_every_step(qtbot, window, shell) -> None:
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "skipPhoneButton")
    assert shell.navigator.page == "checkin.work"
    tap(qtbot, window, "backButton")
    assert shell.navigator.page == "checkin.phone"
    tap(qtbot, window, "homeButton")
    assert shell.navigator.page == "home"
    assert shell.view_model("checkIn").phoneDisplay == ""


def test_the_confirmation_goes_home_by_itself(qtbot, window, shell, kiosk) -> None:
    tap(qtbot, window, "tileCheckIn")
    tap(qtbot, window, "skipPhoneButton")
    tap(qtbot, window, "work_truck")
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "purpose_rest")
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.done"
    assert shell.view_model("checkIn").returnSeconds == kiosk.settings.confirmation_return_s
    for _ in range(kiosk.settings.confirmation_return_s - 1):
        shell.view_model("checkIn")._auto_return.tick()
    assert shell.navigator.page == "checkin.done"
    assert text_of(window, "mainAction") == "回首页（1 秒）"
    shell.view_model("checkIn")._auto_return.tick()
    assert shell.navigator.page == "home"
