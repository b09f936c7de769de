"""Going back home when a driver walks away: a warning, a countdown, then a clean slate."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from redhome_wire.station_time import Clock

_ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Counts idle time on the injected clock, so tests can run it out without sleeping."""

    warningChanged = Signal()
    secondsLeftChanged = Signal()
    timedOut = Signal()

    def __init__(
        self,
        clock: Clock,
        idle_timeout_s: int,
        countdown_s: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.idle_timeout_s = idle_timeout_s
        self._countdown_s = countdown_s
        self._last_activity: datetime = clock.now()
        self._armed = False
        self._warning = False
        self._seconds_left = countdown_s
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Property(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._warning

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    def set_armed(self, armed: bool) -> None:
        """Only a page away from home has anything to reset."""
        self._armed = armed
        self.touched()

    @Slot()
    def touched(self) -> None:
        self._last_activity = self._clock.now()
        self._set_warning(False, self._countdown_s)

    @Slot()
    def tick(self) -> None:
        if not self._armed:
            return
        idle = (self._clock.now() - self._last_activity).total_seconds()
        if idle < self.idle_timeout_s:
            self._set_warning(False, self._countdown_s)
            return
        left = max(0, int(self.idle_timeout_s + self._countdown_s - idle + 0.999))
        if left == 0:
            self._set_warning(False, self._countdown_s)
            self._last_activity = self._clock.now()
            self.timedOut.emit()
            return
        self._set_warning(True, left)

    def _set_warning(self, warning: bool, seconds_left: int) -> None:
        if seconds_left != self._seconds_left:
            self._seconds_left = seconds_left
            self.secondsLeftChanged.emit()
        if warning != self._warning:
            self._warning = warning
            self.warningChanged.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self.touched()
        return False
