"""One view-model's background work: busy while any runs, the last failure kept to be shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.ui.tasks import TaskRunner


class Operations(QObject):
    """Runs service calls for a view-model and tracks what its page needs to show about them."""

    busyChanged = Signal()
    errorChanged = Signal()

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._running = 0
        self.error: BaseException | None = None

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(self, work: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        """Start `work`; a new attempt clears the last failure from the page."""
        self.set_error(None)
        self._running += 1
        if self._running == 1:
            self.busyChanged.emit()

        def finished() -> None:
            self._running -= 1
            if self._running == 0:
                self.busyChanged.emit()

        def succeeded(result: Any) -> None:
            finished()
            on_success(result)

        def failed(error: BaseException) -> None:
            finished()
            self.set_error(error)

        self._tasks.run(work, succeeded, failed)

    def set_error(self, error: BaseException | None) -> None:
        if error is None and self.error is None:
            return
        self.error = error
        self.errorChanged.emit()
