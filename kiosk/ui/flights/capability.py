"""Flights' Qt half, as the shell sees it (kiosk.ui.capability)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kiosk.capability import CoreParts
from kiosk.ui.capability import (
    HomeTile,
    SnapshotState,
    UiCapability,
    UiContext,
    UiParts,
)
from kiosk.ui.language import QT_TRANSLATE_NOOP


def build(ctx: UiContext, core: CoreParts) -> UiParts:
    from kiosk.services.flights.board import BoardSettings
    from kiosk.services.flights.cache import (
        flight_page_base_url,
        flight_qr_text,
        load_cached_flights,
    )
    from kiosk.ui.flights.viewmodel import FlightsViewModel

    uow_factory = ctx.kiosk.uow_factory
    view_model = FlightsViewModel(
        lambda: (*load_cached_flights(uow_factory), flight_page_base_url(uow_factory)),
        flight_qr_text,
        BoardSettings(),
        ctx.tasks,
        ctx.navigator,
        ctx.kiosk.clock,
        ctx.language,
    )
    return UiParts(
        view_models={"flights": view_model},
        open=view_model.open,
    )


def snapshot_states() -> Mapping[str, SnapshotState]:
    from kiosk.ui.flights.snapshots import SNAPSHOT_STATES

    return SNAPSHOT_STATES


UI = UiCapability(
    name="flights",
    build=build,
    pages={"flights": "FlightsPage.qml", "flights.detail": "FlightDetailPage.qml"},
    qml_dir=Path(__file__).resolve().parent / "qml",
    tile=HomeTile(
        "tileFlights",
        QT_TRANSLATE_NOOP("HomePage", "Flights"),
        QT_TRANSLATE_NOOP("HomePage", "When your passengers come out"),
        "plane-arrival",
    ),
    snapshot_states=snapshot_states,
)
