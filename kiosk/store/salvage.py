"""What a quarantined database still owes the county, carried into the fresh one.

A damaged database is set aside whole (kiosk.store.database.quarantine), but two things in it
must not be lost with it: the station's enrolment (which county, which station; its token is in
the keyring and still good) and the outbox rows the county has not acknowledged. Both are read
from the set-aside file as far as SQLite can still read it, with their op ids, so the county
still applies each once. The pull starts again from the feed's beginning.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

log = logging.getLogger(__name__)

_ENROLMENT = (
    "SELECT server_url, station_code, enrolled_at, public_base_url, card_path "
    "FROM sync_state WHERE id = 1"
)
_OWED = "FROM outbox WHERE state != 'done'"
_OUTBOX_COLUMNS = (
    "op_id",
    "kind",
    "payload",
    "created_at",
    "state",
    "attempts",
    "last_error",
    "parked_reason",
    "parked_at",
)


@dataclass(frozen=True, slots=True)
class Salvage:
    enrolment_kept: bool
    ops_recovered: int
    ops_lost: int | None  # None: the damage hides even how many there were


def _open(path: Path) -> sqlite3.Connection:
    # Read-only, and never a write to the set-aside file: it stays as it was for the technician.
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    connection.execute("PRAGMA query_only = ON")
    return connection


def salvage(quarantined: Path, engine: Engine) -> Salvage:
    try:
        source = _open(quarantined)
    except sqlite3.DatabaseError as error:
        log.error("nothing could be read from %s: %s", quarantined, error)
        return Salvage(False, 0, None)
    try:
        enrolment = _read_enrolment(source)
        owed = _count_owed(source)
        rows = _read_owed(source)
    finally:
        source.close()
    # The values go across as SQLite stored them (times as text): the same columns, no reading
    # them back into Python types on the way.
    with engine.begin() as connection:
        if enrolment is not None:
            connection.exec_driver_sql(
                "INSERT INTO sync_state (id, server_url, station_code, enrolled_at, "
                "public_base_url, card_path, pull_cursor) VALUES (1, ?, ?, ?, ?, ?, 0)",
                enrolment,
            )
        if rows:
            marks = ", ".join("?" for _ in _OUTBOX_COLUMNS)
            connection.exec_driver_sql(
                f"INSERT INTO outbox ({', '.join(_OUTBOX_COLUMNS)}) VALUES ({marks})", rows
            )
    lost = None if owed is None else max(owed - len(rows), 0)
    result = Salvage(enrolment is not None, len(rows), lost)
    log.warning("salvaged from %s: %s", quarantined.name, result)
    return result


def _read_enrolment(source: sqlite3.Connection) -> tuple[object, ...] | None:
    try:
        row = source.execute(_ENROLMENT).fetchone()
    except sqlite3.DatabaseError as error:
        log.error("the enrolment could not be read: %s", error)
        return None
    return tuple(row) if row is not None and row[1] else None


def _count_owed(source: sqlite3.Connection) -> int | None:
    try:
        return int(source.execute(f"SELECT count(*) {_OWED}").fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def _read_owed(source: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Row by row, so that a damaged page costs the rows on it, not the rest."""
    rows: list[tuple[object, ...]] = []
    try:
        ids = [row[0] for row in source.execute(f"SELECT id {_OWED} ORDER BY id")]
    except sqlite3.DatabaseError as error:
        log.error("the outbox could not be listed: %s", error)
        return rows
    query = f"SELECT {', '.join(_OUTBOX_COLUMNS)} FROM outbox WHERE id = ?"
    for row_id in ids:
        try:
            found = source.execute(query, (row_id,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if found is not None:
            rows.append(tuple(found))
    return rows
