"""A flight's status on the driver's phone: /f/<record key>, behind the kiosk's flight QR code.

Server-rendered, Chinese first with English beneath, no JavaScript (a plain meta refresh keeps
it current while a driver waits), and nothing personal: flights are public, and the page shows
only the flight. Why the path is the record key rather than a random token:
redhome_wire.flights.links.

It reads what the feed last said (county_items, scope "*"), so it shows exactly what the kiosks
have. The status words and the "passengers out" time are the kiosk board's rules, shared in
redhome_wire.flights.status; the allowance is the one the kiosk put in the link (?out=N), else
the board's defaults.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Annotated, Final

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from county.capability import County
from county.feed import ALL_STATIONS, item_data
from county.pages import bilingual, not_found_page, page
from redhome_wire.flights.links import (
    ALLOWANCE_MAX_MIN,
    FLIGHT_KEY_PATTERN,
    FLIGHT_PAGE_PREFIX,
)
from redhome_wire.flights.records import (
    FLIGHT_KIND,
    FLIGHT_META_KEY,
    FLIGHT_META_KIND,
    Direction,
    FlightFeedMeta,
    FlightRecord,
)
from redhome_wire.flights.status import (
    DELAY_THRESHOLD_MIN,
    flight_status,
    late_minutes,
    passengers_out_at,
)
from redhome_wire.station_time import STATION_TZ

# ?out=N beyond ALLOWANCE_MAX_MIN is clamped to it; anything not a whole number up to this is a 422.
OUT_PARAM_MAX: Final = 10_000

STALE_AFTER_MIN: Final = 20
REFRESH_S: Final = 120

# status -> (中文, English, colour)
_STATUS: Final[dict[str, tuple[str, str, str]]] = {
    "scheduled": ("计划", "Scheduled", "#37474F"),
    "departed": ("已起飞", "Departed", "#1565C0"),
    "landed": ("已到达", "Landed", "#2E7D32"),
    "delayed": ("延误", "Delayed", "#E65100"),
    "cancelled": ("取消", "Cancelled", "#B71C1C"),
    "diverted": ("备降", "Diverted", "#6A1B9A"),
    "unknown": ("状态未知", "Status unknown", "#616161"),
}
_SOURCES: Final[dict[str, tuple[str, str]]] = {
    "aviationstack": ("AviationStack", "AviationStack"),
    "file": ("县级文件数据", "county file feed"),
    "demo": ("演示数据", "demo data"),
}
_EXTRA_STYLE: Final = (
    ".status{display:inline-block;color:#fff;border-radius:6px;padding:2px 10px;"
    "font-weight:bold;margin-top:8px}"
    ".out{font-size:28px;font-weight:bold;color:#8E1B1B}"
    "table{border-collapse:collapse;width:100%}td{padding:6px 4px;border-bottom:1px solid #eee}"
    "td.t{text-align:right;font-weight:bold;font-size:20px}"
    ".warn{background:#FFF3E0;border-left:4px solid #E65100;padding:8px 10px}"
)


def _hhmm(instant: datetime, now: datetime) -> str:
    local = instant.astimezone(STATION_TZ)
    if local.date() == now.astimezone(STATION_TZ).date():
        return local.strftime("%H:%M")
    return local.strftime("%m-%d %H:%M")


def _row(label_zh: str, label_en: str, value: str) -> str:
    return (
        f"<tr><td>{escape(label_zh)} <span class='en'>{escape(label_en)}</span></td>"
        f"<td class='t'>{escape(value)}</td></tr>"
    )


def _freshness(meta: FlightFeedMeta | None, now: datetime) -> str:
    if meta is None or meta.updated_at is None:
        return (
            "<p class='warn'>"
            + bilingual(
                "暂无航班数据，请以机场信息为准。",
                "No flight data yet; check the airport's own displays.",
                "span",
            )
            + "</p>"
        )
    minutes = max(int((now - meta.updated_at).total_seconds() // 60), 0)
    source_zh, source_en = _SOURCES.get(meta.source, (meta.source, meta.source))
    when = _hhmm(meta.updated_at, now)
    parts = [
        "<p class='en'>",
        escape(f"数据更新于 {when}（{minutes} 分钟前）· 来源：{source_zh}"),
        "<br>",
        escape(f"Data updated {when} ({minutes} min ago) · source: {source_en}"),
        "</p>",
    ]
    if minutes > STALE_AFTER_MIN:
        parts.append(
            "<p class='warn'>"
            + bilingual(
                f"数据已 {minutes} 分钟未更新，可能已过时，请以机场信息为准。",
                f"The data is {minutes} minutes old and may be out of date; "
                "check the airport's own displays.",
                "span",
            )
            + "</p>"
        )
    return "".join(parts)


def render_flight(
    record: FlightRecord,
    meta: FlightFeedMeta | None,
    now: datetime,
    allowance_min: int | None = None,
) -> str:
    arriving = record.direction is Direction.ARRIVAL
    status = flight_status(record).value
    word_zh, word_en, colour = _STATUS[status]
    here_zh, here_en = "长沙", "Changsha"
    if record.airport != "CSX":
        here_zh = here_en = record.airport
    there_zh = record.city_zh or record.other_airport or record.other_iata or "—"
    there_en = record.city_en or record.other_airport or record.other_iata or "—"
    route_zh = f"{there_zh} → {here_zh}" if arriving else f"{here_zh} → {there_zh}"
    route_en = f"{there_en} → {here_en}" if arriving else f"{here_en} → {there_en}"
    parts = [
        "<header>",
        f"<h1>{escape(record.flight)} {escape(route_zh)}</h1>",
        f"<div class='en' lang='en'>{escape(route_en)}</div>",
        f"<div class='status' style='background:{colour}'>{escape(word_zh)} "
        f"<span lang='en'>{escape(word_en)}</span></div>",
        "</header><main>",
    ]
    if record.codeshares:
        shares = " ".join(record.codeshares)
        parts.append(f"<p>共享航班 <span class='en'>Codeshares</span> {escape(shares)}</p>")
    out = passengers_out_at(record, allowance_min=allowance_min) if arriving else None
    if out is not None:
        at, basis, allowance = out
        basis_zh = {"actual": "实际到达", "estimated": "预计到达", "scheduled": "计划到达"}[basis]
        basis_en = {"actual": "actual", "estimated": "estimated", "scheduled": "scheduled"}[basis]
        parts.append("<h2>旅客预计出站 <span class='en'>Passengers out at</span></h2>")
        parts.append(f"<div class='out'>≈ {escape(_hhmm(at, now))}</div>")
        parts.append(
            bilingual(
                f"按{basis_zh}时间 + {allowance} 分钟估算",
                f"{basis_en} arrival + {allowance} min",
                "div",
            )
        )
    verb_zh, verb_en = ("到达", "arrival") if arriving else ("起飞", "departure")
    parts.append("<h2>时间 <span class='en'>Times</span></h2><table>")
    parts.append(_row(f"计划{verb_zh}", f"Scheduled {verb_en}", _hhmm(record.scheduled_at, now)))
    if record.estimated_at is not None:
        parts.append(
            _row(f"预计{verb_zh}", f"Estimated {verb_en}", _hhmm(record.estimated_at, now))
        )
    if record.actual_at is not None:
        parts.append(_row(f"实际{verb_zh}", f"Actual {verb_en}", _hhmm(record.actual_at, now)))
    late = late_minutes(record)
    if late is not None and late >= DELAY_THRESHOLD_MIN and status not in ("cancelled",):
        parts.append(_row("晚点", "Late by", f"{late} 分钟 min"))
    parts.append("</table>")
    parts.append("<h2>航站楼与转盘 <span class='en'>Terminal and belt</span></h2><table>")
    parts.append(_row("航站楼", "Terminal", record.terminal or "—"))
    if arriving:
        parts.append(_row("行李转盘", "Baggage belt", record.belt or "待定 TBA"))
    else:
        parts.append(_row("登机口", "Gate", record.gate or "待定 TBA"))
    parts.append("</table>")
    if record.airline_name:
        parts.append(f"<p class='en'>{escape(record.airline_name)}</p>")
    parts.append(_freshness(meta, now))
    parts.append("</main>")
    title = f"{record.flight} {word_zh}"
    html = page(title, "".join(parts))
    head_extra = f'<meta http-equiv="refresh" content="{REFRESH_S}"><style>{_EXTRA_STYLE}</style>'
    return html.replace("</head>", head_extra + "</head>", 1)


def flight_page(session: Session, key: str, now: datetime, out: int | None = None) -> str | None:
    """The page for a record key, or None when the key is malformed or not in the feed."""
    if not FLIGHT_KEY_PATTERN.match(key):
        return None
    raw = item_data(session, ALL_STATIONS, FLIGHT_KIND, key)
    if raw is None:
        return None
    record = FlightRecord.model_validate_json(raw)
    raw_meta = item_data(session, ALL_STATIONS, FLIGHT_META_KIND, FLIGHT_META_KEY)
    meta = FlightFeedMeta.model_validate_json(raw_meta) if raw_meta else None
    allowance = min(out, ALLOWANCE_MAX_MIN) if out is not None else None
    return render_flight(record, meta, now, allowance)


def install_flight_pages(app: FastAPI, county: County) -> None:
    """Add GET /f/{key} to the app."""

    @app.get(FLIGHT_PAGE_PREFIX + "{key}", response_class=HTMLResponse, tags=["pages"])
    def flight(
        key: str,
        out: Annotated[
            int | None,
            Query(ge=0, le=OUT_PARAM_MAX, description="the passengers-out allowance, minutes"),
        ] = None,
    ) -> HTMLResponse:
        headers = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
        with county.reader() as session:
            html = flight_page(session, key, county.clock.now(), out)
        if html is None:
            return HTMLResponse(not_found_page(), status_code=404, headers=headers)
        return HTMLResponse(html, headers={**headers, "Cache-Control": "max-age=60"})
