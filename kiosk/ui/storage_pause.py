"""A full or read-only disk pauses the kiosk instead of crashing it.

Drivers see one calm screen that sends them to the keeper; the keeper sees, on the same screen,
where the data lives, how much room is left, what failed and what to do. Every so often the
kiosk tries a real write again and carries on by itself once the disk takes it. The process stays
up the whole time and keeps answering the service manager's watchdog, so systemd does not restart
it in a loop (the disk would be just as full after each restart).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    Property,
    QCoreApplication,
    QEventLoop,
    QObject,
    QTimer,
    Signal,
    Slot,
)

from kiosk.config import Settings, load_settings
from kiosk.paths import resources_dir
from kiosk.store.errors import StorageProblem, storage_problem
from kiosk.store.health import free_bytes, size_text
from kiosk.ui.language import LanguageController
from kiosk.ui.qml_window import load_qml_window
from kiosk.ui.tasks import TaskRunner
from redhome_wire.station_time import STATION_TZ, Clock

log = logging.getLogger(__name__)

DETAIL_CHARS = 300


class StoragePause(QObject):
    changed = Signal()
    resumed = Signal()
    # One line for the service manager's status (systemctl status), e.g. "paused: full in ...".
    statusChanged = Signal(str)

    def __init__(
        self,
        data_dir: Path,
        probe: Callable[[], None],
        clock: Clock,
        retry_s: int,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._probe = probe
        self._clock = clock
        self._retry_s = retry_s
        # Its own thread: a disk that hangs on a write holds up the probe, never a driver's tap.
        self._tasks = TaskRunner(self)
        self._paused = False
        self._probing = False
        self._details_shown = False
        self._problem = StorageProblem.BROKEN
        self._detail = ""
        self._free: int | None = None
        self._last_tried: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(retry_s * 1000)
        self._timer.timeout.connect(self.retryNow)
        language.languageChanged.connect(self.changed)

    def enter(self, error: BaseException) -> None:
        """Pause for this error (a full or read-only disk), or update why the kiosk is paused."""
        self._problem = storage_problem(error) or StorageProblem.BROKEN
        self._detail = (str(error).splitlines() or [type(error).__name__])[0][:DETAIL_CHARS]
        self._last_tried = self._clock.now()
        # Asked off the UI thread: a failing disk may take its time to answer even that.
        folder = self._data_dir
        self._tasks.run(lambda: free_bytes(folder), self._free_found, lambda _error: None)
        if not self._paused:
            log.error("storage failed, kiosk paused: %s: %s", self._problem.value, self._detail)
            self._paused = True
            self._timer.start()
        self._status(f"paused: {self._problem.value} in {self._data_dir}: {self._detail}")
        self.changed.emit()

    def _free_found(self, free: int | None) -> None:
        self._free = free
        self.changed.emit()

    def consider(self, error: BaseException) -> bool:
        """Pause if the error is the disk's; True if it was."""
        if storage_problem(error) is None:
            return False
        self.enter(error)
        return True

    @Slot()
    def retryNow(self) -> None:
        if self._paused:
            self.check()

    def check(self) -> None:
        """Try a write now (e.g. after sync could not save): pause if it fails, resume if it
        works."""
        if self._probing:
            return
        self._probing = True
        self.changed.emit()
        self._tasks.run(self._probe, self._probe_passed, self._probe_failed)

    def _probe_passed(self, _result: object) -> None:
        self._probing = False
        if not self._paused:
            self.changed.emit()
            return
        self._paused = False
        self._details_shown = False
        self._timer.stop()
        log.info("storage takes writes again; kiosk resumed")
        self._status("running")
        self.changed.emit()
        self.resumed.emit()

    def _probe_failed(self, error: BaseException) -> None:
        self._probing = False
        if storage_problem(error) is None:
            log.error("storage probe failed", exc_info=error)
        self.enter(error)

    def _status(self, text: str) -> None:
        self.statusChanged.emit(text)

    @property
    def busy(self) -> bool:
        """A write probe or a free-space question still out (snapshots wait for it)."""
        return self._tasks.busy

    def shutdown(self) -> None:
        self._timer.stop()
        self._tasks.wait_for_done()

    # --- what QML binds to -----------------------------------------------------------------

    @Property(bool, notify=changed)
    def paused(self) -> bool:
        return self._paused

    @Property(bool, notify=changed)
    def detailsShown(self) -> bool:
        """The keeper's part of the screen is open."""
        return self._details_shown

    @Slot()
    def showDetails(self) -> None:
        self._details_shown = True
        self.changed.emit()

    @Property(bool, notify=changed)
    def probing(self) -> bool:
        return self._probing

    @Property(int, constant=True)
    def retrySeconds(self) -> int:
        return self._retry_s

    @Property(str, notify=changed)
    def problem(self) -> str:
        return self._problem.value

    @Property(str, notify=changed)
    def headline(self) -> str:
        match self._problem:
            case StorageProblem.FULL:
                return QCoreApplication.translate("StoragePause", "The disk is full.")
            case StorageProblem.READ_ONLY:
                return QCoreApplication.translate(
                    "StoragePause", "The data folder cannot be written."
                )
            case _:
                return QCoreApplication.translate(
                    "StoragePause", "The disk fails to read or write."
                )

    @Property(str, notify=changed)
    def whatToDo(self) -> str:
        match self._problem:
            case StorageProblem.FULL:
                return QCoreApplication.translate(
                    "StoragePause",
                    "Free some space on this terminal's disk, or call the technician. "
                    "The kiosk carries on by itself once there is room.",
                )
            case StorageProblem.READ_ONLY:
                return QCoreApplication.translate(
                    "StoragePause",
                    "Call the technician: the data folder must be writable for the kiosk "
                    "(check the disk is mounted read-write and the folder's owner).",
                )
            case _:
                return QCoreApplication.translate(
                    "StoragePause",
                    "Call the technician: the disk may be failing. Do not switch the "
                    "terminal off before the technician has looked.",
                )

    @Property(str, notify=changed)
    def dataDir(self) -> str:
        return str(self._data_dir)

    @Property(str, notify=changed)
    def freeSpace(self) -> str:
        if self._free is None:
            return QCoreApplication.translate("StoragePause", "unknown")
        return size_text(self._free)

    @Property(str, notify=changed)
    def detail(self) -> str:
        return self._detail

    @Property(str, notify=changed)
    def lastTried(self) -> str:
        if self._last_tried is None:
            return ""
        return self._last_tried.astimezone(STATION_TZ).strftime("%H:%M:%S")


def _readable_settings(data_dir: Path) -> Settings:
    """The station's settings if its file can still be read; the defaults otherwise."""
    try:
        return load_settings(data_dir / "station.toml")
    except (OSError, ValueError) as error:
        log.warning("station settings not readable while paused, defaults used: %s", error)
        return Settings()


class PausedWindow:
    """The paused screen as a window of its own, for a kiosk that could not start on its disk.
    The QGuiApplication must already exist."""

    def __init__(
        self,
        error: BaseException,
        data_dir: Path,
        probe: Callable[[], None],
        clock: Clock,
        *,
        retry_s: int | None = None,
    ) -> None:
        settings = _readable_settings(data_dir)
        self.language = LanguageController(resources_dir() / "i18n", settings.language)
        self.pause = StoragePause(
            data_dir, probe, clock, retry_s or settings.storage_retry_s, self.language
        )
        self.engine, self.window = load_qml_window(
            "Paused.qml", {"pause": self.pause, "language": self.language}, self.language
        )
        self.pause.enter(error)

    def wait(self) -> bool:
        """Run until a write works (True) or the window is closed (False)."""
        loop = QEventLoop()
        self.pause.resumed.connect(loop.quit)
        self.window.closing.connect(loop.quit)
        if self.pause.paused and self.window.isVisible():
            loop.exec()
        return not self.pause.paused

    def close(self) -> None:
        self.pause.shutdown()
        self.language.attach_engine(None)
        self.window.close()
        del self.window
        del self.engine
