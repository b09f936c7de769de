"""Running the county server in a thread on loopback: for tests, benchmarks and demos."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

from county.db import make_engine, make_writer_factory, migrate
from county.enrolment import create_enrolment_code
from county.publish import publish
from county.stations import restore, revoke
from county.stats import StationStats, stats
from redhome_wire.station_time import Clock, SystemClock


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerThread:
    """A uvicorn server for `app` on 127.0.0.1, started and stopped from the calling thread."""

    def __init__(self, app: FastAPI, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="county-server", daemon=True)

    def start(self, timeout_s: float = 10.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the county server did not start")
            time.sleep(0.01)
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout_s)


@contextmanager
def serve_in_thread(app: FastAPI, port: int | None = None) -> Iterator[ServerThread]:
    server = ServerThread(app, port).start()
    try:
        yield server
    finally:
        server.stop()


class CountyHarness:
    """Direct access to a county database, for what a county officer does by command line."""

    def __init__(self, database_url: str, clock: Clock | None = None) -> None:
        self.database_url = database_url
        self.clock = clock or SystemClock()
        self.engine = make_engine(database_url)
        migrate(self.engine)
        self._writer = make_writer_factory(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def enrolment_code(self, station_code: str, name: str | None = None) -> str:
        with self._writer() as session:
            code = create_enrolment_code(session, station_code, name, self.clock.now())
            session.commit()
            return code

    def revoke(self, station_code: str) -> None:
        with self._writer() as session:
            revoke(session, station_code, self.clock.now())
            session.commit()

    def restore(self, station_code: str) -> bool:
        with self._writer() as session:
            restored = restore(session, station_code)
            session.commit()
            return restored

    def publish(self, scope: str, kind: str, key: str, data: BaseModel | None) -> int:
        with self._writer() as session:
            seq = publish(session, scope, kind, key, data, self.clock.now())
            session.commit()
            return seq

    def stats(self) -> dict[str, StationStats]:
        with self._writer() as session:
            return stats(session)

    def count(self, name: str, station_code: str | None = None) -> int:
        """A count `stats` gives per station ("visits", ...): one station's, or all together."""
        every = self.stats()
        if station_code is not None:
            entry = every.get(station_code)
            return int(entry.counts[name]) if entry is not None else 0
        return sum(int(entry.counts[name]) for entry in every.values())
