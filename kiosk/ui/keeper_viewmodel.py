"""The keeper's view of today: visits by work and by purpose, and notices to act on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.reports import DayCounts, ReportService
from kiosk.services.station import Notice, StationService
from kiosk.store.models import NoticeKind
from kiosk.ui.labels import purpose_label, work_type_label
from kiosk.ui.language import LanguageController
from kiosk.ui.messages import describe
from kiosk.ui.tasks import TaskRunner
from redhome_wire.station_time import Clock, local_day


def notice_text(notice: Notice) -> str:
    if notice.kind == NoticeKind.DATABASE_QUARANTINED:
        return QCoreApplication.translate(
            "Keeper",
            "The database was damaged. It was set aside as %1 and a new one started. "
            "Call the technician to recover it.",
        ).replace("%1", notice.detail)
    return notice.detail


class KeeperViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        reports: ReportService,
        station: StationService,
        tasks: TaskRunner,
        clock: Clock,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reports = reports
        self._station = station
        self._tasks = tasks
        self._clock = clock
        self._counts: DayCounts | None = None
        self._notices: list[Notice] = []
        self._error: BaseException | None = None
        language.languageChanged.connect(self.changed)

    @Slot()
    def refresh(self) -> None:
        day = local_day(self._clock.now())

        def loaded(result: tuple[DayCounts, list[Notice]]) -> None:
            self._counts, self._notices = result
            self._error = None
            self.changed.emit()

        def failed(error: BaseException) -> None:
            self._error = error
            self.changed.emit()

        self._tasks.run(
            lambda: (self._reports.day_counts(day), self._station.open_notices()), loaded, failed
        )

    @Slot(int)
    def acknowledge(self, notice_id: int) -> None:
        self._tasks.run(
            lambda: self._station.acknowledge_notice(notice_id),
            lambda _result: self.refresh(),
            self._fail,
        )

    def _fail(self, error: BaseException) -> None:
        self._error = error
        self.changed.emit()

    @Property(str, notify=changed)
    def errorText(self) -> str:
        return describe(self._error) if self._error is not None else ""

    @Property(int, notify=changed)
    def total(self) -> int:
        return self._counts.total if self._counts else 0

    @Property(int, notify=changed)
    def returning(self) -> int:
        return self._counts.returning if self._counts else 0

    @Property(str, notify=changed)
    def dayText(self) -> str:
        if self._counts is None:
            return ""
        return self._counts.day.isoformat()

    @Property(list, notify=changed)
    def byWorkType(self) -> list[dict[str, Any]]:
        if self._counts is None:
            return []
        return [
            {"label": work_type_label(work), "count": count}
            for work, count in self._counts.by_work_type.items()
        ]

    @Property(list, notify=changed)
    def byPurpose(self) -> list[dict[str, Any]]:
        if self._counts is None:
            return []
        return [
            {"label": purpose_label(purpose), "count": count}
            for purpose, count in self._counts.by_purpose.items()
        ]

    @Property(list, notify=changed)
    def notices(self) -> list[dict[str, Any]]:
        return [{"id": notice.id, "text": notice_text(notice)} for notice in self._notices]
