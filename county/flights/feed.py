"""From one snapshot to the next: the pull-feed changes kiosks need.

Kinds from redhome_wire.flights.records.

A flight travels as kind FLIGHT_KIND keyed by its record key; a flight that left the three-day
window (or the provider) is deleted; the metadata travels as FLIGHT_META_KIND / FLIGHT_META_KEY
whenever it changes (every successful poll moves updated_at). Only what changed is published, so
the feed grows by the flights that moved, not by the whole board every five minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from redhome_wire.flights.records import (
    FLIGHT_KIND,
    FLIGHT_META_KEY,
    FLIGHT_META_KIND,
    FlightSnapshot,
)


@dataclass(frozen=True, slots=True)
class FeedItem:
    kind: str
    key: str
    data: BaseModel | None  # None: delete the item

    def as_publish_item(self, scope: str = "*") -> dict[str, Any]:
        """The {scope, kind, key, data|null} shape of county.service.publish_document."""
        return {
            "scope": scope,
            "kind": self.kind,
            "key": self.key,
            "data": self.data.model_dump(mode="json") if self.data is not None else None,
        }


def feed_changes(previous: FlightSnapshot | None, current: FlightSnapshot) -> list[FeedItem]:
    """Upserts of new or changed flights, deletes of vanished ones, then the metadata if changed."""
    before = {record.key: record for record in previous.flights} if previous else {}
    now_keys = {record.key for record in current.flights}
    items = [
        FeedItem(FLIGHT_KIND, record.key, record)
        for record in current.flights
        if before.get(record.key) != record
    ]
    items.extend(FeedItem(FLIGHT_KIND, key, None) for key in before if key not in now_keys)
    if previous is None or previous.meta != current.meta:
        items.append(FeedItem(FLIGHT_META_KIND, FLIGHT_META_KEY, current.meta))
    return items
