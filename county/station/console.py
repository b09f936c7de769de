"""Station profiles in the staff console: what each kiosk shows as its station (names, address,
opening hours), edited by county staff instead of a JSON file and `publish`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from county.capability import ConsoleChange, ConsoleForm, ConsolePage, ConsoleProblem, ConsoleView
from county.feed import item_data, write_item
from county.models import Station
from county.station.profile import complete_profile
from county.stations import station_by_code
from redhome_wire.station import FeedKind, ProfileData

TEMPLATES: Final = Path(__file__).resolve().parent / "templates"
ALL_STAFF: Final = frozenset({"admin", "editor", "handler", "viewer"})
EDITORS: Final = frozenset({"admin", "editor"})
# The fields staff edit here; facilities and the card link stay as they are.
EDITABLE: Final = ("name_zh", "name_en", "address_zh", "address_en", "opening_hours")
SHORT_FIELD: Final = 200
LONG_FIELD: Final = 4000


def _profile(session: Session, code: str) -> dict[str, Any]:
    stored = item_data(session, code, FeedKind.STATION_PROFILE, code)
    profile: dict[str, Any] = json.loads(stored) if stored else {}
    return profile


def profiles_page(session: Session, now: datetime, query: Mapping[str, str]) -> ConsoleView:
    stations = session.execute(select(Station.code, Station.name).order_by(Station.code)).all()
    rows = [(code, name, _profile(session, code)) for code, name in stations]
    return ConsoleView("station_profiles.html", {"rows": rows})


def profile_page(session: Session, now: datetime, query: Mapping[str, str]) -> ConsoleView:
    code = query.get("station_code", "")
    if station_by_code(session, code) is None:
        return ConsoleView("station_profile.html", {"code": code, "known": False})
    return ConsoleView(
        "station_profile.html",
        {
            "code": code,
            "known": True,
            "profile": _profile(session, code),
            "fields": EDITABLE,
            "long_fields": ("address_zh", "address_en"),
            "short_limit": SHORT_FIELD,
            "long_limit": LONG_FIELD,
            "saved": query.get("saved") == "1",
            "problem": query.get("problem", ""),
        },
    )


def save_profile(
    session: Session, now: datetime, path: Mapping[str, str], fields: Mapping[str, str]
) -> ConsoleChange:
    code = path.get("station_code", "")
    if station_by_code(session, code) is None:
        raise ConsoleProblem("station_unknown_station")
    before = _profile(session, code)
    edited = {name: fields.get(name, "").strip() for name in EDITABLE}
    if not edited["name_zh"] or not edited["name_en"]:
        raise ConsoleProblem("station_name_needed")
    document = {**before, **edited, "code": code}
    try:
        completed = complete_profile(session, FeedKind.STATION_PROFILE, code, code, document)
        profile = ProfileData.model_validate(completed)
    except (ValidationError, ValueError):
        raise ConsoleProblem("station_profile_invalid") from None
    write_item(session, code, FeedKind.STATION_PROFILE, code, profile, now)
    after = profile.model_dump(mode="json")
    return ConsoleChange("publish_profile", f"station:{code}", before or None, after)


CONSOLE_PAGES: Final = (
    ConsolePage("/station-profiles", ALL_STAFF, profiles_page, menu="station_nav"),
    ConsolePage("/station-profiles/{station_code}", ALL_STAFF, profile_page),
)
CONSOLE_FORMS: Final = (ConsoleForm("/station-profiles/{station_code}", EDITORS, save_profile),)

WORDS: Final = {
    "zh": {
        "station_nav": "站点资料",
        "station_profiles_title": "站点资料",
        "station_profiles_hint": "各站终端上显示的站名、地址和开放时间。改后，终端下次同步时更新。",
        "station_edit": "修改",
        "station_view": "查看",
        "station_profile_title": "站点资料：{code}",
        "station_field_name_zh": "站名（中文）",
        "station_field_name_en": "站名（英文）",
        "station_field_address_zh": "地址（中文）",
        "station_field_address_en": "地址（英文）",
        "station_field_opening_hours": "开放时间",
        "station_save": "保存并发布",
        "station_saved": "已保存。终端下次同步时更新。",
        "station_unknown_station": "没有这个站点。",
        "station_name_needed": "中文和英文站名都要填。",
        "station_profile_invalid": "资料有误，请检查长度。",
        "station_read_only": "只有管理员和编辑可以修改。",
        "station_back": "返回站点资料",
    },
    "en": {
        "station_nav": "Station profiles",
        "station_profiles_title": "Station profiles",
        "station_profiles_hint": "The name, address and opening hours each kiosk shows. A change "
        "reaches the kiosk at its next sync.",
        "station_edit": "Edit",
        "station_view": "View",
        "station_profile_title": "Station profile: {code}",
        "station_field_name_zh": "Name (Chinese)",
        "station_field_name_en": "Name (English)",
        "station_field_address_zh": "Address (Chinese)",
        "station_field_address_en": "Address (English)",
        "station_field_opening_hours": "Opening hours",
        "station_save": "Save and publish",
        "station_saved": "Saved. The kiosk shows it after its next sync.",
        "station_unknown_station": "There is no such station.",
        "station_name_needed": "Both names, Chinese and English, are needed.",
        "station_profile_invalid": "Something in the profile is wrong; check the lengths.",
        "station_read_only": "Only administrators and editors can change it.",
        "station_back": "Back to the station profiles",
    },
}
