"""Small mobile pages behind the kiosk's QR codes: /s/<token>.

The token is random (128 bits, URL-safe) and means nothing by itself; the page_links table says
what it opens. A page shows only what may be public: no name, number or visit of any driver.
Pages are rendered on the server, Chinese first with English beneath, and need no JavaScript.

Each kind of link has one renderer in RENDERERS; later features (a reservation, a rest timer, an
activity ticket) add theirs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from html import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.models import CountyItem, PageLink, Station
from county.service import STATION_CARD, items_for
from redhome_wire.station import AnnouncementData, FeedKind, ProfileData, ServiceData
from redhome_wire.station_time import STATION_TZ

Renderer = Callable[[Session, PageLink, datetime], str]

_STYLE = """
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
background:#FFF8F2;color:#1F1F1F;font-size:18px;line-height:1.5}
header{background:#C62828;color:#fff;padding:16px 20px}
h1{margin:0;font-size:26px}h2{font-size:20px;margin:20px 0 8px;color:#8E1B1B}
.en{color:#4A4A4A;font-size:15px}header .en{color:#fff}
main{padding:4px 20px 24px}ul{padding-left:20px;margin:0}li{margin:6px 0}
.card{background:#fff;border-radius:10px;padding:12px 14px;margin:8px 0}
"""


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def _bilingual(zh: str, en: str, tag: str = "div") -> str:
    english = f'<div class="en" lang="en">{escape(en)}</div>' if en and en != zh else ""
    return f"<{tag}>{escape(zh)}{english}</{tag}>"


def _local(instant: datetime) -> str:
    return instant.astimezone(STATION_TZ).strftime("%Y-%m-%d %H:%M")


def render_station_card(session: Session, link: PageLink, now: datetime) -> str:
    station = session.get(Station, link.station_id)
    assert station is not None
    raw = session.scalar(
        select(CountyItem.data).where(
            CountyItem.scope == station.code,
            CountyItem.kind == FeedKind.STATION_PROFILE,
            CountyItem.key == station.code,
        )
    )
    profile = (
        ProfileData.model_validate(json.loads(raw))
        if raw
        else ProfileData(code=station.code, name_zh=station.name, name_en=station.name)
    )
    parts = [
        "<header>",
        f"<h1>{escape(profile.name_zh)}</h1>",
        f'<div class="en" lang="en">{escape(profile.name_en)}</div>'
        if profile.name_en and profile.name_en != profile.name_zh
        else "",
        "</header><main>",
    ]
    if profile.address_zh or profile.address_en:
        parts.append("<h2>地址 <span class='en'>Address</span></h2>")
        parts.append(_bilingual(profile.address_zh, profile.address_en, "div"))
    if profile.opening_hours:
        parts.append("<h2>开放时间 <span class='en'>Opening hours</span></h2>")
        hours = profile.opening_hours
        if hours in ("00:00–24:00", "00:00-24:00"):
            parts.append(_bilingual("24小时开放", "Open 24 hours"))
        else:
            parts.append(f"<div>{escape(hours)}</div>")

    services = sorted(
        (
            ServiceData.model_validate(data)
            for _key, data in items_for(session, station.code, FeedKind.SERVICE)
        ),
        key=lambda service: (service.sort_order, service.name_zh),
    )
    if services:
        parts.append("<h2>服务 <span class='en'>Services</span></h2><ul>")
        parts.extend(_bilingual(s.name_zh, s.name_en, "li") for s in services)
        parts.append("</ul>")

    announcements = [
        AnnouncementData.model_validate(data)
        for _key, data in items_for(session, station.code, FeedKind.ANNOUNCEMENT)
    ]
    current = [
        a
        for a in announcements
        if (a.starts_at is None or a.starts_at <= now) and (a.ends_at is None or a.ends_at > now)
    ]
    if current:
        parts.append("<h2>公告 <span class='en'>Announcements</span></h2>")
        for item in current:
            parts.append('<div class="card">')
            parts.append(_bilingual(item.title_zh, item.title_en, "strong"))
            if item.body_zh or item.body_en:
                parts.append(_bilingual(item.body_zh, item.body_en, "div"))
            parts.append("</div>")
    parts.append(f"<p class='en'>更新于 Updated {escape(_local(now))}</p></main>")
    return _page(profile.name_zh, "".join(parts))


RENDERERS: dict[str, Renderer] = {STATION_CARD: render_station_card}


def not_found_page() -> str:
    return _page(
        "红色之家",
        "<header><h1>红色之家</h1><div class='en'>Red Home</div></header><main>"
        + _bilingual("这个链接无效或已过期。", "This link is not valid or has expired.", "p")
        + "</main>",
    )


def render_link(session: Session, token: str, now: datetime) -> str | None:
    """The page a link opens, or None when the link is unknown or expired."""
    if not token or len(token) > 64:
        return None
    link = session.get(PageLink, token)
    if link is None or (link.expires_at is not None and link.expires_at <= now):
        return None
    renderer = RENDERERS.get(link.kind)
    if renderer is None:
        return None
    return renderer(session, link, now)
