"""The county's parking commands: book-request and requests (see county.__main__).

    python -m county book-request [--db URL] STATION_CODE --type car|ev|truck
        --start ISO|now --minutes N --plate PLATE
    python -m county requests [--db URL] [STATION_CODE] [--status pending|accepted|rejected]

book-request relays a booking to the station, which decides at its next sync; its answer shows
in `requests` (and the counts in `stats`) after the sync after that. A start without an offset is
station time (Asia/Shanghai).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

COMMANDS: Final = ("book-request", "requests")
REQUEST_STATUSES: Final = ("pending", "accepted", "rejected")  # county.parking.service's
STATION_TZ: Final = ZoneInfo("Asia/Shanghai")


def parse_start(text: str) -> datetime | None:
    """None for "now"; an ISO time, in station time when it names no offset."""
    if text.strip().lower() == "now":
        return None
    instant = datetime.fromisoformat(text.strip())
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=STATION_TZ)
    return instant


def add_commands(
    commands: Any, with_db: Callable[[argparse.ArgumentParser], argparse.ArgumentParser]
) -> None:
    book = with_db(
        commands.add_parser(
            "book-request",
            help="ask a station for a parking booking; the station decides at its next sync",
        )
    )
    book.add_argument("station_code", metavar="STATION_CODE")
    book.add_argument("--type", required=True, choices=("car", "ev", "truck"), dest="bay_type")
    book.add_argument(
        "--start",
        required=True,
        metavar="ISO|now",
        help="e.g. 2026-11-27T16:00 (station time unless an offset is given), or now",
    )
    book.add_argument("--minutes", required=True, type=int)
    book.add_argument("--plate", required=True)

    listing = with_db(
        commands.add_parser("requests", help="remote booking requests and the stations' answers")
    )
    listing.add_argument("station_code", metavar="STATION_CODE", nargs="?")
    listing.add_argument("--status", choices=REQUEST_STATUSES)


def run(args: argparse.Namespace, session: Session, now: datetime) -> int:
    # Imported here, as county.__main__ does: `--help` and `serve` need none of it.
    from pydantic import ValidationError

    from county import service
    from county.parking.service import create_request, requests

    if args.command == "book-request":
        try:
            start = parse_start(args.start)
        except ValueError:
            print(f"not a time: {args.start!r}", file=sys.stderr)
            return 2
        try:
            view = create_request(
                session, args.station_code, args.bay_type, start, args.minutes, args.plate, now
            )
        except service.UnknownStation:
            print(f"no station {args.station_code}", file=sys.stderr)
            return 1
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}"
                for problem in error.errors(include_url=False, include_input=False)
            )
            print(f"not a valid request: {problems}", file=sys.stderr)
            return 2
        session.commit()
        print(f"asked {view.station_code} for a {view.bay_type} bay; it answers at its next sync")
        print(json.dumps(view.as_json(), ensure_ascii=False, sort_keys=True))
        return 0
    listing = [view.as_json() for view in requests(session, args.station_code, args.status)]
    print(json.dumps(listing, ensure_ascii=False, sort_keys=True))
    return 0


def add_stats(session: Session, document: dict[str, dict[str, Any]]) -> None:
    """`stats` gains per station: reservations (bookings, arrivals, no-shows…) and requests."""
    from county.parking.service import parking_stats

    for code, counts in parking_stats(session).items():
        document.setdefault(code, {}).update(counts)
