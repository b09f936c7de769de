"""File-feed adapter: JSON or CSV files dropped into a folder (format: county/flights/README.md).

Every `*.json` and `*.csv` in the folder is read (names starting with "." or "~", and `*.tmp` /
`*.part`, are ignored: write a file under such a name, then rename it). Files are re-read only
when one changes. A row that cannot be read is skipped and reported in `problems`; a file that
cannot be read at all, a missing folder or a folder without feed files is a FlightSourceError
(kind FILE), so the snapshot keeps its last good data. The row format itself (parse_row) lives in
redhome_wire.flights.rows, shared with the demo generator the kiosk's offline demo uses.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import date
from pathlib import Path
from typing import Final

from county.flights.aviationstack import parse_flight
from county.flights.errors import FlightErrorKind, FlightSourceError
from redhome_wire.flights import parsing
from redhome_wire.flights.legs import Endpoint, Leg
from redhome_wire.flights.records import Direction
from redhome_wire.flights.rows import RowProblem, parse_row
from redhome_wire.station_time import STATION_TZ

__all__ = ["FEED_SUFFIXES", "MAX_FILE_BYTES", "FileFeedSource", "RowProblem", "parse_row"]

log = logging.getLogger(__name__)

FEED_SUFFIXES: Final = (".json", ".csv")
MAX_FILE_BYTES: Final = 20 * 1024 * 1024


def _station_side(leg: Leg, airport: str) -> tuple[Direction, Endpoint] | None:
    if leg.arrival.iata == airport:
        return Direction.ARRIVAL, leg.arrival
    if leg.departure.iata == airport:
        return Direction.DEPARTURE, leg.departure
    return None


class FileFeedSource:
    name: Final = "file"

    def __init__(self, folder: Path, *, default_airport: str = "CSX") -> None:
        self._folder = Path(folder)
        self._default_airport = default_airport.upper()
        self._signature: tuple[tuple[str, int, int], ...] | None = None
        self._legs: list[Leg] = []
        self.problems: list[str] = []  # rows skipped at the last read, "file:row: why"

    @property
    def folder(self) -> Path:
        return self._folder

    def fetch(self, airport: str, direction: Direction, day: date) -> list[Leg]:
        """The legs whose station-side scheduled time falls on `day` (station time)."""
        result = []
        for leg in self.load():
            side = _station_side(leg, airport)
            if side is None or side[0] is not direction or side[1].scheduled is None:
                continue
            if side[1].scheduled.astimezone(STATION_TZ).date() == day:
                result.append(leg)
        return result

    def _files(self) -> list[Path]:
        try:
            entries = list(self._folder.iterdir())
        except OSError as error:
            raise FlightSourceError(
                FlightErrorKind.FILE, f"flight feed folder {self._folder} unreadable: {error}"
            ) from None
        files = sorted(
            path
            for path in entries
            if path.suffix.lower() in FEED_SUFFIXES
            and not path.name.startswith((".", "~"))
            and path.is_file()
        )
        if not files:
            raise FlightSourceError(
                FlightErrorKind.FILE, f"no *.json or *.csv flight files in {self._folder}"
            )
        return files

    def load(self) -> list[Leg]:
        files = self._files()
        try:
            signature = tuple(
                (path.name, path.stat().st_mtime_ns, path.stat().st_size) for path in files
            )
        except OSError as error:
            raise FlightSourceError(
                FlightErrorKind.FILE, f"flight file vanished: {error}"
            ) from None
        if signature == self._signature:
            return self._legs
        legs: list[Leg] = []
        problems: list[str] = []
        for path in files:
            legs.extend(self._read(path, problems))
        for problem in problems[:20]:
            log.warning("flight feed: skipped %s", problem)
        self._signature, self._legs, self.problems = signature, legs, problems
        return legs

    def _read(self, path: Path, problems: list[str]) -> list[Leg]:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise FlightSourceError(FlightErrorKind.FILE, f"{path.name} is too large")
            raw = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise FlightSourceError(
                FlightErrorKind.FILE, f"{path.name} unreadable (UTF-8 expected): {error}"
            ) from None
        if path.suffix.lower() == ".csv":
            return self._read_csv(path.name, raw, problems)
        return self._read_json(path.name, raw, problems)

    def _read_csv(self, name: str, raw: str, problems: list[str]) -> list[Leg]:
        legs = []
        try:
            reader = csv.DictReader(io.StringIO(raw, newline=""))
            if not reader.fieldnames:
                return []
            for row in reader:
                if not any(parsing.text(value) for value in row.values() if isinstance(value, str)):
                    continue  # a blank line
                try:
                    legs.append(parse_row(row, default_airport=self._default_airport))
                except RowProblem as problem:
                    problems.append(f"{name}:{reader.line_num}: {problem}")
        except csv.Error as error:
            raise FlightSourceError(FlightErrorKind.FILE, f"{name}: not CSV: {error}") from None
        return legs

    def _read_json(self, name: str, raw: str, problems: list[str]) -> list[Leg]:
        try:
            document = json.loads(raw)
        except ValueError as error:
            raise FlightSourceError(FlightErrorKind.FILE, f"{name}: not JSON: {error}") from None
        if isinstance(document, dict) and isinstance(document.get("data"), list):
            rows, aviationstack = document["data"], True  # an AviationStack answer, saved
        elif isinstance(document, dict) and isinstance(document.get("flights"), list):
            rows, aviationstack = document["flights"], False
        elif isinstance(document, list):
            rows, aviationstack = document, False
        else:
            raise FlightSourceError(
                FlightErrorKind.FILE, f'{name}: expected a list or {{"flights": [...]}}'
            )
        legs = []
        for index, row in enumerate(rows, start=1):
            try:
                if aviationstack:
                    legs.append(parse_flight(row))
                elif isinstance(row, dict):
                    legs.append(parse_row(row, default_airport=self._default_airport))
                else:
                    raise RowProblem("a row is not an object")
            except (RowProblem, ValueError, TypeError) as problem:
                problems.append(f"{name}:#{index}: {problem}")
        return legs
