"""Whether the station's data dir can take writes again, and how much room it has left: for the
line a full or read-only disk prints, and for the paused screen that waits for the disk."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Final

from kiosk.store.errors import StorageFailure, StorageProblem, storage_problem

# Enough for a check-in and its outbox row many times over; below it the kiosk would pause
# again at the next driver, so it stays paused until the keeper has freed more.
MIN_FREE_BYTES: Final = 5_000_000
# Written, flushed to the disk and removed: as much as a burst of check-ins adds to the WAL.
PROBE_BYTES: Final = 256 * 1024
PROBE_NAME: Final = ".write-probe"
# SQLite's files beside the database: each must take writes, not only the folder.
_DATABASE_SUFFIXES: Final = ("", "-wal", "-shm")


def size_text(size: int) -> str:
    """A disk size for a person: MB with one decimal, whole GB from 10 GB up."""
    if size >= 10_000_000_000:
        return f"{size / 1_000_000_000:.0f} GB"
    return f"{size / 1_000_000:.1f} MB"


def free_bytes(folder: Path) -> int | None:
    """None when the disk cannot even be asked."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def probe_writes(root: Path, database: Path) -> None:
    """Raise StorageFailure unless the data dir and the database take writes and have room.

    A real write, flushed and removed, because only the kernel knows about quotas, file size
    limits and read-only mounts; permission bits alone would pass root on a read-only mount.
    """
    if not root.is_dir():
        raise StorageFailure(StorageProblem.READ_ONLY, f"{root} is not a folder")
    probe = root / PROBE_NAME
    try:
        with open(probe, "wb") as file:
            file.write(b"\0" * PROBE_BYTES)
            file.flush()
            os.fsync(file.fileno())
        for suffix in _DATABASE_SUFFIXES:
            part = database.with_name(database.name + suffix)
            if part.exists():
                # Opened for writing, nothing written: a read-only file refuses the open.
                with open(part, "r+b"):
                    pass
    except OSError as error:
        problem = storage_problem(error) or StorageProblem.BROKEN
        raise StorageFailure(problem, f"{error.strerror or error}: {error.filename}") from error
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    free = free_bytes(root)
    if free is not None and free < MIN_FREE_BYTES:
        raise StorageFailure(StorageProblem.FULL, f"only {free} bytes free in {root}")
