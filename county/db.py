"""The county database: engine (SQLite by default, PostgreSQL by URL) and its migrations.

On SQLite a writing session starts with BEGIN IMMEDIATE, so two requests never race between
"is this op id known?" and "record it", while readers start deferred and block nobody (WAL). On
PostgreSQL the station row is locked for the push; the unique constraints are the last guard
either way.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Engine,
    Select,
    Table,
    bindparam,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from county.models import UtcDateTime

SQLITE_BUSY_TIMEOUT_S = 30
BEGIN_OPTION = "redhome_sqlite_begin"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from pysqlite so that BEGIN IMMEDIATE below is what runs.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # An INSERT OR REPLACE deletes the row it replaces: with this, through the DELETE
        # triggers that keep append-only tables so.
        cursor.execute("PRAGMA recursive_triggers=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    finally:
        cursor.close()


def _sqlite_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
            pool_size=8,
            max_overflow=56,
            pool_timeout=60,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_size=10, max_overflow=40, pool_pre_ping=True)


class ReadOnlySession(Session):
    """A reader's session: a write through it is a mistake, refused at flush.

    On SQLite a reader begins DEFERRED; a write would have to upgrade its read lock while other
    writers commit, and SQLite answers that with "database is locked" at once (the busy timeout
    does not apply). Every write goes through the writer factory instead.
    """

    def flush(self, objects: Any = None) -> None:
        if self.new or self.dirty or self.deleted:
            raise RuntimeError("a write through a reader session; use the writer factory")
        super().flush(objects)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reading only (a write through one is refused)."""
    return sessionmaker(engine, class_=ReadOnlySession, expire_on_commit=False)


def make_writer_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that write: on SQLite they take the write lock when they begin."""
    return sessionmaker(
        engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}), expire_on_commit=False
    )


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to head (does nothing when it is there already)."""
    if current_revision(engine) == head_revision():
        return
    upgrade(engine, "head")


def upgrade(engine: Engine, revision: str) -> None:
    """Bring the schema to `revision` (tests build databases as the field has them)."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _sqlite_datetime(value: datetime) -> str:
    # The storage format SQLAlchemy's own SQLite DateTime type writes and reads.
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_date(value: date) -> str:
    return value.isoformat()


def _sqlite_converter(column_type: Any) -> Callable[[Any], Any] | None:
    """How a column's Python values go to the SQLite driver, or None when they go as they are."""
    if isinstance(column_type, UtcDateTime | DateTime):
        return _sqlite_datetime
    if isinstance(column_type, Date):
        return _sqlite_date
    # str, int, float, None and bool (an int to the driver) need nothing.
    return None


def bulk_insert(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert many rows at once: `rows` are tuples of values in the order of `columns`.

    On SQLite the values go to the driver already in its storage format, skipping SQLAlchemy's
    per-value processing (most of a large push's time), and each distinct date or time is
    converted once (a batch shares its arrival time); elsewhere a plain Core executemany.
    """
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    converters = [
        (index, converter)
        for index, name in enumerate(columns)
        if (converter := _sqlite_converter(table.c[name].type)) is not None
    ]
    parameters: list[tuple[Any, ...]] = rows
    if converters:
        # Column by column: each distinct value converted once (a batch shares its arrival
        # time), the rest done by zip and map rather than a Python loop over every value.
        values = list(zip(*rows, strict=True))
        for index, converter in converters:
            column = values[index]
            texts = {value: converter(value) for value in set(column) if value is not None}
            texts[None] = None
            values[index] = tuple(map(texts.__getitem__, column))
        parameters = list(zip(*values, strict=True))
    statement = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    connection.exec_driver_sql(statement, parameters)


def select_for_station(
    connection: Connection,
    table: Table,
    columns: tuple[str, ...],
    key: str,
    station_id: int,
    values: Collection[str],
) -> list[Sequence[Any]]:
    """`columns` of one station's rows of `table` whose `key` column is one of `values`.

    One statement however many values (a push asks about thousands of op ids at once). On
    SQLite the values travel as one JSON array (json_each), not as thousands of bound parameters
    that SQLAlchemy renders one by one; elsewhere as an expanding IN.
    """
    if not values:
        return []
    if connection.dialect.name == "sqlite":
        statement = _sqlite_select_in(table.name, columns, key)
        return list(connection.exec_driver_sql(statement, (station_id, json.dumps(list(values)))))
    query = _select_in(table, columns, key)
    return list(connection.execute(query, {"station_id": station_id, "values": list(values)}))


@functools.cache
def _sqlite_select_in(table: str, columns: tuple[str, ...], key: str) -> str:
    return (
        f"SELECT {', '.join(columns)} FROM {table} "
        f"WHERE station_id = ? AND {key} IN (SELECT value FROM json_each(?))"
    )


@functools.cache
def _select_in(table: Table, columns: tuple[str, ...], key: str) -> Select[Any]:
    return select(*(table.c[name] for name in columns)).where(
        table.c.station_id == bindparam("station_id"),
        table.c[key].in_(bindparam("values", expanding=True)),
    )
