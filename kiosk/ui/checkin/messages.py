"""Check-in's typed errors in the driver's words (registered with kiosk.ui.messages)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.services.checkin.service import CheckInProblem, InvalidCheckIn


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
        case CheckInProblem.DETAIL_LOOKS_LIKE_PHONE:
            return QCoreApplication.translate(
                "Messages", "Please leave out phone numbers. Just say what work you do."
            )
        case CheckInProblem.DETAIL_BAD_CHARACTERS:
            return QCoreApplication.translate("Messages", "Please use only words and numbers.")
