"""First boot, for the technician: station code, county server, enrolment code, keeper PIN.

It enrols against the county, keeps the token in the keyring, sets the keeper's PIN and says
which keyring backend holds the secrets. Every mistake gets one sentence saying what to do.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.credentials import CredentialStore
from kiosk.services.keeper_pin import KeeperPin, PinError, check_pin_format
from kiosk.sync.engine import SyncEngine
from kiosk.sync.errors import SyncError
from kiosk.ui.keeper_access import describe_pin_error
from kiosk.ui.language import LanguageController
from kiosk.ui.messages import describe
from kiosk.ui.navigation import Navigator
from kiosk.ui.sync_viewmodel import reason_text
from kiosk.ui.tasks import TaskRunner

PAGE_SETUP = "setup"
_STATION_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,31}")


class SetupProblem(ValueError):
    """A field the technician must correct before enrolling."""


class SetupViewModel(QObject):
    changed = Signal()
    finished = Signal()

    def __init__(
        self,
        sync: SyncEngine,
        keeper_pin: KeeperPin,
        credentials: CredentialStore,
        network: TaskRunner,
        navigator: Navigator,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sync = sync
        self._keeper_pin = keeper_pin
        self._credentials = credentials
        self._network = network
        self._nav = navigator
        self._fields = {"station": "", "server": "", "code": "", "pin": "", "pin2": ""}
        self._error = ""
        self._busy = False
        self._enrolled_as = ""
        language.languageChanged.connect(self.changed)

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        if name in self._fields and self._fields[name] != value:
            self._fields[name] = value
            self._error = ""
            self.changed.emit()

    @Property(dict, notify=changed)
    def fields(self) -> dict[str, Any]:
        return dict(self._fields)

    @Property(str, notify=changed)
    def errorText(self) -> str:
        return self._error

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def keyringBackend(self) -> str:
        return self._credentials.backend_name

    @Property(str, notify=changed)
    def enrolledAs(self) -> str:
        return self._enrolled_as

    def _check_fields(self) -> tuple[str, str, str, str]:
        station = self._fields["station"].strip().upper()
        server = self._fields["server"].strip()
        code = self._fields["code"].strip()
        pin = self._fields["pin"].strip()
        if not _STATION_CODE.fullmatch(station):
            raise SetupProblem(
                QCoreApplication.translate(
                    "Setup", "The station code is 2 to 32 letters, digits or dashes, like CSX-01."
                )
            )
        if not server.startswith(("https://", "http://")):
            raise SetupProblem(
                QCoreApplication.translate(
                    "Setup", "The county server address starts with https://."
                )
            )
        if not code:
            raise SetupProblem(
                QCoreApplication.translate("Setup", "Type the enrolment code from the county.")
            )
        check_pin_format(pin)
        if pin != self._fields["pin2"].strip():
            raise SetupProblem(
                QCoreApplication.translate("Setup", "The two PINs differ. Type them again.")
            )
        return station, server, code, pin

    @Slot()
    def submit(self) -> None:
        if self._busy:
            return
        try:
            station, server, code, pin = self._check_fields()
        except SetupProblem as problem:
            self._fail_with(str(problem))
            return
        except PinError as error:
            self._fail_with(describe_pin_error(error))
            return
        self._busy = True
        self._error = ""
        self.changed.emit()

        def enrol() -> str:
            response = self._sync.enrol(server, code)
            self._keeper_pin.set_pin(pin)
            return response.station_code

        def enrolled(station_code: str) -> None:
            self._busy = False
            self._enrolled_as = station_code
            if station_code.upper() != station:
                self._error = (
                    QCoreApplication.translate(
                        "Setup",
                        "This code enrolled the kiosk as station %1, not %2. "
                        "If that is wrong, ask the county for this station's code.",
                    )
                    .replace("%1", station_code)
                    .replace("%2", station)
                )
            self.changed.emit()
            if not self._error:
                self._fields["pin"] = self._fields["pin2"] = self._fields["code"] = ""
                self.finished.emit()
                self._nav.home()

        def failed(error: BaseException) -> None:
            self._busy = False
            if isinstance(error, SyncError):
                self._fail_with(reason_text(error.reason))
            else:
                self._fail_with(describe(error))

        self._network.run(enrol, enrolled, failed)

    def _fail_with(self, text: str) -> None:
        self._error = text
        self.changed.emit()
