"""The bundled CJK font, so Chinese renders on a machine that has none."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

log = logging.getLogger(__name__)

FONT_FILES = ("RedHomeSans-Regular.otf", "RedHomeSans-Bold.otf")
FONT_FAMILY = "Noto Sans CJK SC"


class FontError(RuntimeError):
    pass


def load_bundled_fonts(fonts_dir: Path) -> str:
    """Register both weights and make the family the application's default. Returns it."""
    families: set[str] = set()
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(fonts_dir / name))
        if font_id < 0:
            raise FontError(f"could not load bundled font {fonts_dir / name}")
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY not in families:
        raise FontError(f"bundled fonts give {sorted(families)}, not {FONT_FAMILY}")
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        font = QFont(FONT_FAMILY)
        font.setPixelSize(24)
        app.setFont(font)
    return FONT_FAMILY
