"""The rest corner's Qt half, as the shell sees it (kiosk.ui.capability)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kiosk.capability import CoreParts
from kiosk.services.rest.service import RestError
from kiosk.ui.capability import (
    DaySection,
    Headline,
    HomeTile,
    KeeperEntry,
    SnapshotState,
    UiCapability,
    UiContext,
    UiParts,
)
from kiosk.ui.language import QT_TRANSLATE_NOOP
from kiosk.ui.rest.messages import describe_rest_problem
from redhome_wire.rest import REST_FINISHED

KEEPER_PAGE = "keeper.rest"


def build(ctx: UiContext, core: CoreParts) -> UiParts:
    from kiosk.sync.links import county_public_base_url
    from kiosk.ui.rest.keeper_viewmodel import KeeperRestViewModel
    from kiosk.ui.rest.viewmodel import RestViewModel

    kiosk = ctx.kiosk
    rest = RestViewModel(
        core.service,
        ctx.tasks,
        ctx.navigator,
        kiosk.clock,
        ctx.language,
        ctx.attention,
        kiosk.settings.confirmation_return_s,
        lambda: county_public_base_url(kiosk.uow_factory),
    )
    rest.start_timers()
    keeper = KeeperRestViewModel(core.service, ctx.tasks, ctx.language)

    def day_summary(counters: Mapping[str, int]) -> DaySection:
        def headline(name: str, label: str, key: str) -> Headline:
            return Headline(name, QCoreApplication.translate("KeeperRest", label), counters[key])

        return DaySection(
            headlines=(
                headline("restRestsToday", "Rests", "rest.rests"),
                headline("restMinutesToday", "Minutes rested", "rest.minutes"),
                headline("restOverdueToday", "Overdue wake-ups", "rest.overdue"),
                headline("restFreedToday", "Seats freed by you", "rest.freed"),
            )
        )

    return UiParts(
        view_models={"rest": rest, "keeperRest": keeper},
        open=rest.open,
        day_summary=day_summary,
    )


def snapshot_states() -> Mapping[str, SnapshotState]:
    from kiosk.ui.rest.snapshots import SNAPSHOT_STATES

    return SNAPSHOT_STATES


# Marked for lupdate: the day summary's labels, translated when the summary is built.
_DAY_LABELS = (
    QT_TRANSLATE_NOOP("KeeperRest", "Rests"),
    QT_TRANSLATE_NOOP("KeeperRest", "Minutes rested"),
    QT_TRANSLATE_NOOP("KeeperRest", "Overdue wake-ups"),
    QT_TRANSLATE_NOOP("KeeperRest", "Seats freed by you"),
)

UI = UiCapability(
    name="rest",
    build=build,
    pages={
        "rest": "RestSeatsPage.qml",
        "rest.duration": "RestDurationPage.qml",
        "rest.done": "RestDonePage.qml",
        "rest.board": "RestBoardPage.qml",
        KEEPER_PAGE: "KeeperRestPage.qml",
    },
    qml_dir=Path(__file__).resolve().parent / "qml",
    tile=HomeTile(
        "tileRest",
        QT_TRANSLATE_NOOP("HomePage", "Rest"),
        QT_TRANSLATE_NOOP("HomePage", "A seat and a wake-up call"),
        "armchair",
    ),
    keeper_entries=(
        KeeperEntry(
            "menuRest",
            QT_TRANSLATE_NOOP("KeeperMenuPage", "Rest corner"),
            QT_TRANSLATE_NOOP("KeeperMenuPage", "Seats, overdue wake-ups, free a seat"),
            "armchair",
            KEEPER_PAGE,
        ),
    ),
    describers={RestError: describe_rest_problem},
    op_labels={REST_FINISHED: QT_TRANSLATE_NOOP("Sync", "Rest")},
    snapshot_states=snapshot_states,
)
