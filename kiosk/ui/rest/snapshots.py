"""The rest corner's states worth a picture (python -m kiosk --snapshot), on the demo station's
lived-in corner: seats resting, one time up, one overdue, one out of service."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import TYPE_CHECKING

from kiosk.services.rest.service import RestError
from kiosk.ui.capability import SnapshotState
from kiosk.ui.rest.capability import KEEPER_PAGE
from kiosk.ui.rest.viewmodel import RestViewModel
from kiosk.ui.runtime import settle
from kiosk.ui.snapshot import unlock_keeper
from redhome_wire.station_time import ManualClock

if TYPE_CHECKING:
    from kiosk.ui.shell import ShellModel

FREE_SEAT = "6"
# Seats the board picture wakes: one whose time is up, one overdue (minutes ago, length).
_WAKING = (("3", 24, 20), ("7", 45, 30))


def _vm(shell: ShellModel) -> RestViewModel:
    view_model = shell.view_model("rest")
    assert isinstance(view_model, RestViewModel)
    return view_model


def _rest_seats(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()


def _rest_duration(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    _vm(shell).chooseSeat(FREE_SEAT)
    settle(shell)
    _vm(shell).chooseDriving("gt4h")


def _rest_custom(shell: ShellModel, clock: ManualClock) -> None:
    _rest_duration(shell, clock)
    _vm(shell).chooseCustom()
    _vm(shell).stepCustom(1)


def _rest_error(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    _vm(shell).chooseSeat("2")  # taken in the demo: refused with its reason
    settle(shell)
    _vm(shell).chooseMinutes(20)
    _vm(shell).start()


def _rest_done(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    # Each picture (two orientations, two languages) rests anew: the last one wakes first.
    with contextlib.suppress(RestError):
        _vm(shell).service.wake(FREE_SEAT)
    _vm(shell).reload()
    settle(shell)
    _vm(shell).chooseSeat(FREE_SEAT)
    settle(shell)
    _vm(shell).chooseMinutes(30)
    _vm(shell).start()


def _rest_done_proof(shell: ShellModel, clock: ManualClock) -> None:
    # The demo station was never enrolled, so it knows no county address for phones; the
    # picture borrows one to show the page with its QR to the proof of rest.
    _vm(shell)._public_base_url = lambda: "https://county.example.cn"
    _rest_done(shell, clock)


def _wake_some(shell: ShellModel, clock: ManualClock) -> None:
    """Rests started earlier through the real service, so that the picture shows wake-ups."""
    service = _vm(shell).service
    for seat, ago, minutes in _WAKING:
        earlier = service.with_clock(ManualClock(clock.now() - timedelta(minutes=ago)))
        with contextlib.suppress(RestError):  # taken already by an earlier picture
            earlier.start(seat, minutes=minutes)
    _vm(shell).reload()


def _rest_board(shell: ShellModel, clock: ManualClock) -> None:
    _wake_some(shell, clock)
    _vm(shell).openBoard()


def _rest_board_large(shell: ShellModel, clock: ManualClock) -> None:
    _rest_board(shell, clock)
    shell.station_vm.setLargeText(True)


def _rest_duration_large(shell: ShellModel, clock: ManualClock) -> None:
    _rest_duration(shell, clock)
    shell.station_vm.setLargeText(True)


def _keeper_rest(shell: ShellModel, clock: ManualClock) -> None:
    _wake_some(shell, clock)
    unlock_keeper(shell)
    shell.openKeeperPage(KEEPER_PAGE)


SNAPSHOT_STATES: dict[str, SnapshotState] = {
    "rest": _rest_seats,
    "rest-duration": _rest_duration,
    "rest-custom": _rest_custom,
    "rest-error": _rest_error,
    "rest-done": _rest_done,
    "rest-done-proof": _rest_done_proof,
    "rest-board": _rest_board,
    "rest-board-large-text": _rest_board_large,
    "rest-duration-large-text": _rest_duration_large,
    "keeper-rest": _keeper_rest,
}
