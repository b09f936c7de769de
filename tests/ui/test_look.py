"""UI.md made checkable: Chinese from the bundled font, big targets, big readable text."""

import re

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QTextLayout
from PySide6.QtQuick import QQuickItem

from kiosk.paths import qml_dir
from kiosk.ui.fonts import FONT_FAMILY
from tests.ui.conftest import settle, visible_items

SCREENS = {
    "home": lambda shell: shell.goHome(),
    "station": lambda shell: shell.navigator.go("station"),
    "keeper": lambda shell: shell.openKeeper(),
    "phone": lambda shell: shell.view_model("checkIn").start(),
    "consent": lambda shell: shell.navigator.go("checkin.consent"),
    "work": lambda shell: (
        shell.view_model("checkIn").start(),
        shell.view_model("checkIn").skipPhone(),
    ),
    "work-other": lambda shell: (
        shell.view_model("checkIn").start(),
        shell.view_model("checkIn").skipPhone(),
        shell.view_model("checkIn").chooseWork("food_delivery"),
    ),
    "purpose": lambda shell: shell.navigator.go("checkin.purpose"),
    "idle": lambda shell: shell.idle_watcher._set_warning(True, 9),
    "flights": lambda shell: shell.view_model("flights").open(),
    "parking-plate": lambda shell: (
        shell.view_model("parking").startBooking("car"),
        shell.view_model("parking").confirmWindow(),
        shell.view_model("parking").plateKey("湘"),
    ),
    "keeper-pin": lambda shell: shell.keeper_access.open_pad(),
    "setup": lambda shell: shell.navigator.go("setup"),
}


def test_chinese_glyphs_come_from_the_bundled_font(window) -> None:
    # No CJK font is installed on the test machine; the bundled one must do the drawing.
    assert FONT_FAMILY in QFontDatabase.families()
    font = QFont(FONT_FAMILY)
    font.setPixelSize(40)
    layout = QTextLayout("签到湘骑", font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert runs
    for run in runs:
        assert run.rawFont().familyName() == FONT_FAMILY
        assert all(index != 0 for index in run.glyphIndexes())  # 0 is the "missing" box


def _is_touch_target(item: QQuickItem) -> bool:
    meta = item.metaObject()
    while meta is not None:
        if meta.className() == "QQuickAbstractButton":
            return True
        meta = meta.superClass()
    return False


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_targets_and_text_are_big_enough(qtbot, window, shell, screen, size) -> None:
    window.window.resize(*size)
    SCREENS[screen](shell)
    settle(qtbot, shell)
    targets = small_targets = texts = 0
    small_text: list[str] = []
    for item in visible_items(window):
        if _is_touch_target(item) and item.isEnabled():
            targets += 1
            if item.width() < 90 or item.height() < 90:
                small_targets += 1
        font = item.property("font")
        text = item.property("text")
        if isinstance(font, QFont) and isinstance(text, str) and text.strip():
            texts += 1
            if font.pixelSize() < 24:
                small_text.append(f"{text!r}: {font.pixelSize()}px")
    assert targets > 0
    assert texts > 0
    assert small_targets == 0
    assert small_text == []


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT_ON_SURFACE = [
    ("brandText", "brand"),
    ("brandText", "brandPressed"),
    ("brandText", "done"),
    ("text", "background"),
    ("text", "surface"),
    ("text", "surfacePressed"),
    ("text", "selected"),
    ("muted", "background"),
    ("muted", "surface"),
    ("brand", "background"),
    ("brand", "surface"),
    ("done", "background"),
    ("waiting", "background"),
    ("waiting", "surface"),
    ("error", "errorSurface"),
    ("error", "background"),
    ("unknown", "background"),
]


@pytest.mark.parametrize(("foreground", "background"), TEXT_ON_SURFACE)
def test_text_contrast_is_at_least_seven_to_one(foreground: str, background: str) -> None:
    theme = (qml_dir() / "components" / "Theme.qml").read_text(encoding="utf-8")
    colours = dict(re.findall(r'property color (\w+): "(#[0-9A-Fa-f]{6})"', theme))
    assert _contrast(colours[foreground], colours[background]) >= 7.0
