"""Can the station's data dir and database be written right now? Asked while the kiosk is paused
for a full or read-only disk, to know when it may carry on, and shown to the keeper."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.store.errors import StorageProblem, storage_problem

# Below this the kiosk stays paused even if a small write gets through: a station that resumed
# with a few kilobytes left would pause again at the next driver's check-in.
RESUME_FREE_BYTES = 2_000_000
_PROBE_FILE = ".write-probe"
_PROBE_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class StorageHealth:
    data_dir: Path
    free_bytes: int | None  # None: the disk could not even be asked
    problem: StorageProblem | None
    detail: str  # what failed, in the system's words, for the keeper and the log

    @property
    def ok(self) -> bool:
        return self.problem is None


def free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _write_probe_file(folder: Path) -> None:
    probe = folder / _PROBE_FILE
    try:
        with open(probe, "wb") as handle:
            handle.write(b"\0" * _PROBE_BYTES)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        probe.unlink(missing_ok=True)


def _write_database(database: Path) -> None:
    """A real write transaction that changes nothing: the user_version written back as it was
    (it reaches the WAL like any commit, so a full disk or a read-only folder refuses it)."""
    connection = sqlite3.connect(database, timeout=5, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        connection.execute(f"PRAGMA user_version = {int(version)}")
        connection.execute("COMMIT")
    finally:
        connection.close()


def check_storage(data_dir: Path, database: Path) -> StorageHealth:
    """Writes a small file in the data dir and a no-op transaction to the database (if there is
    one yet); never raises."""
    free = free_bytes(data_dir)
    try:
        _write_probe_file(data_dir)
        if database.exists():
            _write_database(database)
    except (OSError, sqlite3.Error) as error:
        problem = storage_problem(error)
        if problem is None:
            problem = StorageProblem.BROKEN
        return StorageHealth(data_dir, free, problem, str(error))
    if free is not None and free < RESUME_FREE_BYTES:
        return StorageHealth(data_dir, free, StorageProblem.FULL, "almost no space left")
    return StorageHealth(data_dir, free, None, "")
