"""What counts as the station's storage failing (a full disk, a read-only or locked data dir, a
damaged database), so the UI can say "could not save" without knowing the database library, and
so a full or read-only disk is told apart from a bug: the kiosk pauses for it instead of crashing.
"""

from __future__ import annotations

import enum
import errno
import sqlite3
from typing import Final

from sqlalchemy.exc import SQLAlchemyError

STORAGE_ERRORS: Final[tuple[type[BaseException], ...]] = (SQLAlchemyError, OSError)


class StorageProblem(enum.StrEnum):
    FULL = "full"  # no space left: the disk, the user's quota or a file size limit
    READ_ONLY = "read_only"  # the data dir or the database may not be written
    BROKEN = "broken"  # the disk answers with input/output errors


# SQLite's primary result codes (the low byte of an extended code, e.g. READONLY_DIRECTORY).
_SQLITE_PROBLEMS: Final[dict[int, StorageProblem]] = {
    13: StorageProblem.FULL,  # SQLITE_FULL
    8: StorageProblem.READ_ONLY,  # SQLITE_READONLY
    3: StorageProblem.READ_ONLY,  # SQLITE_PERM
    14: StorageProblem.READ_ONLY,  # SQLITE_CANTOPEN: the folder refuses the file or its WAL
    10: StorageProblem.BROKEN,  # SQLITE_IOERR
}
# An error made without a result code (by a test, or an older sqlite3 module) still carries
# SQLite's fixed message for it.
_SQLITE_MESSAGES: Final[dict[str, StorageProblem]] = {
    "database or disk is full": StorageProblem.FULL,
    "attempt to write a readonly database": StorageProblem.READ_ONLY,
    "unable to open database file": StorageProblem.READ_ONLY,
    "disk i/o error": StorageProblem.BROKEN,
}
_ERRNO_PROBLEMS: Final[dict[int, StorageProblem]] = {
    errno.ENOSPC: StorageProblem.FULL,
    errno.EDQUOT: StorageProblem.FULL,
    errno.EFBIG: StorageProblem.FULL,
    errno.EROFS: StorageProblem.READ_ONLY,
    errno.EACCES: StorageProblem.READ_ONLY,
    errno.EPERM: StorageProblem.READ_ONLY,
    errno.ENOTDIR: StorageProblem.READ_ONLY,  # a file where the data dir (or a folder in it) goes
    errno.EIO: StorageProblem.BROKEN,
}


class StorageFailure(OSError):
    """The data dir cannot be used for a storage reason, found before anything was changed
    (e.g. the integrity check could not even open the database: that is no corruption)."""

    def __init__(self, problem: StorageProblem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


def _own_problem(error: BaseException) -> StorageProblem | None:
    if isinstance(error, StorageFailure):
        return error.problem
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE_PROBLEMS:
            return _SQLITE_PROBLEMS[code & 0xFF]
        return _SQLITE_MESSAGES.get(str(error).strip().lower())
    if isinstance(error, OSError) and error.errno is not None:
        return _ERRNO_PROBLEMS.get(error.errno)
    return None


def storage_problem(error: BaseException) -> StorageProblem | None:
    """The storage problem behind an error (SQLAlchemy's wrapper, a cause or context included),
    or None when the error is something else, a bug for instance."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        problem = _own_problem(current)
        if problem is not None:
            return problem
        original = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError
        for linked in (original, current.__cause__, current.__context__):
            if isinstance(linked, BaseException):
                pending.append(linked)
    return None
