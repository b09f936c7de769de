"""The Red Home county server the station kiosks sync with.

It imports nothing of Qt and, of the kiosk, only the shared wire format (redhome_wire.protocol).
"""

__version__ = "0.1.0"
