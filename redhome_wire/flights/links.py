"""The link a flight's QR code opens: a page on the county server, /f/<record key>.

The path is the flight's record key (redhome_wire.flights.records.FlightRecord.key, e.g.
CSX-A-CZ3392-20261127), not a random token like the station card's /s/<token>. A token hides what
a link opens; here there is nothing to hide: a flight's status is public (every airport shows it
on its boards), the key names no person, station or driver, and the page shows nothing else. A
deterministic path lets the kiosk make the link by itself, for a flight that arrived a minute ago
and with no table of tokens for a thousand flights a day. Enumerating keys reveals only a public
timetable.

The kiosk may add the passengers-out allowance it uses for the flight (?out=20), so the phone
shows the same "passengers out at" time as the board; the county clamps it to 0..ALLOWANCE_MAX_MIN.
"""

from __future__ import annotations

import re
from typing import Final

FLIGHT_PAGE_PREFIX: Final = "/f/"
ALLOWANCE_PARAM: Final = "out"
ALLOWANCE_MAX_MIN: Final = 180
# airport - A/D - flight number - station-local date (redhome_wire.flights.build.record_key)
FLIGHT_KEY_PATTERN: Final = re.compile(r"^[A-Z0-9]{3}-[AD]-[A-Z0-9]{3,9}-\d{8}$")


def flight_page_path(key: str, allowance_min: int | None = None) -> str:
    """The page's path for a record key, with the allowance when given; ValueError if no key."""
    if not FLIGHT_KEY_PATTERN.match(key):
        raise ValueError(f"not a flight record key: {key!r}")
    path = FLIGHT_PAGE_PREFIX + key
    if allowance_min is not None:
        path += f"?{ALLOWANCE_PARAM}={max(0, min(int(allowance_min), ALLOWANCE_MAX_MIN))}"
    return path
