"""Words and icons for the kinds of work and the reasons to come, in the driver's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.services.checkin.catalog import Purpose, WorkType
from kiosk.ui.language import QT_TRANSLATE_NOOP

_CONTEXT = "Labels"

_WORK_TYPES: dict[WorkType, str] = {
    WorkType.FOOD_DELIVERY: QT_TRANSLATE_NOOP("Labels", "Food delivery"),
    WorkType.COURIER: QT_TRANSLATE_NOOP("Labels", "Courier"),
    WorkType.RIDE_HAILING: QT_TRANSLATE_NOOP("Labels", "Ride-hailing"),
    WorkType.TRUCK: QT_TRANSLATE_NOOP("Labels", "Truck driver"),
    WorkType.OTHER: QT_TRANSLATE_NOOP("Labels", "Other work"),
}

_WORK_ICONS: dict[WorkType, str] = {
    WorkType.FOOD_DELIVERY: "motorbike",
    WorkType.COURIER: "package",
    WorkType.RIDE_HAILING: "car",
    WorkType.TRUCK: "truck",
    WorkType.OTHER: "dots",
}

_PURPOSES: dict[Purpose, str] = {
    Purpose.REST: QT_TRANSLATE_NOOP("Labels", "Take a rest"),
    Purpose.CHARGING: QT_TRANSLATE_NOOP("Labels", "Charge up"),
    Purpose.WATER_MEAL: QT_TRANSLATE_NOOP("Labels", "Water or a meal"),
    Purpose.RESTROOM: QT_TRANSLATE_NOOP("Labels", "Restroom"),
    Purpose.HELP: QT_TRANSLATE_NOOP("Labels", "Get help"),
    Purpose.ACTIVITY: QT_TRANSLATE_NOOP("Labels", "An activity"),
}

_PURPOSE_ICONS: dict[Purpose, str] = {
    Purpose.REST: "armchair",
    Purpose.CHARGING: "battery-charging",
    Purpose.WATER_MEAL: "cup",
    Purpose.RESTROOM: "toilet-paper",
    Purpose.HELP: "lifebuoy",
    Purpose.ACTIVITY: "confetti",
}


def _translate(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def work_type_label(work_type: WorkType) -> str:
    return _translate(_WORK_TYPES[work_type])


def work_type_icon(work_type: WorkType) -> str:
    return _WORK_ICONS[work_type]


def purpose_label(purpose: Purpose) -> str:
    return _translate(_PURPOSES[purpose])


def purpose_icon(purpose: Purpose) -> str:
    return _PURPOSE_ICONS[purpose]
