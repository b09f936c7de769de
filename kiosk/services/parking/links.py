"""What a reservation's QR code carries: its county page, or the code itself offline."""

from __future__ import annotations

from kiosk.services.parking.service import ReservationView
from redhome_wire.station_time import STATION_TZ

RESERVATION_PAGE_PREFIX = "/r/"  # county.parking_pages


def reservation_url(reservation_id: str, public_base_url: str) -> str:
    """The county's page of one reservation: <base>/r/<reservation_id>."""
    return public_base_url.rstrip("/") + RESERVATION_PAGE_PREFIX + reservation_id


def reservation_offline_text(view: ReservationView) -> str:
    """What the QR carries without a county page: the code, the masked plate and the window."""
    start = view.start_at.astimezone(STATION_TZ)
    end = view.end_at.astimezone(STATION_TZ)
    bay = f" {view.bay_code}" if view.bay_code else ""
    plate = view.plate_masked or view.plate
    return f"红色之家 停车预约 {view.code}\n{plate}{bay}\n{start:%m-%d %H:%M}–{end:%H:%M}"


def reservation_qr_text(view: ReservationView, public_base_url: str | None) -> str:
    """The reservation's QR text: its county page when the county's public URL is known
    (county_public_base_url), else the offline text (code, masked plate, time).

    The page may say "not here yet" until the kiosk's push has reached the county; the code is
    on the kiosk's screen all the same.
    """
    if public_base_url and view.reservation_id:
        return reservation_url(view.reservation_id, public_base_url)
    return reservation_offline_text(view)
