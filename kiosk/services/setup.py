"""Setting a station up (the technician, at first boot or from the keeper's settings): one use
case for enrolment and the keeper PIN, so a station ends up fully set up or not at all.

The PIN is set first (local, quick), then the station enrols with the county (the network); if
enrolment fails, the PIN that was there before comes back. Enrolment itself keeps the token and
the station's identity together (SyncEngine.enrol).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from kiosk.credentials import CredentialStore
from kiosk.services.keeper_pin import PIN_KEY_NAME, KeeperPin, check_pin_format
from kiosk.sync.engine import SyncEngine

_STATION_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,31}")


class SetupProblem(enum.Enum):
    STATION_CODE = "station_code"
    SERVER = "server"
    NO_CODE = "no_code"
    PINS_DIFFER = "pins_differ"


class InvalidSetup(ValueError):
    """A field the technician must correct before enrolling."""

    def __init__(self, problem: SetupProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class SetupRequest:
    station: str
    server: str
    code: str
    pin: str
    pin_again: str


@dataclass(frozen=True, slots=True)
class SetupResult:
    station_code: str  # what the county enrolled this kiosk as
    asked_for: str  # what the technician typed

    @property
    def other_station(self) -> bool:
        return self.station_code.upper() != self.asked_for


def checked(request: SetupRequest) -> SetupRequest:
    """The request tidied (station code upper case, spaces gone), or InvalidSetup / PinError."""
    station = request.station.strip().upper()
    server = request.server.strip()
    code = request.code.strip()
    pin = request.pin.strip()
    if not _STATION_CODE.fullmatch(station):
        raise InvalidSetup(SetupProblem.STATION_CODE)
    if not server.startswith(("https://", "http://")):
        raise InvalidSetup(SetupProblem.SERVER)
    if not code:
        raise InvalidSetup(SetupProblem.NO_CODE)
    check_pin_format(pin)
    if pin != request.pin_again.strip():
        raise InvalidSetup(SetupProblem.PINS_DIFFER)
    return SetupRequest(station, server, code, pin, pin)


class StationSetup:
    def __init__(
        self, sync: SyncEngine, keeper_pin: KeeperPin, credentials: CredentialStore
    ) -> None:
        self._sync = sync
        self._keeper_pin = keeper_pin
        self._credentials = credentials

    def set_up(self, request: SetupRequest) -> SetupResult:
        """Check the fields, set the keeper PIN, enrol. Raises InvalidSetup, PinError,
        CredentialError or SyncError, and then nothing of the station changed."""
        request = checked(request)
        previous_pin = self._credentials.get(PIN_KEY_NAME)
        self._keeper_pin.set_pin(request.pin)
        try:
            response = self._sync.enrol(request.server, request.code)
        except BaseException:
            if previous_pin is None:
                self._credentials.delete(PIN_KEY_NAME)
            else:
                self._credentials.set(PIN_KEY_NAME, previous_pin)
            raise
        return SetupResult(response.station_code, request.station)
