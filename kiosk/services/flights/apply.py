"""Pull: flight items from the county's feed into the kiosk's flight cache.

Called by the sync engine for each change of kind FLIGHT_KIND or FLIGHT_META_KIND, inside the
page's transaction, so the records, the metadata and the cursor commit together. A record is
kept as the JSON the county sent (see kiosk.services.flights.models); a delete removes it; new
metadata also drops records older than the window it covers, behind the county's own deletes.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy.orm import Session

from kiosk.services.flights.cache import (
    delete_flight,
    delete_meta,
    prune_before_window,
    record_body,
    store_flight,
    store_meta,
)
from redhome_wire.flights.records import FLIGHT_KIND, FLIGHT_META_KIND, FlightFeedMeta, FlightRecord
from redhome_wire.protocol import FeedChange


def apply_flight_change(
    session: Session, change: FeedChange, data: BaseModel | None, now: datetime
) -> bool:
    """Apply one flight or flight-metadata change; `data` is its document, read and valid."""
    if change.kind == FLIGHT_KIND:
        if change.deleted or data is None:
            delete_flight(session, change.key)
            return True
        assert isinstance(data, FlightRecord)
        store_flight(session, change.key, record_body(change.data), data.scheduled_at, now)
        return True
    if change.kind == FLIGHT_META_KIND:
        if change.deleted or data is None:
            delete_meta(session, change.key)
            return True
        assert isinstance(data, FlightFeedMeta)
        store_meta(session, change.key, record_body(change.data), now)
        prune_before_window(session, data)
        return True
    return False
