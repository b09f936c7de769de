"""A realistic, deterministic CSX flight day: re-exported from kiosk.flight_data.demo.

The generator lives with the kiosk, whose offline demo seeds its flight cache from it (the
packaged kiosk does not ship `county`). The command line works from here as before:

    python -m county.flights.demo OUT_DIR [--now 2026-11-27T15:00+08:00] [--seed 5] [--csv]
"""

from __future__ import annotations

import sys

from kiosk.flight_data.demo import (
    AIRLINES,
    PARTNERS,
    ROUTES,
    Route,
    demo_rows,
    demo_snapshot,
    main,
    write_demo_feed,
)

__all__ = [
    "AIRLINES",
    "PARTNERS",
    "ROUTES",
    "Route",
    "demo_rows",
    "demo_snapshot",
    "main",
    "write_demo_feed",
]

if __name__ == "__main__":
    sys.exit(main())
