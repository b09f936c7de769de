"""The [parking] section of station.toml: the bays by type and every parking limit.

```toml
[parking]
car = 282                                          # car bays C001…
truck = 0                                          # truck bays T01…
ev = [{count = 20, power_kw = 7}, {count = 4, power_kw = 120}]   # EV chargers E01…
car_max_hours = 12
ev_max_hours = 4
truck_max_hours = 24
grace_minutes = 15
no_show_limit = 3
no_show_window_days = 30
ban_days = 7
```
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from kiosk.config import ConfigError
from kiosk.services.parking.service import BayConfig, BayType, ParkingSettings

_LIMITS = {
    "slot_minutes",
    "horizon_hours",
    "min_minutes",
    "grace_minutes",
    "early_arrival_minutes",
    "no_show_limit",
    "no_show_window_days",
    "ban_days",
}
_MAX_HOURS = {f"{bay_type.value}_max_hours": bay_type for bay_type in BayType}


def _count(section: dict[str, Any], key: str) -> int:
    value = section.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"parking.{key} must be a whole number of bays")
    return value


def bays_from_section(section: dict[str, Any]) -> tuple[BayConfig, ...]:
    bays = [BayConfig(f"C{n:03d}", BayType.CAR) for n in range(1, _count(section, "car") + 1)]
    chargers = section.get("ev", [])
    if not isinstance(chargers, list):
        raise ConfigError("parking.ev must be a list of {count, power_kw}")
    number = 0
    for group in chargers:
        if not isinstance(group, dict):
            raise ConfigError("parking.ev must be a list of {count, power_kw}")
        power = group.get("power_kw")
        if isinstance(power, bool) or not isinstance(power, int | float) or power <= 0:
            raise ConfigError("parking.ev power_kw must be a positive number")
        for _ in range(_count(group, "count")):
            number += 1
            bays.append(BayConfig(f"E{number:02d}", BayType.EV, float(power)))
    bays.extend(
        BayConfig(f"T{n:02d}", BayType.TRUCK) for n in range(1, _count(section, "truck") + 1)
    )
    return tuple(bays)


def settings_from_section(section: dict[str, Any]) -> ParkingSettings:
    defaults = ParkingSettings()
    values: dict[str, Any] = {}
    max_hours = dict(defaults.max_hours)
    for key, value in section.items():
        if key in ("car", "truck", "ev"):
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"parking.{key} must be a whole number")
        if key in _MAX_HOURS:
            max_hours[_MAX_HOURS[key]] = value
        elif key in _LIMITS:
            values[key] = value
        else:
            raise ConfigError(f"unknown setting parking.{key}")
    known = {field.name for field in fields(ParkingSettings)}
    assert set(values) <= known
    try:
        return ParkingSettings(max_hours=max_hours, **values)
    except ValueError as error:
        raise ConfigError(f"parking: {error}") from error


def load_parking(path: Path) -> tuple[ParkingSettings, tuple[BayConfig, ...]]:
    """Settings and bays from station.toml; a station without [parking] has no bays."""
    if not path.exists():
        return ParkingSettings(), ()
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("parking", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path.name}: {error}") from error
    if not isinstance(section, dict):
        raise ConfigError("[parking] must be a table")
    return settings_from_section(section), bays_from_section(section)
