"""Python's cyclic garbage collector held off while a push batch is being prepared and answered.

A batch of thousands of operations makes thousands of short-lived objects (rows, the answer's
models); the collector counts them and every few batches walks the whole heap (Qt wrappers,
SQLAlchemy, pydantic: well over 100,000 objects), holding the GIL, so the UI thread waits too.
These objects hold no reference cycles: reference counting frees them when the batch is done,
so pausing the collector keeps nothing alive. It runs again as soon as no batch is in flight;
overlapping pauses share one, and a collector that was already off stays off.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType


class CollectorPause:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._resume:
                gc.enable()


collector_paused = CollectorPause()
