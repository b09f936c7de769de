"""The proof of rest on the driver's phone: /rest/<rest_id>, behind the kiosk's QR code.

The address is the rest's public id, a random UUID the kiosk made. The page shows the station,
the seat kind, the start and end and the length, from the record as the county received it, and
checks the county's signature over that record. It says exactly what that proves: the station
recorded this rest, and the record has not changed since it reached the county. No driver, no
phone. Before the rest has ended and reached the county, a 404 that says so.
"""

from __future__ import annotations

import re
from html import escape
from typing import Final

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from county.capability import County
from county.models import Station
from county.pages import bilingual, field, not_found_page, page, station_names
from county.rest.models import CountyRest
from county.rest.proof import signing_secret, verify
from redhome_wire.rest import RestFinished
from redhome_wire.station_time import STATION_TZ

REST_PAGE_PREFIX: Final = "/rest/"
_UUID: Final = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEADERS: Final = {
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "Cache-Control": "no-store",
}
_KINDS: Final = {
    "chair": ("座椅", "Chair"),
    "recliner": ("躺椅", "Recliner"),
    "bed": ("床位", "Bed"),
}
_STYLE_EXTRA: Final = (
    "<style>.length{font-size:40px;font-weight:700;margin:12px 0 4px}"
    ".ok{color:#1B5E20;font-weight:700}.bad{color:#961010;font-weight:700}"
    "dl{margin:8px 0}dt{color:#8E1B1B;margin-top:12px}dd{margin:2px 0 0}</style>"
)


def render_proof(session: Session, row: CountyRest) -> str:
    station = session.get(Station, row.station_id)
    assert station is not None
    # Everything shown comes from the signed record, never from the columns beside it.
    rest = RestFinished.model_validate_json(row.record)
    intact = verify(
        signing_secret(session, row.received_at), station.code, row.record, row.signature
    )
    name_zh, name_en = station_names(session, station)
    kind_zh, kind_en = _KINDS.get(rest.seat_kind, (rest.seat_kind, rest.seat_kind))
    start = rest.started_at.astimezone(STATION_TZ)
    end = rest.ended_at.astimezone(STATION_TZ)
    if intact:
        claim = bilingual(
            f"{name_zh}记录了这次休息；县里收到这条记录后，它没有被改动过。",
            "The station recorded this rest, and the record has not changed since the county "
            "received it.",
            "p",
        )
        verdict = f"<p class='ok'>✓ {bilingual('记录完整', 'Record intact', 'span')}</p>"
    else:
        claim = ""
        mismatch = bilingual(
            "记录与签名不符，不能作为凭证。",
            "The record does not match its signature: it is no proof.",
            "span",
        )
        verdict = f"<p class='bad'>✗ {mismatch}</p>"
    parts = [
        "<header><h1>休息凭证</h1>",
        '<div class="en" lang="en">Proof of rest</div></header><main>',
        f'<div class="length">{rest.minutes} 分钟</div>',
        f"<span class='en' lang='en'>{rest.minutes} min</span>",
        verdict,
        "<dl>",
        field("站点", "Station", bilingual(name_zh, name_en)),
        field("座位", "Seat", bilingual(kind_zh, kind_en)),
        field("开始（北京时间）", "Start (China time)", escape(f"{start:%Y-%m-%d %H:%M}")),
        field("结束（北京时间）", "End (China time)", escape(f"{end:%Y-%m-%d %H:%M}")),
        "</dl>",
        claim,
        "</main>",
    ]
    return page("休息凭证", _STYLE_EXTRA + "".join(parts))


def not_yet_page() -> str:
    return page(
        "休息凭证",
        "<header><h1>休息凭证</h1><div class='en'>Proof of rest</div></header><main>"
        + bilingual(
            "这次休息还没有结束，或还没有同步到县里。醒来后过几分钟再打开。",
            "This rest has not ended yet, or has not reached the county. Open the link again a "
            "few minutes after you wake.",
            "p",
        )
        + "</main>",
    )


def proof_page(session: Session, rest_id: str) -> tuple[int, str]:
    """(status, HTML) for /rest/<rest_id>."""
    if not _UUID.match(rest_id):
        return 404, not_found_page()
    row = session.scalar(select(CountyRest).where(CountyRest.rest_id == rest_id))
    if row is None:
        return 404, not_yet_page()
    return 200, render_proof(session, row)


def install_rest_pages(app: FastAPI, county: County) -> None:
    """Add GET /rest/{rest_id} to the app."""

    @app.get(REST_PAGE_PREFIX + "{rest_id}", response_class=HTMLResponse, tags=["pages"])
    def rest_proof(rest_id: str) -> HTMLResponse:
        with county.reader() as session:
            status, html = proof_page(session, rest_id.lower())
        return HTMLResponse(html, status_code=status, headers=_HEADERS)
