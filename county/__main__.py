"""Command line of the county server: serve, enroll-code, revoke, publish, stats, book-request,
requests."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

from county import __version__
from county.parking import cli as parking_cli

DEFAULT_PORT = 8700
DB_ENV = "REDHOME_COUNTY_DB"


def default_database_url() -> str:
    from county.db import sqlite_url

    return sqlite_url(_data_dir() / "county.db")


def _database_url(args: argparse.Namespace) -> str:
    return args.db or os.environ.get(DB_ENV) or default_database_url()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redhome-county", description="Red Home county server (红色之家 县级服务器)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--db",
            metavar="URL",
            help=f"database URL (default: ${DB_ENV} or SQLite in the county's data dir)",
        )
        return sub

    serve = with_db(commands.add_parser("serve", help="run the server"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the base URL phones reach for the QR pages (default: the URL a kiosk used)",
    )
    flights = serve.add_argument_group(
        "flights",
        "the flight feed for airport stations: AviationStack when a key is configured "
        "(--flights-config, else $REDHOME_AVIATIONSTACK_KEY), else a file-feed folder, else off",
    )
    flights.add_argument(
        "--flights-dir", type=Path, metavar="DIR", help="file-feed folder (*.json, *.csv)"
    )
    flights.add_argument(
        "--flights-config",
        type=Path,
        metavar="FILE",
        help="TOML with a [flights] table: aviationstack_key, feed_dir, airports, interval_s, ...",
    )
    flights.add_argument(
        "--flights-airports", metavar="IATA,...", help="airports to poll (default: CSX)"
    )
    flights.add_argument(
        "--flights-store",
        type=Path,
        metavar="FILE",
        help="where the last good flight data survives a restart (default: beside the database)",
    )

    code = with_db(
        commands.add_parser("enroll-code", help="print a one-time enrolment code for a station")
    )
    code.add_argument("station_code", metavar="STATION_CODE")
    code.add_argument("--name", help="the station's name (for a new station)")

    revoke = with_db(commands.add_parser("revoke", help="revoke a station's token"))
    revoke.add_argument("station_code", metavar="STATION_CODE")

    publish = with_db(
        commands.add_parser(
            "publish",
            help="publish county data (profiles, announcements, activities, services) from JSON",
        )
    )
    publish.add_argument("file", type=Path, help='a JSON list of {"scope","kind","key","data"}')

    with_db(commands.add_parser("stats", help="print counts per station as JSON"))
    parking_cli.add_commands(commands, with_db)  # book-request, requests
    return parser


def _data_dir() -> Path:
    return Path(PlatformDirs("redhome-county", "RedHome").user_data_dir)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from county.app import create_app
    from county.flights.service import (
        FlightConfigError,
        FlightService,
        attach_flights,
        default_store_path,
        flight_config,
    )

    database_url = _database_url(args)
    try:
        flights = flight_config(
            config_file=args.flights_config,
            feed_dir=args.flights_dir,
            airports=args.flights_airports,
            store_path=args.flights_store,
        )
    except FlightConfigError as error:
        print(f"redhome-county: {error}", file=sys.stderr)
        return 2
    app = create_app(database_url, public_url=args.public_url)
    log = logging.getLogger("county")
    if flights is None:
        log.info("flights: off (no AviationStack key and no --flights-dir)")
    else:
        if flights.store_path is None:
            store = default_store_path(database_url, _data_dir())
            flights = dataclasses.replace(flights, store_path=store)
        county = app.state.county
        attach_flights(app, FlightService.from_config(flights, county.writer, county.clock))
        log.info("%s; store %s", flights.describe(), flights.store_path)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        timeout_graceful_shutdown=5,
        access_log=False,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.command == "serve":
        return _serve(args)

    from county import service
    from county.db import make_engine, make_writer_factory, migrate
    from redhome_wire.station_time import SystemClock

    engine = make_engine(_database_url(args))
    try:
        migrate(engine)
        now = SystemClock().now()
        with make_writer_factory(engine)() as session:
            if args.command == "enroll-code":
                code = service.create_enrolment_code(session, args.station_code, args.name, now)
                session.commit()
                print(f"One-time enrolment code for {args.station_code}, valid for 24 hours:")
                print(code)
            elif args.command == "revoke":
                try:
                    service.revoke(session, args.station_code, now)
                except service.UnknownStation:
                    print(f"no station {args.station_code}", file=sys.stderr)
                    return 1
                session.commit()
                print(f"revoked the token of {args.station_code}")
            elif args.command == "publish":
                items = json.loads(args.file.read_text(encoding="utf-8"))
                count = service.publish_document(session, items, now)
                session.commit()
                print(f"published {count} items")
            elif args.command in parking_cli.COMMANDS:
                return parking_cli.run(args, session, now)
            elif args.command == "stats":
                document = {code: entry.as_json() for code, entry in service.stats(session).items()}
                parking_cli.add_stats(session, document)
                print(json.dumps(document, ensure_ascii=False, sort_keys=True))
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
