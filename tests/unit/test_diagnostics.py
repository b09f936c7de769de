import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.services.diagnostics import collect_local, export_targets
from kiosk.sync.probe import probe_server
from redhome_wire.station_time import ManualClock

SERVER_TIME = datetime(2026, 11, 27, 7, 0, 0, tzinfo=UTC)


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = 200 if self.path == "/healthz" else 404
        self.send_response_only(status)
        self.send_header("Date", format_datetime(SERVER_TIME, usegmt=True))
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def health_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_probe_measures_latency_and_clock_skew(health_server) -> None:
    kiosk_clock = ManualClock(SERVER_TIME - timedelta(seconds=90))
    probe = probe_server(health_server, kiosk_clock)
    assert probe.reachable
    assert probe.latency_ms is not None and probe.latency_ms < 3000
    assert probe.clock_skew_s == pytest.approx(90, abs=2)


def test_probe_of_a_dead_server_says_unreachable() -> None:
    probe = probe_server("http://127.0.0.1:9", ManualClock(SERVER_TIME))
    assert not probe.reachable
    assert probe.error


def test_export_targets_are_mounted_writable_folders(tmp_path: Path) -> None:
    (tmp_path / "media" / "usb").mkdir(parents=True)
    # A plain folder is not a mounted stick.
    assert export_targets((tmp_path / "media",)) == []


def test_local_diagnostics_report_the_database(kiosk) -> None:
    found = collect_local(kiosk.data_dir.database, kiosk.uow_factory, "memory (demo)")
    assert found.database_ok
    assert found.database_bytes > 0
    assert found.outbox_pending == 0
    assert found.free_disk_bytes > 0
