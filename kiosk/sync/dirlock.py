"""An exclusive lock on a station's data dir for one sync round, across processes.

The GUI's sync loop and `python -m kiosk sync` may run on one data dir at once; two rounds
pushing and pulling together would trip over each other's rows. Each round holds an OS lock on
`sync.lock` in the data dir (flock on POSIX, msvcrt on Windows): the lock goes with the process,
so a killed sync never leaves it stuck.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType

from kiosk.sync.errors import SyncError, SyncReason

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class DirLock:
    """`with DirLock(path, wait_s):` holds the lock, or raises SyncError(ALREADY_RUNNING)."""

    def __init__(self, path: Path, wait_s: float = 5.0, poll_s: float = 0.05) -> None:
        self._path = path
        self._wait_s = wait_s
        self._poll_s = poll_s
        self._fd: int | None = None

    def __enter__(self) -> DirLock:
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            detail = f"cannot open {self._path.name}: {error}"
            raise SyncError(SyncReason.LOCAL_STORAGE, detail) from None
        deadline = time.monotonic() + self._wait_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise SyncError(SyncReason.ALREADY_RUNNING, "another sync holds this data dir")
            time.sleep(self._poll_s)
        self._fd = fd
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)
