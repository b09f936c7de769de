"""The rest corner on the screen: pick a seat and a length, the board, the wake-up reaching a
driver on another page, snoozing, and the keeper freeing an overdue seat."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from kiosk.app import Kiosk, build_kiosk
from kiosk.ports import Silence
from kiosk.services.demo import DEMO_KEEPER_PIN
from kiosk.store.models import SyncState
from kiosk.ui.rest.viewmodel import RestViewModel
from kiosk.ui.snapshot import unlock_keeper
from tests.ui.conftest import find, items_named, settle, tap, text_of

STATION_TOML = """
[rest]
seats = [
  {number = "1", kind = "chair"},
  {number = "2", kind = "recliner"},
  {number = "3", kind = "bed", zone = "quiet room"},
]
"""


@pytest.fixture
def kiosk(data_dir, clock, credentials, settings) -> Iterator[Kiosk]:
    """A station with three rest seats."""
    data_dir.ensure()
    data_dir.config.write_text(STATION_TOML, encoding="utf-8")
    built = build_kiosk(data_dir, clock=clock, credentials=credentials, settings=settings)
    yield built
    built.close()


def _rest(shell) -> RestViewModel:
    view_model = shell.view_model("rest")
    assert isinstance(view_model, RestViewModel)
    return view_model


def _take_seat(qtbot, window, shell, seat: str, minutes: str) -> None:
    tap(qtbot, window, "tileRest")
    settle(qtbot, shell)
    assert shell.navigator.page == "rest"
    tap(qtbot, window, f"seat_{seat}")
    settle(qtbot, shell)
    assert shell.navigator.page == "rest.duration"
    tap(qtbot, window, f"minutes_{minutes}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)


def test_a_driver_takes_a_seat_and_the_board_counts_it_down(qtbot, window, shell, clock) -> None:
    settle(qtbot, shell)
    assert "tileRest" in [tile["objectName"] for tile in shell.tiles]
    _take_seat(qtbot, window, shell, "2", "30")
    assert shell.navigator.page == "rest.done"
    assert text_of(window, "restDoneSeat") == "2"
    assert "15:30" in text_of(window, "restDoneSummary")
    _rest(shell).openBoard()
    settle(qtbot, shell)
    assert text_of(window, "seatMinutes_2") == "30"
    clock.advance(timedelta(minutes=12))
    _rest(shell).tick()  # what the one per-second timer does
    qtbot.waitUntil(lambda: text_of(window, "seatMinutes_2") == "18", timeout=2000)
    assert text_of(window, "seatState_1") == "空闲"


def test_the_driving_question_suggests_a_longer_rest_after_four_hours(qtbot, window, shell) -> None:
    settle(qtbot, shell)
    tap(qtbot, window, "tileRest")
    settle(qtbot, shell)
    tap(qtbot, window, "seat_1")
    settle(qtbot, shell)
    assert not items_named(window, "restSuggestion")
    tap(qtbot, window, "driving_gt4h")
    assert text_of(window, "restSuggestion") == "连续开车超过4小时，至少歇20 分钟。"
    assert _rest(shell).canStart  # the suggestion is the choice until the driver picks another


def test_a_seat_taken_meanwhile_is_refused_in_words_and_nothing_is_lost(
    qtbot, window, shell, kiosk
) -> None:
    settle(qtbot, shell)
    tap(qtbot, window, "tileRest")
    settle(qtbot, shell)
    tap(qtbot, window, "seat_1")
    settle(qtbot, shell)
    tap(qtbot, window, "minutes_20")
    kiosk.service("rest").start("1", minutes=60)  # another driver, a moment earlier
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert shell.navigator.page == "rest.duration"
    assert text_of(window, "errorText") == "这个座位刚被别人选了，请换一个。"
    (row,) = [row for row in kiosk.service("rest").board() if row.number == "1"]
    assert row.wake_at == kiosk.clock.now() + timedelta(minutes=60)


def test_the_wake_up_reaches_a_driver_on_another_page_and_chimes(
    qtbot, window, shell, kiosk, clock
) -> None:
    settle(qtbot, shell)
    kiosk.service("rest").start("3", minutes=20)
    shell.view_model("checkIn").start()
    settle(qtbot, shell)
    clock.advance(timedelta(minutes=20))
    jobs = {job.name: job for job in kiosk.jobs()}
    assert jobs["wake-ups"].run() == "1 wake-ups"
    sound = kiosk.ports.sound
    assert isinstance(sound, Silence) and sound.played == ["rest.wake"]
    _rest(shell).reload()
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.phone"  # the other driver keeps their page
    assert text_of(window, "attentionTitle") == "3号座位：该起来啦"
    shell.goHome()
    settle(qtbot, shell)
    _rest(shell).openBoard()
    settle(qtbot, shell)
    assert text_of(window, "seatState_3").startswith("时间到")
    blink = _rest(shell).flash
    _rest(shell).tick()
    assert _rest(shell).flash is not blink  # the waking seat blinks with the one timer
    tap(qtbot, window, "awake_3")
    settle(qtbot, shell)
    assert text_of(window, "seatState_3") == "空闲"
    assert not items_named(window, "attentionTitle")
    assert _rest(shell).flash is False


def test_snooze_twice_then_the_button_is_gone(qtbot, window, shell, kiosk, clock) -> None:
    settle(qtbot, shell)
    kiosk.service("rest").start("1", minutes=20)
    clock.advance(timedelta(minutes=20))
    _rest(shell).openBoard()
    settle(qtbot, shell)
    for _ in range(2):
        tap(qtbot, window, "snooze_1")
        settle(qtbot, shell)
        assert text_of(window, "seatMinutes_1") == "10"
        clock.advance(timedelta(minutes=10))
        _rest(shell).tick()
        qtbot.waitUntil(lambda: bool(items_named(window, "awake_1")), timeout=2000)
    assert not items_named(window, "snooze_1")
    assert items_named(window, "awake_1")


def test_the_board_is_the_idle_screen(qtbot, window, shell, clock) -> None:
    settle(qtbot, shell)
    shell.view_model("checkIn").start()
    settle(qtbot, shell)
    clock.advance(timedelta(seconds=shell.idle_watcher.idle_timeout_s + 30))
    shell.idle_watcher.tick()
    clock.advance(timedelta(seconds=60))
    shell.idle_watcher.tick()
    settle(qtbot, shell)
    assert shell.navigator.page == "rest.board"
    assert text_of(window, "seatState_2") == "空闲"


def test_the_keeper_sees_an_overdue_seat_and_frees_it(qtbot, window, shell, kiosk, clock) -> None:
    settle(qtbot, shell)
    kiosk.service("rest").start("2", minutes=30)
    clock.advance(timedelta(minutes=41))
    kiosk.service("rest").tick()
    kiosk.keeper_pin.set_pin(DEMO_KEEPER_PIN)
    unlock_keeper(shell)
    assert "menuRest" in [entry["objectName"] for entry in shell.keeperEntries]
    shell.openKeeperPage("keeper.rest")
    settle(qtbot, shell)
    assert text_of(window, "keeperRestOverdue").startswith("1 个座位超时")
    assert text_of(window, "keeperSeatState_2").startswith("超时")
    tap(qtbot, window, "freeSeat_2")
    settle(qtbot, shell)
    assert text_of(window, "keeperSeatState_2").startswith("空闲")
    assert not items_named(window, "keeperRestOverdue")
    shell.openKeeper()
    settle(qtbot, shell)
    assert text_of(window, "restFreedToday") == "1"
    assert text_of(window, "restOverdueToday") == "1"


def test_one_length_is_chosen_at_a_time_and_the_custom_one_stays_in_range(
    qtbot, window, shell, kiosk
) -> None:
    settle(qtbot, shell)
    rest = _rest(shell)
    rest.open()
    rest.chooseSeat("1")
    settle(qtbot, shell)
    rest.chooseDriving("gt4h")  # suggests 20 minutes: the preset is chosen
    assert [d["minutes"] for d in rest.durations if d["chosen"]] == [20]
    assert not rest.customChosen
    rest.chooseCustom()
    rest.stepCustom(1)  # 30 minutes, as the preset, but chosen as "other"
    assert rest.customChosen
    assert [d for d in rest.durations if d["chosen"]] == []
    for _ in range(40):
        rest.stepCustom(1)
    assert not rest.canLengthen
    assert rest.customText == "3 小时"  # the station's longest rest, never beyond
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    (row,) = [row for row in kiosk.service("rest").board() if row.number == "1"]
    assert row.wake_at == kiosk.clock.now() + timedelta(hours=3)


def test_the_done_page_offers_the_proof_of_rest_and_waits_to_be_scanned(
    qtbot, window, shell, kiosk
) -> None:
    with kiosk.uow_factory() as uow:  # what the last pull said phones can reach
        state = uow.session.get(SyncState, 1) or SyncState(id=1)
        state.public_base_url = "https://county.example.cn/"
        uow.session.add(state)
        uow.commit()
    settle(qtbot, shell)
    _take_seat(qtbot, window, shell, "3", "20")
    assert shell.navigator.page == "rest.done"
    (row,) = [row for row in kiosk.service("rest").board() if row.number == "3"]
    qr = find(window, "restQr")
    assert qr.property("payload") == f"https://county.example.cn/rest/{row.rest_id}"
    assert text_of(window, "mainAction") == "回首页"  # no countdown under a QR


def test_a_wake_up_is_said_again_in_the_language_chosen(qtbot, window, shell, kiosk, clock) -> None:
    settle(qtbot, shell)
    kiosk.service("rest").start("1", minutes=20)
    clock.advance(timedelta(minutes=20))
    _rest(shell).reload()
    settle(qtbot, shell)
    assert shell.attention.home_item().title == "1号座位：该起来啦"
    shell.language_controller.set_language("en")
    settle(qtbot, shell)
    assert shell.attention.home_item().title == "Seat 1: time to wake up"
