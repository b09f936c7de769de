"""Every page, and every state worth seeing, rendered to PNG in both languages and orientations."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.app import build_demo_kiosk
from kiosk.services.demo import DEMO_KEEPER_PIN, DEMO_RETURNING_PHONE
from kiosk.store.models import NoticeKind
from kiosk.ui.language import CHINESE, ENGLISH
from kiosk.ui.runtime import application, settle
from kiosk.ui.shell import KioskWindow, ShellModel
from redhome_wire.station_time import STATION_TZ, ManualClock

log = logging.getLogger(__name__)

ORIENTATIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
# A fixed afternoon, so every picture shows the same clock and the same day's counts.
SNAPSHOT_TIME = datetime(2026, 11, 27, 15, 30, tzinfo=STATION_TZ)

State = Callable[[ShellModel, ManualClock], None]


def _type_phone(shell: ShellModel, digits: str) -> None:
    shell.checkin_vm.start()
    for digit in digits:
        shell.checkin_vm.pressDigit(digit)


def _home(shell: ShellModel, clock: ManualClock) -> None:
    shell.goHome()


def _home_large(shell: ShellModel, clock: ManualClock) -> None:
    shell.goHome()
    shell.station_vm.setLargeText(True)


def _station(shell: ShellModel, clock: ManualClock) -> None:
    shell.navigator.go("station")


def _unlock(shell: ShellModel) -> None:
    shell.keeper_access.open_pad()
    for digit in DEMO_KEEPER_PIN:
        shell.keeper_access.pressDigit(digit)
    shell.keeper_access.submit()
    settle(shell)


def _keeper(shell: ShellModel, clock: ManualClock) -> None:
    _unlock(shell)
    shell.openKeeper()


def _keeper_pin(shell: ShellModel, clock: ManualClock) -> None:
    shell.keeper_access.open_pad()
    shell.keeper_access.pressDigit("1")
    shell.keeper_access.pressDigit("2")


def _keeper_pin_wrong(shell: ShellModel, clock: ManualClock) -> None:
    shell.keeper_access.open_pad()
    for digit in "9999":
        shell.keeper_access.pressDigit(digit)
    shell.keeper_access.submit()


def _keeper_menu(shell: ShellModel, clock: ManualClock) -> None:
    _unlock(shell)


def _diagnostics(shell: ShellModel, clock: ManualClock) -> None:
    _unlock(shell)
    shell.openDiagnostics()


def _call_keeper(shell: ShellModel, clock: ManualClock) -> None:
    shell.call_keeper()


def _phone_empty(shell: ShellModel, clock: ManualClock) -> None:
    shell.checkin_vm.start()


def _phone_half(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "138123")


def _phone_error(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "138123456")
    shell.checkin_vm.submitPhone()


def _consent(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "13900001111")
    shell.checkin_vm.submitPhone()


def _work_new(shell: ShellModel, clock: ManualClock) -> None:
    _consent(shell, clock)
    settle(shell)
    shell.checkin_vm.agreeConsent()


def _work_returning(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, DEMO_RETURNING_PHONE)
    shell.checkin_vm.submitPhone()


def _work_other(shell: ShellModel, clock: ManualClock) -> None:
    shell.checkin_vm.start()
    shell.checkin_vm.skipPhone()
    shell.checkin_vm.chooseWork("other")
    shell.checkin_vm.setWorkDetail("代驾")


def _work_missing(shell: ShellModel, clock: ManualClock) -> None:
    shell.checkin_vm.start()
    shell.checkin_vm.skipPhone()
    shell.checkin_vm.confirmWork()


def _purpose(shell: ShellModel, clock: ManualClock) -> None:
    _work_returning(shell, clock)
    settle(shell)
    shell.checkin_vm.confirmWork()


def _done(shell: ShellModel, clock: ManualClock) -> None:
    _purpose(shell, clock)
    settle(shell)
    shell.checkin_vm.choosePurpose("charging")


def _idle_warning(shell: ShellModel, clock: ManualClock) -> None:
    _type_phone(shell, "1381234")
    settle(shell)
    clock.advance(timedelta(seconds=shell.idle_watcher._idle_timeout_s + 3))
    shell.idle_watcher.tick()


def _parking(shell: ShellModel, clock: ManualClock) -> None:
    shell.parking_vm.open()


def _parking_window(shell: ShellModel, clock: ManualClock) -> None:
    shell.parking_vm.open()
    settle(shell)
    shell.parking_vm.startBooking("ev")
    shell.parking_vm.startLater()
    shell.parking_vm.startLater()


def _type_plate(shell: ShellModel, plate: str) -> None:
    for character in plate:
        shell.parking_vm.plateKey(character)


def _parking_plate_province(shell: ShellModel, clock: ManualClock) -> None:
    _parking_window(shell, clock)
    settle(shell)
    shell.parking_vm.confirmWindow()


_plates_used = itertools.count(1)


def _parking_plate_serial(shell: ShellModel, clock: ManualClock) -> None:
    _parking_plate_province(shell, clock)
    _type_plate(shell, "湘AD1")


def _parking_phone(shell: ShellModel, clock: ManualClock) -> None:
    _parking_plate_serial(shell, clock)
    # Each picture books anew; a plate may hold only one bay at a time.
    _type_plate(shell, f"{next(_plates_used):04d}")
    shell.parking_vm.confirmPlate()


def _parking_plate_error(shell: ShellModel, clock: ManualClock) -> None:
    shell.parking_vm.open()
    settle(shell)
    shell.parking_vm.startBooking("car")
    settle(shell)
    shell.parking_vm.confirmWindow()
    _type_plate(shell, "湘AO1234")
    shell.parking_vm.confirmPlate()


def _parking_done(shell: ShellModel, clock: ManualClock) -> None:
    _parking_phone(shell, clock)
    settle(shell)
    shell.parking_vm.skipPhone()


def _parking_arrived(shell: ShellModel, clock: ManualClock) -> None:
    _parking_done(shell, clock)
    settle(shell)
    plate = shell.parking_vm.plate
    shell.parking_vm.finish()
    clock.advance(timedelta(minutes=30))
    shell.parking_vm.open()
    settle(shell)
    shell.parking_vm.startArrival()
    if len(plate) == 8:
        shell.parking_vm.toggleNewEnergy()
    _type_plate(shell, plate)
    shell.parking_vm.confirmPlate()


def _parking_board(shell: ShellModel, clock: ManualClock) -> None:
    shell.parking_vm.open()
    settle(shell)
    shell.parking_vm.openBoard()


def _keeper_parking(shell: ShellModel, clock: ManualClock) -> None:
    _unlock(shell)
    shell.openKeeperPage("keeper.parking")


def _flights(shell: ShellModel, clock: ManualClock) -> None:
    shell.flights_vm.open()


def _flights_number(shell: ShellModel, clock: ManualClock) -> None:
    shell.flights_vm.open()
    settle(shell)
    for character in "CZ33":
        shell.flights_vm.key(character)


def _flights_city(shell: ShellModel, clock: ManualClock) -> None:
    shell.flights_vm.open()
    settle(shell)
    for character in "BJ":
        shell.flights_vm.key(character)


def _flights_detail(shell: ShellModel, clock: ManualClock) -> None:
    _flights_number(shell, clock)
    for character in "92":
        shell.flights_vm.key(character)
    rows = shell.flights_vm.results
    if rows:
        shell.flights_vm.select(rows[0]["key"])


def _flights_stale(shell: ShellModel, clock: ManualClock) -> None:
    clock.advance(timedelta(minutes=45))
    shell.flights_vm.open()


def _setup(shell: ShellModel, clock: ManualClock) -> None:
    shell.navigator.go("setup")
    shell.setup_vm.setField("station", "CSX-01")
    shell.setup_vm.setField("server", "https://county.example/")
    shell.setup_vm.submit()


def _keeper_sync(shell: ShellModel, clock: ManualClock) -> None:
    _unlock(shell)
    shell.openKeeperPage("keeper.sync")


STATES: dict[str, State] = {
    "home": _home,
    "home-large-text": _home_large,
    "station": _station,
    "keeper-pin": _keeper_pin,
    "keeper-pin-wrong": _keeper_pin_wrong,
    "keeper-menu": _keeper_menu,
    "keeper-today": _keeper,
    "keeper-diagnostics": _diagnostics,
    "call-keeper": _call_keeper,
    "keeper-sync": _keeper_sync,
    "setup": _setup,
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
    "flights": _flights,
    "flights-search-number": _flights_number,
    "flights-search-city": _flights_city,
    "flights-detail": _flights_detail,
    "flights-stale": _flights_stale,
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


def _reset(shell: ShellModel, clock: ManualClock, language: str) -> None:
    clock.set(SNAPSHOT_TIME)
    shell.goHome()
    shell.station_vm.setLargeText(False)
    shell.language_controller.set_language(language)
    shell.idle_watcher.touched()


def render_snapshots(out_dir: Path, only: list[str] | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = application()
    clock = ManualClock(SNAPSHOT_TIME)
    kiosk = build_demo_kiosk(clock=clock)
    kiosk.station.add_notice(NoticeKind.DATABASE_QUARANTINED, "kiosk.corrupt-20261126T083000Z.db")
    shell = ShellModel(kiosk)
    window = KioskWindow(shell)
    shell.station_vm.start()
    shell.refresh_capabilities()
    written: list[Path] = []
    try:
        window.window.show()
        for orientation, (width, height) in ORIENTATIONS.items():
            window.window.resize(width, height)
            for language in (CHINESE, ENGLISH):
                for name, state in STATES.items():
                    if only and name not in only:
                        continue
                    _reset(shell, clock, language)
                    settle(shell)
                    state(shell, clock)
                    settle(shell)
                    image: QImage = window.window.grabWindow()
                    path = out_dir / f"{name}-{orientation}-{language}.png"
                    if not image.save(str(path)):
                        raise OSError(f"could not write {path}")
                    written.append(path)
    finally:
        window.close()
        kiosk.close()
        app.processEvents()
    log.info("wrote %d snapshots to %s", len(written), out_dir)
    return written
