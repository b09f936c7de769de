"""`python -m county serve` with flights: the options, and the poller started with the server.

The source: AviationStack when a key is configured (--flights-config, else
$REDHOME_AVIATIONSTACK_KEY), else a file-feed folder, else none (flights are off). See README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI

from county.capability import CommandProblem, County, ServeOptions, ServeSettings
from county.flights.service import (
    FlightConfigError,
    FlightService,
    attach_flights,
    default_store_path,
    flight_config,
)

log = logging.getLogger("county")


def _add_arguments(serve: argparse.ArgumentParser) -> None:
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


def _prepare(
    args: argparse.Namespace, settings: ServeSettings
) -> Callable[[FastAPI, County], None] | None:
    folder = args.flights_dir
    if folder is not None and not folder.is_dir():
        # Given on the command line: a typo is said at once, not found at the first poll.
        what = "is not a folder" if folder.exists() else "does not exist"
        raise CommandProblem(f"--flights-dir {folder} {what}")
    try:
        config = flight_config(
            config_file=args.flights_config,
            feed_dir=args.flights_dir,
            airports=args.flights_airports,
            store_path=args.flights_store,
        )
    except FlightConfigError as error:
        raise CommandProblem(str(error)) from None
    if config is None:
        log.info("flights: off (no AviationStack key and no --flights-dir)")
        return None
    if config.store_path is None:
        store = default_store_path(settings.database_url, settings.data_dir)
        config = dataclasses.replace(config, store_path=store)
    flights = config

    def attach(app: FastAPI, county: County) -> None:
        attach_flights(app, FlightService.from_config(flights, county.writer, county.clock))
        log.info("%s; store %s", flights.describe(), flights.store_path)

    return attach


FLIGHT_SERVE_OPTIONS = ServeOptions(_add_arguments, _prepare)
