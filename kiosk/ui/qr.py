"""QR codes drawn for QML (image://qr/<url-encoded text>), crisp at any size."""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

from kiosk.sync.links import qr_matrix

DEFAULT_SIZE = 360


class QrProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        text = unquote(image_id)
        side = max(requested_size.width(), requested_size.height(), 0) or DEFAULT_SIZE
        image = QImage(side, side, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        matrix = qr_matrix(text)
        modules = len(matrix)
        cell = side // modules
        offset = (side - cell * modules) // 2
        painter = QPainter(image)
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        offset + x * cell, offset + y * cell, cell, cell, QColor("#000000")
                    )
        painter.end()
        size.setWidth(side)
        size.setHeight(side)
        return image
