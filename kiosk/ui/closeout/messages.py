"""The close-out's words for its refusals (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.services.closeout.service import CloseoutError, CloseoutProblem


def describe_closeout_problem(error: CloseoutError) -> str:
    match error.problem:
        case CloseoutProblem.ALREADY_SEALED:
            return QCoreApplication.translate("Closeout", "This day is closed already.")
        case CloseoutProblem.NOT_OVER:
            return QCoreApplication.translate(
                "Closeout", "This day has not come yet. Check the terminal's clock."
            )
        case CloseoutProblem.EARLIER_DAY_OPEN:
            return QCoreApplication.translate(
                "Closeout", "An earlier day was not closed. Close that one first."
            )
        case CloseoutProblem.NOTE_TOO_LONG:
            return QCoreApplication.translate("Closeout", "The note is too long.")
        case CloseoutProblem.NOTE_HAS_PHONE:
            return QCoreApplication.translate(
                "Closeout",
                "The note seems to hold a phone number. The county receives this note: "
                "leave the number out.",
            )
