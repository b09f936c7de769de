"""Check-in, step by step: phone number, consent (first visit), work, why they came, done."""

from __future__ import annotations

import logging
from typing import Any, cast

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.ports import CurrentDriver, DriverSession
from kiosk.services.checkin.catalog import Platform, Purpose, WorkType, platforms_for
from kiosk.services.checkin.service import (
    CheckInProblem,
    CheckInReceipt,
    CheckInRequest,
    CheckInService,
    InvalidCheckIn,
    Recognition,
)
from kiosk.services.phones import MOBILE_LENGTH, PhoneNumber, parse_phone
from kiosk.ui.auto_return import AutoReturn
from kiosk.ui.checkin.labels import purpose_icon, purpose_label, work_type_icon, work_type_label
from kiosk.ui.digits import DigitBuffer, group_digits
from kiosk.ui.language import LanguageController
from kiosk.ui.navigation import Navigator
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from redhome_wire.station_time import Clock

log = logging.getLogger(__name__)

PAGE_PHONE = "checkin.phone"
PAGE_CONSENT = "checkin.consent"
PAGE_WORK = "checkin.work"
PAGE_PURPOSE = "checkin.purpose"
PAGE_DONE = "checkin.done"


class CheckInViewModel(ViewModel):
    changed = Signal()
    returnSecondsChanged = Signal()

    def __init__(
        self,
        service: CheckInService,
        tasks: TaskRunner,
        navigator: Navigator,
        language: LanguageController,
        platforms: tuple[Platform, ...],
        return_after_s: int,
        retention_days: int,
        current_driver: CurrentDriver,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._service = service
        self._current_driver = current_driver
        self._clock = clock
        self._nav = navigator
        self._language = language
        self._platforms = platforms
        self._retention_days = retention_days
        self._auto_return = AutoReturn(return_after_s, self.finish, self)
        self._auto_return.secondsChanged.connect(self.returnSecondsChanged)
        language.languageChanged.connect(self._retranslate)
        self._phone_pad = DigitBuffer(MOBILE_LENGTH)
        self._clear_state()

    def _clear_state(self) -> None:
        self._phone_pad.clear()
        self._phone: PhoneNumber | None = None
        self._recognition: Recognition | None = None
        self._consent = False
        self._work_type: WorkType | None = None
        self._platform: str | None = None
        self._work_detail = ""
        self._receipt: CheckInReceipt | None = None
        self._purpose: Purpose | None = None
        self._auto_return.stop()

    # --- state shown by the pages ---------------------------------------------------------

    @Property(str, notify=changed)
    def phoneDisplay(self) -> str:
        return group_digits(self._phone_pad.digits)

    @Property(int, notify=changed)
    def digitsTyped(self) -> int:
        return len(self._phone_pad)

    @Property(bool, notify=changed)
    def returning(self) -> bool:
        return self._recognition is not None and self._recognition.returning and self._consent

    @Property(bool, notify=changed)
    def anonymous(self) -> bool:
        return self._phone is None or not self._consent

    @Property(str, notify=changed)
    def maskedPhone(self) -> str:
        return self._phone.masked if self._phone is not None else ""

    @Property(str, notify=changed)
    def greeting(self) -> str:
        if self._phone is None or not self._consent:
            return ""
        if self.returning:
            return QCoreApplication.translate("CheckIn", "Welcome back, %1").replace(
                "%1", self._phone.masked
            )
        return QCoreApplication.translate("CheckIn", "Welcome, %1").replace(
            "%1", self._phone.masked
        )

    @Property(list, notify=changed)
    def workTypes(self) -> list[dict[str, Any]]:
        return [
            {
                "key": work.value,
                "label": work_type_label(work),
                "icon": work_type_icon(work),
                "selected": work is self._work_type,
            }
            for work in WorkType
        ]

    @Property(str, notify=changed)
    def selectedWork(self) -> str:
        return self._work_type.value if self._work_type is not None else ""

    @Property(bool, notify=changed)
    def workDetailWanted(self) -> bool:
        return self._work_type is WorkType.OTHER

    @Property(str, notify=changed)
    def workDetail(self) -> str:
        return self._work_detail

    @Property(list, notify=changed)
    def platforms(self) -> list[dict[str, Any]]:
        if self._work_type is None:
            return []
        language = cast(str, self._language.language)  # PySide6 types a Property read as Property
        return [
            {
                "key": platform.key,
                "label": platform.name(language),
                "selected": platform.key == self._platform,
            }
            for platform in platforms_for(self._work_type, self._platforms)
        ]

    @Property(list, notify=changed)
    def purposes(self) -> list[dict[str, Any]]:
        return [
            {"key": purpose.value, "label": purpose_label(purpose), "icon": purpose_icon(purpose)}
            for purpose in Purpose
        ]

    @Property(str, notify=changed)
    def doneTitle(self) -> str:
        if self._receipt is None:
            return ""
        if self._receipt.returning:
            return QCoreApplication.translate("CheckIn", "Welcome back! You are checked in.")
        return QCoreApplication.translate("CheckIn", "You are checked in.")

    @Property(str, notify=changed)
    def doneSummary(self) -> str:
        if self._receipt is None or self._work_type is None or self._purpose is None:
            return ""
        parts = [work_type_label(self._work_type)]
        platform = next((p for p in self._platforms if p.key == self._platform), None)
        if platform is not None:
            parts.append(platform.name(cast(str, self._language.language)))
        parts.append(purpose_label(self._purpose))
        return " · ".join(parts)

    @Property(str, notify=changed)
    def doneNote(self) -> str:
        if self._receipt is None:
            return ""
        if self._receipt.anonymous:
            return QCoreApplication.translate(
                "CheckIn", "Counted without your number. Nothing personal was kept."
            )
        return QCoreApplication.translate(
            "CheckIn", "Next time, type your number and check in with two taps."
        )

    @Property(int, constant=True)
    def retentionDays(self) -> int:
        return self._retention_days

    @Property(int, notify=returnSecondsChanged)
    def returnSeconds(self) -> int:
        return cast(int, self._auto_return.seconds)  # PySide6 types a Property read as Property

    # --- actions ----------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        self.reset()
        self._nav.go(PAGE_PHONE)

    @Slot()
    def reset(self) -> None:
        self._clear_state()
        super().reset()
        self.changed.emit()

    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        if self._phone_pad.press(digit):
            self._ops.set_error(None)
            self.changed.emit()

    @Slot()
    def backspace(self) -> None:
        self._phone_pad.backspace()
        self._ops.set_error(None)
        self.changed.emit()

    @Slot()
    def clearPhone(self) -> None:
        self._phone_pad.clear()
        self._ops.set_error(None)
        self.changed.emit()

    @Slot(str)
    def submitPhoneText(self, text: str) -> None:
        """A number from a hardware keyboard or scanner: any text, checked in full."""
        try:
            phone = parse_phone(text)
        except ValueError as error:
            self._ops.set_error(error)
            return
        self._phone_pad.digits = phone.digits
        self.changed.emit()
        self._recognise(phone)

    @Slot()
    def submitPhone(self) -> None:
        self.submitPhoneText(self._phone_pad.digits)

    def _recognise(self, phone: PhoneNumber) -> None:
        def recognised(recognition: Recognition) -> None:
            self._phone = phone
            self._recognition = recognition
            if recognition.consent_needed:
                self._consent = False
                self.changed.emit()
                self._nav.go(PAGE_CONSENT)
                return
            self._consent = True
            self._work_type = recognition.last_work_type
            self._platform = recognition.last_platform
            self.changed.emit()
            self._nav.go(PAGE_WORK)

        self._ops.run(lambda: self._service.recognise(phone), recognised)

    @Slot()
    def skipPhone(self) -> None:
        """Check in without a number: counted, never recognised."""
        self._phone_pad.clear()
        self._phone = None
        self._consent = False
        self._ops.set_error(None)
        self.changed.emit()
        self._nav.go(PAGE_WORK)

    @Slot()
    def agreeConsent(self) -> None:
        self._consent = True
        self.changed.emit()
        self._nav.go(PAGE_WORK)

    @Slot()
    def declineConsent(self) -> None:
        # Declining forgets the number at once: nothing of it is kept, not even in memory.
        self._consent = False
        self._phone = None
        self._phone_pad.clear()
        self._recognition = None
        self.changed.emit()
        self._nav.go(PAGE_WORK)

    @Slot(str)
    def chooseWork(self, key: str) -> None:
        try:
            work_type = WorkType(key)
        except ValueError:
            self._ops.set_error(InvalidCheckIn(CheckInProblem.UNKNOWN_WORK_TYPE))
            return
        if work_type is not self._work_type:
            self._work_type = work_type
            keys = {p.key for p in platforms_for(work_type, self._platforms)}
            if self._platform not in keys:
                self._platform = None
        self._ops.set_error(None)
        self.changed.emit()

    @Slot(str)
    def choosePlatform(self, key: str) -> None:
        self._platform = None if key == self._platform else key
        self._ops.set_error(None)
        self.changed.emit()

    @Slot(str)
    def setWorkDetail(self, text: str) -> None:
        if text != self._work_detail:
            self._work_detail = text
            self._ops.set_error(None)
            self.changed.emit()

    @Slot()
    def confirmWork(self) -> None:
        if self._work_type is None:
            self._ops.set_error(InvalidCheckIn(CheckInProblem.UNKNOWN_WORK_TYPE))
            return
        self._ops.set_error(None)
        self._nav.go(PAGE_PURPOSE)

    @Slot(str)
    def choosePurpose(self, key: str) -> None:
        if self._ops.busy:
            return
        if self._work_type is None:
            self._ops.set_error(InvalidCheckIn(CheckInProblem.UNKNOWN_WORK_TYPE))
            return
        request = CheckInRequest(
            phone=self._phone if self._consent else None,
            consent_given=self._consent,
            work_type=self._work_type.value,
            platform=self._platform,
            purpose=key,
            work_detail=self._work_detail or None,
        )

        def saved(receipt: CheckInReceipt) -> None:
            self._receipt = receipt
            self._purpose = Purpose(key)
            self._current_driver.start(
                DriverSession(receipt.masked_phone, request.work_type, self._clock.now())
            )
            self._auto_return.start()
            self.changed.emit()
            self._nav.finish(PAGE_DONE)

        self._ops.run(lambda: self._service.check_in(request), saved)

    @Slot()
    def finish(self) -> None:
        self.reset()
        self._nav.home()

    def _retranslate(self) -> None:
        self.changed.emit()
        self.errorChanged.emit()
