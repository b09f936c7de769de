"""The file-feed row format (county/flights/README.md): one row as a Leg, or why not.

Shared by the county's file-feed adapter (county.flights.filefeed) and the demo generator
(redhome_wire.flights.demo), so the kiosk's offline demo goes through the same parser a county
without a paid provider uses. Plain Python; of the kiosk only redhome_wire.flights.records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final

from redhome_wire.flights import parsing
from redhome_wire.flights.legs import Endpoint, Leg, normalise_flight_number
from redhome_wire.flights.records import Direction, ProviderStatus
from redhome_wire.station_time import STATION_TZ, STATION_TZ_NAME

_SPLIT: Final = re.compile(r"[\s,;/|、，；]+")
_TIME_ONLY: Final = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:([+-])\s*(\d))?$")
_DIRECTIONS: Final[dict[str, Direction]] = {
    "arrival": Direction.ARRIVAL,
    "arrivals": Direction.ARRIVAL,
    "arr": Direction.ARRIVAL,
    "a": Direction.ARRIVAL,
    "到达": Direction.ARRIVAL,
    "进港": Direction.ARRIVAL,
    "departure": Direction.DEPARTURE,
    "departures": Direction.DEPARTURE,
    "dep": Direction.DEPARTURE,
    "d": Direction.DEPARTURE,
    "出发": Direction.DEPARTURE,
    "离港": Direction.DEPARTURE,
}
# Column aliases: the documented name first.
_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "flight": ("flight", "flight_iata", "flight_number", "航班", "航班号"),
    "direction": ("direction", "type", "方向"),
    "airport": ("airport", "station_airport"),
    "date": ("date", "flight_date", "日期"),
    "other_iata": ("other_iata", "origin", "destination", "from", "to"),
    "other_city_zh": ("other_city_zh", "city_zh", "城市"),
    "other_city_en": ("other_city_en", "city_en"),
    "other_city_pinyin": ("other_city_pinyin", "city_pinyin", "pinyin"),
    "other_country": ("other_country", "country"),
    "airline": ("airline", "airline_name", "航空公司"),
    "airline_iata": ("airline_iata",),
    "codeshares": ("codeshares", "codeshare", "共享航班"),
    "operated_by": ("operated_by", "operating_flight"),
    "scheduled": ("scheduled", "计划"),
    "estimated": ("estimated", "预计"),
    "actual": ("actual", "实际"),
    "status": ("status", "状态"),
    "delay_min": ("delay_min", "delay"),
    "terminal": ("terminal", "航站楼"),
    "gate": ("gate", "登机口"),
    "belt": ("belt", "baggage", "行李转盘"),
}


class RowProblem(ValueError):
    pass


def _field(row: Mapping[str, Any], name: str) -> str | None:
    for alias in _ALIASES[name]:
        if alias in row:
            raw = row[alias]
            if isinstance(raw, list | tuple):
                raw = " ".join(str(item) for item in raw if item is not None)
            value = parsing.text(raw)
            if value is not None:
                return value
    return None


def _when(value: str | None, day: date | None) -> datetime | None:
    """'2026-11-27 14:05', ISO 8601 with an offset, or '14:05' / '00:35+1' on the row's date."""
    if value is None:
        return None
    match = _TIME_ONLY.match(value)
    if match is None:
        try:
            return parsing.instant(value, fallback_tz=STATION_TZ)
        except ValueError:
            raise RowProblem(f"unreadable time {value!r}") from None
    if day is None:
        raise RowProblem(f"time {value!r} without a date column")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise RowProblem(f"unreadable time {value!r}")
    shift = int(match.group(4) or 0) * (-1 if match.group(3) == "-" else 1)
    local_day = day + timedelta(days=shift)
    return datetime(local_day.year, local_day.month, local_day.day, hour, minute, tzinfo=STATION_TZ)


def parse_row(row: Mapping[str, Any], *, default_airport: str = "CSX") -> Leg:
    """One documented row as a Leg; RowProblem saying why not."""
    normalised = {str(key).strip().lower(): value for key, value in row.items() if key is not None}
    flight = normalise_flight_number(_field(normalised, "flight"))
    if flight is None:
        raise RowProblem("no readable flight number")
    direction_text = _field(normalised, "direction")
    direction = _DIRECTIONS.get((direction_text or "").lower())
    if direction is None:
        raise RowProblem(f"direction must be arrival or departure, not {direction_text!r}")
    airport = (_field(normalised, "airport") or default_airport).upper()
    day_text = _field(normalised, "date")
    try:
        day = date.fromisoformat(day_text) if day_text else None
    except ValueError:
        raise RowProblem(f"unreadable date {day_text!r}") from None
    scheduled = _when(_field(normalised, "scheduled"), day)
    if scheduled is None:
        raise RowProblem("no scheduled time")
    estimated = _when(_field(normalised, "estimated"), day)
    actual = _when(_field(normalised, "actual"), day)
    status = ProviderStatus.parse(_field(normalised, "status"))
    if _field(normalised, "status") is None:
        if actual is None:
            status = ProviderStatus.SCHEDULED
        else:
            arriving = direction is Direction.ARRIVAL
            status = ProviderStatus.LANDED if arriving else ProviderStatus.ACTIVE
    codeshares = tuple(
        number
        for number in (
            normalise_flight_number(part)
            for part in _SPLIT.split(_field(normalised, "codeshares") or "")
        )
        if number is not None and number != flight
    )
    other_iata = _field(normalised, "other_iata")
    country = _field(normalised, "other_country")
    station = Endpoint(
        iata=airport,
        timezone=STATION_TZ_NAME,
        terminal=_field(normalised, "terminal"),
        gate=_field(normalised, "gate"),
        belt=_field(normalised, "belt") if direction is Direction.ARRIVAL else None,
        delay_min=parsing.integer(_field(normalised, "delay_min")),
        scheduled=scheduled,
        estimated=estimated,
        actual=actual,
    )
    other = Endpoint(
        iata=other_iata.upper() if other_iata else None,
        city_zh=_field(normalised, "other_city_zh"),
        city_en=_field(normalised, "other_city_en"),
        city_pinyin=(_field(normalised, "other_city_pinyin") or "").lower() or None,
        country=country.upper() if country else None,
    )
    airline_iata = _field(normalised, "airline_iata")
    operated_by = normalise_flight_number(_field(normalised, "operated_by"))
    return Leg(
        flight=flight,
        airline_iata=(airline_iata or flight[:2]).upper(),
        airline_name=_field(normalised, "airline"),
        operated_by=operated_by if operated_by != flight else None,
        operating_airline_iata=operated_by[:2] if operated_by else None,
        codeshares=codeshares,
        status=status,
        departure=other if direction is Direction.ARRIVAL else station,
        arrival=station if direction is Direction.ARRIVAL else other,
    )
