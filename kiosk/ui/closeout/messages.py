"""The close-out's words for its refusals (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.services.closeout.service import CloseoutError, CloseoutProblem
from redhome_wire.closeout import DayClosed
from redhome_wire.station_time import STATION_TZ


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
        case CloseoutProblem.COUNTY_NOT_HEARD:
            return QCoreApplication.translate(
                "Closeout",
                "This kiosk has not heard from the county since its data was renewed. Sync "
                "first (on the sync page), then close the day.",
            )
        case CloseoutProblem.NOTE_HAS_PHONE:
            return QCoreApplication.translate(
                "Closeout",
                "The note seems to hold a phone number. The county receives this note: "
                "leave the number out.",
            )


def handover_note_text(report: DayClosed) -> str:
    """The last keeper's note, as the next keeper reads it on the today page."""
    sealed = report.sealed_at.astimezone(STATION_TZ).strftime("%m-%d %H:%M")
    return (
        QCoreApplication.translate("Closeout", "Note from %1 at close-out (%2, %3): %4")
        .replace("%1", report.sealed_by)
        .replace("%2", report.label)
        .replace("%3", sealed)
        .replace("%4", report.handover_note)
    )
