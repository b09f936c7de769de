"""QR codes drawn for QML (image://qr/<url-encoded text>), crisp at any size."""

from __future__ import annotations

from urllib.parse import unquote

import qrcode
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

DEFAULT_SIZE = 360


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


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
