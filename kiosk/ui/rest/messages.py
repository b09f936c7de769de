"""The rest corner's words: its errors, seat kinds and states, durations (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.services.rest.service import RestError, RestProblem, SeatKind, SeatState
from kiosk.ui.labels import duration_label


def seat_kind_label(kind: SeatKind) -> str:
    match kind:
        case SeatKind.CHAIR:
            return QCoreApplication.translate("Rest", "Chair")
        case SeatKind.RECLINER:
            return QCoreApplication.translate("Rest", "Recliner")
        case SeatKind.BED:
            return QCoreApplication.translate("Rest", "Bed")


SEAT_ICONS = {SeatKind.CHAIR: "armchair", SeatKind.RECLINER: "armchair", SeatKind.BED: "bed"}


def seat_state_label(state: SeatState) -> str:
    match state:
        case SeatState.FREE:
            return QCoreApplication.translate("Rest", "Free")
        case SeatState.RESTING:
            return QCoreApplication.translate("Rest", "Resting")
        case SeatState.TIME_UP:
            return QCoreApplication.translate("Rest", "Time is up")
        case SeatState.OVERDUE:
            return QCoreApplication.translate("Rest", "Overdue")
        case SeatState.OUT_OF_SERVICE:
            return QCoreApplication.translate("Rest", "Out of service")


def describe_rest_problem(error: RestError) -> str:
    minutes = duration_label(error.minutes or 0)
    match error.problem:
        case RestProblem.NO_SUCH_SEAT:
            return QCoreApplication.translate(
                "Rest", "There is no such seat. Please pick one on the list."
            )
        case RestProblem.SEAT_OUT_OF_SERVICE:
            return QCoreApplication.translate(
                "Rest", "This seat is out of service. Please pick another one."
            )
        case RestProblem.SEAT_TAKEN:
            return QCoreApplication.translate(
                "Rest", "Someone just took this seat. Please pick another one."
            )
        case RestProblem.NO_DURATION:
            return QCoreApplication.translate("Rest", "Please pick how long you want to rest.")
        case RestProblem.TOO_SHORT:
            return QCoreApplication.translate(
                "Rest", "A rest is at least %1. Please pick a longer one."
            ).replace("%1", minutes)
        case RestProblem.TOO_LONG:
            return QCoreApplication.translate(
                "Rest", "A rest here is at most %1. Please pick a shorter one."
            ).replace("%1", minutes)
        case RestProblem.FLIGHT_NOT_FOUND:
            return QCoreApplication.translate(
                "Rest", "That flight is no longer on the list. Please pick a time instead."
            )
        case RestProblem.FLIGHT_TOO_SOON:
            return QCoreApplication.translate(
                "Rest", "That flight is too soon for a rest. Please pick a time instead."
            )
        case RestProblem.NOT_RESTING:
            return QCoreApplication.translate("Rest", "Nobody is resting on this seat now.")
        case RestProblem.NOT_TIME_YET:
            return QCoreApplication.translate(
                "Rest", "Your rest is not over yet: %1 left."
            ).replace("%1", minutes)
        case RestProblem.SNOOZE_LIMIT:
            return QCoreApplication.translate(
                "Rest", "You have rested longer %1 times already. Time to get up!"
            ).replace("%1", str(error.minutes or 0))
        case RestProblem.TOO_EARLY_TO_FREE:
            return QCoreApplication.translate("Rest", "The seat can be freed in %1.").replace(
                "%1", minutes
            )
