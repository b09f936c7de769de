"""Check-in's Qt half, as the shell sees it (kiosk.ui.capability)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kiosk.capability import CoreParts
from kiosk.services.checkin.service import InvalidCheckIn
from kiosk.ui.capability import (
    DaySection,
    DayTable,
    Headline,
    HomeTile,
    SnapshotState,
    UiCapability,
    UiContext,
    UiParts,
)
from kiosk.ui.checkin.messages import describe_checkin_problem
from kiosk.ui.language import QT_TRANSLATE_NOOP
from redhome_wire.station_time import local_day

# The keeper's "today" page, in its context.
VISITS_TODAY = QT_TRANSLATE_NOOP("KeeperPage", "visits today")
RETURNING_DRIVERS = QT_TRANSLATE_NOOP("KeeperPage", "returning drivers")
BY_WORK = QT_TRANSLATE_NOOP("KeeperPage", "By work")
BY_PURPOSE = QT_TRANSLATE_NOOP("KeeperPage", "By purpose")


def build(ctx: UiContext, core: CoreParts) -> UiParts:
    from kiosk.services.checkin.catalog import DEFAULT_PLATFORMS
    from kiosk.services.checkin.day_report import counts_from_counters
    from kiosk.ui.checkin.labels import purpose_label, work_type_label
    from kiosk.ui.checkin.viewmodel import CheckInViewModel

    settings = ctx.kiosk.settings
    view_model = CheckInViewModel(
        core.service,
        ctx.tasks,
        ctx.navigator,
        ctx.language,
        DEFAULT_PLATFORMS,
        settings.confirmation_return_s,
        settings.retention_days,
        ctx.kiosk.ports.current_driver,
        ctx.kiosk.clock,
    )

    def day_summary(counters: Mapping[str, int]) -> DaySection:
        counts = counts_from_counters(local_day(ctx.kiosk.clock.now()), counters)

        def words(text: str) -> str:
            return QCoreApplication.translate("KeeperPage", text)

        return DaySection(
            headlines=(
                Headline("keeperTotal", words(VISITS_TODAY), counts.total),
                Headline("keeperReturning", words(RETURNING_DRIVERS), counts.returning),
            ),
            tables=(
                DayTable(
                    words(BY_WORK),
                    tuple((work_type_label(w), n) for w, n in counts.by_work_type.items()),
                ),
                DayTable(
                    words(BY_PURPOSE),
                    tuple((purpose_label(p), n) for p, n in counts.by_purpose.items()),
                ),
            ),
        )

    return UiParts(
        view_models={"checkIn": view_model},
        open=view_model.start,
        day_summary=day_summary,
    )


def snapshot_states() -> Mapping[str, SnapshotState]:
    from kiosk.ui.checkin.snapshots import SNAPSHOT_STATES

    return SNAPSHOT_STATES


UI = UiCapability(
    name="checkin",
    build=build,
    pages={
        "checkin.phone": "CheckInPhonePage.qml",
        "checkin.consent": "ConsentPage.qml",
        "checkin.work": "CheckInWorkPage.qml",
        "checkin.purpose": "CheckInPurposePage.qml",
        "checkin.done": "CheckInDonePage.qml",
    },
    qml_dir=Path(__file__).resolve().parent / "qml",
    tile=HomeTile(
        "tileCheckIn",
        QT_TRANSLATE_NOOP("HomePage", "Check in"),
        QT_TRANSLATE_NOOP("HomePage", "Tap here when you arrive"),
        "user-check",
    ),
    describers={InvalidCheckIn: describe_checkin_problem},
    op_labels={"visit.created": QT_TRANSLATE_NOOP("Sync", "Visit")},
    snapshot_states=snapshot_states,
)
