import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.ui.snapshot import ORIENTATIONS, PLATFORM_STATES, render_snapshots


def _distinct_colours(image: QImage) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), 17)
            for y in range(0, image.height(), 17)
        }
    )


def test_snapshots_cover_every_state_and_none_is_blank(qapp, tmp_path: Path) -> None:
    written = render_snapshots(tmp_path)
    states = {path.name.rsplit("-", 2)[0] for path in written}
    assert len(written) == len(states) * len(ORIENTATIONS) * 2
    assert set(PLATFORM_STATES) < states  # and the capabilities' own states besides
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path.name
        expected = (1920, 1080) if "landscape" in path.name else (1080, 1920)
        assert (image.width(), image.height()) == expected, path.name
        assert _distinct_colours(image) >= 8, f"{path.name} looks blank"


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
