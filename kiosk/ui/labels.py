"""Words for the service layer's keys, in the driver's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk.services.catalog import Purpose, WorkType

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

_FACILITIES: dict[str, str] = {
    "rest_corner": QT_TRANSLATE_NOOP("Labels", "Rest corner"),
    "parking": QT_TRANSLATE_NOOP("Labels", "Parking bays"),
    "ev_charging": QT_TRANSLATE_NOOP("Labels", "EV chargers"),
    "phone_charging": QT_TRANSLATE_NOOP("Labels", "Phone charging"),
    "water": QT_TRANSLATE_NOOP("Labels", "Hot water"),
    "microwave": QT_TRANSLATE_NOOP("Labels", "Microwave"),
    "restroom": QT_TRANSLATE_NOOP("Labels", "Toilets"),
    "help_desk": QT_TRANSLATE_NOOP("Labels", "Help desk"),
    "activities": QT_TRANSLATE_NOOP("Labels", "Activities"),
    "canteen": QT_TRANSLATE_NOOP("Labels", "Canteen"),
}

_FACILITY_ICONS: dict[str, str] = {
    "rest_corner": "armchair",
    "parking": "parking",
    "ev_charging": "charging-pile",
    "phone_charging": "battery-charging",
    "water": "cup",
    "microwave": "microwave",
    "restroom": "toilet-paper",
    "help_desk": "lifebuoy",
    "activities": "confetti",
    "canteen": "tools-kitchen-2",
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


def facility_label(key: str) -> str:
    text = _FACILITIES.get(key)
    return _translate(text) if text is not None else key


def facility_icon(key: str) -> str:
    return _FACILITY_ICONS.get(key, "info-circle")
