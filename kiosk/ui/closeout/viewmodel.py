"""The keeper's close-out page: the day's figures so far (X), then "close the day" with a
handover note, a confirmation, and the sealed report's number (Z)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.closeout.service import STATION_KEEPER, CloseoutService, DayFigures
from kiosk.services.diagnostics import export_targets
from kiosk.ui.capability import DaySection
from kiosk.ui.closeout.pdf import PaperSize, write_report_pdf
from kiosk.ui.keeper_viewmodel import headline_rows, table_rows
from kiosk.ui.language import LanguageController
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from redhome_wire.closeout import HANDOVER_NOTE_CHARS, DayClosed, report_label
from redhome_wire.station_time import STATION_TZ

PAGE = "keeper.closeout"
# How many sealed reports the page lists.
RECENT_REPORTS = 5


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """Where a sealed report's printable copies went."""

    a4: Path
    receipt: Path


class CloseoutViewModel(ViewModel):
    changed = Signal()

    def __init__(
        self,
        service: CloseoutService,
        day_sections: Callable[[Mapping[str, int]], list[DaySection]],
        station_name: Callable[[], str],
        reports_dir: Path,
        tasks: TaskRunner,
        language: LanguageController,
        parent: QObject | None = None,
        *,
        usb_sticks: Callable[[], list[Path]] = export_targets,
    ) -> None:
        super().__init__(tasks, parent)
        self._service = service
        self._day_sections = day_sections
        self._station_name = station_name
        self._reports_dir = reports_dir
        self._usb_sticks = usb_sticks
        self._files: ReportFiles | None = None
        self._copied_to = ""
        self._stick_missing = False
        self._figures: DayFigures | None = None
        self._today: date | None = None
        self._recent: list[DayClosed] = []
        self._chain_intact = True
        self._next = 1
        self._note = ""
        self._confirming = False
        self._sealed: DayClosed | None = None
        language.languageChanged.connect(self.changed)
        language.languageChanged.connect(self.errorChanged)

    def enter(self, page: str) -> None:
        if page == PAGE:
            self.refresh()

    def reset(self) -> None:
        super().reset()
        self._note = ""
        self._confirming = False
        self._sealed = None
        self._files = None
        self._copied_to = ""
        self.changed.emit()

    @Slot()
    def refresh(self) -> None:
        service = self._service

        def load() -> tuple[DayFigures, date, list[DayClosed], bool, int]:
            day = service.day_to_close()
            return (
                service.figures(day),
                service.today(),
                service.reports(RECENT_REPORTS),
                service.check_chain().intact,
                service.next_number(),
            )

        def loaded(result: tuple[DayFigures, date, list[DayClosed], bool, int]) -> None:
            self._figures, self._today, self._recent, self._chain_intact, self._next = result
            self.changed.emit()

        self._ops.run(load, loaded)

    @Slot(str)
    def setNote(self, text: str) -> None:
        self._note = text[:HANDOVER_NOTE_CHARS]
        self.changed.emit()

    @Slot()
    def askToSeal(self) -> None:
        if self._figures is None or self._figures.sealed is not None:
            return
        self._confirming = True
        self.changed.emit()

    @Slot()
    def cancel(self) -> None:
        self._confirming = False
        self.changed.emit()

    @Slot()
    def seal(self) -> None:
        figures = self._figures
        if figures is None:
            return
        day, note, service = figures.station_day, self._note, self._service

        def sealed(report: DayClosed) -> None:
            self._sealed = report
            self._confirming = False
            self._note = ""
            self._write_files(report)
            self.refresh()

        def work() -> DayClosed:
            return service.seal_day(day, STATION_KEEPER, note)

        self._confirming = False
        self.changed.emit()
        self._ops.run(work, sealed)

    def _write_files(self, report: DayClosed) -> None:
        # The labels in the keeper's language now, read on this thread; the writing off it.
        sections = self._day_sections(report.counters)
        station_name, folder = self._station_name, self._reports_dir
        stem = f"{report.label}-{report.station_day.isoformat()}"

        def write() -> ReportFiles:
            name = station_name()
            return ReportFiles(
                write_report_pdf(folder / f"{stem}.pdf", report, name, sections),
                write_report_pdf(
                    folder / f"{stem}-receipt.pdf", report, name, sections, PaperSize.RECEIPT
                ),
            )

        def written(files: ReportFiles) -> None:
            self._files = files
            self.changed.emit()

        self._ops.run(write, written)

    @Slot()
    def copyToStick(self) -> None:
        files, sticks = self._files, self._usb_sticks

        def copy() -> str:
            targets = sticks()
            if files is None or not targets:
                return ""
            for source in (files.a4, files.receipt):
                shutil.copy2(source, targets[0] / source.name)
            return str(targets[0])

        def copied(target: str) -> None:
            self._copied_to = target
            self._stick_missing = not target
            self.changed.emit()

        self._ops.run(copy, copied)

    @Slot()
    def done(self) -> None:
        """Back from the sealed report to the next day to close (or today's, sealed)."""
        self._sealed = None
        self._files = None
        self._copied_to = ""
        self._stick_missing = False
        self.refresh()

    # --- what QML binds to -------------------------------------------------------------

    def _sections(self) -> list[DaySection]:
        return self._day_sections(self._figures.counters) if self._figures else []

    @Property(bool, notify=changed)
    def loaded(self) -> bool:
        return self._figures is not None

    @Property(str, notify=changed)
    def dayText(self) -> str:
        return self._figures.station_day.isoformat() if self._figures else ""

    @Property(bool, notify=changed)
    def earlierDay(self) -> bool:
        """The day to close is a past one nobody closed: it goes first."""
        return bool(self._figures and self._today and self._figures.station_day < self._today)

    @Property(bool, notify=changed)
    def alreadySealed(self) -> bool:
        return bool(self._figures and self._figures.sealed is not None)

    @Property(list, notify=changed)
    def headlines(self) -> list[dict[str, Any]]:
        return headline_rows(self._sections())

    @Property(list, notify=changed)
    def tables(self) -> list[dict[str, Any]]:
        return table_rows(self._sections())

    @Property(int, notify=changed)
    def recordsWaiting(self) -> int:
        return self._figures.records_waiting if self._figures else 0

    @Property(str, notify=changed)
    def nextLabel(self) -> str:
        return report_label(self._next)

    @Property(str, notify=changed)
    def note(self) -> str:
        return self._note

    @Property(int, constant=True)
    def noteLimit(self) -> int:
        return HANDOVER_NOTE_CHARS

    @Property(bool, notify=changed)
    def confirming(self) -> bool:
        return self._confirming

    @Property(str, notify=changed)
    def sealedLabel(self) -> str:
        return self._sealed.label if self._sealed else ""

    @Property(str, notify=changed)
    def sealedText(self) -> str:
        if self._sealed is None:
            return ""
        if self._sealed.records_waiting:
            return (
                QCoreApplication.translate(
                    "Closeout",
                    "Sealed for %1. %2 records were still waiting for the county; it confirms "
                    "them as they arrive.",
                )
                .replace("%1", self._sealed.station_day.isoformat())
                .replace("%2", str(self._sealed.records_waiting))
            )
        return QCoreApplication.translate(
            "Closeout", "Sealed for %1. Everything had reached the county."
        ).replace("%1", self._sealed.station_day.isoformat())

    @Property(bool, notify=changed)
    def filesReady(self) -> bool:
        return self._files is not None

    @Property(str, notify=changed)
    def filesText(self) -> str:
        if self._copied_to:
            return QCoreApplication.translate("Closeout", "Copied to the USB stick (%1).").replace(
                "%1", self._copied_to
            )
        if self._stick_missing:
            return QCoreApplication.translate(
                "Closeout", "No USB stick found. Put one in and try again."
            )
        if self._files is None:
            return ""
        return QCoreApplication.translate(
            "Closeout", "Saved for printing: an A4 page and a receipt (%1)."
        ).replace("%1", self._files.a4.name)

    @Property(bool, notify=changed)
    def chainIntact(self) -> bool:
        return self._chain_intact

    @Property(list, notify=changed)
    def recent(self) -> list[dict[str, Any]]:
        return [
            {
                "label": report.label,
                "day": report.station_day.isoformat(),
                "sealedAt": report.sealed_at.astimezone(STATION_TZ).strftime("%H:%M"),
                "sealedBy": report.sealed_by,
                "note": report.handover_note,
            }
            for report in self._recent
        ]
