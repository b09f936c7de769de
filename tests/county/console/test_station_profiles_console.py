"""County staff edit a station's profile in the console instead of a JSON file and `publish`
(issue 19): what the kiosk pulls changes, the change is audited, bad input says why."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from sqlalchemy import select

from county.console.models import AuditEntry
from county.feed import item_data
from redhome_wire.station import FeedKind, ProfileData
from tests.county.console.conftest import ROLE_USERS

PROFILE = "/console/station-profiles/CSX-01"


def _profile(console_site) -> dict:
    with console_site.writer() as session:
        stored = item_data(session, "CSX-01", FeedKind.STATION_PROFILE, "CSX-01")
    assert stored is not None
    return json.loads(stored)


def _save(browser, **fields: str):
    return browser.post(PROFILE, {"csrf": browser.csrf(PROFILE), **fields})


def test_an_editor_publishes_a_profile_the_kiosks_pull(console_site) -> None:
    before = _profile(console_site)
    editor = console_site.signed_in("editor")
    answer = _save(
        editor,
        name_zh="黄花机场红色之家",
        name_en="Huanghua Airport Red Home",
        address_zh="长沙县黄花镇机场大道 8 号",
        address_en="8 Airport Avenue, Huanghua",
        opening_hours="06:00–24:00",
    )
    assert answer.status_code == 303 and answer.headers["Location"].endswith("?saved=1")
    after = _profile(console_site)
    assert ProfileData.model_validate(after).address_zh == "长沙县黄花镇机场大道 8 号"
    assert after["card_path"] == before["card_path"]  # the county keeps the card link
    page = editor.get(PROFILE + "?saved=1&lang=en")
    assert "Saved." in page.text and "8 Airport Avenue, Huanghua" in page.text
    with console_site.writer() as session:
        row = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "publish_profile")
        ).one()
    assert row.actor == ROLE_USERS["editor"]
    assert row.target == "station:CSX-01" and "8 Airport Avenue" in (row.after or "")


def test_bad_profiles_are_refused_in_words_and_change_nothing(console_site) -> None:
    before = _profile(console_site)
    editor = console_site.signed_in("editor")
    no_name = _save(editor, name_zh="", name_en="Red Home")
    assert no_name.headers["Location"].endswith("?problem=station_name_needed")
    shown = urlsplit(no_name.headers["Location"])
    assert "中文和英文站名都要填" in editor.get(f"{shown.path}?{shown.query}").text
    too_long = _save(editor, name_zh="站" * 201, name_en="Red Home")
    assert too_long.headers["Location"].endswith("?problem=station_profile_invalid")
    assert _profile(console_site) == before


def test_markup_in_a_profile_is_shown_as_text(console_site) -> None:
    editor = console_site.signed_in("editor")
    _save(editor, name_zh="<script>alert(1)</script>", name_en="Red Home")
    page = editor.get("/console/station-profiles")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_a_viewer_reads_the_profile_but_cannot_change_it(console_site) -> None:
    viewer = console_site.signed_in("viewer")
    page = viewer.get(PROFILE + "?lang=en")
    assert page.status_code == 200 and "Only administrators and editors" in page.text
    refused = _save(viewer, name_zh="改名", name_en="Renamed")
    assert refused.status_code == 403
    assert _profile(console_site)["name_en"] != "Renamed"
