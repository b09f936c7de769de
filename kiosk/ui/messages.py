"""Typed errors from the services, turned into one sentence in the driver's language.

Every error a driver or keeper can see passes through `describe`, so no screen invents its own
wording and none shows a raw exception.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import SQLAlchemyError

from kiosk.services.checkin import CheckInProblem, InvalidCheckIn
from kiosk.services.phones import InvalidPhone, PhoneProblem

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


def describe_checkin_problem(error: InvalidCheckIn) -> str:
    match error.problem:
        case CheckInProblem.UNKNOWN_WORK_TYPE:
            return QCoreApplication.translate("Messages", "Please choose your work first.")
        case CheckInProblem.UNKNOWN_PLATFORM:
            return QCoreApplication.translate("Messages", "Please choose your platform again.")
        case CheckInProblem.UNKNOWN_PURPOSE:
            return QCoreApplication.translate("Messages", "Please choose why you came.")
        case CheckInProblem.DETAIL_TOO_LONG:
            return QCoreApplication.translate("Messages", "Please keep it to 20 characters.")
        case CheckInProblem.DETAIL_BAD_CHARACTERS:
            return QCoreApplication.translate("Messages", "Please use only words and numbers.")


def describe(error: BaseException) -> str:
    if isinstance(error, InvalidPhone):
        return describe_phone_problem(error)
    if isinstance(error, InvalidCheckIn):
        return describe_checkin_problem(error)
    if isinstance(error, SQLAlchemyError | OSError):
        log.error("storage failed: %s", error)
        return QCoreApplication.translate(
            "Messages", "Could not save. Please try again, or ask the station keeper."
        )
    log.exception("unexpected error", exc_info=error)
    return QCoreApplication.translate(
        "Messages", "Something went wrong. Please try again, or ask the station keeper."
    )
