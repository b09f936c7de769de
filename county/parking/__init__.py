"""Parking at the county: reservations the stations push, the /r/<id> page, remote booking
requests and their commands."""

from county.capability import CountyCapability
from county.parking.cli import PARKING_COMMANDS
from county.parking.pages import install_parking_pages
from county.parking.service import PARKING_OPS, parking_stats
from redhome_wire.parking import FEED_DOCUMENTS

CAPABILITY = CountyCapability(
    "parking",
    op_handlers=(PARKING_OPS,),
    documents=FEED_DOCUMENTS,
    install=install_parking_pages,
    station_stats=parking_stats,
    commands=PARKING_COMMANDS,
)
