"""An unhandled error sends the kiosk home instead of killing it; repeated ones call the keeper."""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from types import TracebackType

from redhome_wire.station_time import Clock

log = logging.getLogger(__name__)

REPEATS = 3
WITHIN = timedelta(minutes=10)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashGuard:
    def __init__(
        self, clock: Clock, go_home: Callable[[], None], call_keeper: Callable[[], None]
    ) -> None:
        self._clock = clock
        self._go_home = go_home
        self._call_keeper = call_keeper
        self._recent: deque[datetime] = deque(maxlen=REPEATS)
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            if self._previous is not None:
                self._previous(kind, error, traceback)
            return
        log.critical("unhandled error; going home", exc_info=(kind, error, traceback))
        now = self._clock.now()
        self._recent.append(now)
        try:
            if len(self._recent) == REPEATS and now - self._recent[0] <= WITHIN:
                self._call_keeper()
            else:
                self._go_home()
        except Exception:
            log.exception("could not recover from the error")
