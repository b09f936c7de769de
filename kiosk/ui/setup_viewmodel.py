"""First boot, for the technician: station code, county server, enrolment code, keeper PIN.

It enrols against the county, keeps the token in the keyring, sets the keeper's PIN and says
which keyring backend holds the secrets. Every mistake gets one sentence saying what to do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.credentials import CredentialStore
from kiosk.services.keeper_pin import PinError
from kiosk.services.setup import InvalidSetup, SetupRequest, SetupResult, StationSetup, checked
from kiosk.ui.language import LanguageController
from kiosk.ui.messages import describe
from kiosk.ui.navigation import Navigator
from kiosk.ui.tasks import TaskRunner

PAGE_SETUP = "setup"


class SetupViewModel(QObject):
    changed = Signal()
    finished = Signal()

    def __init__(
        self,
        setup: StationSetup,
        credentials: CredentialStore,
        network: TaskRunner,
        navigator: Navigator,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._setup = setup
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

    @Slot()
    def submit(self) -> None:
        if self._busy:
            return
        request = SetupRequest(
            self._fields["station"],
            self._fields["server"],
            self._fields["code"],
            self._fields["pin"],
            self._fields["pin2"],
        )
        try:
            checked(request)  # field mistakes are said at once, before any network wait
        except (InvalidSetup, PinError) as error:
            self._fail_with(describe(error))
            return
        self._busy = True
        self._error = ""
        self.changed.emit()

        def done(result: SetupResult) -> None:
            self._busy = False
            self._enrolled_as = result.station_code
            if result.other_station:
                self._error = (
                    QCoreApplication.translate(
                        "Setup",
                        "This code enrolled the kiosk as station %1, not %2. "
                        "If that is wrong, ask the county for this station's code.",
                    )
                    .replace("%1", result.station_code)
                    .replace("%2", result.asked_for)
                )
            self.changed.emit()
            if not self._error:
                self._fields["pin"] = self._fields["pin2"] = self._fields["code"] = ""
                self.finished.emit()
                self._nav.home()

        def failed(error: BaseException) -> None:
            self._busy = False
            self._fail_with(describe(error))

        self._network.run(lambda: self._setup.set_up(request), done, failed)

    def _fail_with(self, text: str) -> None:
        self._error = text
        self.changed.emit()
