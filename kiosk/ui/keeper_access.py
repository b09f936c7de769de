"""The keeper's way in: a hidden gesture, a PIN pad that locks after misses, an unlocked state.

Drivers never see any of it. Five taps in the top-left corner within three seconds open the pad;
the right PIN unlocks the keeper's menu (and lets the window close) until the kiosk goes home.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta

from PySide6.QtCore import Property, QCoreApplication, QEvent, QObject, Signal, Slot
from PySide6.QtGui import QMouseEvent, QTouchEvent, QWindow

from kiosk.services.keeper_pin import PIN_MAX_DIGITS, KeeperPin, PinError
from kiosk.ui.digits import DigitBuffer
from kiosk.ui.messages import describe_pin_error
from kiosk.ui.navigation import Navigator
from kiosk.ui.tasks import TaskRunner
from redhome_wire.station_time import Clock

GESTURE_TAPS = 5
GESTURE_WINDOW = timedelta(seconds=3)
# The corner is a share of the window's shorter side, so it is the same size on every screen.
CORNER_SHARE = 0.12

PAGE_PIN = "keeper.pin"
PAGE_MENU = "keeper.menu"


class KeeperAccess(QObject):
    changed = Signal()

    def __init__(
        self,
        pin: KeeperPin,
        tasks: TaskRunner,
        navigator: Navigator,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pin = pin
        self._tasks = tasks
        self._nav = navigator
        self._clock = clock
        self._taps: deque[datetime] = deque(maxlen=GESTURE_TAPS)
        self._pin_pad = DigitBuffer(PIN_MAX_DIGITS)
        self._error = ""
        self._unlocked = False
        self._checking = False
        self._shutting_down = False

    # --- the hidden gesture -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWindow):
            position = None
            if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
                position = event.position()
            elif event.type() == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
                points = event.points()
                position = points[0].position() if points else None
            if position is not None:
                corner = min(watched.width(), watched.height()) * CORNER_SHARE
                if position.x() <= corner and position.y() <= corner:
                    self.corner_tapped()
        return False

    def corner_tapped(self) -> None:
        now = self._clock.now()
        self._taps.append(now)
        if len(self._taps) == GESTURE_TAPS and now - self._taps[0] <= GESTURE_WINDOW:
            self._taps.clear()
            self.open_pad()

    def open_pad(self) -> None:
        self._pin_pad.clear()
        self._error = ""
        self.changed.emit()
        if self._unlocked:
            self._nav.go(PAGE_MENU)
        else:
            self._nav.go(PAGE_PIN)

    # --- the PIN pad ------------------------------------------------------------------------

    @Property(int, notify=changed)
    def digitsEntered(self) -> int:
        return len(self._pin_pad)

    @Property(str, notify=changed)
    def errorText(self) -> str:
        return self._error

    @Property(bool, notify=changed)
    def checking(self) -> bool:
        return self._checking

    @Property(bool, notify=changed)
    def unlocked(self) -> bool:
        return self._unlocked

    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        if self._pin_pad.press(digit):
            self._error = ""
            self.changed.emit()

    @Slot()
    def backspace(self) -> None:
        self._pin_pad.backspace()
        self.changed.emit()

    @Slot()
    def clear(self) -> None:
        self._pin_pad.clear()
        self.changed.emit()

    @Slot()
    def submit(self) -> None:
        if self._checking:
            return
        entered = self._pin_pad.take()
        self._checking = True
        self.changed.emit()
        self._tasks.run(lambda: self._pin.verify(entered), self._accepted, self._refused)

    def _accepted(self, _result: object) -> None:
        self._checking = False
        self._unlocked = True
        self._error = ""
        self.changed.emit()
        self._nav.go(PAGE_MENU)

    def _refused(self, error: BaseException) -> None:
        self._checking = False
        if isinstance(error, PinError):
            self._error = describe_pin_error(error)
        else:
            self._error = QCoreApplication.translate("Keeper", "Could not check the PIN.")
        self.changed.emit()

    @property
    def may_close(self) -> bool:
        return self._unlocked or self._shutting_down

    def allow_close(self) -> None:
        """The app itself is shutting down (the keeper chose Exit, or the service stops)."""
        self._shutting_down = True

    @Slot()
    def lock(self) -> None:
        if self._unlocked or len(self._pin_pad):
            self._unlocked = False
            self._pin_pad.clear()
            self.changed.emit()
