"""Flights as they travel from the county server to the kiosks (pydantic v2), defined once.

The county server builds these from whatever provider it polls (AviationStack, a file feed); the
kiosk keeps them in its cache and builds its board from them.

One FlightRecord is one physical flight at the station's airport, seen from the station: for an
arrival its times are the landing/arrival times at the station, for a departure the departure
times from it. Codeshares (other flight numbers sold on the same aircraft) are merged into it.

Through the pull feed a record travels as kind FLIGHT_KIND keyed by FlightRecord.key, and the
snapshot's metadata (when it was last updated, from which source) as kind FLIGHT_META_KIND with
key FLIGHT_META_KEY. Unknown fields are ignored, not refused, so an older kiosk keeps reading
records from a newer county.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Final

from pydantic import BaseModel, Field, StringConstraints

from redhome_wire.protocol import FeedDocument, WireDatetime

FLIGHT_KIND: Final = "flight"
FLIGHT_META_KIND: Final = "flight.meta"
FLIGHT_META_KEY: Final = "flights"

Iata = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{3}$")]
FlightNumber = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{2,3}[0-9]{1,5}[A-Z]?$")]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=80)]
# A provider's name for something (an airline, an airport, a city, a gate): bounded.
Name = Annotated[str, StringConstraints(max_length=200)]


class Direction(enum.StrEnum):
    ARRIVAL = "arrival"
    DEPARTURE = "departure"


class ProviderStatus(enum.StrEnum):
    """The provider's own word for a flight's state (AviationStack's vocabulary)."""

    SCHEDULED = "scheduled"
    ACTIVE = "active"  # in the air
    LANDED = "landed"
    CANCELLED = "cancelled"
    INCIDENT = "incident"
    DIVERTED = "diverted"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: object) -> ProviderStatus:
        """A lenient reading: providers and people write statuses many ways."""
        if value is None:
            return cls.UNKNOWN
        text = str(value).strip().lower().replace("_", "-")
        return _STATUS_WORDS.get(text, cls.UNKNOWN)


_STATUS_WORDS: Final[dict[str, ProviderStatus]] = {
    "scheduled": ProviderStatus.SCHEDULED,
    "sched": ProviderStatus.SCHEDULED,
    "on-time": ProviderStatus.SCHEDULED,
    "delayed": ProviderStatus.SCHEDULED,  # the delay itself is in the times
    "计划": ProviderStatus.SCHEDULED,
    "延误": ProviderStatus.SCHEDULED,
    "active": ProviderStatus.ACTIVE,
    "en-route": ProviderStatus.ACTIVE,
    "enroute": ProviderStatus.ACTIVE,
    "airborne": ProviderStatus.ACTIVE,
    "departed": ProviderStatus.ACTIVE,
    "起飞": ProviderStatus.ACTIVE,
    "已起飞": ProviderStatus.ACTIVE,
    "landed": ProviderStatus.LANDED,
    "arrived": ProviderStatus.LANDED,
    "到达": ProviderStatus.LANDED,
    "已到达": ProviderStatus.LANDED,
    "cancelled": ProviderStatus.CANCELLED,
    "canceled": ProviderStatus.CANCELLED,
    "取消": ProviderStatus.CANCELLED,
    "incident": ProviderStatus.INCIDENT,
    "diverted": ProviderStatus.DIVERTED,
    "备降": ProviderStatus.DIVERTED,
    "unknown": ProviderStatus.UNKNOWN,
}


class FlightRecord(FeedDocument):
    """One physical flight at the station's airport, provider-neutral."""

    key: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    airport: Iata  # the station's airport, e.g. CSX
    direction: Direction
    flight: FlightNumber  # the operating flight number, e.g. CZ3392
    codeshares: tuple[FlightNumber, ...] = ()  # other numbers sold on the same aircraft
    airline_iata: Name | None = None
    airline_name: Name | None = None
    other_iata: Name | None = None  # the airport at the other end (origin of an arrival)
    other_airport: Name | None = None  # its name as the provider gives it
    city_zh: Name | None = None
    city_en: Name | None = None
    city_pinyin: Name | None = None  # lower-case syllables without tones, space-separated
    country: Name | None = None  # ISO 3166 alpha-2 of the other airport
    # True when passengers clear border control: international, or Hong Kong / Macao / Taiwan.
    international: bool | None = None
    scheduled_at: WireDatetime
    estimated_at: WireDatetime | None = None
    actual_at: WireDatetime | None = None
    status: ProviderStatus = ProviderStatus.UNKNOWN
    delay_min: Annotated[int, Field(ge=-100_000, le=100_000)] | None = None
    terminal: Name | None = None
    gate: Name | None = None
    belt: Name | None = None  # baggage belt (arrivals only)

    @property
    def numbers(self) -> tuple[str, ...]:
        return (self.flight, *self.codeshares)


class FlightFeedMeta(FeedDocument):
    """What a board needs to be honest about its data: when, from where, and what went wrong."""

    airports: tuple[Iata, ...] = ("CSX",)
    source: ShortText  # e.g. "aviationstack", "file"
    # The oldest last-successful fetch among today's partitions: the age of the weakest part.
    updated_at: WireDatetime | None = None
    attempted_at: WireDatetime | None = None
    error: Name | None = None  # the last failure, if the latest attempt failed (an error kind)
    error_message: Annotated[str, StringConstraints(max_length=2000)] | None = None
    days: tuple[date, ...] = ()  # station-local days covered (yesterday, today, tomorrow)
    count: Annotated[int, Field(ge=0, le=1_000_000)] = 0


class FlightSnapshot(FeedDocument):
    """Everything a board is built from: the records and their metadata."""

    meta: FlightFeedMeta
    flights: tuple[FlightRecord, ...] = Field(default_factory=tuple)


FEED_DOCUMENTS: Final[dict[str, type[BaseModel]]] = {
    FLIGHT_KIND: FlightRecord,
    FLIGHT_META_KIND: FlightFeedMeta,
}
