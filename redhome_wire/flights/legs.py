"""What a source hands the snapshot builder: one leg per listed flight number, provider-neutral.

Providers list a codeshare as its own entry (AviationStack: flight.codeshared names the operating
flight); the builder (redhome_wire.flights.build) merges them into one FlightRecord per aircraft.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from pydantic import AwareDatetime, BaseModel, ConfigDict

from redhome_wire.flights.records import ProviderStatus

_FLIGHT_NUMBER: Final = re.compile(r"^([A-Z0-9]{2,3}?)0*([0-9]{1,5}[A-Z]?)$")


def normalise_flight_number(value: object) -> str | None:
    """'cz 3392', 'CZ-3392', 'ＣＺ３３９２' -> 'CZ3392'; None when it is not a flight number."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).upper()
    text = "".join(char for char in text if char.isalnum())
    match = _FLIGHT_NUMBER.match(text)
    if match is None or not any(char.isalpha() for char in match.group(1)):
        return None
    return match.group(1) + match.group(2)


class Endpoint(BaseModel):
    """One end of a flight. Every field may be missing; providers leave nulls everywhere."""

    model_config = ConfigDict(frozen=True)

    iata: str | None = None
    icao: str | None = None
    airport: str | None = None
    timezone: str | None = None
    terminal: str | None = None
    gate: str | None = None
    belt: str | None = None
    delay_min: int | None = None
    scheduled: AwareDatetime | None = None
    estimated: AwareDatetime | None = None
    actual: AwareDatetime | None = None
    # Only a file feed names these; the airport table is used otherwise.
    city_zh: str | None = None
    city_en: str | None = None
    city_pinyin: str | None = None
    country: str | None = None


class Leg(BaseModel):
    """One flight number's entry, as a source listed it."""

    model_config = ConfigDict(frozen=True)

    flight: str  # normalised, e.g. CZ3392
    airline_iata: str | None = None
    airline_name: str | None = None
    operated_by: str | None = None  # the operating flight number when this entry is a codeshare
    operating_airline_iata: str | None = None
    operating_airline_name: str | None = None
    codeshares: tuple[str, ...] = ()  # marketing numbers a source lists on the operating entry
    status: ProviderStatus = ProviderStatus.UNKNOWN
    departure: Endpoint = Endpoint()
    arrival: Endpoint = Endpoint()
