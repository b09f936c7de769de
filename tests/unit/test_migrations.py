"""A station's database from any earlier release upgrades cleanly and keeps what it held.

Databases in the field carry every earlier revision; capabilities add revisions close together.
For each revision the kiosk knows, a database is made at it with Alembic, a row is put in every
table it has (values made from each column's type), and the kiosk opens it as at start-up: it
must reach head with every one of those rows as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import inspect, text

from kiosk.store.database import _alembic_config, head_revision, known_revisions, open_database
from kiosk.store.engine import make_engine

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
# What a migration changes on purpose: 0004 restarts the pull from the feed's start, so flight
# items an older kiosk skipped arrive (tests/sync/test_flight_pull.py).
DELIBERATE_CHANGES = {("sync_state", "pull_cursor")}


def _value(column: dict[str, Any], row: int) -> Any:
    kind = column["type"]
    if column["nullable"] and column["name"].endswith("_id"):
        return None  # a link to another table's row stays empty: no row to point at
    if isinstance(kind, sa.Boolean):
        return True
    if isinstance(kind, sa.Integer):
        return 7 + row
    if isinstance(kind, sa.DateTime):
        return "2026-11-20 01:02:03.000000"
    if isinstance(kind, sa.Date):
        return "2026-11-20"
    if isinstance(kind, sa.Float | sa.Numeric):
        return 7.5
    length = getattr(kind, "length", None) or 40
    return f"{column['name'][: length - 3]}-{row}"[:length]


def _fill(engine: sa.Engine) -> dict[str, list[dict[str, Any]]]:
    """One more row in every table but Alembic's; returns every row each table then holds
    (a migration may have seeded some), in rowid order."""
    inspector = inspect(engine)
    with engine.begin() as connection:
        for table in inspector.get_table_names():
            if table == "alembic_version":
                continue
            columns = inspector.get_columns(table)
            row = {column["name"]: _value(column, 1) for column in columns}
            names = ", ".join(f'"{name}"' for name in row)
            marks = ", ".join(f":{name}" for name in row)
            connection.execute(text(f'INSERT INTO "{table}" ({names}) VALUES ({marks})'), row)
    return {
        table: _read(engine, table)
        for table in inspector.get_table_names()
        if table != "alembic_version"
    }


def _read(engine: sa.Engine, table: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY rowid'))
        return [dict(row._mapping) for row in rows]


def _as_text(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float) else str(value)


@pytest.mark.parametrize("revision", known_revisions()[:-1])
def test_a_database_at_an_earlier_revision_upgrades_with_its_rows(
    tmp_path: Path, revision: str
) -> None:
    from alembic import command

    db = tmp_path / "kiosk.db"
    engine = make_engine(db)
    config = _alembic_config(None)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    written = _fill(engine)
    assert written, f"revision {revision} has no tables?"
    engine.dispose()

    opened = open_database(db, tmp_path / "backups", NOW)
    try:
        assert (opened.migrated_from, opened.migrated_to) == (revision, head_revision())
        for table, rows in written.items():
            kept = _read(opened.engine, table)
            assert len(kept) == len(rows), table
            for before, after in zip(rows, kept, strict=True):
                for name, value in before.items():
                    if (table, name) in DELIBERATE_CHANGES:
                        continue
                    assert _as_text(after[name]) == _as_text(value), (table, name)
    finally:
        opened.engine.dispose()


def test_every_revision_but_the_last_is_checked() -> None:
    # The parametrisation above reads the history; a history of one would check nothing.
    assert len(known_revisions()) >= 5
