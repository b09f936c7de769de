"""The flight board's states worth a picture (python -m kiosk --snapshot)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from kiosk.ui.capability import SnapshotState
from kiosk.ui.flights.viewmodel import FlightsViewModel
from kiosk.ui.runtime import settle

if TYPE_CHECKING:
    from kiosk.ui.shell import ShellModel
    from redhome_wire.station_time import ManualClock


def _vm(shell: ShellModel) -> FlightsViewModel:
    view_model = shell.view_model("flights")
    assert isinstance(view_model, FlightsViewModel)
    return view_model


def _flights(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()


def _flights_number(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    for character in "CZ33":
        _vm(shell).key(character)


def _flights_city(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).open()
    settle(shell)
    for character in "BJ":
        _vm(shell).key(character)


def _flights_detail(shell: ShellModel, clock: ManualClock) -> None:
    _flights_number(shell, clock)
    for character in "92":
        _vm(shell).key(character)
    rows = cast(
        list[dict[str, Any]], _vm(shell).results
    )  # PySide6 types a Property read as Property
    if rows:
        _vm(shell).select(rows[0]["key"])


def _flights_stale(shell: ShellModel, clock: ManualClock) -> None:
    clock.advance(timedelta(minutes=45))
    _vm(shell).open()


SNAPSHOT_STATES: dict[str, SnapshotState] = {
    "flights": _flights,
    "flights-search-number": _flights_number,
    "flights-search-city": _flights_city,
    "flights-detail": _flights_detail,
    "flights-stale": _flights_stale,
}
