"""The keeper's view of today: what each capability counted, and notices to act on."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.station import Notice, StationService
from kiosk.store.models import NoticeKind
from kiosk.ui.capability import DaySection, KeeperNote
from kiosk.ui.language import LanguageController
from kiosk.ui.messages import describe
from kiosk.ui.tasks import TaskRunner
from redhome_wire.station_time import Clock, local_day

# The keys of the station's own notices; a capability's notes have keys of their own.
STATION_NOTICE = "station."


def notice_text(notice: Notice) -> str:
    if notice.kind == NoticeKind.DATABASE_QUARANTINED:
        return QCoreApplication.translate(
            "Keeper",
            "The database was damaged. It was set aside as %1 and a new one started. "
            "Call the technician to recover it.",
        ).replace("%1", notice.detail)
    if notice.kind == NoticeKind.DATABASE_SALVAGED:
        recovered, _, lost = notice.detail.partition(" ")
        if lost == "0":
            return QCoreApplication.translate(
                "Keeper",
                "All %1 records not yet sent to the county were recovered from it.",
            ).replace("%1", recovered)
        return (
            QCoreApplication.translate(
                "Keeper",
                "%1 records not yet sent to the county were recovered from it; %2 could not be "
                "read.",
            )
            .replace("%1", recovered)
            .replace("%2", lost)
        )
    return notice.detail


def headline_rows(sections: Sequence[DaySection]) -> list[dict[str, Any]]:
    """The day's headline figures as QML reads them."""
    return [
        {"name": line.object_name, "label": line.label, "value": line.value}
        for section in sections
        for line in section.headlines
    ]


def table_rows(sections: Sequence[DaySection]) -> list[dict[str, Any]]:
    """The day's tables as QML reads them."""
    return [
        {
            "title": table.title,
            "rows": [{"label": label, "count": count} for label, count in table.rows],
        }
        for section in sections
        for table in section.tables
    ]


class KeeperViewModel(QObject):
    """Today at this station: each capability's section of the day, and the keeper's notices."""

    changed = Signal()

    def __init__(
        self,
        day_counts: Callable[[date], Mapping[str, int]],
        day_sections: Callable[[Mapping[str, int]], list[DaySection]],
        keeper_notes: Callable[[], list[KeeperNote]],
        station: StationService,
        tasks: TaskRunner,
        clock: Clock,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._day_counts = day_counts
        self._day_sections = day_sections
        self._keeper_notes = keeper_notes
        self._station = station
        self._tasks = tasks
        self._clock = clock
        self._day: date | None = None
        self._counters: Mapping[str, int] = {}
        self._notices: list[Notice] = []
        self._notes: list[KeeperNote] = []
        self._error: BaseException | None = None
        language.languageChanged.connect(self.changed)

    @Slot()
    def refresh(self) -> None:
        day = local_day(self._clock.now())

        def load() -> tuple[Mapping[str, int], list[Notice], list[KeeperNote]]:
            return self._day_counts(day), self._station.open_notices(), self._keeper_notes()

        def loaded(result: tuple[Mapping[str, int], list[Notice], list[KeeperNote]]) -> None:
            self._counters, self._notices, self._notes = result
            self._day = day
            self._error = None
            self.changed.emit()

        def failed(error: BaseException) -> None:
            self._error = error
            self.changed.emit()

        self._tasks.run(load, loaded, failed)

    @Slot(str)
    def acknowledge(self, key: str) -> None:
        """A notice (by its key in `notices`) read: it does not come back."""
        station_id = key.removeprefix(STATION_NOTICE)
        work: Callable[[], None]
        if station_id != key:
            work = functools.partial(self._station.acknowledge_notice, int(station_id))
        else:
            note = next((n for n in self._notes if n.key == key), None)
            if note is None:
                return
            work = note.mark_read
        self._tasks.run(work, lambda _result: self.refresh(), self._fail)

    def _fail(self, error: BaseException) -> None:
        self._error = error
        self.changed.emit()

    def _sections(self) -> list[DaySection]:
        return self._day_sections(self._counters) if self._day else []

    @Property(str, notify=changed)
    def errorText(self) -> str:
        return describe(self._error) if self._error is not None else ""

    @Property(str, notify=changed)
    def dayText(self) -> str:
        return self._day.isoformat() if self._day is not None else ""

    @Property(list, notify=changed)
    def headlines(self) -> list[dict[str, Any]]:
        return headline_rows(self._sections())

    @Property(list, notify=changed)
    def tables(self) -> list[dict[str, Any]]:
        return table_rows(self._sections())

    @Property(list, notify=changed)
    def notices(self) -> list[dict[str, Any]]:
        """The station's notices, then each capability's notes: a key and the words."""
        return [
            *({"id": f"{STATION_NOTICE}{n.id}", "text": notice_text(n)} for n in self._notices),
            *({"id": note.key, "text": note.text} for note in self._notes),
        ]
