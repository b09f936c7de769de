"""A real HTTP server on 127.0.0.1 that plays scripted answers (see flight_fakes)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.county.flights.flight_fakes import FakeProvider


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    state: dict[str, FakeProvider] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake = state["fake"]
            parts = urlsplit(self.path)
            query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
            fake.requests.append({"path": parts.path, **query})
            answer = fake.next_answer()
            if answer.delay_s:
                time.sleep(answer.delay_s)
            body = answer.body.encode("utf-8") if isinstance(answer.body, str) else answer.body
            try:
                self.send_response(answer.status)
                for key, value in {"Content-Type": "application/json", **answer.headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    fake = FakeProvider(url=f"http://{host}:{port}/v1")
    state["fake"] = fake
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
