"""Words for the station's facility keys, in the driver's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.ui.language import QT_TRANSLATE_NOOP

_CONTEXT = "Labels"

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


def facility_label(key: str) -> str:
    text = _FACILITIES.get(key)
    return _translate(text) if text is not None else key


def facility_icon(key: str) -> str:
    return _FACILITY_ICONS.get(key, "info-circle")
