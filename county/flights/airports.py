"""The airports CSX serves: re-exported from kiosk.flight_data.airports (shared with the kiosk).

The table lives with the kiosk because the kiosk's offline demo builds its flights from it, and
the packaged kiosk does not ship `county`. See that module for why it is a curated table.
"""

from __future__ import annotations

from kiosk.flight_data.airports import (
    _TABLE,
    AIRPORTS,
    HOME_COUNTRY,
    STATION_TZ,
    Airport,
    infer_country,
    is_international,
    lookup,
)

__all__ = [
    "AIRPORTS",
    "HOME_COUNTRY",
    "STATION_TZ",
    "_TABLE",
    "Airport",
    "infer_country",
    "is_international",
    "lookup",
]
