"""Parking's typed errors in the driver's words (registered with kiosk.ui.messages)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from kiosk.services.parking.plates import InvalidPlate, PlateProblem
from kiosk.services.parking.service import ParkingError, ParkingProblem
from redhome_wire.station_time import STATION_TZ


def describe_plate_problem(error: InvalidPlate) -> str:
    match error.problem:
        case PlateProblem.EMPTY:
            return QCoreApplication.translate("Parking", "Please type the plate.")
        case PlateProblem.UNKNOWN_PROVINCE:
            return QCoreApplication.translate(
                "Parking", "A plate starts with a province, such as 湘."
            )
        case PlateProblem.CITY_NOT_LETTER:
            return QCoreApplication.translate(
                "Parking", "The second character is a letter, such as 湘A."
            )
        case PlateProblem.LETTER_I_OR_O:
            return QCoreApplication.translate(
                "Parking", "Plates have no I or O. Did you mean 1 or 0?"
            )
        case PlateProblem.SUFFIX_MISPLACED:
            return QCoreApplication.translate(
                "Parking", "挂, 学, 警, 港 and 澳 only come last, on 7-character plates."
            )
        case PlateProblem.WRONG_LENGTH:
            return QCoreApplication.translate(
                "Parking", "A plate has 7 characters, or 8 for new energy. Please check it."
            )
        case PlateProblem.BAD_NEW_ENERGY:
            return QCoreApplication.translate(
                "Parking", "A new-energy plate has D or F first or last. Please check it."
            )
        case _:
            return QCoreApplication.translate(
                "Parking", "Only letters and digits go on a plate. Please check it."
            )


def date_text(when: datetime) -> str:
    return when.astimezone(STATION_TZ).strftime("%m-%d").lstrip("0").replace("-", "/")


def describe_parking_problem(error: ParkingError) -> str:
    match error.problem:
        case ParkingProblem.NONE_FREE:
            return QCoreApplication.translate(
                "Parking", "No bay of this kind is free then. Try another time."
            )
        case ParkingProblem.BANNED:
            until = date_text(error.ban_ends_at) if error.ban_ends_at else ""
            return QCoreApplication.translate(
                "Parking",
                "This plate missed 3 bookings in 30 days, so it cannot book until %1.",
            ).replace("%1", until)
        case ParkingProblem.TOO_LONG:
            return QCoreApplication.translate(
                "Parking", "That is too long for this kind of bay: at most %1 hours."
            ).replace("%1", str(error.max_hours or ""))
        case ParkingProblem.TOO_SHORT | ParkingProblem.BAD_DURATION:
            return QCoreApplication.translate("Parking", "Please choose a longer stay.")
        case ParkingProblem.IN_THE_PAST | ParkingProblem.NOT_ON_SLOT:
            return QCoreApplication.translate(
                "Parking", "That start time has passed. Please choose again."
            )
        case ParkingProblem.TOO_FAR_AHEAD:
            return QCoreApplication.translate(
                "Parking", "Bookings open 24 hours ahead. Please choose an earlier time."
            )
        case ParkingProblem.DOUBLE_BOOKING:
            return QCoreApplication.translate(
                "Parking", "This plate already has a bay booked at that time."
            )
        case ParkingProblem.UNKNOWN_TYPE:
            return QCoreApplication.translate("Parking", "This station has no bays of that kind.")
        case ParkingProblem.NOT_FOUND:
            return QCoreApplication.translate(
                "Parking", "No booking for this plate today. Please check the plate."
            )
        case ParkingProblem.WRONG_CODE:
            return QCoreApplication.translate(
                "Parking", "The booking code does not match this plate."
            )
        case ParkingProblem.TOO_EARLY:
            when = (
                error.not_before.astimezone(STATION_TZ).strftime("%H:%M")
                if error.not_before
                else ""
            )
            return QCoreApplication.translate(
                "Parking", "Your booking starts later. Please come back after %1."
            ).replace("%1", when)
        case ParkingProblem.ALREADY_ARRIVED:
            return QCoreApplication.translate(
                "Parking", "You are already checked in for this booking."
            )
        case ParkingProblem.NOT_ARRIVABLE:
            return QCoreApplication.translate(
                "Parking", "This booking ran out: it was not used in time."
            )
        case ParkingProblem.NOT_ARRIVED:
            return QCoreApplication.translate("Parking", "This booking has not arrived yet.")
        case ParkingProblem.BAY_HAS_BOOKINGS:
            return QCoreApplication.translate(
                "Parking", "This bay has bookings. Cancel or move them first."
            )
        case ParkingProblem.BAY_OCCUPIED:
            return QCoreApplication.translate("Parking", "A vehicle is on this bay now.")
        case ParkingProblem.UNKNOWN_BAY | ParkingProblem.BAD_REASON:
            return QCoreApplication.translate(
                "Parking", "That bay cannot be changed. Ask the technician."
            )
