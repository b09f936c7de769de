"""Which page is showing, and the way back."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

HOME = "home"


class Navigator(QObject):
    pageChanged = Signal()
    wentHome = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack: list[str] = [HOME]

    @Property(str, notify=pageChanged)
    def page(self) -> str:
        return self._stack[-1]

    @Property(bool, notify=pageChanged)
    def canGoBack(self) -> bool:
        return len(self._stack) > 1

    @Slot(str)
    def go(self, page: str) -> None:
        if page == self._stack[-1]:
            return
        if page == HOME:
            self.home()
            return
        self._stack.append(page)
        self.pageChanged.emit()

    def finish(self, page: str) -> None:
        """Show the last page of a flow: Back from it leads home, not into the finished flow."""
        self._stack = [HOME, page]
        self.pageChanged.emit()

    @Slot()
    def back(self) -> None:
        if len(self._stack) > 1:
            self._stack.pop()
            self.pageChanged.emit()
            if self._stack == [HOME]:
                self.wentHome.emit()

    @Slot()
    def home(self) -> None:
        changed = self._stack != [HOME]
        self._stack = [HOME]
        if changed:
            self.pageChanged.emit()
        self.wentHome.emit()
