"""The throwaway data dirs of `--demo` runs: `redhome-demo-*` in the temp folder.

A demo removes its folder when it closes. A demo that was killed cannot, so each new demo first
removes the folders of demos that are gone. A running demo holds an exclusive lock on `demo.lock`
in its folder for its whole life; the kernel drops it when the process ends, however it ends, so
the lock cannot be fooled the way a pid file can (a pid is reused). Only folders of this user
whose name has the prefix are looked at.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

DEMO_PREFIX = "redhome-demo-"
LOCK_NAME = "demo.lock"
# A folder without a lock file is a demo's starting this very moment, or one of an older build
# (which took no lock), perhaps still running: it goes only once nothing in it changed for a day.
UNLOCKED_STALE_S = 24 * 60 * 60.0


def _lock(fd: int) -> bool:
    """Take the exclusive lock on an open file without waiting; False if another holds it."""
    if os.name != "posix":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _is_stale(folder: Path, now: float) -> bool:
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        changed = max(path.lstat().st_mtime for path in (folder, *folder.iterdir()))
        return now - changed > UNLOCKED_STALE_S
    try:
        return _lock(fd)  # got it: its demo is gone
    finally:
        os.close(fd)


def remove_stale(base: Path | None = None) -> list[Path]:
    """Remove the demo folders of demos no longer running; what was removed."""
    if os.name != "posix":
        return []  # no flock: a folder in use cannot be told apart, so none is touched
    base = Path(base or tempfile.gettempdir())
    removed: list[Path] = []
    now = time.time()
    for folder in base.glob(f"{DEMO_PREFIX}*"):
        try:
            status = folder.lstat()
            if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
                continue  # a file, a symlink, or somebody else's
            if not _is_stale(folder, now):
                continue
            shutil.rmtree(folder)
        except FileNotFoundError:
            continue  # another demo starting at the same time removed it first
        except OSError as error:
            log.warning("could not remove the old demo folder %s: %s", folder, error)
            continue
        removed.append(folder)
    if removed:
        log.info("removed %d old demo folder(s): %s", len(removed), ", ".join(map(str, removed)))
    return removed


class DemoDir:
    """A demo's own folder, locked while it runs; `remove` at a normal exit."""

    def __init__(self, root: Path, lock_fd: int | None) -> None:
        self.root = root
        self._lock_fd = lock_fd

    @classmethod
    def create(cls, base: Path | None = None) -> DemoDir:
        remove_stale(base)
        root = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX, dir=base))
        fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        if not _lock(fd):  # a fresh folder nobody else can know yet
            os.close(fd)
            raise RuntimeError(f"{root / LOCK_NAME} is locked by another process")
        return cls(root, fd)

    def remove(self) -> None:
        if self._lock_fd is None:
            return
        shutil.rmtree(self.root, ignore_errors=True)
        os.close(self._lock_fd)  # the lock goes last: no sweep sees the folder half-removed
        self._lock_fd = None
