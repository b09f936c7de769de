import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from kiosk.capabilities import CAPABILITIES
from kiosk.store.database import (
    DatabaseTooNew,
    _alembic_config,
    backup_database,
    check_integrity,
    current_revision,
    head_revision,
    known_revisions,
    open_database,
    version_locations,
)
from kiosk.store.models import KeeperNotice, NoticeKind
from kiosk.store.schema import schema_metadata
from kiosk.store.types import UtcDateTime

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def test_an_empty_database_migrates_to_head_and_matches_the_models(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW)
    try:
        assert opened.migrated_from is None
        assert current_revision(opened.engine) == head_revision()
        tables = set(inspect(opened.engine).get_table_names())
        assert {"drivers", "visits", "outbox", "station_profile", "keeper_notices"} <= tables
        with opened.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, schema_metadata())
        assert differences == []
    finally:
        opened.engine.dispose()


def test_the_revisions_read_from_file_names_are_alembics_one_linear_history() -> None:
    """open_database trusts file names instead of importing Alembic; capabilities built close
    together must not fork the history (two heads) or reuse a number."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config(None))
    assert scripts.get_heads() == [head_revision()], "more than one head: rebase the newer one"
    oldest_first = [script.revision for script in scripts.walk_revisions()][::-1]
    assert oldest_first == known_revisions()
    for script in scripts.walk_revisions():
        assert script.path is not None
        assert Path(script.path).name.startswith(script.revision + "_"), script.path


def test_new_revision_files_are_named_after_their_capability() -> None:
    """NNNN_<capability>_<what>.py from 0005 on, in that capability's folder; the platform's
    own (sync, store) in kiosk/store/migrations. The four landed files keep their names."""
    landed = {"0001_initial.py", "0002_sync.py", "0003_parking.py", "0004_flights.py"}
    capabilities = {ref.name for ref in CAPABILITIES}
    for folder in version_locations():
        in_capability = folder.name == "migrations" and folder.parent.name in capabilities
        for path in folder.glob("[0-9][0-9][0-9][0-9]_*.py"):
            if path.name in landed:
                continue
            _number, owner, *what = path.stem.split("_")
            assert what, f"{path.name}: name it NNNN_<capability>_<what>.py"
            if in_capability:
                assert owner == folder.parent.name, path
            else:
                assert owner not in capabilities, f"{path} belongs in its capability's folder"


def test_reading_the_revision_agrees_with_alembic(tmp_path: Path) -> None:
    from kiosk.store.engine import make_engine

    engine = make_engine(tmp_path / "kiosk.db")
    try:
        with engine.connect() as connection:
            assert current_revision(engine) is None
            assert MigrationContext.configure(connection).get_current_revision() is None
        engine.dispose()
        opened = open_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW)
        opened.engine.dispose()
        with engine.connect() as connection:
            alembic_says = MigrationContext.configure(connection).get_current_revision()
        assert current_revision(engine) == alembic_says == head_revision()
    finally:
        engine.dispose()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW).engine.dispose()
    script = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "from kiosk.store.database import open_database\n"
        f"root = Path({str(tmp_path)!r})\n"
        "opened = open_database(root / 'kiosk.db', root / 'backups', datetime.now(UTC))\n"
        "opened.engine.dispose()\n"
        "print(opened.migrated_to, sorted(m for m in sys.modules if m.startswith('alembic')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["None", "[]"]


def test_every_connection_gets_the_pragmas(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW)
    try:
        with opened.engine.connect() as connection:

            def pragma(name: str) -> object:
                return connection.execute(text(f"PRAGMA {name}")).scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 5000
    finally:
        opened.engine.dispose()


def test_opening_again_neither_migrates_nor_backs_up(tmp_path: Path) -> None:
    first = open_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW)
    first.engine.dispose()
    again = open_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW)
    again.engine.dispose()
    assert again.migrated_to is None
    assert again.backup is None
    assert list((tmp_path / "backups").glob("*.db")) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"this is not a database" * 100),
        lambda path: path.write_bytes(path.read_bytes()[:4096] + b"\x00garbage" * 4096),
    ],
    ids=["not-a-database", "torn-pages"],
)
def test_a_damaged_database_is_kept_aside_and_a_fresh_one_started(tmp_path: Path, damage) -> None:
    db = tmp_path / "kiosk.db"
    first = open_database(db, tmp_path / "backups", NOW)
    with first.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO keeper_notices (kind, detail, created_at) VALUES ('x', 'y', :t)"),
            {"t": "2026-11-27 07:00:00"},
        )
    first.engine.dispose()
    damage(db)
    damaged_bytes = db.read_bytes()
    assert not check_integrity(db).ok

    reopened = open_database(db, tmp_path / "backups", NOW)
    try:
        assert reopened.quarantined_to is not None
        assert reopened.quarantined_to.read_bytes() == damaged_bytes
        assert reopened.notices == [
            NoticeKind.DATABASE_QUARANTINED,
            NoticeKind.DATABASE_SALVAGED,
        ]
        assert check_integrity(db, thorough=True).ok
        with reopened.session_factory() as session:
            notices = session.scalars(select(KeeperNotice)).all()
            assert (notices[0].kind, notices[0].detail) == (
                NoticeKind.DATABASE_QUARANTINED,
                reopened.quarantined_to.name,
            )
    finally:
        reopened.engine.dispose()


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW)
    with opened.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO keeper_notices (kind, detail, created_at) VALUES ('k', 'kept', :t)"),
            {"t": "2026-11-27 07:00:00"},
        )
    # The row may still sit in the WAL; the backup API must include it.
    backup = backup_database(tmp_path / "kiosk.db", tmp_path / "backups", NOW, "test")
    opened.engine.dispose()
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT detail FROM keeper_notices").fetchall() == [("kept",)]
    finally:
        copy.close()


def test_utc_column_refuses_naive_times() -> None:
    column = UtcDateTime()
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(datetime(2026, 1, 1), None)  # type: ignore[arg-type]
    stored = column.process_bind_param(
        datetime(2026, 1, 1, 8, tzinfo=__import__("zoneinfo").ZoneInfo("Asia/Shanghai")), None
    )  # type: ignore[arg-type]
    assert stored == datetime(2026, 1, 1, 0, 0)


def test_an_older_build_refuses_a_newer_database_and_touches_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    opened = open_database(db, tmp_path / "backups", NOW)
    with opened.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    opened.engine.dispose()
    before = {path.name: path.read_bytes() for path in tmp_path.glob("kiosk.db*")}

    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db, tmp_path / "backups", NOW)

    assert caught.value.revision == "9999_from_the_future"
    assert {path.name: path.read_bytes() for path in tmp_path.glob("kiosk.db*")} == before
    assert list((tmp_path / "backups").glob("*.db")) == []


def test_an_older_schema_is_backed_up_then_migrated_keeping_its_rows(tmp_path: Path) -> None:
    from alembic import command

    from kiosk.store.database import _alembic_config
    from kiosk.store.engine import make_engine

    db = tmp_path / "kiosk.db"
    engine = make_engine(db)
    config = _alembic_config(None)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text("INSERT INTO keeper_notices (kind, detail, created_at) VALUES ('k', 'old', :t)"),
            {"t": "2026-11-27 07:00:00"},
        )
    engine.dispose()

    opened = open_database(db, tmp_path / "backups", NOW)
    try:
        assert opened.migrated_from == "0001"
        assert opened.migrated_to == head_revision() != "0001"
        assert opened.backup is not None and opened.backup.exists()
        with opened.engine.connect() as connection:
            kept = connection.execute(text("SELECT detail FROM keeper_notices")).scalars().all()
        assert kept == ["old"]
        backup = sqlite3.connect(opened.backup)
        try:
            version = backup.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            backup.close()
        assert version == ("0001",)
    finally:
        opened.engine.dispose()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_data_dir_and_the_database_are_the_kiosk_users_alone(tmp_path: Path) -> None:
    from kiosk.paths import DataDir

    data_dir = DataDir(tmp_path / "station").ensure()
    opened = open_database(data_dir.database, data_dir.backups, NOW)
    try:
        backup = backup_database(data_dir.database, data_dir.backups, NOW, "test")
    finally:
        opened.engine.dispose()
    assert stat.S_IMODE(data_dir.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(data_dir.backups.stat().st_mode) == 0o700
    assert stat.S_IMODE(data_dir.database.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_data_dir_that_cannot_be_made_private_is_one_warning(
    tmp_path: Path, monkeypatch, caplog
) -> None:
    # A folder the technician made for another user: chmod refuses. The command line checks the
    # dir and build_kiosk ensures it again; the warning is said once.
    from kiosk.app import build_kiosk
    from kiosk.credentials import MemoryCredentialStore
    from kiosk.paths import DataDir

    def refuse(path: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(Path, "chmod", refuse)
    data_dir = DataDir(tmp_path / "station")
    data_dir.ensure()
    kiosk = build_kiosk(data_dir, credentials=MemoryCredentialStore())
    kiosk.close()
    warnings = [r.getMessage() for r in caplog.records if "could not make" in r.getMessage()]
    assert sum(f"make {data_dir.root} private" in w for w in warnings) == 1, warnings
    assert sum(f"make {data_dir.backups} private" in w for w in warnings) == 1, warnings


def test_after_quarantine_the_enrolment_and_the_unsent_records_carry_over(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    first = open_database(db, tmp_path / "backups", NOW)
    with first.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sync_state (id, server_url, station_code, pull_cursor) "
                "VALUES (1, 'https://county.example', 'CSX-01', 4242)"
            )
        )
        for number, state in enumerate(("done", "pending", "pending", "parked")):
            connection.execute(
                text(
                    "INSERT INTO outbox (op_id, kind, payload, created_at, state, attempts) "
                    "VALUES (:op, 'visit.created', '{}', '2026-11-27 07:00:00', :state, 0)"
                ),
                {"op": f"{number:032x}", "state": state},
            )
        # Written last, so its pages come last in the file: the damage below falls on them.
        connection.execute(
            text("INSERT INTO keeper_notices (kind, detail, created_at) VALUES ('x', :d, :t)"),
            [{"d": "n" * 900, "t": "2026-11-27 07:00:00"} for _ in range(300)],
        )
    first.engine.dispose()
    data = bytearray(db.read_bytes())
    data[-20_000:] = b"\xff" * 20_000  # torn pages at the end of the file
    db.write_bytes(bytes(data))
    assert not check_integrity(db).ok

    reopened = open_database(db, tmp_path / "backups", NOW)
    try:
        assert reopened.salvage is not None
        assert (reopened.salvage.enrolment_kept, reopened.salvage.ops_recovered) == (True, 3)
        assert reopened.salvage.ops_lost == 0
        with reopened.engine.connect() as connection:
            state = connection.execute(
                text("SELECT server_url, station_code, pull_cursor FROM sync_state")
            ).one()
            owed = connection.execute(text("SELECT op_id, state FROM outbox ORDER BY id")).all()
            salvaged = connection.execute(
                text("SELECT detail FROM keeper_notices WHERE kind = 'database_salvaged'")
            ).scalar_one()
        # Same station, the feed pulled again from its start; the same op ids, so the county
        # applies each once even if it had seen one before the damage.
        assert tuple(state) == ("https://county.example", "CSX-01", 0)
        assert owed == [(f"{1:032x}", "pending"), (f"{2:032x}", "pending"), (f"{3:032x}", "parked")]
        assert salvaged == "3 0"
    finally:
        reopened.engine.dispose()
