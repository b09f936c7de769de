"""A parking reservation on the driver's phone: /r/<reservation_id>, behind the kiosk's QR code.

The address is the reservation's public id: a random UUID (122 random bits) the kiosk made, as
unguessable as the station card's token, so no page_links row is needed. The page shows only
what the kiosk's own screen shows anyone standing by: the code, the plate masked (湘A***45), the
bay type and bay, the window in station time (Asia/Shanghai), the state and the station's name.
No phone, no full plate, no driver. Server-rendered, Chinese first with English beneath, no
JavaScript, not cached and not indexed.

A well-formed id the county has not heard of yet (the kiosk is offline, its push still queued)
gets a 404 that says so; it reveals nothing either way.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from typing import Final

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from county.capability import County
from county.models import Station
from county.pages import bilingual, field, not_found_page, page, station_names
from county.parking.models import CountyReservation
from county.parking.service import reservation
from redhome_wire.station_time import STATION_TZ

RESERVATION_PAGE_PREFIX: Final = "/r/"
_UUID: Final = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEADERS: Final = {
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "Cache-Control": "no-store",
}

# type -> (中文, English)
_TYPES: Final[dict[str, tuple[str, str]]] = {
    "car": ("小汽车车位", "Car bay"),
    "ev": ("充电车位", "EV charging bay"),
    "truck": ("货车车位", "Truck bay"),
}
# state -> (中文, English, colour)
_STATES: Final[dict[str, tuple[str, str, str]]] = {
    "booked": ("已预约", "Booked", "#1565C0"),
    "arrived": ("已到达", "Arrived", "#2E7D32"),
    "left": ("已离开", "Left", "#616161"),
    "no_show": ("未到（已释放）", "No-show (released)", "#B71C1C"),
    "cancelled": ("已取消", "Cancelled", "#616161"),
}

_STYLE_EXTRA: Final = (
    "<style>.code{font-size:40px;font-weight:700;letter-spacing:2px;margin:12px 0 4px}"
    ".state{display:inline-block;color:#fff;border-radius:6px;padding:2px 10px;font-size:20px}"
    "dl{margin:8px 0}dt{color:#8E1B1B;margin-top:12px}dd{margin:2px 0 0}</style>"
)


def _window(start: datetime, end: datetime) -> str:
    local_start = start.astimezone(STATION_TZ)
    local_end = end.astimezone(STATION_TZ)
    if local_start.date() == local_end.date():
        return f"{local_start:%Y-%m-%d %H:%M}–{local_end:%H:%M}"
    return f"{local_start:%Y-%m-%d %H:%M} – {local_end:%Y-%m-%d %H:%M}"


def render_reservation(session: Session, row: CountyReservation, now: datetime) -> str:
    station = session.get(Station, row.station_id)
    assert station is not None
    name_zh, name_en = station_names(session, station)
    type_zh, type_en = _TYPES.get(row.bay_type, (row.bay_type, row.bay_type))
    if row.bay_type == "ev" and row.power_kw:
        power = f"{row.power_kw:g} kW"
        type_zh, type_en = f"{type_zh}（{power}）", f"{type_en} ({power})"
    state_zh, state_en, colour = _STATES.get(row.state, (row.state, row.state, "#616161"))
    bay = escape(row.bay_code) if row.bay_code else bilingual("到达时分配", "Assigned on arrival")
    parts = [
        "<header><h1>停车预约</h1>",
        '<div class="en" lang="en">Parking reservation</div></header><main>',
        f'<div class="code">{escape(row.code)}</div>',
        f'<span class="state" style="background:{colour}">{escape(state_zh)}</span> ',
        f'<span class="en" lang="en">{escape(state_en)}</span>',
        "<dl>",
        field("车牌", "Plate", escape(row.plate_masked)),
        field("车位类型", "Bay type", bilingual(type_zh, type_en)),
        field("车位", "Bay", bay),
        field("时间（北京时间）", "Time (China time)", escape(_window(row.start_at, row.end_at))),
        field("站点", "Station", bilingual(name_zh, name_en)),
        "</dl>",
    ]
    if row.state == "booked":
        parts.append(
            bilingual(
                "到达后请在自助机点“我到了”并确认车牌。",
                "When you arrive, tap “I'm here” on the kiosk and confirm your plate.",
                "p",
            )
        )
    updated = now.astimezone(STATION_TZ).strftime("%Y-%m-%d %H:%M")
    parts.append(f"<p class='en'>更新于 Updated {escape(updated)}</p></main>")
    return page(f"停车预约 {row.code}", _STYLE_EXTRA + "".join(parts))


def not_yet_page() -> str:
    return page(
        "停车预约",
        "<header><h1>停车预约</h1><div class='en'>Parking reservation</div></header><main>"
        + bilingual(
            "这个预约还没有同步到县里，请过几分钟再打开。",
            "This reservation has not reached the county yet; open the link again in a few "
            "minutes.",
            "p",
        )
        + "</main>",
    )


def reservation_page(session: Session, reservation_id: str, now: datetime) -> tuple[int, str]:
    """(status, HTML) for /r/<reservation_id>."""
    if not _UUID.match(reservation_id):
        return 404, not_found_page()
    row = reservation(session, reservation_id)
    if row is None:
        return 404, not_yet_page()
    return 200, render_reservation(session, row, now)


def install_parking_pages(app: FastAPI, county: County) -> None:
    """Add GET /r/{reservation_id} to the app."""

    @app.get(
        RESERVATION_PAGE_PREFIX + "{reservation_id}",
        response_class=HTMLResponse,
        tags=["pages"],
    )
    def reservation_link(reservation_id: str) -> HTMLResponse:
        with county.reader() as session:
            status, html = reservation_page(session, reservation_id.lower(), county.clock.now())
        return HTMLResponse(html, status_code=status, headers=_HEADERS)
