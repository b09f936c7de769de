"""The rest corner at the kiosk: pick a seat, pick how long (or a flight), and the board.

The board is computed every second from rows loaded now and then (after every change, and
every RELOAD_S) and the clock: one timer, no database write per second. The same tick puts a
wake-up in the shell's attention slot for every seat whose time is up, so it reaches the driver
even when someone else is using the kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from kiosk.services.rest.links import proof_url
from kiosk.services.rest.service import (
    DrivingSpan,
    FlightWake,
    RestService,
    SeatRow,
    SeatState,
    seat_status,
    suggested_minutes,
)
from kiosk.ui.attention import AttentionBoard, AttentionItem, IdleBoard, Priority
from kiosk.ui.auto_return import AutoReturn
from kiosk.ui.labels import duration_label
from kiosk.ui.language import QT_TRANSLATE_NOOP, LanguageController
from kiosk.ui.navigation import Navigator
from kiosk.ui.rest.messages import SEAT_ICONS, seat_kind_label, seat_state_label
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from redhome_wire.station_time import STATION_TZ, Clock

log = logging.getLogger(__name__)

PAGE_SEATS = "rest"
PAGE_DURATION = "rest.duration"
PAGE_DONE = "rest.done"
PAGE_BOARD = "rest.board"
BOARD_KEY = "rest.board"
WAKE_KEY_PREFIX = "rest.wake."
RELOAD_S = 15
PRESET_MINUTES = (20, 30, 60)
CUSTOM_STEP = 10
# The soonest flights only: a driver waiting for a later one picks a time and comes back.
MAX_FLIGHTS = 6
_DRIVING_LABELS = {
    DrivingSpan.UNDER_2H: QT_TRANSLATE_NOOP("Rest", "Under 2 h"),
    DrivingSpan.FROM_2H_TO_4H: QT_TRANSLATE_NOOP("Rest", "2–4 h"),
    DrivingSpan.OVER_4H: QT_TRANSLATE_NOOP("Rest", "Over 4 h"),
}


def clock_text(instant: datetime) -> str:
    return f"{instant.astimezone(STATION_TZ):%H:%M}"


class SeatListModel(QAbstractListModel):
    """The board's seats for QML, one role ("seat", a dict) per row. A tick changes only the
    rows whose words changed (dataChanged): their delegates re-bind, none is rebuilt. A whole
    new list (a seat added or removed) resets the model."""

    SEAT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[dict[str, Any]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == self.SEAT_ROLE and 0 <= index.row() < len(self._items):
            return self._items[index.row()]
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return {self.SEAT_ROLE: QByteArray(b"seat")}

    def update(self, items: list[dict[str, Any]]) -> None:
        if [item["number"] for item in items] != [item["number"] for item in self._items]:
            self.beginResetModel()
            self._items = items
            self.endResetModel()
            return
        for row, (old, new) in enumerate(zip(self._items, items, strict=True)):
            if old != new:
                self._items[row] = new
                changed = self.index(row)
                self.dataChanged.emit(changed, changed, [self.SEAT_ROLE])


class RestViewModel(ViewModel):
    changed = Signal()
    boardChanged = Signal()
    flashChanged = Signal()

    def __init__(
        self,
        service: RestService,
        tasks: TaskRunner,
        navigator: Navigator,
        clock: Clock,
        language: LanguageController,
        attention: AttentionBoard,
        return_after_s: int,
        public_base_url: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._service = service
        self._settings = service.settings
        self._tasks = tasks
        self._nav = navigator
        self._clock = clock
        self._attention = attention
        self._language = language
        self._public_base_url = public_base_url
        self._rows: list[SeatRow] = []
        self._board: list[dict[str, Any]] = []
        self._seats = SeatListModel(self)
        # Each seat's words for a (row, state, minutes): a second that changes nothing shown
        # builds nothing; emptied when the rows are reloaded or the language changes.
        self._items: dict[tuple[SeatRow, SeatState, int], dict[str, Any]] = {}
        self._waking: set[str] = set()
        self._flash = False
        self._offered_priority: Priority | None = None
        self._flights: list[FlightWake] = []
        self._auto_return = AutoReturn(return_after_s, self.finish, self)
        self._auto_return.secondsChanged.connect(self.changed)
        language.languageChanged.connect(self._retranslate)
        self._clear_choice()
        # The one per-second timer: recomputes the board from the rows and the clock.
        self._second = QTimer(self)
        self._second.setInterval(1000)
        self._second.timeout.connect(self.tick)
        self._reload = QTimer(self)
        self._reload.setInterval(RELOAD_S * 1000)
        self._reload.timeout.connect(self.reload)

    @property
    def service(self) -> RestService:
        return self._service

    def start_timers(self) -> None:
        """Load the seats and keep the board and wake-ups current from now on."""
        self._second.start()
        self._reload.start()
        self.reload()

    def _clear_choice(self) -> None:
        self._seat = ""
        self._minutes = 0
        self._custom = 0
        self._using_custom = False
        self._flight = ""
        self._driving: DrivingSpan | None = None
        self._done: dict[str, str] = {}

    def _retranslate(self) -> None:
        self._items.clear()
        self._board = []
        # Offer the wake-ups again, in the new language (offer replaces an item by its key).
        self._waking = set()
        self.tick()
        self.changed.emit()
        self.errorChanged.emit()

    # Loading and the per-second tick --------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read the seats off the UI thread; never shows an error of its own (the next reload
        tries again), so a slow disk cannot put a red line on another driver's page."""

        def failed(error: BaseException) -> None:
            log.warning("rest board reload failed: %s", error)

        self._tasks.run(self._service.board, self._loaded, failed)

    def _loaded(self, rows: list[SeatRow]) -> None:
        self._rows = rows
        self._items.clear()
        if not rows:
            self._attention.withdraw_board(BOARD_KEY)
        self._offered_priority = None
        self.tick()

    @Slot()
    def tick(self) -> None:
        now = self._clock.now()
        board = []
        waking: set[str] = set()
        for row in self._rows:
            status = seat_status(row, now, self._settings)
            if status.state in (SeatState.TIME_UP, SeatState.OVERDUE):
                waking.add(row.number)
            key = (row, status.state, status.minutes)
            item = self._items.get(key)
            if item is None:
                item = self._items[key] = self._seat_item(row, status.state, status.minutes)
            board.append(item)
        self._update_wake_ups(waking)
        if waking:
            # The seats whose time is up blink once a second: one property, not one timer each.
            self._flash = not self._flash
            self.flashChanged.emit()
        elif self._flash:
            self._flash = False
            self.flashChanged.emit()
        if board != self._board:
            self._board = board
            self._seats.update(list(board))
            self.boardChanged.emit()

    def _seat_item(self, row: SeatRow, state: SeatState, minutes: int) -> dict[str, Any]:
        big = str(minutes) if state is SeatState.RESTING else ""
        if state in (SeatState.TIME_UP, SeatState.OVERDUE) and row.wake_at is not None:
            small = clock_text(row.wake_at)
        else:
            small = ""
        return {
            "number": row.number,
            "kind": seat_kind_label(row.kind),
            "zone": row.zone or "",
            "icon": SEAT_ICONS[row.kind],
            "state": state.value,
            "stateLabel": seat_state_label(state),
            "big": big,
            "unit": QCoreApplication.translate("Rest", "min left"),
            "small": small,
            "free": state is SeatState.FREE,
            "waking": state in (SeatState.TIME_UP, SeatState.OVERDUE),
            "canSnooze": row.snoozes < self._settings.max_snoozes,
            "wakeAt": clock_text(row.wake_at) if row.wake_at else "",
        }

    def _update_wake_ups(self, waking: set[str]) -> None:
        for number in sorted(waking - self._waking):
            self._attention.offer(
                AttentionItem(
                    WAKE_KEY_PREFIX + number,
                    Priority.REST_WAKEUP,
                    QCoreApplication.translate("Rest", "Seat %1: time to wake up").replace(
                        "%1", number
                    ),
                    QCoreApplication.translate(
                        "Rest", 'Tap "I\'m awake" or "10 more min" on the rest board.'
                    ),
                    "clock",
                    interrupting=True,
                )
            )
        for number in sorted(self._waking - waking):
            self._attention.withdraw(WAKE_KEY_PREFIX + number)
        self._waking = waking
        # The board is the idle screen of a station with seats; while someone must wake, it
        # outranks a board that only informs.
        priority = Priority.REST_WAKEUP if waking else Priority.NOTICE
        if self._rows and priority != self._offered_priority:
            self._attention.offer_board(IdleBoard(BOARD_KEY, PAGE_BOARD, priority))
            self._offered_priority = priority

    # Properties -----------------------------------------------------------------------------

    @Property(list, notify=boardChanged)
    def board(self) -> list[dict[str, Any]]:
        return self._board

    @Property(QObject, constant=True)
    def seats(self) -> QObject:
        return self._seats

    @Property(bool, notify=flashChanged)
    def flash(self) -> bool:
        return self._flash

    @Property(int, notify=boardChanged)
    def freeCount(self) -> int:
        return sum(1 for seat in self._board if seat["free"])

    @Property(str, notify=changed)
    def seat(self) -> str:
        return self._seat

    @Property(list, notify=changed)
    def durations(self) -> list[dict[str, Any]]:
        return [
            {
                "minutes": minutes,
                "label": duration_label(minutes),
                "chosen": not self._using_custom and not self._flight and self._minutes == minutes,
            }
            for minutes in PRESET_MINUTES
            if minutes <= self._settings.max_minutes
        ]

    @Property(str, notify=changed)
    def customText(self) -> str:
        return duration_label(self._custom)

    @Property(bool, notify=changed)
    def customChosen(self) -> bool:
        return self._using_custom and not self._flight

    @Property(bool, notify=changed)
    def canShorten(self) -> bool:
        return self._custom - CUSTOM_STEP >= self._settings.min_minutes

    @Property(bool, notify=changed)
    def canLengthen(self) -> bool:
        return self._custom + CUSTOM_STEP <= self._settings.max_minutes

    @Property(str, notify=changed)
    def longestText(self) -> str:
        return QCoreApplication.translate("Rest", "Up to %1").replace(
            "%1", duration_label(self._settings.max_minutes)
        )

    @Property(list, notify=changed)
    def flights(self) -> list[dict[str, Any]]:
        chinese = self._language.chinese
        return [
            {
                "flight": wake.flight,
                "label": QCoreApplication.translate("Rest", "Wake me for flight %1").replace(
                    "%1", wake.flight
                ),
                "help": QCoreApplication.translate("Rest", "%1 · passengers out ≈ %2 · wake at %3")
                .replace("%1", (wake.city_zh if chinese else wake.city_en) or wake.city_zh or "")
                .replace("%2", clock_text(wake.passengers_out_at))
                .replace("%3", clock_text(wake.wake_at)),
                "chosen": self._flight == wake.flight,
            }
            for wake in self._flights[:MAX_FLIGHTS]
        ]

    @Property(list, notify=changed)
    def drivingChoices(self) -> list[dict[str, Any]]:
        return [
            {
                "key": span.value,
                "label": QCoreApplication.translate("Rest", label),
                "chosen": self._driving is span,
            }
            for span, label in _DRIVING_LABELS.items()
        ]

    @Property(str, notify=changed)
    def suggestion(self) -> str:
        minutes = suggested_minutes(self._driving, self._clock.now())
        if minutes is None:
            return ""
        if self._driving is DrivingSpan.OVER_4H:
            text = QCoreApplication.translate(
                "Rest", "After 4 hours at the wheel, rest at least %1."
            )
        else:
            text = QCoreApplication.translate("Rest", "At night, rest at least %1.")
        return text.replace("%1", duration_label(minutes))

    @Property(bool, notify=changed)
    def canStart(self) -> bool:
        return bool(self._seat) and (self._minutes > 0 or bool(self._flight))

    @Property(str, notify=changed)
    def doneSeat(self) -> str:
        return self._done.get("seat", "")

    @Property(str, notify=changed)
    def doneSummary(self) -> str:
        return self._done.get("summary", "")

    @Property(str, notify=changed)
    def doneQr(self) -> str:
        return self._done.get("qr", "")

    @Property(int, notify=changed)
    def returnSeconds(self) -> int:
        return cast(int, self._auto_return.seconds)  # PySide6 types a Property read as Property

    # Slots ------------------------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        self._clear_choice()
        self._ops.set_error(None)
        self.changed.emit()
        self._nav.go(PAGE_SEATS)

    @Slot()
    def openBoard(self) -> None:
        self._nav.go(PAGE_BOARD)

    @Slot(str)
    def chooseSeat(self, number: str) -> None:
        self._seat = number
        self._minutes = 0
        self._using_custom = False
        self._flight = ""
        self._custom = max(self._settings.min_minutes, min(45, self._settings.max_minutes))
        self._ops.set_error(None)
        self._ops.run(self._service.flight_wakes, self._flights_loaded)
        self._nav.go(PAGE_DURATION)

    def _flights_loaded(self, wakes: list[FlightWake]) -> None:
        self._flights = wakes
        self.changed.emit()

    @Slot(int)
    def chooseMinutes(self, minutes: int) -> None:
        self._minutes = minutes
        self._using_custom = False
        self._flight = ""
        self.changed.emit()

    @Slot()
    def chooseCustom(self) -> None:
        self.chooseMinutes(self._custom)
        self._using_custom = True
        self.changed.emit()

    @Slot(int)
    def stepCustom(self, direction: int) -> None:
        step = CUSTOM_STEP if direction > 0 else -CUSTOM_STEP
        wanted = self._custom + step
        if self._settings.min_minutes <= wanted <= self._settings.max_minutes:
            self._custom = wanted
        self.chooseCustom()

    @Slot(str)
    def chooseFlight(self, flight: str) -> None:
        self._flight = flight
        self._using_custom = False
        self._minutes = 0
        self.changed.emit()

    @Slot(str)
    def chooseDriving(self, key: str) -> None:
        span = DrivingSpan(key)
        self._driving = None if self._driving is span else span
        suggested = suggested_minutes(self._driving, self._clock.now())
        # The suggestion becomes the choice when the driver has not picked a longer rest.
        if suggested is not None and not self._flight and self._minutes < suggested:
            self._custom = min(
                max(suggested, self._settings.min_minutes), self._settings.max_minutes
            )
            self._using_custom = suggested not in PRESET_MINUTES
            self._minutes = self._custom
        self.changed.emit()

    @Slot()
    def start(self) -> None:
        seat, minutes, flight, driving = self._seat, self._minutes, self._flight, self._driving

        def work() -> tuple[SeatRow, str | None]:
            if flight:
                row = self._service.start(seat, flight=flight, driving=driving)
            else:
                row = self._service.start(seat, minutes=minutes or None, driving=driving)
            return row, self._public_base_url()

        self._ops.run(work, self._started)

    def _started(self, result: tuple[SeatRow, str | None]) -> None:
        row, base_url = result
        wake = clock_text(row.wake_at) if row.wake_at else ""
        if row.flight:
            summary = QCoreApplication.translate(
                "Rest", "We wake you at %1 for flight %2. If it is late, we wake you later."
            )
            summary = summary.replace("%1", wake).replace("%2", row.flight)
        else:
            summary = QCoreApplication.translate("Rest", "We wake you at %1. Sleep well!").replace(
                "%1", wake
            )
        # The proof-of-rest page, when phones can reach the county (never offline text: there
        # is nothing to prove before the rest has ended and reached the county).
        qr = proof_url(row.rest_id, base_url) if base_url and row.rest_id else ""
        self._done = {"seat": row.number, "summary": summary, "qr": qr}
        self.reload()
        self.changed.emit()
        self._nav.go(PAGE_DONE)

    @Slot(str)
    def wake(self, number: str) -> None:
        self._act(lambda: self._service.wake(number))

    @Slot(str)
    def snooze(self, number: str) -> None:
        self._act(lambda: self._service.snooze(number))

    def _act(self, work: Callable[[], object]) -> None:
        self._ops.run(work, lambda _result: self.reload())

    @Slot()
    def finish(self) -> None:
        self._auto_return.stop()
        self._nav.home()

    def enter(self, page: str) -> None:
        # A page with a QR code waits for the driver (UI.md): home by the idle timeout then.
        if page == PAGE_DONE and not self._done.get("qr"):
            self._auto_return.start()
        else:
            self._auto_return.stop()
        if page in (PAGE_SEATS, PAGE_BOARD):
            self.reload()

    def leave(self) -> None:
        self._auto_return.stop()

    def reset(self) -> None:
        super().reset()
        self._auto_return.stop()
        self._clear_choice()
        self.changed.emit()
