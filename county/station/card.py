"""The station card: the page behind a station's QR code, /s/<token>.

What the station is, where, when it is open, its services and its current announcements, as the
county last published them. Nothing of any driver.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from sqlalchemy.orm import Session

from county.feed import item_data, items_for
from county.models import PageLink, Station
from county.pages import bilingual, page
from redhome_wire.station import AnnouncementData, FeedKind, ProfileData, ServiceData
from redhome_wire.station_time import STATION_TZ


def _local(instant: datetime) -> str:
    return instant.astimezone(STATION_TZ).strftime("%Y-%m-%d %H:%M")


def render_station_card(session: Session, link: PageLink, now: datetime) -> str:
    station = session.get(Station, link.station_id)
    assert station is not None
    raw = item_data(session, station.code, FeedKind.STATION_PROFILE, station.code)
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
        parts.append(bilingual(profile.address_zh, profile.address_en, "div"))
    if profile.opening_hours:
        parts.append("<h2>开放时间 <span class='en'>Opening hours</span></h2>")
        hours = profile.opening_hours
        if hours in ("00:00–24:00", "00:00-24:00"):
            parts.append(bilingual("24小时开放", "Open 24 hours"))
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
        parts.extend(bilingual(s.name_zh, s.name_en, "li") for s in services)
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
            parts.append(bilingual(item.title_zh, item.title_en, "strong"))
            if item.body_zh or item.body_en:
                parts.append(bilingual(item.body_zh, item.body_en, "div"))
            parts.append("</div>")
    parts.append(f"<p class='en'>更新于 Updated {escape(_local(now))}</p></main>")
    return page(profile.name_zh, "".join(parts))
