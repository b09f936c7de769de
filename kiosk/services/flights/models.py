"""The kiosk's cache of the county's flight feed (redhome_wire.flights.records): records and their
metadata.

A record is kept as the JSON body the county sent, not as columns. The kiosk never queries a
flight by its fields: the board (kiosk.services.flights.board) loads the whole three-day window,
about a thousand rows, and indexes it in memory. A body keeps the wire model the one definition
of a flight (redhome_wire.flights.records) and stays forward compatible: a field a newer county
adds is kept as it came (FlightRecord ignores it until the kiosk knows it) and needs no
migration here. Only `scheduled_at` is a column, so records older than the feed's window can be
pruned in one DELETE and loaded in board order.

Nothing here is personal: flights are public data.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import UtcDateTime


class CachedFlight(Base):
    """One flight as the county's feed last gave it (kind "flight"), keyed by FlightRecord.key."""

    __tablename__ = "flight_records"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    scheduled_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    body: Mapped[str] = mapped_column(Text)  # FlightRecord as JSON, as the county sent it
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)  # when this kiosk stored it


class CachedFlightMeta(Base):
    """The snapshot's metadata (kind "flight.meta"): when, from which source, what went wrong."""

    __tablename__ = "flight_feed_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[str] = mapped_column(Text)  # FlightFeedMeta as JSON
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
