"""Links the kiosk shows as QR codes: the county's public pages, and the QR matrix of any text."""

from __future__ import annotations

import qrcode
import qrcode.constants

from kiosk.store.models import SyncState
from kiosk.store.unit_of_work import UnitOfWorkFactory


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


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of `text` as rows of dark (True) and light modules, without a quiet zone.

    The QML draws it (for example a Repeater of Rectangles) and adds its own white margin of
    four modules.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]
