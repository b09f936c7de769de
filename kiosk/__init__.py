"""Red Home (红色之家) station kiosk."""

__version__ = "0.1.0"
