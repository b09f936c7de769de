"""The close-out's states worth a picture, on the demo station (three days sealed already)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ui.capability import SnapshotState
from kiosk.ui.closeout.capability import PAGE
from kiosk.ui.closeout.viewmodel import CloseoutViewModel
from kiosk.ui.runtime import settle
from kiosk.ui.snapshot import unlock_keeper
from redhome_wire.station_time import ManualClock

if TYPE_CHECKING:
    from kiosk.ui.shell import ShellModel

NOTE = "北区充电桩下午停用，明早有人来修。"


def _vm(shell: ShellModel) -> CloseoutViewModel:
    view_model = shell.view_model("closeout")
    assert isinstance(view_model, CloseoutViewModel)
    return view_model


def _open(shell: ShellModel, clock: ManualClock) -> None:
    unlock_keeper(shell)
    shell.openKeeperPage(PAGE)
    settle(shell)


def _confirm(shell: ShellModel, clock: ManualClock) -> None:
    _open(shell, clock)
    _vm(shell).setNote(NOTE)
    _vm(shell).askToSeal()


SNAPSHOT_STATES: dict[str, SnapshotState] = {
    "closeout": _open,
    "closeout-confirm": _confirm,
}
