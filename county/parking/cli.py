"""The county's parking commands: book-request and requests (`python -m county ...`).

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
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy.orm import Session

from county.capability import Command
from county.parking.service import REQUEST_STATUSES, create_request, requests
from county.stations import UnknownStation
from redhome_wire.station_time import STATION_TZ


def parse_start(text: str) -> datetime | None:
    """None for "now"; an ISO time, in station time when it names no offset."""
    if text.strip().lower() == "now":
        return None
    instant = datetime.fromisoformat(text.strip())
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=STATION_TZ)
    return instant


def _book_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("station_code", metavar="STATION_CODE")
    parser.add_argument("--type", required=True, choices=("car", "ev", "truck"), dest="bay_type")
    parser.add_argument(
        "--start",
        required=True,
        metavar="ISO|now",
        help="e.g. 2026-11-27T16:00 (station time unless an offset is given), or now",
    )
    parser.add_argument("--minutes", required=True, type=int)
    parser.add_argument("--plate", required=True)


def _book(args: argparse.Namespace, session: Session, now: datetime) -> int:
    try:
        start = parse_start(args.start)
    except ValueError:
        print(f"not a time: {args.start!r}", file=sys.stderr)
        return 2
    try:
        view = create_request(
            session, args.station_code, args.bay_type, start, args.minutes, args.plate, now
        )
    except UnknownStation:
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


def _requests_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("station_code", metavar="STATION_CODE", nargs="?")
    parser.add_argument("--status", choices=REQUEST_STATUSES)


def _requests(args: argparse.Namespace, session: Session, _now: datetime) -> int:
    listing = [view.as_json() for view in requests(session, args.station_code, args.status)]
    print(json.dumps(listing, ensure_ascii=False, sort_keys=True))
    return 0


PARKING_COMMANDS = (
    Command(
        "book-request",
        "ask a station for a parking booking; the station decides at its next sync",
        _book_arguments,
        _book,
    ),
    Command(
        "requests",
        "remote booking requests and the stations' answers",
        _requests_arguments,
        _requests,
    ),
)
