"""A sealed day report as PDF: A4 for the office, 80 mm for a receipt printer.

Qt's own PDF writer, so the bundled CJK font is embedded as it is and the kiosk needs nothing
more; the text is laid out by QTextDocument from escaped HTML (a keeper's note is text, never
markup).
"""

from __future__ import annotations

import enum
import html
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from kiosk.ui.capability import DaySection
from kiosk.ui.fonts import FONT_FAMILY
from redhome_wire.closeout import DayClosed
from redhome_wire.station_time import STATION_TZ

RECEIPT_WIDTH_MM: Final = 80.0
RECEIPT_HEIGHT_MM: Final = 297.0  # cut where the text ends; a roll has no page length
RESOLUTION_DPI: Final = 300


class PaperSize(enum.StrEnum):
    A4 = "a4"
    RECEIPT = "receipt"


def report_html(report: DayClosed, station_name: str, sections: Sequence[DaySection]) -> str:
    def row(label: str, value: object) -> str:
        return (
            f"<tr><td>{html.escape(label)}</td>"
            f"<td align='right'><b>{html.escape(str(value))}</b></td></tr>"
        )

    sealed_at = report.sealed_at.astimezone(STATION_TZ).strftime("%Y-%m-%d %H:%M")
    title = QCoreApplication.translate("CloseoutPdf", "Day report")
    parts = [
        f"<h2>{html.escape(station_name)}</h2>",
        f"<h1>{html.escape(title)} {html.escape(report.label)}</h1>",
        "<table width='100%' cellspacing='0' cellpadding='2'>",
        row(QCoreApplication.translate("CloseoutPdf", "Day"), report.station_day.isoformat()),
        row(QCoreApplication.translate("CloseoutPdf", "Sealed"), sealed_at),
        row(QCoreApplication.translate("CloseoutPdf", "Sealed by"), report.sealed_by),
        row(
            QCoreApplication.translate("CloseoutPdf", "Records still waiting for the county"),
            report.records_waiting,
        ),
        "</table>",
    ]
    headlines = [line for section in sections for line in section.headlines]
    if headlines:
        parts.append(
            "<h3>"
            + html.escape(QCoreApplication.translate("CloseoutPdf", "The day in figures"))
            + "</h3>"
        )
        parts.append("<table width='100%' cellspacing='0' cellpadding='2'>")
        parts.extend(row(line.label, line.value) for line in headlines)
        parts.append("</table>")
    for section in sections:
        for table in section.tables:
            parts.append(f"<h3>{html.escape(table.title)}</h3>")
            parts.append("<table width='100%' cellspacing='0' cellpadding='2'>")
            parts.extend(row(label, count) for label, count in table.rows)
            parts.append("</table>")
    if report.handover_note:
        parts.append(
            "<h3>"
            + html.escape(QCoreApplication.translate("CloseoutPdf", "Note for the next keeper"))
            + "</h3>"
        )
        parts.append(f"<p>{html.escape(report.handover_note)}</p>")
    # The chain, for whoever checks the report against the county's copy.
    parts.append(
        "<p><small>"
        + html.escape(QCoreApplication.translate("CloseoutPdf", "Fingerprint"))
        + f": {report.hash[:16]}<br/>"
        + html.escape(QCoreApplication.translate("CloseoutPdf", "Previous"))
        + f": {report.previous_hash[:16]}</small></p>"
    )
    return "\n".join(parts)


def write_report_pdf(
    path: Path,
    report: DayClosed,
    station_name: str,
    sections: Sequence[DaySection],
    paper: PaperSize = PaperSize.A4,
) -> Path:
    """Write the report to `path` (through a temporary file: a half-written PDF never stays)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(f"{station_name} {report.label}")
    writer.setCreator("Red Home station kiosk")
    if paper is PaperSize.RECEIPT:
        size = QPageSize(QSizeF(RECEIPT_WIDTH_MM, RECEIPT_HEIGHT_MM), QPageSize.Unit.Millimeter)
        margins = QMarginsF(4, 4, 4, 4)
        point_size = 8.0
    else:
        size = QPageSize(QPageSize.PageSizeId.A4)
        margins = QMarginsF(18, 18, 18, 18)
        point_size = 11.0
    writer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)
    )
    document = QTextDocument()
    # The writer's own printable area, in points: without it print_ adds margins of its own.
    printable = writer.pageLayout().paintRectPoints()
    document.setPageSize(QSizeF(printable.width(), printable.height()))
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(point_size)
    document.setDefaultFont(font)
    document.setHtml(report_html(report, station_name, sections))
    document.print_(writer)
    del writer  # the file is complete only once the writer is gone
    os.replace(partial, path)
    return path
