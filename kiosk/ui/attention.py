"""The shell's one attention slot on home, its one banner over any page, and its idle screen.

Capabilities offer items and boards with a priority; the shell shows the most important. An
urgent notice comes before a rest wake-up, which comes before a meal ready, which comes before
an ordinary notice. An item that must reach a driver who is not at the screen (a wake-up, a
meal to pick up) interrupts: it shows as a banner over whatever page someone else is using,
without taking the page over, until it is dismissed or withdrawn.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

HOME_PAGE = "home"


class Priority(enum.IntEnum):
    NOTICE = 100
    MEAL_READY = 200
    REST_WAKEUP = 300
    URGENT_NOTICE = 400


@dataclass(frozen=True, slots=True)
class AttentionItem:
    key: str  # unique among everything offered, e.g. "rest.wake.12"
    priority: int
    title: str  # translated
    body: str  # translated
    icon: str
    interrupting: bool = False


@dataclass(frozen=True, slots=True)
class IdleBoard:
    key: str
    page: str  # a page id shown instead of home when nobody touches the kiosk
    priority: int


class AttentionBoard(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: dict[str, AttentionItem] = {}
        self._boards: dict[str, IdleBoard] = {}
        self._dismissed: set[str] = set()

    def offer(self, item: AttentionItem) -> None:
        if self._items.get(item.key) != item:
            self._items[item.key] = item
            self._dismissed.discard(item.key)
            self.changed.emit()

    def withdraw(self, key: str) -> None:
        if self._items.pop(key, None) is not None:
            self._dismissed.discard(key)
            self.changed.emit()

    def offer_board(self, board: IdleBoard) -> None:
        self._boards[board.key] = board

    def withdraw_board(self, key: str) -> None:
        self._boards.pop(key, None)

    def _first(self, *, interrupting: bool) -> AttentionItem | None:
        candidates = [
            item
            for item in self._items.values()
            if not interrupting or (item.interrupting and item.key not in self._dismissed)
        ]
        # Most important first; among equals, the one offered first.
        return max(candidates, key=lambda item: item.priority, default=None)

    def home_item(self) -> AttentionItem | None:
        return self._first(interrupting=False)

    def banner_item(self) -> AttentionItem | None:
        return self._first(interrupting=True)

    def idle_page(self) -> str:
        board = max(self._boards.values(), key=lambda board: board.priority, default=None)
        return board.page if board is not None else HOME_PAGE

    @Property(dict, notify=changed)
    def homeItem(self) -> dict[str, Any]:
        item = self.home_item()
        return asdict(item) if item is not None else {}

    @Property(dict, notify=changed)
    def banner(self) -> dict[str, Any]:
        item = self.banner_item()
        return asdict(item) if item is not None else {}

    @Slot(str)
    def dismiss(self, key: str) -> None:
        """Hide a banner (the driver saw it); the item stays in the home slot until withdrawn."""
        if key in self._items and key not in self._dismissed:
            self._dismissed.add(key)
            self.changed.emit()
