"""Every page, and every state worth seeing, rendered to PNG in both languages and orientations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow
from sqlalchemy.exc import OperationalError

from kiosk.app import build_demo_kiosk
from kiosk.services.demo import DEMO_KEEPER_PIN
from kiosk.store.models import NoticeKind
from kiosk.ui.capability import SnapshotState
from kiosk.ui.language import CHINESE, ENGLISH
from kiosk.ui.runtime import application, settle
from kiosk.ui.shell import KioskWindow, ShellModel
from redhome_wire.station_time import STATION_TZ, ManualClock

log = logging.getLogger(__name__)

ORIENTATIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
# Normal text, then large text (UI.md: a page is checked in eight variants).
TEXT_SIZES = (False, True)
# A fixed afternoon, so every picture shows the same clock and the same day's counts.
SNAPSHOT_TIME = datetime(2026, 11, 27, 15, 30, tzinfo=STATION_TZ)


def _home(shell: ShellModel, clock: ManualClock) -> None:
    shell.goHome()


def _home_large(shell: ShellModel, clock: ManualClock) -> None:
    shell.goHome()
    shell.station_vm.setLargeText(True)


def _station(shell: ShellModel, clock: ManualClock) -> None:
    shell.navigator.go("station")


def unlock_keeper(shell: ShellModel) -> None:
    """Open the keeper's menu with the demo's PIN, as a keeper would."""
    shell.keeper_access.open_pad()
    for digit in DEMO_KEEPER_PIN:
        shell.keeper_access.pressDigit(digit)
    shell.keeper_access.submit()
    settle(shell)


def _keeper(shell: ShellModel, clock: ManualClock) -> None:
    unlock_keeper(shell)
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
    unlock_keeper(shell)


def _diagnostics(shell: ShellModel, clock: ManualClock) -> None:
    unlock_keeper(shell)
    shell.openDiagnostics()


def _call_keeper(shell: ShellModel, clock: ManualClock) -> None:
    shell.call_keeper()


def _setup(shell: ShellModel, clock: ManualClock) -> None:
    shell.navigator.go("setup")
    shell.setup_vm.setField("station", "CSX-01")
    shell.setup_vm.setField("server", "https://county.example/")
    shell.setup_vm.submit()


def _keeper_sync(shell: ShellModel, clock: ManualClock) -> None:
    unlock_keeper(shell)
    shell.openKeeperPage("keeper.sync")


def _storage_paused(shell: ShellModel, clock: ManualClock) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    shell.storage_pause.enter(OperationalError("INSERT INTO visits", {}, full))


def _storage_paused_keeper(shell: ShellModel, clock: ManualClock) -> None:
    _storage_paused(shell, clock)
    shell.storage_pause.showDetails()


PLATFORM_STATES: dict[str, SnapshotState] = {
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
    "storage-paused": _storage_paused,
    "storage-paused-keeper": _storage_paused_keeper,
}


def snapshot_states(shell: ShellModel) -> dict[str, SnapshotState]:
    """The platform's states, then each capability's, in registry order."""
    states = dict(PLATFORM_STATES)
    for built in shell.capabilities.values():
        declared = built.ui.snapshot_states
        for name, state in (declared() if declared is not None else {}).items():
            if name in states:
                raise ValueError(f"two snapshot states are called {name!r}")
            states[name] = state
    return states


@dataclass(frozen=True)
class Variant:
    """One of the eight ways a page is looked at."""

    orientation: str
    language: str
    large_text: bool

    @property
    def name(self) -> str:
        """landscape-zh_CN, portrait-en-large, ...: the end of each picture's file name."""
        return f"{self.orientation}-{self.language}" + ("-large" if self.large_text else "")


# Called with each state's name and variant once the window shows it (the layout check).
Visitor = Callable[[str, Variant, QQuickWindow], None]


def _reset(shell: ShellModel, clock: ManualClock, variant: Variant) -> None:
    clock.set(SNAPSHOT_TIME)
    # A real write on the demo's disk, which has room: the kiosk carries on.
    shell.storage_pause.retryNow()
    settle(shell)
    shell.goHome()
    shell.station_vm.setLargeText(variant.large_text)
    shell.language_controller.set_language(variant.language)
    shell.idle_watcher.touched()


def render_snapshots(
    out_dir: Path | None,
    only: list[str] | None = None,
    *,
    text_sizes: Sequence[bool] = TEXT_SIZES,
    visit: Visitor | None = None,
) -> list[Path]:
    """Every state in every variant, in one pass: each written to out_dir as PNG (unless None)
    and handed to visit (if given) while the window shows it."""
    if out_dir is not None:
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
                for large_text in text_sizes:
                    variant = Variant(orientation, language, large_text)
                    for name, state in snapshot_states(shell).items():
                        if only and name not in only:
                            continue
                        _reset(shell, clock, variant)
                        settle(shell)
                        state(shell, clock)
                        settle(shell)
                        # Rendering also polishes the layouts: the checker needs it as well.
                        image: QImage = window.window.grabWindow()
                        if out_dir is not None:
                            path = out_dir / f"{name}-{variant.name}.png"
                            if not image.save(str(path)):
                                raise OSError(f"could not write {path}")
                            written.append(path)
                        if visit is not None:
                            visit(name, variant, window.window)
    finally:
        window.close()
        kiosk.close()
        app.processEvents()
    if out_dir is not None:
        log.info("wrote %d snapshots to %s", len(written), out_dir)
    return written
