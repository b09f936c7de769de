"""A real kiosk window, offscreen, on a fresh temp station; taps go to items by objectName."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.app import Kiosk
from kiosk.ui.shell import KioskWindow, ShellModel


@pytest.fixture
def shell(kiosk: Kiosk, qapp) -> Iterator[ShellModel]:
    model = ShellModel(kiosk)
    yield model
    model.tasks.wait_for_done()
    # Delete the Qt side now, on this thread: left to the garbage collector, its timers could
    # be destroyed on a worker thread during a later test.
    shiboken6.delete(model)


@pytest.fixture
def window(shell: ShellModel, qtbot) -> Iterator[KioskWindow]:
    kiosk_window = KioskWindow(shell)
    shell.station_vm.start()
    shell.refresh_capabilities()
    kiosk_window.window.resize(1920, 1080)
    kiosk_window.window.show()
    qtbot.waitExposed(kiosk_window.window)
    settle(qtbot, shell)
    yield kiosk_window
    kiosk_window.close()


def settle(qtbot, shell: ShellModel) -> None:
    qtbot.waitUntil(
        lambda: not shell.tasks.busy and not shell.diagnostics_tasks.busy, timeout=15000
    )
    qtbot.wait(10)


def visible_items(window: KioskWindow) -> Iterator[QQuickItem]:
    """Every item a driver could see, walking the visual tree (Loader pages included)."""
    pending = [window.window.contentItem()]
    while pending:
        item = pending.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        yield item
        pending.extend(item.childItems())


def items_named(window: KioskWindow, name: str) -> list[QQuickItem]:
    return [item for item in visible_items(window) if item.objectName() == name]


def find(window: KioskWindow, name: str) -> QQuickItem:
    found = items_named(window, name)
    assert len(found) == 1, f"expected one visible item named {name!r}, found {len(found)}"
    return found[0]


def text_of(window: KioskWindow, name: str) -> str:
    return str(find(window, name).property("text"))


def tap(qtbot, window: KioskWindow, name: str) -> None:
    """Press and release in the middle of the item, as a finger would."""
    # A page just loaded is laid out on the next polish; tap where it will really be.
    qtbot.waitUntil(lambda: find(window, name).width() > 0, timeout=2000)
    item = find(window, name)
    assert item.isEnabled(), f"{name} is disabled"
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(
        window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
    )
    qtbot.wait(10)


def page_of(shell: ShellModel) -> str:
    return shell.navigator.page


def unlock_keeper(qtbot, shell: ShellModel, kiosk: Kiosk) -> None:
    """Set the demo's keeper PIN and type it on the pad, as a keeper would."""
    from kiosk.services.demo import DEMO_KEEPER_PIN

    kiosk.keeper_pin.set_pin(DEMO_KEEPER_PIN)
    shell.keeper_access.open_pad()
    for digit in DEMO_KEEPER_PIN:
        shell.keeper_access.pressDigit(digit)
    shell.keeper_access.submit()
    settle(qtbot, shell)
