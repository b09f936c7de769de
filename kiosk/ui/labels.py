"""Words for the station's facility keys and for lengths of time, in the driver's language."""

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


def duration_label(minutes: int) -> str:
    """2 h, 45 min, 1 h 30 min: a stay, a rest, any length of time a driver picks."""
    hours, rest = divmod(minutes, 60)
    if rest == 0 and hours:
        return QCoreApplication.translate("Labels", "%1 h").replace("%1", str(hours))
    if hours == 0:
        return QCoreApplication.translate("Labels", "%1 min").replace("%1", str(rest))
    return (
        QCoreApplication.translate("Labels", "%1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", str(rest))
    )
