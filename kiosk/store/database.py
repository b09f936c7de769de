"""Opening the station database: integrity check, quarantine, backup, then migrations.

A database that fails its check is moved aside and kept, never deleted; the kiosk starts on a
fresh one and leaves a notice for the keeper.

Alembic is imported only when a migration has to run. A station that starts on a database
already at head (nearly every start) reads `alembic_version` itself (two one-row queries) and
compares it with the head revision: importing Alembic and reading its scripts would cost ~0.1 s
of start-up for nothing.

The history is one linear chain across the platform's folder (store/migrations/versions) and
each capability's (kiosk/services/<name>/migrations). A revision's id is the four digits its
file name starts with (NNNN_<capability>_<what>.py), so the known revisions and the head are read
from file names alone; tests/unit/test_store.py holds Alembic's view against this one.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.capability import CapabilityRef
from kiosk.paths import PRIVATE_FILE, keep_private, migrations_dir
from kiosk.store.engine import make_engine, make_session_factory
from kiosk.store.errors import StorageFailure, storage_problem
from kiosk.store.models import KeeperNotice, NoticeKind
from kiosk.store.salvage import Salvage, salvage

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

BACKUPS_KEPT = 5

_REVISION_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.py$")


class DatabaseTooNew(RuntimeError):
    """The database was migrated by a newer build; this one must not touch it."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"the database is at schema revision {revision}, which this build does not know; "
            "install the newer build again (nothing was changed)"
        )
        self.revision = revision


@dataclass
class IntegrityResult:
    ok: bool
    detail: str


@dataclass
class OpenedDatabase:
    engine: Engine
    session_factory: sessionmaker[Session]
    quarantined_to: Path | None = None
    backup: Path | None = None
    migrated_from: str | None = None
    migrated_to: str | None = None
    notices: list[NoticeKind] = field(default_factory=list)
    salvage: Salvage | None = None  # what a quarantined database still held, carried over


def check_integrity(db_path: Path, *, thorough: bool = False) -> IntegrityResult:
    """Run SQLite's own check. A file that is not a database at all fails it too.

    A database that cannot even be opened for a storage reason (a read-only folder refusing its
    WAL files, a full disk) raises StorageFailure: that says nothing about the file, and taking
    it for corruption would move a healthy database aside."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return IntegrityResult(True, "new")
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        problem = storage_problem(error)
        if problem is not None:
            raise StorageFailure(problem, str(error)) from error
        return IntegrityResult(False, str(error))
    messages = [str(row[0]) for row in rows]
    if messages == ["ok"]:
        return IntegrityResult(True, "ok")
    return IntegrityResult(False, "; ".join(messages[:5]))


def _companions(db_path: Path) -> list[Path]:
    return [
        db_path,
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
    ]


def quarantine(db_path: Path, now: datetime) -> Path:
    """Move a failing database (with its WAL and SHM files) aside, keeping every byte."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.stem}.corrupt-{stamp}{db_path.suffix}")
    counter = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}.corrupt-{stamp}-{counter}{db_path.suffix}")
        counter += 1
    for source in _companions(db_path):
        if source.exists():
            source.rename(target.with_name(target.name + source.name[len(db_path.name) :]))
    return target


def _registry(capabilities: Iterable[CapabilityRef] | None) -> tuple[CapabilityRef, ...]:
    if capabilities is None:
        from kiosk.capabilities import CAPABILITIES

        return CAPABILITIES
    return tuple(capabilities)


def version_locations(capabilities: Iterable[CapabilityRef] | None = None) -> list[Path]:
    """Every folder of the one linear history: the platform's, then each capability's."""
    folders = [migrations_dir() / "versions"]
    for ref in _registry(capabilities):
        folder = ref.core().migrations
        if folder is not None:
            folders.append(folder)
    return folders


def known_revisions(capabilities: Iterable[CapabilityRef] | None = None) -> list[str]:
    """Every revision id this build knows, oldest first."""
    found = []
    for folder in version_locations(capabilities):
        for name in os.listdir(folder):
            match = _REVISION_FILE.match(name)
            if match:
                found.append(match.group(1))
    return sorted(found)


def head_revision(capabilities: Iterable[CapabilityRef] | None = None) -> str:
    return known_revisions(capabilities)[-1]


def _alembic_config(capabilities: Iterable[CapabilityRef] | None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("path_separator", "os")
    config.set_main_option(
        "version_locations",
        os.pathsep.join(str(folder) for folder in version_locations(capabilities)),
    )
    config.attributes["capabilities"] = _registry(capabilities)
    return config


def read_revision(connection: Connection) -> str | None:
    """What Alembic's MigrationContext.get_current_revision() answers, without Alembic: None
    for a database that was never migrated (no `alembic_version` table, or no row in it)."""
    has_table = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if has_table is None:
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) > 1:  # a branched history: this build never makes one
        raise RuntimeError(f"alembic_version holds {len(rows)} rows; expected one")
    return str(rows[0][0]) if rows else None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return read_revision(connection)


def backup_database(db_path: Path, backups_dir: Path, now: datetime, label: str) -> Path:
    """Copy a live database with SQLite's backup API (consistent even with a WAL)."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / f"{db_path.stem}-{now.strftime('%Y%m%dT%H%M%SZ')}-{label}.db"
    source = sqlite3.connect(db_path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    keep_private(target, PRIVATE_FILE)
    backups = sorted(backups_dir.glob(f"{db_path.stem}-*.db"), key=lambda p: p.stat().st_mtime)
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink()
    return target


def migrate(engine: Engine, capabilities: Iterable[CapabilityRef] | None = None) -> None:
    from alembic import command  # only here: most starts find the database at head

    config = _alembic_config(capabilities)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(
    db_path: Path,
    backups_dir: Path,
    now: datetime,
    capabilities: Iterable[CapabilityRef] | None = None,
) -> OpenedDatabase:
    quarantined_to: Path | None = None
    integrity = check_integrity(db_path)
    if not integrity.ok:
        quarantined_to = quarantine(db_path, now)
        log.error(
            "database failed its check (%s); moved aside to %s", integrity.detail, quarantined_to
        )

    engine = make_engine(db_path)
    before = current_revision(engine)
    known = known_revisions(capabilities)
    head = known[-1]
    if before is not None and before not in known:
        # An older build on a newer database: refuse before anything writes to it.
        engine.dispose()
        raise DatabaseTooNew(before)
    backup: Path | None = None
    if before is not None and before != head:
        backup = backup_database(db_path, backups_dir, now, f"before-{head}")
        log.info("backed up database to %s before migrating %s -> %s", backup, before, head)
    if before != head:
        migrate(engine, capabilities)

    for path in _companions(db_path):
        if path.exists():
            keep_private(path, PRIVATE_FILE)
    session_factory = make_session_factory(engine)
    opened = OpenedDatabase(
        engine=engine,
        session_factory=session_factory,
        quarantined_to=quarantined_to,
        backup=backup,
        migrated_from=before,
        migrated_to=head if before != head else None,
    )
    if quarantined_to is not None:
        saved = salvage(quarantined_to, engine)
        lost = "?" if saved.ops_lost is None else str(saved.ops_lost)
        with session_factory() as session:
            session.add(
                KeeperNotice(
                    kind=NoticeKind.DATABASE_QUARANTINED,
                    detail=quarantined_to.name,
                    created_at=now,
                )
            )
            session.add(
                KeeperNotice(
                    kind=NoticeKind.DATABASE_SALVAGED,
                    detail=f"{saved.ops_recovered} {lost}",
                    created_at=now,
                )
            )
            session.commit()
        opened.salvage = saved
        opened.notices += [NoticeKind.DATABASE_QUARANTINED, NoticeKind.DATABASE_SALVAGED]
    return opened
