"""Issue 11 #15: `--self-test --data-dir DIR` checks that station, on a copy, and changes nothing.

A bad data dir is one line and exit 5; a damaged or too-new station database fails the
self-test; the station's files stay byte for byte as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.__main__ import EXIT_DATA_DIR
from kiosk.paths import DataDir
from tests.sync.test_storage_failure import _as_unprivileged, _read_only_station
from tests.sync.test_sync_cli import kiosk_cli


def _files(folder: Path) -> dict[str, bytes | None]:
    """Every path under the folder, with a file's bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


def _station(tmp_path: Path, settings: str = "") -> Path:
    station = tmp_path / "station"
    station.mkdir()
    if settings:
        (station / "station.toml").write_text(settings, encoding="utf-8")
    made = kiosk_cli(station, "simulate", "--visits", "30")
    assert made.returncode == 0, made.stderr
    return station


def _one_line(result) -> str:
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""  # refused before any check ran
    return lines[0]


def test_a_healthy_station_passes_on_a_copy_with_its_own_settings(tmp_path):
    station = _station(tmp_path, '[kiosk]\nswitched_off = ["flights"]\n')
    before = _files(station)
    result = kiosk_cli(station, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"PASS data dir: {station}" in result.stdout
    assert "PASS station copy: checks run on a temporary copy of kiosk.db" in result.stdout
    assert "station.toml" in result.stdout
    # The station's settings came along: its switched-off capability is not checked.
    capabilities = next(line for line in result.stdout.splitlines() if "capabilities" in line)
    assert capabilities.startswith("PASS") and "flights" not in capabilities
    for check in ("database integrity", "migrations", "home page renders"):
        assert f"PASS {check}" in result.stdout
    assert _files(station) == before


def test_a_damaged_station_database_fails_and_is_left_as_it_was(tmp_path):
    station = _station(tmp_path)
    database = station / "kiosk.db"
    data = bytearray(database.read_bytes())
    data[-20_000:] = b"\xff" * 20_000  # torn pages at the end of the file
    database.write_bytes(bytes(data))
    before = _files(station)
    result = kiosk_cli(station, "--self-test")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL database integrity" in result.stdout
    assert "FAIL migrations: the station would set its database aside" in result.stdout
    assert "self-test failed" in result.stdout
    assert "Traceback" not in result.stderr
    assert _files(station) == before  # not set aside, not repaired, not touched


def test_a_database_from_a_newer_build_fails_and_is_left_as_it_was(tmp_path):
    station = _station(tmp_path)
    with sqlite3.connect(station / "kiosk.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db.close()
    before = _files(station)
    result = kiosk_cli(station, "--self-test")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL migrations" in result.stdout and "9999_from_the_future" in result.stdout
    assert "SKIP home page renders" in result.stdout
    assert _files(station) == before


def test_a_file_as_data_dir_is_one_line_and_exit_5(tmp_path):
    target = tmp_path / "kiosk.db"
    target.write_text("not a folder")
    result = kiosk_cli(target, "--self-test")
    assert result.returncode == EXIT_DATA_DIR
    line = _one_line(result)
    assert line.startswith("redhome-kiosk: cannot use the data dir") and str(target) in line
    assert "file" in line


def test_a_data_dir_that_cannot_be_made_is_one_line_and_exit_5(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = kiosk_cli(blocker / "station", "--self-test")
    assert result.returncode == EXIT_DATA_DIR
    assert "cannot be made" in _one_line(result)


def test_a_data_dir_this_user_may_not_write_is_one_line_and_exit_5(tmp_path):
    station = _read_only_station(tmp_path)
    before = _files(station)
    result = _as_unprivileged(station, "--self-test")
    assert result.returncode == EXIT_DATA_DIR, result.stdout + result.stderr
    line = _one_line(result)
    assert str(station) in line and "may not write" in line
    assert _files(station) == before


def test_a_data_dir_not_made_yet_passes_and_is_still_not_made(tmp_path):
    station = tmp_path / "new" / "station"
    result = kiosk_cli(station, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "does not exist yet; it can be made" in result.stdout
    assert "no kiosk.db yet" in result.stdout
    assert not (tmp_path / "new").exists()


def test_the_copy_holds_what_a_running_kiosk_has_only_in_its_wal(tmp_path):
    from kiosk.selftest import copy_station

    station = DataDir(tmp_path / "station")
    station.root.mkdir()
    live = sqlite3.connect(station.database)
    try:
        live.execute("PRAGMA journal_mode=WAL")
        live.execute("PRAGMA wal_autocheckpoint=0")
        live.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY)")
        live.executemany("INSERT INTO visits VALUES (?)", [(n,) for n in range(50)])
        live.commit()  # committed into the WAL, not yet into kiosk.db
        assert (tmp_path / "station" / "kiosk.db-wal").stat().st_size > 0
        before = _files(station.root)

        told = copy_station(station, DataDir(tmp_path / "copy"))

        assert "kiosk.db-wal" in told
        assert _files(station.root) == before  # no checkpoint, no -shm touched
    finally:
        live.close()
    with sqlite3.connect(tmp_path / "copy" / "kiosk.db") as copy:
        assert copy.execute("SELECT count(*) FROM visits").fetchone() == (50,)
    copy.close()
