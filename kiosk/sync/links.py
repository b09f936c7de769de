"""Links the kiosk shows as QR codes: the station card and reservation pages of the county."""

from __future__ import annotations

import qrcode
import qrcode.constants

from kiosk.services.parking import ReservationView
from kiosk.store.models import SyncState
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.station_time import STATION_TZ


def station_card_url(uow_factory: UnitOfWorkFactory) -> str | None:
    """The public URL of the station card, once a pull has brought it; None before."""
    with uow_factory() as uow:
        state = uow.session.get(SyncState, 1)
        if state is None or not state.card_path:
            return None
        base = state.public_base_url or state.server_url
        if not base:
            return None
        return base.rstrip("/") + state.card_path


RESERVATION_PAGE_PREFIX = "/r/"  # county.parking_pages


def county_public_base_url(uow_factory: UnitOfWorkFactory) -> str | None:
    """The county's base URL for phones, as the last pull said (FeedPage.public_base_url).

    None before the first pull (not enrolled, or never reached the county): the URL this kiosk
    uses itself may be one a phone cannot reach, so it is not offered instead.
    """
    with uow_factory() as uow:
        state = uow.session.get(SyncState, 1)
        if state is None or not state.public_base_url:
            return None
        return state.public_base_url


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


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of `text` as rows of dark (True) and light modules, without a quiet zone.

    The QML draws it (for example a Repeater of Rectangles) and adds its own white margin of
    four modules.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]
