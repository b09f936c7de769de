"""Parking's Qt half, as the shell sees it (kiosk.ui.capability)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kiosk.capability import CoreParts
from kiosk.services.parking.plates import InvalidPlate
from kiosk.services.parking.service import ParkingError
from kiosk.ui.capability import (
    HomeTile,
    KeeperEntry,
    SnapshotState,
    UiCapability,
    UiContext,
    UiParts,
)
from kiosk.ui.language import QT_TRANSLATE_NOOP
from kiosk.ui.parking.keeper_viewmodel import KEEPER_PAGE
from kiosk.ui.parking.messages import describe_parking_problem, describe_plate_problem


def build(ctx: UiContext, core: CoreParts) -> UiParts:
    from kiosk.services.parking.links import reservation_qr_text
    from kiosk.sync.links import county_public_base_url
    from kiosk.ui.parking.keeper_viewmodel import KeeperParkingViewModel
    from kiosk.ui.parking.viewmodel import ParkingViewModel

    kiosk = ctx.kiosk
    service = core.service
    parking = ParkingViewModel(
        service,
        service.settings,
        ctx.tasks,
        ctx.navigator,
        kiosk.clock,
        ctx.language,
        kiosk.settings.confirmation_return_s,
        reservation_qr_text,
        lambda: county_public_base_url(kiosk.uow_factory),
    )
    keeper = KeeperParkingViewModel(service, ctx.tasks, kiosk.clock, ctx.language)
    return UiParts(
        view_models={"parking": parking, "keeperParking": keeper},
        open=parking.open,
    )


def snapshot_states() -> Mapping[str, SnapshotState]:
    from kiosk.ui.parking.snapshots import SNAPSHOT_STATES

    return SNAPSHOT_STATES


UI = UiCapability(
    name="parking",
    build=build,
    pages={
        "parking": "ParkingPage.qml",
        "parking.window": "ParkingWindowPage.qml",
        "parking.plate": "ParkingPlatePage.qml",
        "parking.phone": "ParkingPhonePage.qml",
        "parking.code": "ParkingCodePage.qml",
        "parking.done": "ParkingDonePage.qml",
        "parking.board": "ParkingBoardPage.qml",
        KEEPER_PAGE: "KeeperParkingPage.qml",
    },
    qml_dir=Path(__file__).resolve().parent / "qml",
    tile=HomeTile(
        "tileParking",
        QT_TRANSLATE_NOOP("HomePage", "Parking"),
        QT_TRANSLATE_NOOP("HomePage", "Book a bay, or say you are here"),
        "parking",
    ),
    keeper_entries=(
        KeeperEntry(
            "menuParking",
            QT_TRANSLATE_NOOP("KeeperMenuPage", "Parking"),
            QT_TRANSLATE_NOOP("KeeperMenuPage", "Bookings, arrivals, chargers"),
            "parking",
            KEEPER_PAGE,
        ),
    ),
    describers={InvalidPlate: describe_plate_problem, ParkingError: describe_parking_problem},
    op_labels={
        "reservation.created": QT_TRANSLATE_NOOP("Sync", "Parking booking"),
        "reservation.updated": QT_TRANSLATE_NOOP("Sync", "Parking change"),
        "parking.request_result": QT_TRANSLATE_NOOP("Sync", "Answer to a remote booking"),
    },
    snapshot_states=snapshot_states,
)
