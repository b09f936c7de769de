"""The Red Home county server the station kiosks sync with.

It imports nothing of Qt or of the kiosk: what both sides agree on is in redhome_wire. Its
capabilities are folders (county/<name>/), listed in county/capabilities.py.
"""

__version__ = "0.1.0"
