"""The [rest] section of station.toml: the rest corner's seats and its limits.

```toml
[rest]
seats = [
  {number = "1", kind = "chair"},
  {number = "7", kind = "recliner"},
  {number = "11", kind = "bed", zone = "静音室", out_of_service = true},
]
min_minutes = 10          # the shortest rest
max_minutes = 180         # the longest rest, custom durations included
walk_minutes = 15         # from the seats to where the flight's passengers come out
overstay_minutes = 10     # unanswered this long after the wake time: 超时
free_after_minutes = 10   # the keeper may free a seat this long after its wake time
volume = 0.8              # of the station's one volume
quiet_volume = 0.0        # in quiet hours; zero keeps the chime off
quiet_from_hour = 22
quiet_until_hour = 7
```

A station without seats has no rest corner: its tile does not show.
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from kiosk.config import ConfigError
from kiosk.services.rest.service import RestSettings, SeatConfig, SeatKind

_SEAT_KEYS = {"number", "kind", "zone", "out_of_service"}
_FRACTIONS = {"volume", "quiet_volume"}


def seats_from_section(section: dict[str, Any]) -> tuple[SeatConfig, ...]:
    seats = section.get("seats", [])
    if not isinstance(seats, list):
        raise ConfigError("rest.seats must be a list of {number, kind, zone}")
    result: list[SeatConfig] = []
    for seat in seats:
        if not isinstance(seat, dict) or not set(seat) <= _SEAT_KEYS:
            raise ConfigError("rest.seats must be a list of {number, kind, zone, out_of_service}")
        number = seat.get("number")
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        if not isinstance(number, str) or not 1 <= len(number) <= 8 or not number.isascii():
            raise ConfigError("rest.seats number must be up to 8 letters or digits")
        try:
            kind = SeatKind(seat.get("kind", "chair"))
        except ValueError as error:
            raise ConfigError(f"rest seat {number}: kind must be chair, recliner or bed") from error
        zone = seat.get("zone")
        if zone is not None and (not isinstance(zone, str) or len(zone) > 40):
            raise ConfigError(f"rest seat {number}: zone must be a short name")
        if any(existing.number == number for existing in result):
            raise ConfigError(f"rest seat {number} is declared twice")
        result.append(SeatConfig(number, kind, zone, bool(seat.get("out_of_service", False))))
    return tuple(result)


def settings_from_section(section: dict[str, Any]) -> RestSettings:
    known = {field.name for field in fields(RestSettings)}
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key == "seats":
            continue
        if key not in known:
            raise ConfigError(f"unknown setting rest.{key}")
        if key in _FRACTIONS:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"rest.{key} must be a number from 0 to 1")
            values[key] = float(value)
        elif isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"rest.{key} must be a whole number")
        else:
            values[key] = value
    try:
        return RestSettings(**values)
    except ValueError as error:
        raise ConfigError(f"rest: {error}") from error


def load_rest(path: Path) -> tuple[RestSettings, tuple[SeatConfig, ...]]:
    """Settings and seats from station.toml; a station without [rest] has no seats."""
    if not path.exists():
        return RestSettings(), ()
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("rest", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path.name}: {error}") from error
    if not isinstance(section, dict):
        raise ConfigError("[rest] must be a table")
    return settings_from_section(section), seats_from_section(section)
