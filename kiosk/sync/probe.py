"""Is the county server there, how far away, and does its clock agree with ours?"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from redhome_wire.station_time import Clock

if TYPE_CHECKING:
    import requests

PROBE_TIMEOUT_S = (3.05, 5)


@dataclass(frozen=True, slots=True)
class ServerProbe:
    reachable: bool
    latency_ms: int | None = None
    # Server minus kiosk; a kiosk clock far off makes every record's time wrong.
    clock_skew_s: float | None = None
    error: str | None = None


def probe_server(url: str, clock: Clock, session: requests.Session | None = None) -> ServerProbe:
    """One GET of /healthz: reachability, round-trip time, and skew from the HTTP Date header.

    Runs on a worker thread; requests is imported here, not at the kiosk's start."""
    import requests

    http = session or requests.Session()
    before = clock.now()
    started = time.perf_counter()
    try:
        response = http.get(url.rstrip("/") + "/healthz", timeout=PROBE_TIMEOUT_S)
    except requests.RequestException as error:
        return ServerProbe(False, error=type(error).__name__)
    finally:
        if session is None:
            http.close()
    elapsed = time.perf_counter() - started
    if response.status_code >= 500:
        return ServerProbe(False, int(elapsed * 1000), error=f"HTTP {response.status_code}")
    skew: float | None = None
    date_header = response.headers.get("Date")
    if date_header:
        try:
            server_time: datetime | None = parsedate_to_datetime(date_header)
        except (TypeError, ValueError):
            server_time = None
        if server_time is not None and server_time.tzinfo is not None:
            midpoint = before + timedelta(seconds=elapsed / 2)
            skew = (server_time - midpoint).total_seconds()
    return ServerProbe(True, int(elapsed * 1000), skew)
