"""Typed errors from the services, turned into one sentence in the driver's language.

Every error a driver or keeper can see passes through `describe`, so no screen invents its own
wording and none shows a raw exception. The platform's errors have their words here; each
capability registers the words for its own (UiCapability.describers).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

from kiosk.services.keeper_pin import PinError, PinProblem
from kiosk.services.phones import InvalidPhone, PhoneProblem
from kiosk.services.setup import InvalidSetup, SetupProblem
from kiosk.store.errors import STORAGE_ERRORS
from kiosk.sync.errors import SyncError, SyncReason
from redhome_wire.station_time import STATION_TZ

E = TypeVar("E", bound=BaseException)

log = logging.getLogger(__name__)


def describe_phone_problem(error: InvalidPhone) -> str:
    match error.problem:
        case PhoneProblem.EMPTY:
            return QCoreApplication.translate("Messages", "Please type your phone number.")
        # lupdate does not mark these Python calls as plural, so each form is its own string.
        case PhoneProblem.TOO_SHORT if error.missing_digits == 1:
            return QCoreApplication.translate(
                "Messages", "The number is 1 digit short. Please type it again."
            )
        case PhoneProblem.TOO_SHORT:
            return QCoreApplication.translate(
                "Messages", "The number is %1 digits short. Please type it again."
            ).replace("%1", str(error.missing_digits))
        case PhoneProblem.TOO_LONG if error.extra_digits == 1:
            return QCoreApplication.translate(
                "Messages", "The number has 1 digit too many. Please check it."
            )
        case PhoneProblem.TOO_LONG:
            return QCoreApplication.translate(
                "Messages", "The number has %1 digits too many. Please check it."
            ).replace("%1", str(error.extra_digits))
        case PhoneProblem.NOT_DIGITS:
            return QCoreApplication.translate(
                "Messages", "A phone number has digits only. Please type it again."
            )
        case PhoneProblem.NOT_MOBILE:
            return QCoreApplication.translate(
                "Messages", "That is not a mobile number. It starts with 13 to 19."
            )


def describe_pin_error(error: PinError) -> str:
    match error.problem:
        case PinProblem.WRONG:
            return QCoreApplication.translate("Keeper", "Wrong PIN. %1 tries left.").replace(
                "%1", str(error.tries_left)
            )
        case PinProblem.LOCKED:
            until = error.locked_until.astimezone(STATION_TZ) if error.locked_until else None
            return QCoreApplication.translate(
                "Keeper", "Too many wrong PINs. The pad is locked until %1."
            ).replace("%1", until.strftime("%H:%M") if until else "")
        case PinProblem.NOT_SET:
            return QCoreApplication.translate(
                "Keeper", "No keeper PIN is set yet. The technician sets it when enrolling."
            )
        case _:
            return QCoreApplication.translate("Keeper", "A PIN is 4 to 8 digits.")


def reason_text(reason: str | None) -> str:
    """One sentence for a round that failed; empty when it did not."""
    texts: dict[str, Callable[[], str]] = {
        SyncReason.NOT_ENROLLED: lambda: QCoreApplication.translate(
            "Sync", "This kiosk is not enrolled with the county yet. Ask the technician."
        ),
        SyncReason.INSECURE_URL: lambda: QCoreApplication.translate(
            "Sync", "The county server address must start with https://. Call the technician."
        ),
        SyncReason.OFFLINE: lambda: QCoreApplication.translate(
            "Sync", "Cannot reach the county server. Records are kept and sent later."
        ),
        SyncReason.TIMEOUT: lambda: QCoreApplication.translate(
            "Sync", "The county server did not answer in time. Trying again soon."
        ),
        SyncReason.CONNECTION_LOST: lambda: QCoreApplication.translate(
            "Sync", "The connection broke. Trying again soon."
        ),
        SyncReason.BAD_RESPONSE: lambda: QCoreApplication.translate(
            "Sync", "The county server's answer was cut short. Trying again soon."
        ),
        SyncReason.SERVER_ERROR: lambda: QCoreApplication.translate(
            "Sync", "The county server has a problem. Trying again soon."
        ),
        SyncReason.BUSY: lambda: QCoreApplication.translate(
            "Sync", "The county server is busy. Trying again soon."
        ),
        SyncReason.TLS_ERROR: lambda: QCoreApplication.translate(
            "Sync", "The county server's certificate could not be checked. Call the technician."
        ),
        SyncReason.TOKEN_UNKNOWN: lambda: QCoreApplication.translate(
            "Sync", "The county does not know this kiosk. Enrol it again."
        ),
        SyncReason.TOKEN_REVOKED: lambda: QCoreApplication.translate(
            "Sync", "The county withdrew this kiosk's access. Ask for a new enrolment code."
        ),
        SyncReason.KIOSK_TOO_OLD: lambda: QCoreApplication.translate(
            "Sync", "The county needs a newer kiosk program. Call the technician to update it."
        ),
        SyncReason.STATION_MISMATCH: lambda: QCoreApplication.translate(
            "Sync", "This kiosk asked for another station's data. Call the technician."
        ),
        SyncReason.ENROL_CODE_INVALID: lambda: QCoreApplication.translate(
            "Sync", "That enrolment code is wrong or already used."
        ),
        SyncReason.ENROL_CODE_EXPIRED: lambda: QCoreApplication.translate(
            "Sync", "That enrolment code has expired. Ask the county for a new one."
        ),
        SyncReason.REQUEST_REJECTED: lambda: QCoreApplication.translate(
            "Sync", "The county refused the request. Call the technician."
        ),
        SyncReason.CREDENTIALS: lambda: QCoreApplication.translate(
            "Sync", "The kiosk's key store could not be read. Call the technician."
        ),
        SyncReason.LOCAL_STORAGE: lambda: QCoreApplication.translate(
            "Sync",
            "This kiosk's storage is full or cannot be written. Free some space or call the "
            "technician; sync tries again soon.",
        ),
        SyncReason.ALREADY_RUNNING: lambda: QCoreApplication.translate(
            "Sync", "A sync is already running on this kiosk. Trying again soon."
        ),
    }
    if not reason:
        return ""
    make = texts.get(reason)
    return (
        make()
        if make is not None
        else QCoreApplication.translate("Sync", "Sync failed. Trying again soon.")
    )


def parked_reason_text(reason: str) -> str:
    """Why the county refused one record, for the keeper."""
    texts: dict[str, Callable[[], str]] = {
        "unknown_kind": lambda: QCoreApplication.translate(
            "Sync", "The county does not take this kind of record yet."
        ),
        "invalid_payload": lambda: QCoreApplication.translate(
            "Sync", "The county found this record incomplete."
        ),
        "personal_data": lambda: QCoreApplication.translate(
            "Sync", "It seemed to contain a phone number, so it was not sent."
        ),
        "conflict": lambda: QCoreApplication.translate(
            "Sync", "Another record was sent before under the same number."
        ),
        "duplicate_record": lambda: QCoreApplication.translate(
            "Sync", "The county already has this record."
        ),
        "local_invalid": lambda: QCoreApplication.translate(
            "Sync", "This record is damaged on the kiosk."
        ),
        "server_failed": lambda: QCoreApplication.translate(
            "Sync", "The county server failed on it several times."
        ),
        "request_rejected": lambda: QCoreApplication.translate(
            "Sync", "The county refused this record."
        ),
    }
    make = texts.get(reason)
    return (
        make()
        if make is not None
        else QCoreApplication.translate("Sync", "The county refused this record.")
    )


def describe_setup_problem(error: InvalidSetup) -> str:
    match error.problem:
        case SetupProblem.STATION_CODE:
            return QCoreApplication.translate(
                "Setup", "The station code is 2 to 32 letters, digits or dashes, like CSX-01."
            )
        case SetupProblem.SERVER:
            return QCoreApplication.translate(
                "Setup", "The county server address starts with https://."
            )
        case SetupProblem.NO_CODE:
            return QCoreApplication.translate("Setup", "Type the enrolment code from the county.")
        case SetupProblem.PINS_DIFFER:
            return QCoreApplication.translate("Setup", "The two PINs differ. Type them again.")


_DESCRIBERS: dict[type[BaseException], Callable[[Any], str]] = {
    InvalidPhone: describe_phone_problem,
    PinError: describe_pin_error,
    SyncError: lambda error: reason_text(error.reason),
    InvalidSetup: describe_setup_problem,
}


def register(error_type: type[E], describer: Callable[[E], str]) -> None:
    """A capability's words for its own typed errors (UiCapability.describers)."""
    known = _DESCRIBERS.setdefault(error_type, describer)
    if known is not describer:
        raise ValueError(f"{error_type.__name__} has words already")


def describe(error: BaseException) -> str:
    for error_type in type(error).__mro__:
        describer = _DESCRIBERS.get(error_type)
        if describer is not None:
            return describer(error)
    if isinstance(error, STORAGE_ERRORS):
        log.error("storage failed: %s", error)
        return QCoreApplication.translate(
            "Messages", "Could not save. Please try again, or ask the station keeper."
        )
    log.exception("unexpected error", exc_info=error)
    return QCoreApplication.translate(
        "Messages", "Something went wrong. Please try again, or ask the station keeper."
    )
