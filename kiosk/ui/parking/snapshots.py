"""Parking's states worth a picture (python -m kiosk --snapshot)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from kiosk.ui.capability import SnapshotState
from kiosk.ui.parking.keeper_viewmodel import KEEPER_PAGE
from kiosk.ui.parking.viewmodel import ParkingViewModel
from kiosk.ui.runtime import settle
from kiosk.ui.snapshot import unlock_keeper

if TYPE_CHECKING:
    from kiosk.ui.shell import ShellModel
    from redhome_wire.station_time import ManualClock


def _vm(shell: ShellModel) -> ParkingViewModel:
    view_model = shell.view_model("parking")
    assert isinstance(view_model, ParkingViewModel)
    return view_model


def _parking(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()


def _parking_window(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    _vm(shell).startBooking("ev")
    _vm(shell).startLater()
    _vm(shell).startLater()


def _type_plate(shell: ShellModel, plate: str) -> None:
    for character in plate:
        _vm(shell).plateKey(character)


def _parking_plate_province(shell: ShellModel, clock: ManualClock) -> None:
    _parking_window(shell, clock)
    settle(shell)
    _vm(shell).confirmWindow()


_plates_used = itertools.count(1)


def _parking_plate_serial(shell: ShellModel, clock: ManualClock) -> None:
    _parking_plate_province(shell, clock)
    _type_plate(shell, "湘AD1")


def _parking_phone(shell: ShellModel, clock: ManualClock) -> None:
    _parking_plate_serial(shell, clock)
    # Each picture books anew; a plate may hold only one bay at a time.
    _type_plate(shell, f"{next(_plates_used):04d}")
    _vm(shell).confirmPlate()


def _parking_plate_error(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    _vm(shell).startBooking("car")
    settle(shell)
    _vm(shell).confirmWindow()
    _type_plate(shell, "湘AO1234")
    _vm(shell).confirmPlate()


def _parking_done(shell: ShellModel, clock: ManualClock) -> None:
    _parking_phone(shell, clock)
    settle(shell)
    _vm(shell).skipPhone()


def _parking_arrived(shell: ShellModel, clock: ManualClock) -> None:
    _parking_done(shell, clock)
    settle(shell)
    plate = cast(str, _vm(shell).plate)  # PySide6 types a Property read as Property
    _vm(shell).finish()
    clock.advance(timedelta(minutes=30))
    _vm(shell).open()
    settle(shell)
    _vm(shell).startArrival()
    if len(plate) == 8:
        _vm(shell).toggleNewEnergy()
    _type_plate(shell, plate)
    _vm(shell).confirmPlate()


def _parking_board(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    _vm(shell).openBoard()


def _keeper_parking(shell: ShellModel, clock: ManualClock) -> None:
    unlock_keeper(shell)
    shell.openKeeperPage(KEEPER_PAGE)


SNAPSHOT_STATES: dict[str, SnapshotState] = {
    "parking": _parking,
    "parking-window": _parking_window,
    "parking-plate-province": _parking_plate_province,
    "parking-plate-serial": _parking_plate_serial,
    "parking-plate-error": _parking_plate_error,
    "parking-phone": _parking_phone,
    "parking-done": _parking_done,
    "parking-arrived": _parking_arrived,
    "parking-board": _parking_board,
    "keeper-parking": _keeper_parking,
}
