"""Tabler icons, recoloured as they load: image://icon/NAME?color=%23RRGGBB."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

_NAME = re.compile(r"[a-z0-9-]+")
DEFAULT_SIZE = 96


class IconProvider(QQuickImageProvider):
    def __init__(self, icons_dir: Path) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._icons_dir = icons_dir
        self._svg_cache: dict[str, bytes] = {}

    def _svg(self, name: str) -> bytes | None:
        if name not in self._svg_cache:
            path = self._icons_dir / f"{name}.svg"
            if not _NAME.fullmatch(name) or not path.exists():
                log.error("no icon named %r", name)
                return None
            self._svg_cache[name] = path.read_bytes()
        return self._svg_cache[name]

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        parts = urlsplit(image_id)
        color = QColor(parse_qs(parts.query).get("color", ["#1F1F1F"])[0])
        width = requested_size.width() if requested_size.width() > 0 else DEFAULT_SIZE
        height = requested_size.height() if requested_size.height() > 0 else width
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        svg = self._svg(parts.path)
        if svg is not None:
            # Only the icon's own strokes use currentColor; its invisible frame must stay invisible.
            coloured = svg.replace(b"currentColor", color.name().encode("ascii"))
            renderer = QSvgRenderer(QByteArray(coloured))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
        size.setWidth(width)
        size.setHeight(height)
        return image
