"""Runs service calls off the UI thread and hands their results back on it.

One worker thread: the local database sees its writes in the order the driver made them.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

SuccessHandler = Callable[[Any], None]
FailureHandler = Callable[[BaseException], None]


class _Relay(QObject):
    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._job_id = job_id
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the UI thread, which decides what to say
            self._relay.finished.emit(self._job_id, False, error)
        else:
            self._relay.finished.emit(self._job_id, True, result)


class TaskRunner(QObject):
    busyChanged = Signal()
    # Every failure, after its own handler: the shell watches for the disk failing.
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._handlers: dict[int, tuple[SuccessHandler, FailureHandler]] = {}
        self._ids = itertools.count(1)

    @property
    def busy(self) -> bool:
        return bool(self._handlers)

    def run(
        self,
        work: Callable[[], Any],
        on_success: SuccessHandler,
        on_failure: FailureHandler,
    ) -> None:
        job_id = next(self._ids)
        was_busy = self.busy
        self._handlers[job_id] = (on_success, on_failure)
        if not was_busy:
            self.busyChanged.emit()
        self._pool.start(_Job(job_id, work, self._relay))

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, outcome: object) -> None:
        on_success, on_failure = self._handlers.pop(job_id)
        try:
            if ok:
                on_success(outcome)
            else:
                assert isinstance(outcome, BaseException)
                on_failure(outcome)
                self.failed.emit(outcome)
        finally:
            if not self.busy:
                self.busyChanged.emit()

    def wait_for_done(self, timeout_ms: int = 10_000) -> bool:
        """Block until queued work has run (shutdown, snapshots and the command line only)."""
        return self._pool.waitForDone(timeout_ms)
