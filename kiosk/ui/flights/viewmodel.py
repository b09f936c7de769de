"""The flight board for drivers waiting at the airport: find a flight, see when people come out.

The board (search keys and rows) is built on a worker thread from the local cache and swapped in
whole; each keystroke then filters it on the UI thread in well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.flights.board import BoardSettings, FlightBoard, Freshness
from kiosk.ui.language import LanguageController
from kiosk.ui.navigation import Navigator
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from redhome_wire.flights.records import Direction, FlightFeedMeta, FlightRecord
from redhome_wire.flights.status import FlightStatus
from redhome_wire.station_time import STATION_TZ, Clock

PAGE_BOARD = "flights"
PAGE_DETAIL = "flights.detail"
QUERY_MAX = 12

# The cached flights, their metadata, and the county's base URL for QR pages (None offline).
CacheLoader = Callable[[], tuple[list[FlightRecord], FlightFeedMeta | None, str | None]]


class QrText(Protocol):
    def __call__(
        self, record: FlightRecord, base_url: str | None, *, allowance_min: int | None = None
    ) -> str: ...


def status_label(status: str) -> str:
    match FlightStatus(status):
        case FlightStatus.SCHEDULED:
            return QCoreApplication.translate("Flights", "Scheduled")
        case FlightStatus.DEPARTED:
            return QCoreApplication.translate("Flights", "In the air")
        case FlightStatus.LANDED:
            return QCoreApplication.translate("Flights", "Landed")
        case FlightStatus.DELAYED:
            return QCoreApplication.translate("Flights", "Delayed")
        case FlightStatus.CANCELLED:
            return QCoreApplication.translate("Flights", "Cancelled")
        case FlightStatus.DIVERTED:
            return QCoreApplication.translate("Flights", "Diverted")
        case _:
            return QCoreApplication.translate("Flights", "Unknown")


# Status colours are names the QML theme maps; each always travels with its word.
_STATUS_TONE = {
    FlightStatus.SCHEDULED: "unknown",
    FlightStatus.DEPARTED: "waiting",
    FlightStatus.LANDED: "done",
    FlightStatus.DELAYED: "waiting",
    FlightStatus.CANCELLED: "error",
    FlightStatus.DIVERTED: "error",
    FlightStatus.UNKNOWN: "unknown",
}


def source_label(source: str | None) -> str:
    match source:
        case "demo":
            return QCoreApplication.translate("Flights", "demo data")
        case "file":
            return QCoreApplication.translate("Flights", "the county's flight files")
        case "aviationstack":
            return "AviationStack"
        case _:
            return source or "?"


def _day_suffix(offset: int) -> str:
    if offset == 1:
        return QCoreApplication.translate("Flights", " (tomorrow)")
    if offset == -1:
        return QCoreApplication.translate("Flights", " (yesterday)")
    return ""


class FlightsViewModel(ViewModel):
    changed = Signal()
    resultsChanged = Signal()
    detailChanged = Signal()

    def __init__(
        self,
        load_cache: CacheLoader,
        qr_text: QrText,
        settings: BoardSettings,
        tasks: TaskRunner,
        navigator: Navigator,
        clock: Clock,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._load_cache = load_cache
        self._qr_text = qr_text
        self._settings = settings
        self._tasks = tasks
        self._nav = navigator
        self._clock = clock
        self._language = language
        self._board = FlightBoard(clock, settings)
        self._direction = Direction.ARRIVAL
        self._query = ""
        self._rows: list[dict[str, Any]] = []
        self._focus = 0
        self._selected: str | None = None
        self._base_url: str | None = None
        self._loading = False
        language.languageChanged.connect(self._retranslate)

    # --- loading ----------------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        self._query = ""
        self._direction = Direction.ARRIVAL
        self.refresh()
        self._nav.go(PAGE_BOARD)

    @Slot()
    def refresh(self) -> None:
        self._loading = True
        self.changed.emit()

        def build() -> tuple[FlightBoard, str | None]:
            records, meta, base_url = self._load_cache()
            board = FlightBoard(self._clock, self._settings)
            board.load_records(records, meta)
            return board, base_url

        def built(result: tuple[FlightBoard, str | None]) -> None:
            self._board, self._base_url = result
            self._loading = False
            self._search()
            self.changed.emit()

        def failed(_error: BaseException) -> None:
            self._loading = False
            self.changed.emit()

        self._tasks.run(build, built, failed)

    def reset(self) -> None:
        super().reset()
        self._query = ""
        self._selected = None
        self._search()

    # --- searching --------------------------------------------------------------------------

    @Property(str, notify=resultsChanged)
    def query(self) -> str:
        return self._query

    @Property(str, notify=resultsChanged)
    def direction(self) -> str:
        return self._direction.value

    @Slot(str)
    def setDirection(self, direction: str) -> None:
        self._direction = Direction(direction)
        self._search()

    @Slot(str)
    def key(self, character: str) -> None:
        if len(self._query) < QUERY_MAX and len(character) == 1:
            self._query += character
            self._search()

    @Slot()
    def backspace(self) -> None:
        self._query = self._query[:-1]
        self._search()

    @Slot()
    def clear(self) -> None:
        self._query = ""
        self._search()

    @Slot(str)
    def setQuery(self, text: str) -> None:
        """From the Pinyin keyboard (a Chinese city name) or a hardware keyboard."""
        self._query = text.strip()[:QUERY_MAX]
        self._search()

    def _search(self) -> None:
        rows = self._board.rows(self._direction, self._query)
        self._rows = [self._decorate(row.view) for row in rows]
        # Searching shows the best match first; browsing opens at the flights still to come.
        self._focus = 0 if self._query else self._board.focus_index(rows)
        self.resultsChanged.emit()

    def _decorate(self, view: dict[str, Any]) -> dict[str, Any]:
        chinese = self._language.chinese
        row = dict(view)
        row["city"] = (view["city_zh"] if chinese else view["city_en"]) or view["iata"]
        row["statusText"] = status_label(view["status"])
        if view["status"] == FlightStatus.DELAYED and view["delay_min"]:
            row["statusText"] += " " + QCoreApplication.translate("Flights", "%1 min").replace(
                "%1", str(view["delay_min"])
            )
        row["tone"] = _STATUS_TONE[FlightStatus(view["status"])]
        row["codeshareText"] = " / ".join(view["codeshares"])
        row["scheduledText"] = view["scheduled"] + _day_suffix(view["scheduled_day"])
        row["estimatedText"] = (
            view["estimated"] + _day_suffix(view["estimated_day"]) if view["estimated"] else ""
        )
        row["actualText"] = (
            view["actual"] + _day_suffix(view["actual_day"]) if view["actual"] else ""
        )
        row["outText"] = view["out_at"] + _day_suffix(view["out_day"]) if view["out_at"] else ""
        row["placeText"] = " · ".join(
            part
            for part in (
                QCoreApplication.translate("Flights", "Terminal %1").replace("%1", view["terminal"])
                if view["terminal"]
                else "",
                QCoreApplication.translate("Flights", "Belt %1").replace("%1", view["belt"])
                if view["belt"]
                else "",
            )
            if part
        )
        return row

    @Property(list, notify=resultsChanged)
    def results(self) -> list[dict[str, Any]]:
        return self._rows

    @Property(int, notify=resultsChanged)
    def focusIndex(self) -> int:
        return self._focus

    @Property(int, notify=resultsChanged)
    def resultCount(self) -> int:
        return len(self._rows)

    # --- the chart and the data's age -------------------------------------------------------

    @Property(list, notify=changed)
    def chart(self) -> list[dict[str, Any]]:
        demand = self._board.demand()
        peak = max(demand.peak, 1)
        return [
            {"label": bucket.label, "count": bucket.arrivals, "share": bucket.arrivals / peak}
            for bucket in demand.buckets
        ]

    @Property(bool, notify=changed)
    def stale(self) -> bool:
        return self._board.freshness().state is not Freshness.FRESH

    @Property(str, notify=changed)
    def freshnessText(self) -> str:
        info = self._board.freshness()
        if info.state is Freshness.NO_DATA or info.updated_at is None:
            return QCoreApplication.translate(
                "Flights", "No flight data yet. Ask at the airport information desk."
            )
        when = info.updated_at.astimezone(STATION_TZ).strftime("%H:%M")
        source = source_label(info.source)
        if info.state is Freshness.STALE:
            return (
                QCoreApplication.translate(
                    "Flights",
                    "Old data: last updated %1 (%2 min ago), from %3. Times may have changed.",
                )
                .replace("%1", when)
                .replace("%2", str(info.age_min or 0))
                .replace("%3", source)
            )
        return (
            QCoreApplication.translate("Flights", "Updated %1 from %2")
            .replace("%1", when)
            .replace("%2", source)
        )

    @Property(bool, notify=changed)
    def loading(self) -> bool:
        return self._loading

    # --- one flight -------------------------------------------------------------------------

    @Slot(str)
    def select(self, key: str) -> None:
        self._selected = key
        self.detailChanged.emit()
        self._nav.go(PAGE_DETAIL)

    @Property(dict, notify=detailChanged)
    def detail(self) -> dict[str, Any]:
        if self._selected is None:
            return {}
        for row in self._rows:
            if row["key"] == self._selected:
                return row
        row_found = self._board.find(self._selected)
        return self._decorate(row_found.view) if row_found is not None else {}

    @Property(str, notify=detailChanged)
    def detailQr(self) -> str:
        if self._selected is None:
            return ""
        row = self._board.find(self._selected)
        if row is None:
            return ""
        allowance = row.passengers_out.allowance_min if row.passengers_out else None
        record = self._board.record(self._selected)
        if record is None:
            return ""
        return self._qr_text(record, self._base_url, allowance_min=allowance)

    def _retranslate(self) -> None:
        self._search()
        self.changed.emit()
        self.detailChanged.emit()
