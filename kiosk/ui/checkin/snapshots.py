"""Check-in's states worth a picture (python -m kiosk --snapshot)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from kiosk.services.checkin.demo import DEMO_RETURNING_PHONE
from kiosk.ui.capability import SnapshotState
from kiosk.ui.checkin.viewmodel import CheckInViewModel
from kiosk.ui.runtime import settle

if TYPE_CHECKING:
    from kiosk.ui.shell import ShellModel
    from redhome_wire.station_time import ManualClock


def _vm(shell: ShellModel) -> CheckInViewModel:
    view_model = shell.view_model("checkIn")
    assert isinstance(view_model, CheckInViewModel)
    return view_model


def _type_phone(shell: ShellModel, digits: str) -> None:
    _vm(shell).start()
    for digit in digits:
        _vm(shell).pressDigit(digit)


def _phone_empty(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).start()


def _phone_half(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "138123")


def _phone_error(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "138123456")
    _vm(shell).submitPhone()


def _consent(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "13900001111")
    _vm(shell).submitPhone()


def _work_new(shell: ShellModel, clock: ManualClock) -> None:
    _consent(shell, clock)
    settle(shell)
    _vm(shell).agreeConsent()


def _work_returning(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, DEMO_RETURNING_PHONE)
    _vm(shell).submitPhone()


def _work_other(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).start()
    _vm(shell).skipPhone()
    _vm(shell).chooseWork("other")
    _vm(shell).setWorkDetail("代驾")


def _work_missing(shell: ShellModel, clock: ManualClock) -> None:
    _vm(shell).start()
    _vm(shell).skipPhone()
    _vm(shell).confirmWork()


def _purpose(shell: ShellModel, clock: ManualClock) -> None:
    _work_returning(shell, clock)
    settle(shell)
    _vm(shell).confirmWork()


def _done(shell: ShellModel, clock: ManualClock) -> None:
    _purpose(shell, clock)
    settle(shell)
    _vm(shell).choosePurpose("charging")


def _idle_warning(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "1381234")
    settle(shell)
    clock.advance(timedelta(seconds=shell.idle_watcher.idle_timeout_s + 3))
    shell.idle_watcher.tick()


SNAPSHOT_STATES: dict[str, SnapshotState] = {
    "checkin-phone": _phone_empty,
    "checkin-phone-half-typed": _phone_half,
    "checkin-phone-error": _phone_error,
    "checkin-consent": _consent,
    "checkin-work-new": _work_new,
    "checkin-work-returning": _work_returning,
    "checkin-work-other": _work_other,
    "checkin-work-error": _work_missing,
    "checkin-purpose": _purpose,
    "checkin-done": _done,
    "idle-warning": _idle_warning,
}
