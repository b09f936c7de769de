"""THE list of capabilities, in home-screen order: the only file that names them all.

Adding a capability is its two folders (kiosk/services/<name>/, kiosk/ui/<name>/), its folder on
the county, and one line here; docs/adding-a-capability.md walks through it. Importing this
module is cheap: it holds where each capability lives, not its code.

A station may switch capabilities off in station.toml (`switched_off = ["flights"]`): the flight
board only makes sense near an airport.
"""

from __future__ import annotations

from kiosk.capability import CapabilityRef

CAPABILITIES: tuple[CapabilityRef, ...] = (
    CapabilityRef.folders("checkin"),
    CapabilityRef.folders("parking"),
    CapabilityRef.folders("flights"),
    CapabilityRef.folders("rest"),
    CapabilityRef.folders("closeout"),
)
