from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from county.__main__ import main as county_main


def cli_log_dir(data_dir: Path) -> Path:
    """Where kiosk_cli's runs log: beside the test's data dir, never the machine's own log dir."""
    folder = next(parent for parent in data_dir.parents if parent.is_dir())
    return folder / "kiosk-logs"


def kiosk_cli(data_dir: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["REDHOME_LOG_DIR"] = str(cli_log_dir(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def last_json(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_enrol_simulate_sync_and_county_stats_agree(tmp_path, county, county_server, capsys):
    data = tmp_path / "station"
    data.mkdir()
    (data / "station.toml").write_text("[kiosk]\ncounty_timeout_s = 3\n", encoding="utf-8")

    simulated = kiosk_cli(data, "simulate", "--visits", "60", "--days", "3")
    assert simulated.returncode == 0, simulated.stderr
    assert last_json(simulated) == {"visits": 60, "pending": 60}

    code = county.enrolment_code("CSX-01", "黄花机场红色之家")
    enrolled = kiosk_cli(data, "enroll", "--server", county_server.url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    assert "CSX-01" in enrolled.stdout
    assert "keyring backend" in enrolled.stdout  # says which backend it chose
    token_file = data / "secrets" / "keyring.cfg"
    assert token_file.exists()
    assert oct(token_file.parent.stat().st_mode & 0o777) == "0o700"
    assert code not in enrolled.stderr + enrolled.stdout.split("\n", 1)[1]
    for path in data.rglob("*"):
        if path.is_file() and path != token_file:
            assert b"county-token" not in path.read_bytes()

    synced = kiosk_cli(data, "sync")
    assert synced.returncode == 0, synced.stderr
    report = last_json(synced)
    assert report["pushed"] == 60 and report["pending"] == 0 and report["parked"] == 0

    assert county_main(["stats", "--db", county.database_url]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert stats["CSX-01"]["visits"] == 60
    assert stats["CSX-01"]["last_sync_at"] is not None


def test_sync_exits_non_zero_when_the_server_cannot_be_reached(tmp_path, county, county_server):
    data = tmp_path / "station"
    code = county.enrolment_code("CSX-01")
    assert kiosk_cli(data, "enroll", "--server", county_server.url, "--code", code).returncode == 0
    kiosk_cli(data, "simulate", "--visits", "5")
    (data / "station.toml").write_text(
        '[kiosk]\ncounty_url = "http://127.0.0.1:9"\ncounty_timeout_s = 2\n', encoding="utf-8"
    )
    result = kiosk_cli(data, "sync", "--retries", "1")
    assert result.returncode == 2
    report = last_json(result)
    assert report == {
        "ok": False,
        "pushed": 0,
        "duplicates": 0,
        "parked_now": 0,
        "pulled": 0,
        "pending": 5,
        "parked": 0,
        "error": "offline",
    }


def test_a_wrong_code_fails_enrolment_with_its_reason(tmp_path, county, county_server):
    result = kiosk_cli(
        tmp_path / "station", "enroll", "--server", county_server.url, "--code", "WRONG-CODE"
    )
    assert result.returncode == 3
    assert "enrol_code_invalid" in result.stderr


def test_sync_before_enrolment_says_so(tmp_path):
    result = kiosk_cli(tmp_path / "station", "sync")
    assert result.returncode == 3
    assert last_json(result)["error"] == "not_enrolled"
