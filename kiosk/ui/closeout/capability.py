"""The keeper's close-out, Qt half, as the shell sees it (kiosk.ui.capability)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from kiosk.capability import CoreParts
from kiosk.services.closeout.service import CloseoutError
from kiosk.ui.capability import (
    KeeperEntry,
    KeeperNote,
    SnapshotState,
    UiCapability,
    UiContext,
    UiParts,
)
from kiosk.ui.closeout.messages import describe_closeout_problem, handover_note_text
from kiosk.ui.language import QT_TRANSLATE_NOOP
from redhome_wire.closeout import DAY_CLOSED

PAGE = "keeper.closeout"
# In the data dir: each sealed report as A4 and receipt PDFs.
REPORTS_FOLDER = "reports"


def build(ctx: UiContext, core: CoreParts) -> UiParts:
    from kiosk.ui.closeout.viewmodel import CloseoutViewModel

    kiosk = ctx.kiosk
    closeout = CloseoutViewModel(
        core.service,
        ctx.day_sections,
        lambda: kiosk.station.profile().name(kiosk.settings.language),
        kiosk.data_dir.root / REPORTS_FOLDER,
        ctx.tasks,
        ctx.language,
    )
    service = core.service

    def keeper_notes() -> list[KeeperNote]:
        report = service.unread_handover_note()
        if report is None:
            return []
        return [
            KeeperNote(
                f"closeout.handover.{report.number}",
                handover_note_text(report),
                functools.partial(service.mark_note_read, report.number),
            )
        ]

    return UiParts(view_models={"closeout": closeout}, keeper_notes=keeper_notes)


def snapshot_states() -> Mapping[str, SnapshotState]:
    from kiosk.ui.closeout.snapshots import SNAPSHOT_STATES

    return SNAPSHOT_STATES


UI = UiCapability(
    name="closeout",
    build=build,
    pages={PAGE: "CloseoutPage.qml"},
    qml_dir=Path(__file__).resolve().parent / "qml",
    keeper_entries=(
        KeeperEntry(
            "keeperCloseout",
            QT_TRANSLATE_NOOP("KeeperMenuPage", "Close the day"),
            QT_TRANSLATE_NOOP("KeeperMenuPage", "Today's figures, then seal the day report"),
            "list-check",
            PAGE,
        ),
    ),
    describers={CloseoutError: describe_closeout_problem},
    op_labels={DAY_CLOSED: QT_TRANSLATE_NOOP("Sync", "Day report")},
    snapshot_states=snapshot_states,
)
