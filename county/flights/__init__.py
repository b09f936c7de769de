"""Flight data for the airport stations: adapters, the snapshot, the poller, the service that
publishes to the feed, the /f/<key> page and the serve options (README.md).

Plain Python and requests; no Qt, and of the kiosk only the shared wire formats.
"""

from county.capability import CountyCapability
from county.flights.aviationstack import AviationStackSource
from county.flights.cli import FLIGHT_SERVE_OPTIONS
from county.flights.errors import FlightErrorKind, FlightSourceError
from county.flights.feed import FeedItem, feed_changes
from county.flights.filefeed import FileFeedSource
from county.flights.pages import install_flight_pages
from county.flights.poller import FlightPoller, FlightSource, PollReport, PollSettings
from county.flights.snapshot import PartitionKey, SnapshotStore, build_records, window_days
from redhome_wire.flights.records import FEED_DOCUMENTS

CAPABILITY = CountyCapability(
    "flights",
    documents=FEED_DOCUMENTS,
    install=install_flight_pages,
    serve_options=FLIGHT_SERVE_OPTIONS,
)

__all__ = [
    "CAPABILITY",
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
