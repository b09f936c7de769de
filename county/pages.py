"""Small mobile pages behind the kiosk's QR codes: what every page shares, and short links.

A page shows only what may be public: no name, number or visit of any driver. Pages are rendered
on the server, Chinese first with English beneath, and need no JavaScript.

A short link, /s/<token>, is random (128 bits, URL-safe) and means nothing by itself; the
page_links table says what it opens, and the capability that owns that kind of link renders it
(CountyCapability.link_pages).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from html import escape
from typing import Final

from sqlalchemy.orm import Session

from county.feed import item_data
from county.models import PageLink, Station
from redhome_wire.station import FeedKind, ProfileData

LINK_PREFIX: Final = "/s/"

# Renders the page a short link opens: (session, the link, now) -> HTML.
LinkPage = Callable[[Session, PageLink, datetime], str]

_STYLE = """
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
background:#FFF8F2;color:#1F1F1F;font-size:18px;line-height:1.5}
header{background:#C62828;color:#fff;padding:16px 20px}
h1{margin:0;font-size:26px}h2{font-size:20px;margin:20px 0 8px;color:#8E1B1B}
.en{color:#4A4A4A;font-size:15px}header .en{color:#fff}
main{padding:4px 20px 24px}ul{padding-left:20px;margin:0}li{margin:6px 0}
.card{background:#fff;border-radius:10px;padding:12px 14px;margin:8px 0}
"""


def page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def bilingual(zh: str, en: str, tag: str = "div") -> str:
    english = f'<div class="en" lang="en">{escape(en)}</div>' if en and en != zh else ""
    return f"<{tag}>{escape(zh)}{english}</{tag}>"


def station_names(session: Session, station: Station) -> tuple[str, str]:
    """The station's name in Chinese and English, as its published profile gives them."""
    raw = item_data(session, station.code, FeedKind.STATION_PROFILE, station.code)
    if raw:
        profile = ProfileData.model_validate(json.loads(raw))
        return profile.name_zh, profile.name_en
    return station.name, ""


def field(label_zh: str, label_en: str, value_html: str) -> str:
    """One labelled value of a record page (a <dl> entry), the label in both languages."""
    return (
        f"<dt>{escape(label_zh)} <span class='en' lang='en'>{escape(label_en)}</span></dt>"
        f"<dd>{value_html}</dd>"
    )


def not_found_page() -> str:
    return page(
        "红色之家",
        "<header><h1>红色之家</h1><div class='en'>Red Home</div></header><main>"
        + bilingual("这个链接无效或已过期。", "This link is not valid or has expired.", "p")
        + "</main>",
    )


def link_path(token: str) -> str:
    return f"{LINK_PREFIX}{token}"


def render_link(
    session: Session, token: str, now: datetime, link_pages: Mapping[str, LinkPage]
) -> str | None:
    """The page a link opens, or None when the link is unknown or expired."""
    if not token or len(token) > 64:
        return None
    link = session.get(PageLink, token)
    if link is None or (link.expires_at is not None and link.expires_at <= now):
        return None
    render = link_pages.get(link.kind)
    if render is None:
        return None
    return render(session, link, now)
