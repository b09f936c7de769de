"""Lenient readers for provider and file values: re-exported from kiosk.flight_data.parsing."""

from __future__ import annotations

from kiosk.flight_data.parsing import instant, integer, text, zone

__all__ = ["instant", "integer", "text", "zone"]
