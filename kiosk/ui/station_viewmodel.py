"""The home screen's frame: station name, date and time, language and large-text switches."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Property, QCoreApplication, QDate, QLocale, QObject, QTimer, Signal, Slot

from kiosk.services.station import StationInfo, StationService
from kiosk.ui.labels import facility_icon, facility_label
from kiosk.ui.language import LanguageController
from kiosk.ui.tasks import TaskRunner
from redhome_wire.station_time import STATION_TZ, Clock


class StationViewModel(QObject):
    profileChanged = Signal()
    clockChanged = Signal()
    largeTextChanged = Signal()
    noticesChanged = Signal()

    def __init__(
        self,
        service: StationService,
        tasks: TaskRunner,
        clock: Clock,
        language: LanguageController,
        large_text: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._clock = clock
        self._language = language
        self._default_large_text = large_text
        self._large_text = large_text
        self._info: StationInfo | None = None
        self._notice_count = 0
        self._minute_timer = QTimer(self)
        self._minute_timer.setInterval(1000)
        self._minute_timer.timeout.connect(self.clockChanged)
        language.languageChanged.connect(self.profileChanged)
        language.languageChanged.connect(self.clockChanged)

    def start(self) -> None:
        self._minute_timer.start()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        def loaded(result: tuple[StationInfo, int]) -> None:
            self._info, self._notice_count = result
            self.profileChanged.emit()
            self.noticesChanged.emit()

        def failed(_error: BaseException) -> None:
            self.profileChanged.emit()

        self._tasks.run(
            lambda: (self._service.profile(), len(self._service.open_notices())), loaded, failed
        )

    @Property(str, notify=profileChanged)
    def stationName(self) -> str:
        if self._info is None or not self._info.code:
            return QCoreApplication.translate("Station", "Red Home")
        # PySide6 types a Property read as Property, not as what its getter returns.
        return self._info.name(cast(str, self._language.language))

    @Property(str, notify=profileChanged)
    def address(self) -> str:
        return self._info.address(cast(str, self._language.language)) if self._info else ""

    @Property(str, notify=profileChanged)
    def openingHours(self) -> str:
        if self._info is None or not self._info.opening_hours:
            return ""
        if self._info.opening_hours in ("00:00–24:00", "00:00-24:00"):
            return QCoreApplication.translate("Station", "Open 24 hours")
        return QCoreApplication.translate("Station", "Open %1").replace(
            "%1", self._info.opening_hours
        )

    @Property(list, notify=profileChanged)
    def facilities(self) -> list[dict[str, Any]]:
        if self._info is None:
            return []
        return [
            {
                "key": facility.key,
                "label": facility_label(facility.key),
                "icon": facility_icon(facility.key),
                "count": "" if facility.count is None else str(facility.count),
            }
            for facility in self._info.facilities
        ]

    @Property(str, notify=clockChanged)
    def timeText(self) -> str:
        return self._clock.now().astimezone(STATION_TZ).strftime("%H:%M")

    @Property(str, notify=clockChanged)
    def dateText(self) -> str:
        local = self._clock.now().astimezone(STATION_TZ).date()
        pattern = "M月d日 dddd" if self._language.chinese else "dddd d MMMM"
        return QLocale(cast(str, self._language.language)).toString(
            QDate(local.year, local.month, local.day), pattern
        )

    @Property(bool, notify=largeTextChanged)
    def largeText(self) -> bool:
        return self._large_text

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        if on != self._large_text:
            self._large_text = on
            self.largeTextChanged.emit()

    @Property(bool, notify=noticesChanged)
    def hasNotices(self) -> bool:
        return self._notice_count > 0

    def reset_for_next_driver(self) -> None:
        self.setLargeText(self._default_large_text)
