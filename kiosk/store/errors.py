"""What counts as the station's storage failing (a full disk, a locked or damaged database), so
the UI can say "could not save" without knowing the database library."""

from __future__ import annotations

from typing import Final

from sqlalchemy.exc import SQLAlchemyError

STORAGE_ERRORS: Final[tuple[type[BaseException], ...]] = (SQLAlchemyError, OSError)
