"""Parking by taps: book, arrive, cancel; wrong input at every step; no-shows on the clock."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.services.parking.demo import AIRPORT_BAYS
from kiosk.services.parking.service import BayType
from kiosk.store.models import OutboxEntry
from tests.ui.conftest import find, items_named, settle, tap, text_of


@pytest.fixture
def parking_window(qtbot, kiosk, shell, window):
    kiosk.service("parking").sync_inventory(AIRPORT_BAYS)
    shell.refresh_capabilities()
    settle(qtbot, shell)
    return window


def _outbox(kiosk) -> int:
    with kiosk.uow_factory() as uow:
        return uow.session.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def _type_plate(qtbot, window, plate: str) -> None:
    for character in plate:
        tap(qtbot, window, f"plate_{character}")


def test_a_driver_books_a_car_bay_by_taps(qtbot, parking_window, shell, kiosk) -> None:
    window = parking_window
    tap(qtbot, window, "tileParking")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking"
    tap(qtbot, window, "book_car")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.window"
    assert text_of(window, "availabilityText") == "该时段还有 282 个空位"
    tap(qtbot, window, "startPlus")
    tap(qtbot, window, "durationPlus")
    settle(qtbot, shell)
    tap(qtbot, window, "mainAction")
    assert shell.navigator.page == "parking.plate"

    _type_plate(qtbot, window, "湘A12B45")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.phone"
    tap(qtbot, window, "skipParkingPhone")
    settle(qtbot, shell)

    assert shell.navigator.page == "parking.done"
    code = text_of(window, "parkingBigText")
    assert code.startswith("P-") and len(code) == 6
    assert "湘A12B45" in text_of(window, "parkingSummary")
    assert find(window, "parkingQr").property("payload").startswith("红色之家 停车预约 " + code)
    assert _outbox(kiosk) == 1
    booked = kiosk.service("parking").find(code)
    assert booked.bay_type is BayType.CAR
    assert booked.end_at - booked.start_at == timedelta(minutes=180)


def test_arrive_then_the_bay_is_shown(qtbot, parking_window, shell, kiosk, clock) -> None:
    window = parking_window
    booking = kiosk.service("parking").book(BayType.EV, None, 60, "湘AD12345")
    tap(qtbot, window, "tileParking")
    settle(qtbot, shell)
    tap(qtbot, window, "mainAction")  # 我到了
    tap(qtbot, window, "newEnergyToggle")
    _type_plate(qtbot, window, "湘AD12345")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.done"
    assert text_of(window, "parkingBigText") == booking.bay_code


def test_cancel_needs_the_right_code(qtbot, parking_window, shell, kiosk) -> None:
    window = parking_window
    booking = kiosk.service("parking").book(BayType.CAR, None, 60, "湘B77777")
    tap(qtbot, window, "tileParking")
    settle(qtbot, shell)
    tap(qtbot, window, "parkingCancelButton")
    _type_plate(qtbot, window, "湘B77777")
    tap(qtbot, window, "mainAction")
    assert shell.navigator.page == "parking.code"
    wrong = "0000" if booking.code != "P-0000" else "1111"
    for digit in wrong:
        tap(qtbot, window, f"key_{digit}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert text_of(window, "errorText") == "预约码和车牌对不上。"
    tap(qtbot, window, "key_clear")
    for digit in booking.code[2:]:
        tap(qtbot, window, f"key_{digit}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.done"
    assert kiosk.service("parking").live_for_plate("湘B77777") == []


@pytest.mark.parametrize(
    ("plate", "reason"),
    [
        ("湘A123", "车牌是 7 位，新能源是 8 位，请检查一下。"),
        ("", "请输入车牌。"),
    ],
)
def test_wrong_plates_get_a_reason_and_book_nothing(
    qtbot, parking_window, shell, kiosk, plate, reason
) -> None:
    window = parking_window
    tap(qtbot, window, "tileParking")
    settle(qtbot, shell)
    tap(qtbot, window, "book_car")
    settle(qtbot, shell)
    tap(qtbot, window, "mainAction")
    _type_plate(qtbot, window, plate)
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.plate"
    assert text_of(window, "errorText") == reason
    assert _outbox(kiosk) == 0


@pytest.mark.parametrize(
    ("text_input", "reason"),
    [
        ("湘AO1234", "车牌没有字母 I 和 O，是不是数字 1 或 0？"),
        ("🚗🚗🚗", None),
        ("x" * 100_000, None),
        ("湘A·12345挂", "挂、学、警、港、澳只能在7位车牌的最后一位。"),
        ("DROP TABLE reservations", None),
    ],
)
def test_scanned_junk_plates_get_a_reason(qtbot, parking_window, shell, kiosk, text_input, reason):
    window = parking_window
    shell.view_model("parking").open()
    settle(qtbot, shell)
    shell.view_model("parking").startBooking("car")
    settle(qtbot, shell)
    shell.view_model("parking").confirmWindow()
    shell.view_model("parking").setPlateText(text_input)
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.plate"
    assert text_of(window, "errorText") != ""
    if reason is not None:
        assert text_of(window, "errorText") == reason
    assert _outbox(kiosk) == 0


def test_a_short_optional_phone_gets_a_reason(qtbot, parking_window, shell, kiosk) -> None:
    window = parking_window
    shell.view_model("parking").open()
    settle(qtbot, shell)
    shell.view_model("parking").startBooking("car")
    settle(qtbot, shell)
    shell.view_model("parking").confirmWindow()
    shell.view_model("parking").setPlateText("湘A12345")
    settle(qtbot, shell)
    for digit in "13812":
        tap(qtbot, window, f"key_{digit}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.phone"
    assert text_of(window, "errorText") == "手机号少了6位，请再输入一次。"
    assert _outbox(kiosk) == 0


def test_no_shows_free_their_bay_and_repeat_offenders_are_told_why(
    qtbot, parking_window, shell, kiosk, clock
) -> None:
    window = parking_window
    for _ in range(3):
        kiosk.service("parking").book(BayType.CAR, None, 60, "湘C11111")
        clock.advance(timedelta(minutes=16))
        for job in kiosk.jobs():
            if job.name == "no-show sweep":
                shell.run_job(job)
        settle(qtbot, shell)
        clock.advance(timedelta(hours=2))
    shell.view_model("parking").open()
    settle(qtbot, shell)
    assert {row["key"]: row["free"] for row in shell.view_model("parking").bayTypes}["car"] == 282
    shell.view_model("parking").startBooking("car")
    settle(qtbot, shell)
    shell.view_model("parking").confirmWindow()
    shell.view_model("parking").setPlateText("湘C11111")
    settle(qtbot, shell)
    assert shell.navigator.page == "parking.plate"
    assert text_of(window, "errorText").startswith("这个车牌30天内3次预约未到")


def test_a_full_window_is_said_before_asking_for_a_plate(qtbot, parking_window, shell, kiosk):
    window = parking_window
    for number in range(24):
        kiosk.service("parking").book(BayType.EV, None, 60, f"湘AD{number:05d}")
    tap(qtbot, window, "tileParking")
    settle(qtbot, shell)
    tap(qtbot, window, "book_ev")
    settle(qtbot, shell)
    assert text_of(window, "availabilityText") == "该时段已满，换个时间试试。"
    assert find(window, "mainAction").isEnabled() is False


def test_keeper_marks_a_charger_out_of_service(
    qtbot, parking_window, shell, kiosk, credentials, clock
) -> None:
    from kiosk.services.keeper_pin import KeeperPin

    window = parking_window
    KeeperPin(credentials, clock).set_pin("2468")
    shell.keeper_access.open_pad()
    for digit in "2468":
        tap(qtbot, window, f"key_{digit}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    tap(qtbot, window, "menuParking")
    settle(qtbot, shell)
    assert shell.navigator.page == "keeper.parking"
    tap(qtbot, window, "charger_E01")
    settle(qtbot, shell)
    assert shell.view_model("keeperParking").errorText == ""
    assert [bay["code"] for bay in shell.view_model("keeperParking").outOfService] == ["E01"]
    assert items_named(window, "charger_E01")[0].property("selected") is False
