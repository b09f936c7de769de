"""What a technician needs to see when something is wrong: versions, database, keyring, disk."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.store.database import check_integrity, current_revision
from kiosk.store.outbox import pending_count
from kiosk.store.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class LocalDiagnostics:
    version: str
    schema_revision: str | None
    database_ok: bool
    database_detail: str
    database_bytes: int
    outbox_pending: int
    keyring_backend: str
    free_disk_bytes: int
    data_dir: str


def _size_with_companions(db_path: Path) -> int:
    return sum(
        path.stat().st_size
        for path in (db_path, db_path.with_name(db_path.name + "-wal"))
        if path.exists()
    )


def collect_local(
    db_path: Path, uow_factory: UnitOfWorkFactory, keyring_backend: str
) -> LocalDiagnostics:
    """Runs the full integrity check: for the diagnostics page, off the UI thread."""
    integrity = check_integrity(db_path, thorough=True)
    with uow_factory() as uow:
        pending = pending_count(uow.session)
        revision = current_revision(uow.session.get_bind().engine)
    return LocalDiagnostics(
        version=__version__,
        schema_revision=revision,
        database_ok=integrity.ok,
        database_detail=integrity.detail,
        database_bytes=_size_with_companions(db_path),
        outbox_pending=pending,
        keyring_backend=keyring_backend,
        free_disk_bytes=shutil.disk_usage(db_path.parent).free,
        data_dir=str(db_path.parent),
    )


# Where a USB stick shows up on the kiosk's Linux (udisks, cage sessions) and on Windows.
_MOUNT_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))


def export_targets(roots: tuple[Path, ...] = _MOUNT_ROOTS) -> list[Path]:
    """Writable folders where removable media is mounted, for the log export."""
    found: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for candidate in sorted(root.glob("*")) + sorted(root.glob("*/*")):
            if candidate.is_dir() and candidate.is_mount() and os.access(candidate, os.W_OK):
                found.append(candidate)
    return found
