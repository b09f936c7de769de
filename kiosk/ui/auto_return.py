"""A confirmation page counts down, then goes home by itself (UI.md: a few seconds)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot


class AutoReturn(QObject):
    secondsChanged = Signal()

    def __init__(self, seconds: int, on_done: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._full = seconds
        self._left = seconds
        self._on_done = on_done
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @Property(int, notify=secondsChanged)
    def seconds(self) -> int:
        return self._left

    def start(self) -> None:
        self._left = self._full
        self._timer.start()
        self.secondsChanged.emit()

    def stop(self) -> None:
        self._timer.stop()
        if self._left != self._full:
            self._left = self._full
            self.secondsChanged.emit()

    @Slot()
    def tick(self) -> None:
        self._left = max(0, self._left - 1)
        self.secondsChanged.emit()
        if self._left == 0:
            self._timer.stop()
            self._on_done()
