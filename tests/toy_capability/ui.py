"""The toy's Qt half."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.capability import CoreParts
from kiosk.ui.attention import AttentionItem, IdleBoard, Priority
from kiosk.ui.capability import (
    DaySection,
    Headline,
    HomeTile,
    KeeperEntry,
    UiCapability,
    UiContext,
    UiParts,
)
from kiosk.ui.viewmodel import ViewModel
from tests.toy_capability.core import ToyRefused, ToyService
from tests.toy_capability.wire import NOTED

WAKE_KEY = "toy.wake"
BOARD_KEY = "toy.board"


class ToyViewModel(ViewModel):
    changed = Signal()

    def __init__(self, service: ToyService, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(ctx.tasks, parent)
        self._service = service
        self._ctx = ctx
        self.count = 0
        self.entered: list[str] = []
        self.left = 0

    @Property(int, notify=changed)
    def notes(self) -> int:
        return self.count

    @Property(str, notify=changed)
    def driver(self) -> str:
        session = self._ctx.kiosk.ports.current_driver.current()
        return session.masked_phone or "" if session else ""

    @Slot()
    def open(self) -> None:
        self._ctx.navigator.go("toy")

    @Slot(str)
    def note(self, text: str) -> None:
        def noted(count: int) -> None:
            self.count = count
            self.changed.emit()

        self._ops.run(lambda: self._service.note(text), noted)

    def wake(self, title: str) -> None:
        self._ctx.attention.offer(
            AttentionItem(WAKE_KEY, Priority.REST_WAKEUP, title, "", "clock", interrupting=True)
        )

    def offer_board(self) -> None:
        self._ctx.attention.offer_board(IdleBoard(BOARD_KEY, "toy.board", Priority.NOTICE))

    def enter(self, page: str) -> None:
        self.entered.append(page)
        self.changed.emit()

    def leave(self) -> None:
        self.left += 1

    def reset(self) -> None:
        super().reset()
        self.count = 0
        self.changed.emit()


def build(ctx: UiContext, core: CoreParts) -> UiParts:
    view_model = ToyViewModel(core.service, ctx)

    def day_summary(counters: Mapping[str, int]) -> DaySection:
        return DaySection(
            headlines=(Headline("toyNotesToday", "toy notes", counters["toy.notes"]),)
        )

    return UiParts(
        view_models={"toy": view_model},
        open=view_model.open,
        day_summary=day_summary,
    )


UI = UiCapability(
    name="toy",
    build=build,
    pages={"toy": "ToyPage.qml", "toy.board": "ToyBoardPage.qml"},
    qml_dir=Path(__file__).resolve().parent / "qml",
    tile=HomeTile("tileToy", "Toy", "A capability from the tests", "confetti"),
    keeper_entries=(KeeperEntry("menuToy", "Toy", "Its keeper page", "confetti", "toy"),),
    describers={ToyRefused: lambda error: "A toy note needs words."},
    op_labels={NOTED: "Toy note"},
    snapshot_states=lambda: {"toy": lambda shell, clock: shell.view_model("toy").open()},
)
