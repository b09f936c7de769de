"""The layout check: each rule fires on a small page made to break it, and keeps quiet on a
page that keeps it; the command's exit code on a clean and a faulty page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.ui.layout_check import Finding, check_window, load_scene

SCENES = Path(__file__).parent / "layout_scenes"

# Each a Window's body; the window is 1920×1080, off-white, and imports Controls.Basic.
HEADER = """
import QtQuick
import QtQuick.Controls.Basic

Window {
    width: 1920
    height: 1080
    color: "#FFF8F2"
"""

# A Key (tests/ui/layout_scenes/Key.qml) is 200×110 with 34 px dark text on white.
FAULTY: dict[str, str] = {
    "elided": """
    Text { objectName: "bad"; width: 150; elide: Text.ElideRight; font.pixelSize: 28
           text: "A sentence far too long for its box"; color: "#1F1F1F" }
    """,
    "clipped": """
    Text { objectName: "bad"; width: 150; font.pixelSize: 28
           text: "A sentence far too long for its box"; color: "#1F1F1F" }
    """,
    "clipped-by-ancestor": """
    Item { x: 100; y: 100; width: 300; height: 40; clip: true
        Text { objectName: "bad"; y: 20; text: "cut in half"; font.pixelSize: 28
               color: "#1F1F1F" } }
    """,
    "overflow": """
    AbstractButton { x: 100; y: 100; width: 400; height: 200
        background: Rectangle { color: "#A31919" }
        Text { objectName: "bad"; y: 180; text: "help line"; font.pixelSize: 28
               color: "#FFFFFF" } }
    """,
    "word-wrap": """
    Text { objectName: "bad"; width: 150; wrapMode: Text.WrapAnywhere; font.pixelSize: 28
           text: "Notwithstanding"; color: "#1F1F1F" }
    """,
    "word-wrap-chinese": """
    Text { objectName: "bad"; width: 170; wrapMode: Text.WordWrap; font.pixelSize: 40
           text: "网约车司机"; color: "#1F1F1F" }
    """,
    "covered": """
    Key { objectName: "bad"; x: 100; y: 100; text: "1" }
    Key { x: 150; y: 120; text: "Next" }
    """,
    "covered-by-a-wide-button": """
    Column { x: 100; y: 100; spacing: 20
        Key { text: "1" }
        Key { objectName: "bad"; text: "Clear" } }
    Key { x: 0; y: 260; width: 1920; text: "Next" }
    """,
    "outside-window": """
    Rectangle { objectName: "bad"; x: 1800; y: 500; width: 200; height: 100; color: "#FFFFFF" }
    """,
    "small-target": """
    Key { objectName: "bad"; x: 100; y: 100; width: 80; height: 110; text: "1" }
    """,
    "target-gap": """
    Row { x: 100; y: 100; spacing: 10
        Key { objectName: "bad"; text: "1" }
        Key { text: "2" } }
    """,
    "small-text": """
    Text { objectName: "bad"; text: "small print"; font.pixelSize: 20; color: "#1F1F1F" }
    """,
    "small-title": """
    Text { objectName: "pageTitle"; text: "A title"; font.pixelSize: 36; font.bold: true
           color: "#1F1F1F" }
    """,
    "contrast": """
    Rectangle { x: 100; y: 100; width: 400; height: 100; color: "#FFFFFF"
        Text { objectName: "bad"; anchors.centerIn: parent; text: "pale"; font.pixelSize: 28
               color: "#8A8A8A" } }
    """,
    "contrast-on-red": """
    Rectangle { x: 100; y: 100; width: 400; height: 100; color: "#C62828"
        Text { objectName: "bad"; anchors.centerIn: parent; text: "dark on red"
               font.pixelSize: 28; color: "#1F1F1F" } }
    """,
}

# The same pages with the fault taken out: the rule must keep quiet.
CLEAN: dict[str, str] = {
    "elided": """
    Text { width: 600; elide: Text.ElideRight; font.pixelSize: 28
           text: "A sentence that fits"; color: "#1F1F1F" }
    """,
    "clipped-by-ancestor": """
    Item { x: 100; y: 100; width: 300; height: 60; clip: true
        Text { y: 10; text: "whole"; font.pixelSize: 28; color: "#1F1F1F" } }
    """,
    "overflow": """
    AbstractButton { x: 100; y: 100; width: 400; height: 200
        background: Rectangle { color: "#A31919" }
        Text { y: 120; text: "help line"; font.pixelSize: 28; color: "#FFFFFF" } }
    """,
    "word-wrap": """
    Text { width: 260; wrapMode: Text.WordWrap; font.pixelSize: 28
           text: "Tap here when you arrive"; color: "#1F1F1F" }
    """,
    "word-wrap-chinese": """
    Text { width: 400; wrapMode: Text.WordWrap; font.pixelSize: 40
           text: "网约车司机"; color: "#1F1F1F" }
    """,
    "covered": """
    Key { x: 100; y: 100; text: "1" }
    Key { x: 100; y: 300; text: "Next" }
    Rectangle { x: 90; y: 90; width: 30; height: 30; color: "#A31919" }
    """,
    "modal-layer": """
    Key { x: 100; y: 100; text: "1" }
    Rectangle { anchors.fill: parent; color: "#80000000"; MouseArea { anchors.fill: parent } }
    """,
    "hidden-under-a-screen": """
    Key { x: 100; y: 100; width: 40; height: 40; text: "1" }
    Rectangle { anchors.fill: parent; color: "#FFF8F2" }
    """,
    "list": """
    ListView { x: 100; y: 100; width: 400; height: 300; clip: true; spacing: 20
        model: 10
        delegate: Key { required property int index; text: "Row " + index } }
    """,
    "target-gap": """
    Row { x: 100; y: 100; spacing: 16
        Key { text: "1" }
        Key { text: "2" } }
    """,
    "contrast": """
    Rectangle { x: 100; y: 100; width: 400; height: 100; color: "#A31919"
        Text { anchors.centerIn: parent; text: "white on brand"; font.pixelSize: 28
               color: "#FFFFFF" } }
    """,
    # Row 2 (360-470) is cut by the list's edge at 400; the key is 20 px below that edge.
    "list-row-half-scrolled-out-beside-a-key": """
    ListView { x: 100; y: 100; width: 400; height: 300; clip: true; spacing: 20
        model: 10
        delegate: Key { required property int index; text: "Row " + index } }
    Key { x: 100; y: 420; text: "Next" }
    """,
    # Row 2 (260-370 in the list) is inside its list's box but below the page's fold at 300.
    "list-in-a-scrolling-page": """
    Flickable { x: 100; y: 100; width: 400; height: 300; clip: true; contentHeight: 700
        ListView { width: 400; height: 600; clip: true; spacing: 20; model: 5
            delegate: Key { required property int index; text: "Row " + index } } }
    """,
    "a-button-of-no-size": """
    Key { x: 100; y: 100; width: 0; height: 0; text: "" }
    """,
    "button-on-a-card": """
    Rectangle { x: 100; y: 100; width: 600; height: 400; color: "#FFFFFF"
        MouseArea { anchors.fill: parent }
        Key { anchors.centerIn: parent; text: "Awake" } }
    """,
    "two-paragraphs": """
    Text { width: 900; font.pixelSize: 28; color: "#1F1F1F"
           text: "Wake me for flight CZ3494\\nOsaka at 16:00" }
    """,
    "disabled": """
    Key { x: 100; y: 100; text: "off"; enabled: false; opacity: 0.5 }
    """,
}


Check = Callable[..., list[Finding]]


@pytest.fixture
def check(qapp, tmp_path: Path) -> Iterator[Check]:
    """Load a scene (with Key.qml beside it), render it, run the rules over it."""
    shutil.copy(SCENES / "Key.qml", tmp_path / "Key.qml")
    engines: list[QQmlApplicationEngine] = []
    windows: list[QQuickWindow] = []

    def run(body: str, size: tuple[int, int] = (1920, 1080)) -> list[Finding]:
        page = tmp_path / f"scene{len(windows)}.qml"
        header = HEADER.replace("1920", str(size[0])).replace("1080", str(size[1]))
        page.write_text(header + body + "}\n", encoding="utf-8")
        engine = QQmlApplicationEngine()
        window = load_scene(engine, page)
        engines.append(engine)
        windows.append(window)
        window.grabWindow()
        return check_window(window)

    yield run
    for window in windows:
        window.close()
    windows.clear()
    engines.clear()


@pytest.mark.parametrize("case", list(FAULTY))
def test_each_rule_fires_on_a_page_that_breaks_it(check, case: str) -> None:
    rule = case.split("-by-")[0].removesuffix("-chinese").removesuffix("-on-red")
    findings = check(FAULTY[case])
    assert [f for f in findings if f.rule == rule and f.item.startswith(("bad", "pageTitle"))], (
        findings
    )


@pytest.mark.parametrize("case", list(CLEAN))
def test_no_rule_fires_on_a_page_that_keeps_them(check, case: str) -> None:
    assert check(CLEAN[case]) == []


def test_sizes_scale_with_the_short_side(check) -> None:
    # 70 px is under 90 at 1080, and over 90 × 720/1080 = 60 on a 1280×720 screen.
    body = """
    Rectangle { x: 100; y: 100; width: 70; height: 70; color: "#FFFFFF"
        MouseArea { objectName: "bad"; anchors.fill: parent } }
    """
    assert [f.rule for f in check(body)] == ["small-target"]
    assert check(body, size=(1280, 720)) == []


def _layout_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--layout-check", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_passes_a_clean_page() -> None:
    result = _layout_check("--layout-scene", str(SCENES / "clean.qml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 findings in 2 scenes" in result.stdout


def test_the_command_fails_a_faulty_page_and_says_why(tmp_path: Path) -> None:
    report = tmp_path / "findings.json"
    result = _layout_check(
        "--layout-scene", str(SCENES / "faulty.qml"), "--layout-json", str(report)
    )
    assert result.returncode == 1, result.stdout + result.stderr
    for rule in ("small-target (2):", "small-text (2):", "contrast (2):"):
        assert rule in result.stdout
    assert "faulty/portrait: tinyKey (100,100 60×60): 60×60 < 90 px" in result.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["scenes"] == 2
    assert data["counts"]["small-target"] == 2
    assert {f["variant"] for f in data["findings"]} == {"landscape", "portrait"}


def test_snapshot_and_check_go_together_in_one_pass(tmp_path: Path) -> None:
    result = _layout_check("--snapshot", str(tmp_path), "--only", "station")
    assert "8 snapshots in" in result.stdout, result.stdout + result.stderr
    assert len(list(tmp_path.glob("station-*.png"))) == 8
    found = re.search(r"layout check: (\d+) findings in 8 scenes", result.stdout)
    assert found is not None, result.stdout
    assert result.returncode == (1 if int(found[1]) else 0)
