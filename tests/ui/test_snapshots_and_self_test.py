import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.ui.snapshot import ORIENTATIONS, PLATFORM_STATES, Variant, render_snapshots


def _distinct_colours(image: QImage) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), 17)
            for y in range(0, image.height(), 17)
        }
    )


def test_snapshots_cover_every_state_and_none_is_blank(qapp, tmp_path: Path) -> None:
    # Normal text only here (the suite's time); large text has its own test below.
    written = render_snapshots(tmp_path, text_sizes=(False,))
    states = {path.name.rsplit("-", 2)[0] for path in written}
    assert len(written) == len(states) * len(ORIENTATIONS) * 2
    assert set(PLATFORM_STATES) < states  # and the capabilities' own states besides
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path.name
        expected = (1920, 1080) if "landscape" in path.name else (1080, 1920)
        assert (image.width(), image.height()) == expected, path.name
        assert _distinct_colours(image) >= 8, f"{path.name} looks blank"


def test_large_text_is_rendered_and_checked_in_the_same_pass(qapp, tmp_path: Path) -> None:
    seen: list[tuple[str, str, tuple[int, int]]] = []

    def visit(name: str, variant: Variant, window: QQuickWindow) -> None:
        seen.append((name, variant.name, (window.width(), window.height())))

    written = render_snapshots(tmp_path, only=["station"], visit=visit)
    names = sorted(path.name for path in written)
    assert names == sorted(
        f"station-{orientation}-{language}{large}.png"
        for orientation in ("landscape", "portrait")
        for language in ("zh_CN", "en")
        for large in ("", "-large")
    )
    # Each picture once, and the visitor called on the same state while it was showing.
    assert sorted(f"{name}-{variant}.png" for name, variant, _ in seen) == names
    assert ("station", "portrait-en-large", (1080, 1920)) in seen
    # Large text really is larger: the same page's picture differs.
    normal = QImage(str(tmp_path / "station-landscape-zh_CN.png"))
    large = QImage(str(tmp_path / "station-landscape-zh_CN-large.png"))
    assert normal != large


def test_self_test_passes_and_says_what_it_checked() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("migrations", "database integrity", "keyring backend", "home page renders"):
        assert f"PASS {check}" in result.stdout
