"""The county's Alembic history: one line of revisions, and every database in the field upgrades
to head with its data intact (county/migrations/README)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text

from county.capabilities import CAPABILITIES
from county.db import current_revision, head_revision, make_engine, migrations_dir, upgrade
from county.models import Station

SCRIPTS = ScriptDirectory(str(migrations_dir()))
HEAD = head_revision()
# Oldest first: each is a schema some county database may still have.
EARLIER = [
    script.revision
    for script in reversed(list(SCRIPTS.walk_revisions()))
    if script.revision != HEAD
]

# Representative rows for every county table, in plain SQL as written at the revision that made
# the table (datetimes as naive UTC text, as SQLAlchemy stores them on SQLite; booleans as
# TRUE/FALSE, which SQLite and PostgreSQL both read). A revision that
# adds a table adds its rows here; one that changes a table's columns keeps these valid for the
# revisions before it.
SAMPLE_ROWS: dict[str, list[str]] = {
    "stations": [
        "INSERT INTO stations (id, code, name, created_at, token_hash, token_issued_at,"
        " revoked_at, last_seq, last_sync_at) VALUES (1, 'CSX-01', '黄花机场红色之家',"
        " '2026-11-01 02:00:00.000000', '" + "a" * 64 + "', '2026-11-01 02:05:00.000000',"
        " NULL, 2, '2026-11-20 02:00:00.000000')",
        "INSERT INTO stations (id, code, name, created_at, token_hash, token_issued_at,"
        " revoked_at, last_seq, last_sync_at) VALUES (2, 'CSX-02', 'CSX-02',"
        " '2026-11-02 02:00:00.000000', NULL, NULL, '2026-11-03 00:00:00.000000', 0, NULL)",
    ],
    "enrolment_codes": [
        "INSERT INTO enrolment_codes (id, station_id, code_hash, created_at, expires_at, used_at)"
        " VALUES (1, 1, '" + "b" * 64 + "', '2026-11-01 02:00:00.000000',"
        " '2026-11-02 02:00:00.000000', '2026-11-01 02:05:00.000000')",
    ],
    "applied_ops": [
        "INSERT INTO applied_ops (id, station_id, op_id, kind, seq, payload_sha256, applied_at)"
        " VALUES (1, 1, '0b8f3a52-7c1e-4d2a-9f60-3e5b8a1c2d4e', 'visit.created', 1, '"
        + "c" * 64
        + "', '2026-11-20 02:00:00.000000')",
        "INSERT INTO applied_ops (id, station_id, op_id, kind, seq, payload_sha256, applied_at)"
        " VALUES (2, 1, '1c9f3a52-7c1e-4d2a-9f60-3e5b8a1c2d4e', 'reservation.created', 2, '"
        + "d" * 64
        + "', '2026-11-20 02:00:00.000000')",
    ],
    "visits": [
        "INSERT INTO visits (id, station_id, visit_id, op_seq, work_type, work_detail, platform,"
        " purpose, is_returning, checked_in_at, local_day, received_at) VALUES (1, 1,"
        " '5d1e0f3c-2b4a-4c6d-8e9f-0a1b2c3d4e5f', 1, 'ride_hailing', '代驾', 'didi', 'rest', TRUE,"
        " '2026-11-20 01:30:00.000000', '2026-11-20', '2026-11-20 02:00:00.000000')",
    ],
    "feed": [
        "INSERT INTO feed (seq, station_id, kind, key, deleted, data, created_at) VALUES"
        " (1, 1, 'station.profile', 'CSX-01', FALSE,"
        ' \'{"code":"CSX-01","name_zh":"黄花机场红色之家","name_en":"Huanghua"}\','
        " '2026-11-01 02:00:00.000000')",
        "INSERT INTO feed (seq, station_id, kind, key, deleted, data, created_at) VALUES"
        " (2, NULL, 'service', 'water', TRUE, NULL, '2026-11-05 02:00:00.000000')",
    ],
    "county_items": [
        "INSERT INTO county_items (id, scope, kind, key, data, updated_at) VALUES (1, 'CSX-01',"
        ' \'station.profile\', \'CSX-01\', \'{"code":"CSX-01","name_zh":"黄花机场红色之家",'
        '"name_en":"Huanghua"}\', \'2026-11-01 02:00:00.000000\')',
    ],
    "page_links": [
        "INSERT INTO page_links (token, kind, station_id, subject, created_at, expires_at) VALUES"
        " ('k3y-0f-a-card-link-xyz', 'station_card', 1, NULL, '2026-11-01 02:00:00.000000',"
        " NULL)",
    ],
    "parking_reservations": [
        "INSERT INTO parking_reservations (id, station_id, reservation_id, code, state,"
        " last_event, bay_type, bay_code, power_kw, plate_masked, new_energy, start_at, end_at,"
        " local_day, created_at, arrived_at, left_at, cancelled_at, no_show_at, source,"
        " remote_id, changed_at, op_seq, received_at) VALUES (1, 1,"
        " '0b8f3a52-7c1e-4d2a-9f60-3e5b8a1c2d4e', 'P-4821', 'arrived', 'arrived', 'ev', 'E03',"
        " 7.0, '湘A***45', TRUE, '2026-11-20 08:00:00.000000', '2026-11-20 10:00:00.000000',"
        " '2026-11-20', '2026-11-20 07:00:00.000000', '2026-11-20 07:55:00.000000', NULL, NULL,"
        " NULL, 'kiosk', NULL, '2026-11-20 07:55:00.000000', 2, '2026-11-20 08:00:00.000000')",
    ],
    "parking_requests": [
        "INSERT INTO parking_requests (id, station_id, request_id, bay_type, start_at, minutes,"
        " plate_masked, requested_at, feed_seq, status, reason, reservation_id, code, bay_code,"
        " ban_ends_at, decided_at, answered_at) VALUES (1, 1,"
        " '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d', 'car', NULL, 120, '湘A***45',"
        " '2026-11-20 07:00:00.000000', 3, 'rejected', 'none_free', NULL, NULL, NULL, NULL,"
        " '2026-11-20 07:01:00.000000', '2026-11-20 07:02:00.000000')",
    ],
    "rest_sessions": [
        "INSERT INTO rest_sessions (id, station_id, rest_id, seat, seat_kind, started_at,"
        " ended_at, minutes, planned_minutes, snoozes, ended_by, flight_linked, local_day,"
        " op_seq, received_at, record, signature) VALUES (1, 1,"
        " '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', '7', 'recliner', '2026-11-20 06:00:00.000000',"
        " '2026-11-20 06:40:00.000000', 40, 30, 1, 'driver', FALSE, '2026-11-20', 3,"
        " '2026-11-20 07:00:00.000000', '{}', '" + "e" * 64 + "')",
    ],
    "rest_proof_keys": [],  # made by its migration, with a secret of its own
    "closeout_reports": [
        "INSERT INTO closeout_reports (id, station_id, number, station_day, sealed_at, sealed_by,"
        " records_waiting, previous_hash, hash, record, op_seq, received_at) VALUES (1, 1, 1,"
        " '2026-11-20', '2026-11-20 14:05:00.000000', '站长', 3, '"
        + "0" * 64
        + "', '"
        + "f" * 64
        + "', '{}', 4, '2026-11-20 14:10:00.000000')",
    ],
}


def _rows(engine: Engine, tables: list[str]) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as connection:
        return {
            table: [
                dict(row._mapping)
                for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            ]
            for table in tables
        }


def test_the_history_is_one_line_with_one_head():
    assert len(SCRIPTS.get_heads()) == 1, SCRIPTS.get_heads()
    assert len(SCRIPTS.get_bases()) == 1, SCRIPTS.get_bases()
    for script in SCRIPTS.walk_revisions():
        assert not script.is_merge_point, script.revision


def test_revision_files_are_numbered_by_their_revision_id():
    for script in SCRIPTS.walk_revisions():
        name = Path(script.path).name
        assert re.fullmatch(r"\d{4}_[a-z0-9]+(_[a-z0-9]+)*\.py", name), name
        assert name.startswith(f"{script.revision}_"), (name, script.revision)


def test_new_revision_files_name_their_capability_and_what_they_do():
    owners = {capability.name for capability in CAPABILITIES} | {"platform"}
    named_before_the_rule = {"0001_initial.py", "0002_parking.py"}
    for script in SCRIPTS.walk_revisions():
        name = Path(script.path).name
        if name not in named_before_the_rule:
            _number, owner, *what = name.removesuffix(".py").split("_")
            assert owner in owners and what, f"{name}: NNNN_<capability>_<what>.py"


def test_there_is_an_earlier_revision_to_upgrade_from():
    assert EARLIER, "the upgrade test below would test nothing"


@pytest.mark.parametrize("revision", EARLIER)
def test_a_database_at_an_earlier_revision_upgrades_to_head_with_its_rows(new_county_url, revision):
    engine = make_engine(new_county_url())
    upgrade(engine, revision)
    assert current_revision(engine) == revision
    tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    missing = set(tables) - set(SAMPLE_ROWS)
    assert not missing, f"give SAMPLE_ROWS rows for {sorted(missing)}"
    with engine.begin() as connection:
        for table in SAMPLE_ROWS:  # in the order written: stations before what refers to them
            if table in tables:
                for statement in SAMPLE_ROWS[table]:
                    connection.execute(text(statement))
    before = _rows(engine, tables)

    upgrade(engine, "head")

    assert current_revision(engine) == HEAD
    after = _rows(engine, tables)
    for table in tables:
        kept = [{name: row[name] for name in before[table][0]} for row in after[table]]
        assert kept == before[table], table
    # And the models read them.
    with engine.connect() as connection:
        codes = connection.scalars(select(Station.code).order_by(Station.id)).all()
        assert codes == ["CSX-01", "CSX-02"]
        revoked = connection.scalar(select(Station.revoked_at).where(Station.id == 2))
        assert revoked is not None and revoked.tzinfo is not None
    engine.dispose()
