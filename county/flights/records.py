"""What a source hands the snapshot builder: re-exported from kiosk.flight_data.records."""

from __future__ import annotations

from kiosk.flight_data.records import Endpoint, Leg, normalise_flight_number

__all__ = ["Endpoint", "Leg", "normalise_flight_number"]
