"""Flight data for the airport stations: adapters, the snapshot, the poller, demo data.

Plain Python and requests; no Qt, and of the kiosk only the shared wire formats.
"""

from county.flights.aviationstack import AviationStackSource
from county.flights.errors import FlightErrorKind, FlightSourceError
from county.flights.feed import FeedItem, feed_changes
from county.flights.filefeed import FileFeedSource
from county.flights.poller import FlightPoller, FlightSource, PollReport, PollSettings
from county.flights.snapshot import PartitionKey, SnapshotStore, build_records, window_days

__all__ = [
    "AviationStackSource",
    "FeedItem",
    "FileFeedSource",
    "FlightErrorKind",
    "FlightPoller",
    "FlightSource",
    "FlightSourceError",
    "PartitionKey",
    "PollReport",
    "PollSettings",
    "SnapshotStore",
    "build_records",
    "feed_changes",
    "window_days",
]
