"""From legs to FlightRecords: codeshares merged, cities named, domestic or international.

Shared by the county's snapshot store (county.flights.snapshot) and the demo generator
(redhome_wire.flights.demo). Plain Python; of the kiosk only redhome_wire.flights.records.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from redhome_wire.flights.airports import infer_country, is_international, lookup
from redhome_wire.flights.legs import Endpoint, Leg
from redhome_wire.flights.records import Direction, FlightRecord, ProviderStatus
from redhome_wire.station_time import STATION_TZ


def window_days(now: datetime) -> tuple[date, date, date]:
    """Yesterday, today and tomorrow at the station (Asia/Shanghai)."""
    today = now.astimezone(STATION_TZ).date()
    return today - timedelta(days=1), today, today + timedelta(days=1)


def record_key(airport: str, direction: Direction, flight: str, scheduled: datetime) -> str:
    local_day = scheduled.astimezone(STATION_TZ).strftime("%Y%m%d")
    return f"{airport}-{'A' if direction is Direction.ARRIVAL else 'D'}-{flight}-{local_day}"


# --- building records --------------------------------------------------------------------------


def _sides(leg: Leg, airport: str) -> tuple[Direction, Endpoint, Endpoint] | None:
    if leg.arrival.iata == airport:
        return Direction.ARRIVAL, leg.arrival, leg.departure
    if leg.departure.iata == airport:
        return Direction.DEPARTURE, leg.departure, leg.arrival
    return None


def _richness(leg: Leg, station: Endpoint) -> int:
    return (
        (leg.operated_by is None) * 8
        + (station.actual is not None) * 4
        + (station.estimated is not None) * 2
        + (leg.status is not ProviderStatus.UNKNOWN)
    )


def build_records(legs: Iterable[Leg], airport: str = "CSX") -> list[FlightRecord]:
    """One FlightRecord per physical flight at `airport`, sorted by scheduled time.

    Legs of one flight are those with the same operating number, direction and station-local
    scheduled day: the operating entry and its codeshare listings. When the operating entry is
    missing, a codeshare listing stands in for it under the operating number. A later leg for
    the same number replaces an earlier one (pass legs oldest fetch first).
    """
    groups: dict[tuple[Direction, str, date], dict[str, tuple[Leg, Endpoint, Endpoint]]] = {}
    for leg in legs:
        sides = _sides(leg, airport)
        if sides is None:
            continue
        direction, station, other = sides
        if station.scheduled is None:
            continue
        operating = leg.operated_by or leg.flight
        local_day = station.scheduled.astimezone(STATION_TZ).date()
        groups.setdefault((direction, operating, local_day), {})[leg.flight] = (
            leg,
            station,
            other,
        )
    records = [
        _record(airport, direction, operating, members)
        for (direction, operating, _day), members in groups.items()
    ]
    records.sort(key=lambda record: (record.scheduled_at, record.flight))
    return records


def _record(
    airport: str,
    direction: Direction,
    operating: str,
    members: dict[str, tuple[Leg, Endpoint, Endpoint]],
) -> FlightRecord:
    leg, station, other = max(members.values(), key=lambda item: _richness(item[0], item[1]))
    numbers: set[str] = set(members)
    for member, _station, _other in members.values():
        numbers.update(member.codeshares)
    numbers.discard(operating)
    if leg.operated_by is None:
        airline_iata, airline_name = leg.airline_iata, leg.airline_name
    else:
        airline_iata = leg.operating_airline_iata or operating[:2]
        airline_name = leg.operating_airline_name
    known = lookup(other.iata)
    country = other.country or infer_country(other.iata, other.icao, other.timezone)
    assert station.scheduled is not None
    return FlightRecord(
        key=record_key(airport, direction, operating, station.scheduled),
        airport=airport,
        direction=direction,
        flight=operating,
        codeshares=tuple(sorted(numbers)),
        airline_iata=airline_iata,
        airline_name=airline_name,
        other_iata=other.iata,
        other_airport=other.airport,
        city_zh=other.city_zh or (known.city_zh if known else None),
        city_en=other.city_en or (known.city_en if known else None),
        city_pinyin=other.city_pinyin or (known.pinyin if known else None),
        country=country,
        international=is_international(country),
        scheduled_at=station.scheduled,
        estimated_at=station.estimated,
        actual_at=station.actual,
        status=leg.status,
        delay_min=station.delay_min,
        terminal=station.terminal,
        gate=station.gate,
        belt=station.belt if direction is Direction.ARRIVAL else None,
    )
