"""Issue 11 #11: a read-only data dir or a full disk stops a command with one line and its own
exit code, and never passes for a damaged database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.__main__ import EXIT_STORAGE
from kiosk.store.database import check_integrity
from kiosk.store.errors import StorageFailure, StorageProblem, storage_problem
from tests.sync.test_sync_cli import kiosk_cli

# Root writes through permission bits; without these capabilities it is held to them like
# anyone else, so a folder owned by somebody else is really read-only to the kiosk.
_DROP_ROOT_POWERS = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search,-fowner,-chown",
]


def _read_only_station(tmp_path: Path) -> Path:
    station = tmp_path / "station"
    made = kiosk_cli(station, "simulate", "--visits", "3")
    assert made.returncode == 0, made.stderr
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to make a folder the kiosk cannot make writable")
    os.chown(station, 65534, 65534)
    station.chmod(0o555)
    return station


def _as_unprivileged(station: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    return subprocess.run(
        [*_DROP_ROOT_POWERS, sys.executable, "-m", "kiosk", "--data-dir", str(station), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize("args", [("sync",), ("simulate", "--visits", "2")])
def test_a_read_only_data_dir_is_one_line_and_its_own_exit_code(tmp_path, args):
    station = _read_only_station(tmp_path)
    result = _as_unprivileged(station, *args)
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("redhome-kiosk: ") and str(station) in last
    assert "cannot be written" in last and "free" in last
    # A healthy database that only could not be opened for writing is not set aside.
    assert not list(station.glob("kiosk.corrupt-*"))
    with sqlite3.connect(f"file:{station / 'kiosk.db'}?mode=ro&immutable=1", uri=True) as db:
        assert db.execute("SELECT count(*) FROM visits").fetchone() == (3,)


def test_a_read_only_data_dir_is_warned_about_once(tmp_path):
    station = _read_only_station(tmp_path)
    result = _as_unprivileged(station, "simulate", "--visits", "2")
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert result.stderr.count(f"could not make {station} private") == 1, result.stderr


def test_a_full_disk_while_writing_keeps_what_was_saved(tmp_path):
    station = tmp_path / "station"
    made = kiosk_cli(station, "simulate", "--visits", "3")
    assert made.returncode == 0, made.stderr
    size = max(p.stat().st_size for p in station.iterdir() if p.is_file())
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    # A file size limit is a full disk the kernel enforces for this process alone (root too).
    limit = f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({size}, {size}))"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"{limit}; import sys; from kiosk.__main__ import main; "
            f"sys.exit(main(['--data-dir', {str(station)!r}, 'simulate', '--visits', '3000']))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert "Traceback" not in result.stderr
    # EFBIG reaches SQLite as an I/O error; either way the same one line and code.
    assert "nothing saved was lost" in result.stderr.strip().splitlines()[-1]
    assert check_integrity(station / "kiosk.db", thorough=True).ok
    with sqlite3.connect(station / "kiosk.db") as db:
        visits = db.execute("SELECT count(*) FROM visits").fetchone()[0]
    assert visits >= 3  # the earlier check-ins are all still there


def test_storage_problems_are_told_apart_from_bugs():
    full = sqlite3.OperationalError("database or disk is full")
    assert storage_problem(full) is StorageProblem.FULL
    assert storage_problem(OSError(30, "Read-only file system")) is StorageProblem.READ_ONLY
    try:
        raise RuntimeError("wrapped") from full
    except RuntimeError as wrapped:
        assert storage_problem(wrapped) is StorageProblem.FULL
    assert storage_problem(ValueError("a bug")) is None
    assert storage_problem(sqlite3.OperationalError("no such table: x")) is None


def test_an_unopenable_database_is_no_corruption(tmp_path):
    station = _read_only_station(tmp_path)
    result = subprocess.run(
        [
            *_DROP_ROOT_POWERS,
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from kiosk.store.database import "
            "check_integrity; check_integrity(Path(sys.argv[1]))",
            str(station / "kiosk.db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert StorageFailure.__name__ in result.stderr
