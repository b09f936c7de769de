"""Parking at the kiosk: book a bay, say 'I'm here', cancel, and the board of free bays.

A booking shows what is free before it asks for anything personal: type and time first, then the
plate, then an optional phone number.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, cast

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.parking.plates import (
    NEW_ENERGY_LENGTH,
    ORDINARY_LENGTH,
    PLATE_LETTERS,
    PROVINCES,
    SUFFIXES,
    InvalidPlate,
    parse_plate,
)
from kiosk.services.parking.service import (
    Availability,
    BayType,
    ParkingError,
    ParkingProblem,
    ParkingService,
    ParkingSettings,
    ReservationView,
)
from kiosk.services.phones import MOBILE_LENGTH, PhoneNumber, parse_phone
from kiosk.ui.auto_return import AutoReturn
from kiosk.ui.digits import DigitBuffer, group_digits
from kiosk.ui.labels import duration_label
from kiosk.ui.language import LanguageController
from kiosk.ui.navigation import Navigator
from kiosk.ui.parking.messages import date_text
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from redhome_wire.station_time import STATION_TZ, Clock, local_day

PAGE_CHOOSE = "parking"
PAGE_WINDOW = "parking.window"
PAGE_PLATE = "parking.plate"
PAGE_PHONE = "parking.phone"
PAGE_CODE = "parking.code"
PAGE_DONE = "parking.done"
PAGE_BOARD = "parking.board"
CODE_DIGITS = 4  # P-NNNN

DURATION_STEPS_MIN = (30, 60, 90, 120, 180, 240, 360, 480, 600, 720, 960, 1200, 1440)


class Mode(enum.Enum):
    BOOK = "book"
    ARRIVE = "arrive"
    CANCEL = "cancel"


_TYPE_ICONS = {BayType.CAR: "car", BayType.EV: "charging-pile", BayType.TRUCK: "truck"}


def bay_type_label(bay_type: BayType) -> str:
    match bay_type:
        case BayType.CAR:
            return QCoreApplication.translate("Parking", "Car")
        case BayType.EV:
            return QCoreApplication.translate("Parking", "EV charging")
        case BayType.TRUCK:
            return QCoreApplication.translate("Parking", "Truck")


def time_label(when: datetime | None, now: datetime) -> str:
    if when is None:
        return QCoreApplication.translate("Parking", "Now")
    local = when.astimezone(STATION_TZ)
    clock_text = local.strftime("%H:%M")
    if local.date() == local_day(now):
        return QCoreApplication.translate("Parking", "Today %1").replace("%1", clock_text)
    if local.date() == local_day(now) + timedelta(days=1):
        return QCoreApplication.translate("Parking", "Tomorrow %1").replace("%1", clock_text)
    return f"{date_text(local)} {clock_text}"


def window_label(start: datetime, end: datetime, now: datetime) -> str:
    """Today 16:00–18:00; the day is said again only when the stay runs past midnight."""
    if start.astimezone(STATION_TZ).date() == end.astimezone(STATION_TZ).date():
        return f"{time_label(start, now)}–{end.astimezone(STATION_TZ):%H:%M}"
    return f"{time_label(start, now)} – {time_label(end, now)}"


class ParkingViewModel(ViewModel):
    changed = Signal()
    boardChanged = Signal()

    def __init__(
        self,
        service: ParkingService,
        settings: ParkingSettings,
        tasks: TaskRunner,
        navigator: Navigator,
        clock: Clock,
        language: LanguageController,
        return_after_s: int,
        qr_text: Callable[[ReservationView, str | None], str],
        public_base_url: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._service = service
        self._settings = settings
        self._tasks = tasks
        self._nav = navigator
        self._clock = clock
        self._qr_text = qr_text
        self._public_base_url = public_base_url
        self._base_url: str | None = None
        self._auto_return = AutoReturn(return_after_s, self.finish, self)
        self._auto_return.secondsChanged.connect(self.changed)
        self._board: list[tuple[datetime, dict[BayType, int]]] = []
        self._free_now: dict[BayType, int] = {}
        self._phone_pad = DigitBuffer(MOBILE_LENGTH)
        self._code_pad = DigitBuffer(CODE_DIGITS)
        language.languageChanged.connect(self._retranslate)
        self._clear_state()

    def _clear_state(self) -> None:
        self._mode = Mode.BOOK
        self._bay_type = BayType.CAR
        self._start_at: datetime | None = None
        self._minutes = 120
        self._availability: Availability | None = None
        self._plate = ""
        self._new_energy = False
        self._phone_pad.clear()
        self._code_pad.clear()
        self._receipt: ReservationView | None = None
        self._auto_return.stop()

    # --- shared state -----------------------------------------------------------------------

    @Property(str, notify=changed)
    def mode(self) -> str:
        return self._mode.value

    # --- choosing type and time -------------------------------------------------------------

    @Property(list, notify=changed)
    def bayTypes(self) -> list[dict[str, Any]]:
        return [
            {
                "key": bay_type.value,
                "label": bay_type_label(bay_type),
                "icon": _TYPE_ICONS[bay_type],
                "free": self._free_now.get(bay_type, 0),
                "selected": bay_type is self._bay_type,
            }
            for bay_type in BayType
            if bay_type in self._free_now
        ]

    @Property(str, notify=changed)
    def startText(self) -> str:
        return time_label(self._start_at, self._clock.now())

    @Property(str, notify=changed)
    def durationText(self) -> str:
        return duration_label(self._minutes)

    @Property(str, notify=changed)
    def windowText(self) -> str:
        start = self._start_at or self._clock.now()
        return window_label(start, start + timedelta(minutes=self._minutes), self._clock.now())

    @Property(bool, notify=changed)
    def canStartEarlier(self) -> bool:
        return self._start_at is not None

    @Property(bool, notify=changed)
    def canStartLater(self) -> bool:
        starts = self._service.bookable_starts()
        return bool(starts) and (self._start_at is None or self._start_at < starts[-1])

    @Property(bool, notify=changed)
    def canStayShorter(self) -> bool:
        return self._minutes > DURATION_STEPS_MIN[0]

    @Property(bool, notify=changed)
    def canStayLonger(self) -> bool:
        return self._minutes < self._settings.max_hours[self._bay_type] * 60

    @Property(int, notify=changed)
    def freeInWindow(self) -> int:
        return self._availability.free if self._availability else -1

    @Property(str, notify=changed)
    def availabilityText(self) -> str:
        if self._availability is None:
            return ""
        if self._availability.free <= 0:
            return QCoreApplication.translate("Parking", "Full at that time. Try another time.")
        return QCoreApplication.translate("Parking", "%1 free at that time").replace(
            "%1", str(self._availability.free)
        )

    # --- plate, phone, code -----------------------------------------------------------------

    @Property(list, constant=True)
    def provinces(self) -> list[str]:
        return list(PROVINCES)

    @Property(list, constant=True)
    def letters(self) -> list[str]:
        return list(PLATE_LETTERS)

    @Property(list, constant=True)
    def suffixes(self) -> list[str]:
        return list(SUFFIXES)

    @Property(str, notify=changed)
    def plate(self) -> str:
        return self._plate

    @Property(int, notify=changed)
    def plateSlots(self) -> int:
        return self._plate_slots()

    def _plate_slots(self) -> int:
        return NEW_ENERGY_LENGTH if self._new_energy else ORDINARY_LENGTH

    @Property(bool, notify=changed)
    def newEnergy(self) -> bool:
        return self._new_energy

    @Property(bool, notify=changed)
    def provinceStage(self) -> bool:
        return self._plate == ""

    @Property(bool, notify=changed)
    def suffixAllowed(self) -> bool:
        return not self._new_energy and len(self._plate) == ORDINARY_LENGTH - 1

    @Property(str, notify=changed)
    def phoneDisplay(self) -> str:
        return group_digits(self._phone_pad.digits)

    @Property(str, notify=changed)
    def codeDisplay(self) -> str:
        return "P-" + self._code_pad.digits

    # --- results ----------------------------------------------------------------------------

    @Property(str, notify=changed)
    def receiptCode(self) -> str:
        return self._receipt.code if self._receipt else ""

    @Property(str, notify=changed)
    def receiptBay(self) -> str:
        return (self._receipt.bay_code or "") if self._receipt else ""

    @Property(str, notify=changed)
    def receiptSummary(self) -> str:
        receipt = self._receipt
        if receipt is None:
            return ""
        now = self._clock.now()
        parts = [bay_type_label(receipt.bay_type), receipt.plate]
        if receipt.power_kw:
            parts.append(f"{receipt.power_kw:g} kW")
        parts.append(window_label(receipt.start_at, receipt.end_at, now))
        return " · ".join(parts)

    @Property(str, notify=changed)
    def receiptQr(self) -> str:
        return self._qr_text(self._receipt, self._base_url) if self._receipt else ""

    @Property(str, notify=changed)
    def doneTitle(self) -> str:
        match self._mode:
            case Mode.BOOK:
                return QCoreApplication.translate("Parking", "Booked")
            case Mode.ARRIVE:
                return QCoreApplication.translate("Parking", "Welcome! Your bay:")
            case Mode.CANCEL:
                return QCoreApplication.translate("Parking", "Booking cancelled")

    @Property(int, notify=changed)
    def returnSeconds(self) -> int:
        return cast(int, self._auto_return.seconds)  # PySide6 types a Property read as Property

    @Property(list, notify=boardChanged)
    def board(self) -> list[dict[str, Any]]:
        now = self._clock.now()
        rows = []
        for index, (when, free) in enumerate(self._board):
            rows.append(
                {
                    "label": QCoreApplication.translate("Parking", "Now")
                    if index == 0
                    else time_label(when, now),
                    "counts": [
                        {"key": t.value, "label": bay_type_label(t), "free": free[t]}
                        for t in BayType
                        if t in free
                    ],
                }
            )
        return rows

    # --- actions ----------------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        """The parking tile: free counts now, then the choice of what to do."""
        self.reset()
        self.refreshBoard()
        self._nav.go(PAGE_CHOOSE)

    @Slot()
    def reset(self) -> None:
        self._clear_state()
        super().reset()
        self.changed.emit()

    @Slot()
    def refreshBoard(self) -> None:
        def loaded(board: list[tuple[datetime, dict[BayType, int]]]) -> None:
            self._board = board
            self._free_now = dict(board[0][1]) if board else {}
            if self._free_now and self._bay_type not in self._free_now:
                self._bay_type = next(iter(self._free_now))
            self.boardChanged.emit()
            self.changed.emit()

        self._ops.run(lambda: self._service.board(hours=6), loaded)

    @Slot()
    def openBoard(self) -> None:
        self.refreshBoard()
        self._nav.go(PAGE_BOARD)

    @Slot(str)
    def startBooking(self, bay_type: str) -> None:
        self._mode = Mode.BOOK
        self._bay_type = BayType(bay_type)
        self._start_at = None
        self._minutes = min(self._minutes, self._settings.max_hours[self._bay_type] * 60)
        self._ops.set_error(None)
        self.changed.emit()
        self._nav.go(PAGE_WINDOW)
        self._check_availability()

    @Slot()
    def startArrival(self) -> None:
        self._mode = Mode.ARRIVE
        self._plate = ""
        self._ops.set_error(None)
        self.changed.emit()
        self._nav.go(PAGE_PLATE)

    @Slot()
    def startCancel(self) -> None:
        self._mode = Mode.CANCEL
        self._plate = ""
        self._code_pad.clear()
        self._ops.set_error(None)
        self.changed.emit()
        self._nav.go(PAGE_PLATE)

    @Slot()
    def startLater(self) -> None:
        starts = self._service.bookable_starts()
        later = [s for s in starts[1:] if self._start_at is None or s > self._start_at]
        if later:
            self._start_at = later[0]
            self._window_changed()

    @Slot()
    def startEarlier(self) -> None:
        starts = self._service.bookable_starts()
        earlier = [s for s in starts[1:] if self._start_at is not None and s < self._start_at]
        self._start_at = earlier[-1] if earlier else None
        self._window_changed()

    @Slot()
    def stayLonger(self) -> None:
        limit = self._settings.max_hours[self._bay_type] * 60
        longer = [m for m in DURATION_STEPS_MIN if self._minutes < m <= limit]
        if longer:
            self._minutes = longer[0]
            self._window_changed()

    @Slot()
    def stayShorter(self) -> None:
        shorter = [m for m in DURATION_STEPS_MIN if m < self._minutes]
        if shorter:
            self._minutes = shorter[-1]
            self._window_changed()

    def _window_changed(self) -> None:
        self._ops.set_error(None)
        self.changed.emit()
        self._check_availability()

    def _check_availability(self) -> None:
        bay_type, start, minutes = self._bay_type, self._start_at, self._minutes

        def found(availability: Availability) -> None:
            if (bay_type, start, minutes) == (self._bay_type, self._start_at, self._minutes):
                self._availability = availability
                self.changed.emit()

        def window() -> Availability:
            begin = start or self._clock.now()
            return self._service.availability(bay_type, begin, begin + timedelta(minutes=minutes))

        self._availability = None
        self._ops.run(window, found)

    @Slot()
    def confirmWindow(self) -> None:
        if self._availability is not None and self._availability.free <= 0:
            self._ops.set_error(ParkingError(ParkingProblem.NONE_FREE))
            return
        self._plate = ""
        self._new_energy = self._bay_type is BayType.EV
        self._ops.set_error(None)
        self.changed.emit()
        self._nav.go(PAGE_PLATE)

    @Slot(str)
    def plateKey(self, key: str) -> None:
        if len(self._plate) < self._plate_slots():
            self._plate += key
            self._ops.set_error(None)
            self.changed.emit()

    @Slot()
    def plateBackspace(self) -> None:
        self._plate = self._plate[:-1]
        self._ops.set_error(None)
        self.changed.emit()

    @Slot()
    def plateClear(self) -> None:
        self._plate = ""
        self._ops.set_error(None)
        self.changed.emit()

    @Slot()
    def toggleNewEnergy(self) -> None:
        self._new_energy = not self._new_energy
        self._plate = self._plate[: self._plate_slots()]
        self.changed.emit()

    @Slot(str)
    def setPlateText(self, text: str) -> None:
        """A plate from a hardware keyboard or a scanner: any text, checked in full."""
        self._plate = text
        self.confirmPlate()

    @Slot()
    def confirmPlate(self) -> None:
        try:
            plate = parse_plate(self._plate)
        except InvalidPlate as error:
            self._ops.set_error(error)
            return
        self._plate = plate.number
        self._new_energy = plate.new_energy
        self.changed.emit()
        match self._mode:
            case Mode.BOOK:

                def checked(ban_ends: datetime | None) -> None:
                    if ban_ends is not None:
                        self._ops.set_error(
                            ParkingError(ParkingProblem.BANNED, ban_ends_at=ban_ends)
                        )
                        return
                    self._phone_pad.clear()
                    self.changed.emit()
                    self._nav.go(PAGE_PHONE)

                self._ops.run(lambda: self._service.ban_for(plate.number), checked)
            case Mode.ARRIVE:
                self._ops.run(lambda: self._service.arrive(plate.number), self._finished)
            case Mode.CANCEL:
                self._code_pad.clear()
                self.changed.emit()
                self._nav.go(PAGE_CODE)

    @Slot(str)
    def phoneKey(self, digit: str) -> None:
        if self._phone_pad.press(digit):
            self._ops.set_error(None)
            self.changed.emit()

    @Slot()
    def phoneBackspace(self) -> None:
        self._phone_pad.backspace()
        self.changed.emit()

    @Slot()
    def phoneClear(self) -> None:
        self._phone_pad.clear()
        self.changed.emit()

    @Slot()
    def confirmPhone(self) -> None:
        phone: PhoneNumber | None = None
        if len(self._phone_pad):
            try:
                phone = parse_phone(self._phone_pad.digits)
            except ValueError as error:
                self._ops.set_error(error)
                return
        self._book(phone)

    @Slot()
    def skipPhone(self) -> None:
        self._phone_pad.clear()
        self._book(None)

    def _book(self, phone: PhoneNumber | None) -> None:
        bay_type, start, minutes, plate = self._bay_type, self._start_at, self._minutes, self._plate

        def book() -> tuple[ReservationView, str | None]:
            reservation = self._service.book(bay_type, start, minutes, plate, phone)
            # Where the phone can open the booking: the county's page once the kiosk knows it.
            return reservation, self._public_base_url()

        def booked(result: tuple[ReservationView, str | None]) -> None:
            reservation, self._base_url = result
            self._finished(reservation)

        self._ops.run(book, booked)

    @Slot(str)
    def codeKey(self, digit: str) -> None:
        if self._code_pad.press(digit):
            self._ops.set_error(None)
            self.changed.emit()

    @Slot()
    def codeBackspace(self) -> None:
        self._code_pad.backspace()
        self.changed.emit()

    @Slot()
    def codeClear(self) -> None:
        self._code_pad.clear()
        self.changed.emit()

    @Slot()
    def confirmCode(self) -> None:
        code, plate = "P-" + self._code_pad.digits, self._plate
        self._ops.run(lambda: self._service.cancel(plate, code), self._finished)

    def _finished(self, receipt: ReservationView) -> None:
        self._receipt = receipt
        self._auto_return.start()
        self.changed.emit()
        self._nav.finish(PAGE_DONE)

    @Slot()
    def finish(self) -> None:
        self.reset()
        self._nav.home()

    def _retranslate(self) -> None:
        self.changed.emit()
        self.errorChanged.emit()
        self.boardChanged.emit()
