"""THE list of the county's capabilities: the only module that names them all.

Adding a capability is its folder, county/<name>/, declaring CAPABILITY (county.capability), its
two kiosk folders, and one line here. The platform (app, push, publishing, the command line)
iterates this list and never names a capability, in this order (their commands in --help,
their hooks when a station is created).
"""

from __future__ import annotations

from county import checkin, closeout, flights, parking, rest, station
from county.capability import CountyCapability

CAPABILITIES: tuple[CountyCapability, ...] = (
    station.CAPABILITY,
    checkin.CAPABILITY,
    parking.CAPABILITY,
    flights.CAPABILITY,
    rest.CAPABILITY,
    closeout.CAPABILITY,
)
