"""Parking at the county: reservations the stations push, the /r/<id> page, remote booking
requests and their commands."""

from county.capability import CountyCapability
from county.parking.service import PARKING_OPS

CAPABILITY = CountyCapability("parking", op_handlers=(PARKING_OPS,))
