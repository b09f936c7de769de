"""THE list of the county's capabilities: the only module that names them all.

Adding a capability is its folder, county/<name>/, declaring CAPABILITY (county.capability), its
two kiosk folders, and one line here. The platform (app, push, publishing, the command line)
iterates this list and never names a capability.
"""

from __future__ import annotations

from county import checkin, parking
from county.capability import CountyCapability

CAPABILITIES: tuple[CountyCapability, ...] = (
    checkin.CAPABILITY,
    parking.CAPABILITY,
)
