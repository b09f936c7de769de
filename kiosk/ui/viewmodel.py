"""The base of every capability's view-models: work off the UI thread, the last failure in
words, enter and leave hooks, and the one reset the shell calls before the next driver."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal

from kiosk.ui.messages import describe
from kiosk.ui.operations import Operations
from kiosk.ui.tasks import TaskRunner


class ViewModel(QObject):
    busyChanged = Signal()
    errorChanged = Signal()

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = Operations(tasks, self)
        self._ops.busyChanged.connect(self.busyChanged)
        self._ops.errorChanged.connect(self.errorChanged)

    @Property(str, notify=errorChanged)
    def errorText(self) -> str:
        return describe(self._ops.error) if self._ops.error is not None else ""

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        return self._ops.busy

    def enter(self, page: str) -> None:
        """One of this view-model's pages is now shown (refresh what it reads)."""

    def leave(self) -> None:
        """None of its pages is shown any more."""

    def reset(self) -> None:
        """Forget everything of the driver before: fields, choices, the last failure. The
        shell calls it on home, on the idle timeout and when the keeper is called."""
        self._ops.set_error(None)
