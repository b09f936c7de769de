"""The console's pages over HTTP (a real server on loopback): sign-in and out, the lockout, CSRF,
redirects, session fixation, cookies, escaping, languages and the station workflow."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
import requests
from sqlalchemy import select, text, update

from county.console.accounts import ACCOUNT_FAILURES, LOCKOUT
from county.console.i18n import EN, ZH
from county.console.models import AuditEntry
from county.console.sessions import IDLE_TIMEOUT
from county.console.web import REFUSAL_HEADER, safe_next
from county.enrolment import enrol
from county.models import Station
from tests.county.console.conftest import PASSWORD


def test_a_page_without_a_session_sends_to_sign_in_and_back_after_it(console_site):
    browser = console_site.browser()
    response = browser.get("/console/stations")
    assert response.status_code == 303
    assert response.headers["location"] == "/console/sign-in?next=%2Fconsole%2Fstations"
    signed = browser.sign_in("ada", next_path="/console/stations")
    assert signed.status_code == 303 and signed.headers["location"] == "/console/stations"
    page = browser.get("/console/stations")
    assert page.status_code == 200 and "CSX-01" in page.text and "黄花机场红色之家" in page.text


def test_sign_out_ends_the_session_on_the_server(console_site):
    browser = console_site.signed_in("viewer")
    token = browser.session_token()
    assert browser.get("/console").status_code == 200
    out = browser.post("/console/sign-out", {"csrf": browser.csrf()})
    assert out.status_code == 303 and out.headers["location"].startswith("/console/sign-in")
    assert browser.session_token() is None
    # The old token, replayed, is worth nothing.
    replay = console_site.browser()
    replay.plant(token)
    assert replay.get("/console").status_code == 303


def test_wrong_passwords_lock_the_account_even_against_the_right_one(console_site):
    browser = console_site.browser()
    for _ in range(ACCOUNT_FAILURES - 1):
        response = browser.sign_in("ada", "wrong password")
        assert response.status_code == 401 and "用户名或密码不正确" in response.text
    assert browser.sign_in("ada", "wrong password").status_code == 429
    locked = browser.sign_in("ada", PASSWORD)
    assert locked.status_code == 429 and "15 分钟" in locked.text
    assert browser.session_token() is None
    console_site.clock.advance(LOCKOUT)
    assert browser.sign_in("ada", PASSWORD).status_code == 303


def test_a_post_without_the_sessions_csrf_token_is_refused_and_changes_nothing(console_site):
    browser = console_site.signed_in("admin")
    for data in ({}, {"csrf": ""}, {"csrf": "forged"}):
        response = browser.post("/console/stations/CSX-01/revoke", data)
        assert response.status_code == 403 and response.headers[REFUSAL_HEADER] == "csrf"
    # Another session's token is no good either.
    other = console_site.signed_in("admin")
    response = browser.post("/console/stations/CSX-01/revoke", {"csrf": other.csrf()})
    assert response.headers[REFUSAL_HEADER] == "csrf"
    with console_site.writer() as session:
        assert session.scalar(select(Station.revoked_at)) is None
    done = browser.post(
        "/console/stations/CSX-01/revoke", {"csrf": browser.csrf(), "confirm": "yes"}
    )
    assert done.status_code == 200 and "已吊销站点 CSX-01" in done.text


def test_the_sign_in_form_needs_its_own_token_too(console_site):
    browser = console_site.browser()
    browser.get("/console/sign-in")
    response = browser.post(
        "/console/sign-in", {"csrf": "made-up", "username": "ada", "password": PASSWORD}
    )
    assert response.status_code == 403 and response.headers[REFUSAL_HEADER] == "csrf"
    bare = console_site.browser()  # no form cookie at all
    response = bare.post("/console/sign-in", {"username": "ada", "password": PASSWORD})
    assert response.status_code == 403 and bare.session_token() is None


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/console",
        "https://evil.example/console",
        "http:/console",
        "/\\evil.example",
        "/console/../elsewhere",
        "/consoleevil",
        "/s/abc",
        "javascript:alert(1)",
        " /console",
        "/console\r\nSet-Cookie: x=1",
    ],
)
def test_sign_in_never_redirects_off_the_console(console_site, target):
    assert safe_next(target) == "/console"
    response = console_site.browser().sign_in("ada", next_path=target)
    assert response.status_code == 303 and response.headers["location"] == "/console"


def test_relative_console_paths_are_kept_after_sign_in():
    assert safe_next("/console/audit?x=1") == "/console/audit?x=1"
    assert safe_next("/console") == "/console"


def test_each_sign_in_makes_a_new_session_and_ends_the_one_the_browser_had(console_site):
    browser = console_site.browser()
    browser.plant("planted-by-an-attacker")
    browser.sign_in("ada")
    first = browser.session_token()
    assert first and first != "planted-by-an-attacker"

    # An attacker signs in, and plants their own live session in the victim's browser, which
    # already has the sign-in form open: the victim's sign-in gets a session of its own.
    attacker = console_site.signed_in("viewer")
    victim = console_site.browser()
    form_token = victim.csrf("/console/sign-in")
    victim.plant(attacker.session_token())
    response = victim.post(
        "/console/sign-in", {"csrf": form_token, "username": "ada", "password": PASSWORD}
    )
    assert response.status_code == 303
    assert victim.session_token() not in (None, attacker.session_token(), first)
    assert "Ada" in victim.get("/console").text
    assert attacker.get("/console").status_code == 303  # the planted session was ended


def test_the_session_cookie_is_httponly_strict_and_secure_off_loopback(console_site):
    browser = console_site.browser()
    cookie = browser.sign_in("ada").headers["set-cookie"]
    session_part = cookie.split("rh_console_signin")[0]
    assert "HttpOnly" in session_part and "SameSite=strict" in session_part
    assert "Path=/console" in session_part and "Secure" not in session_part  # loopback http
    remote = console_site.browser().get("/console/sign-in", headers={"Host": "county.example"})
    assert "Secure" in remote.headers["set-cookie"]


def test_an_idle_session_expires_by_the_clock(console_site):
    browser = console_site.signed_in("viewer")
    console_site.clock.advance(IDLE_TIMEOUT - timedelta(minutes=1))
    assert browser.get("/console").status_code == 200  # and this request keeps it alive
    console_site.clock.advance(IDLE_TIMEOUT - timedelta(minutes=1))
    assert browser.get("/console").status_code == 200
    console_site.clock.advance(IDLE_TIMEOUT + timedelta(seconds=1))
    assert browser.get("/console").status_code == 303


def test_an_admin_issues_a_code_that_enrols_and_the_action_is_audited(console_site):
    browser = console_site.signed_in("admin")
    page = browser.post(
        "/console/stations/code", {"csrf": browser.csrf(), "station": "CSX-02", "name": "五一广场"}
    )
    assert page.status_code == 200
    code = re.search(r'id="issued-code">([0-9A-Z-]+)<', page.text).group(1)
    with console_site.writer() as session:
        assert enrol(session, code, console_site.clock.now()).station_name == "五一广场"
        session.commit()
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.actor, entry.action, entry.target) == ("ada", "station.enrolment_code",
                                                         "station:CSX-02")  # fmt: skip
    assert code not in (entry.after or "") + (entry.before or "")


def test_revoke_and_restore_from_the_stations_page(console_site):
    browser = console_site.signed_in("admin")
    asked = browser.post("/console/stations/CSX-01/revoke", {"csrf": browser.csrf()})
    assert asked.status_code == 200 and "确定吊销吗" in asked.text  # asked first
    with console_site.writer() as session:
        assert session.scalar(select(Station.revoked_at)) is None
    revoked = browser.post(
        "/console/stations/CSX-01/revoke", {"csrf": browser.csrf(), "confirm": "yes"}
    )
    assert "已吊销站点 CSX-01" in revoked.text
    again = browser.post("/console/stations/code", {"csrf": browser.csrf(), "station": "CSX-01"})
    assert again.status_code == 409 and "请先恢复" in again.text
    restored = browser.post("/console/stations/CSX-01/restore", {"csrf": browser.csrf()})
    assert "已恢复站点 CSX-01" in restored.text
    missing = browser.post("/console/stations/NOPE/revoke", {"csrf": browser.csrf()})
    assert missing.status_code == 404
    with console_site.writer() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.actor == "ada").order_by(AuditEntry.id)
        ).all()
    assert actions == ["sign_in", "station.revoke", "station.restore"]


def test_what_staff_type_is_escaped(console_site):
    browser = console_site.signed_in("admin")
    name = '<script>alert("x")</script>'
    browser.post("/console/stations/code", {"csrf": browser.csrf(), "station": "X1", "name": name})
    page = browser.get("/console/stations")
    assert name not in page.text and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    bad = browser.post("/console/stations/code", {"csrf": browser.csrf(), "station": "<b>x</b>"})
    assert bad.status_code == 422 and "<b>x</b>" not in bad.text


def test_over_long_form_fields_are_refused(console_site):
    browser = console_site.signed_in("admin")
    response = browser.post(
        "/console/stations/code", {"csrf": browser.csrf(), "station": "X" * 500}
    )
    assert response.status_code == 422 and "表单内容无效" in response.text
    assert response.headers["content-type"].startswith("text/html")
    huge = browser.post("/console/accounts", {"csrf": browser.csrf(), "username": "x" * 20000})
    assert huge.status_code == 413


def test_an_admin_adds_an_account_changes_its_role_and_disables_it(console_site):
    admin = console_site.signed_in("admin")
    added = admin.post(
        "/console/accounts",
        {"csrf": admin.csrf(), "username": "Liu", "display_name": "刘 <i>", "role": "handler",
         "department": "交通", "password": "another long one"},
    )  # fmt: skip
    assert added.status_code == 200 and "已新增账号 liu" in added.text
    assert "刘 &lt;i&gt;" in added.text
    liu = console_site.browser()
    assert liu.sign_in("liu", "another long one").status_code == 303
    assert liu.get("/console/accounts").status_code == 403  # a handler
    admin.post("/console/accounts/liu", {"csrf": admin.csrf(), "op": "save", "role": "admin"})
    assert liu.get("/console/accounts").status_code == 200  # at once, same session
    admin.post("/console/accounts/liu", {"csrf": admin.csrf(), "op": "disable"})
    assert liu.get("/console").status_code == 303  # its session ended
    assert liu.sign_in("liu", "another long one").status_code == 401
    refused = admin.post(
        "/console/accounts", {"csrf": admin.csrf(), "username": "x", "display_name": "X",
                              "role": "viewer", "password": "another long one"},
    )  # fmt: skip
    assert refused.status_code == 422 and "用户名为" in refused.text


def test_changing_ones_own_password(console_site):
    browser = console_site.signed_in("viewer")
    elsewhere = console_site.signed_in("viewer")  # the same account in another browser
    old_token = browser.session_token()
    wrong = browser.post(
        "/console/password",
        {"csrf": browser.csrf(), "current": "nope", "new": "brand new pass",
         "again": "brand new pass"},
    )  # fmt: skip
    assert wrong.status_code == 422
    done = browser.post(
        "/console/password",
        {"csrf": browser.csrf(), "current": PASSWORD, "new": "brand new pass",
         "again": "brand new pass"},
    )  # fmt: skip
    assert done.status_code == 200 and "密码已修改" in done.text
    assert console_site.browser().sign_in("vic", "brand new pass").status_code == 303
    # This browser goes on with a new session; every other one of the account is ended.
    assert browser.session_token() not in (None, old_token)
    assert browser.get("/console").status_code == 200
    assert elsewhere.get("/console").headers.get("X-Console-Refusal") == "sign-in"


def test_the_audit_page_and_its_csv_export(console_site):
    admin = console_site.signed_in("admin")
    admin.post("/console/stations/code", {"csrf": admin.csrf(), "station": "X1", "name": "=1+2"})
    page = admin.get("/console/audit")
    assert page.status_code == 200 and "station.enrolment_code" in page.text
    export = admin.get("/console/audit.csv")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[-1][2:5] == ["ada", "audit.export", "staff_audit"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any('"name": "=1+2"' in cell for row in rows for cell in row)


def test_chinese_first_with_english_on_request_and_kept_in_a_cookie(console_site):
    browser = console_site.signed_in("admin")
    assert '<html lang="zh-CN">' in browser.get("/console").text
    english = browser.get("/console/stations?lang=en")
    assert '<html lang="en">' in english.text and "Issue enrolment code" in english.text
    assert "Stations" in browser.get("/console").text  # kept
    assert "概览" in browser.get("/console?lang=zh").text


def test_both_languages_have_every_string_the_templates_use():
    from pathlib import Path

    import county.console

    assert set(ZH) == set(EN)
    folder = Path(county.console.__file__).parent / "templates"
    used = set()
    for template in folder.glob("*.html"):
        used |= set(re.findall(r'\bt\("([a-z_]*[a-z])"', template.read_text(encoding="utf-8")))
    assert used and used <= set(ZH)
    for role in ("admin", "editor", "handler", "viewer"):
        assert f"role_{role}" in ZH
    for state in ("enrolled", "revoked", "code_issued", "new"):
        assert f"state_{state}" in ZH


def test_the_stylesheet_is_served_and_pages_forbid_outside_scripts(console_site):
    css = console_site.browser().get("/console/static/console.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    page = console_site.browser().get("/console/sign-in")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "<script" not in page.text


def test_the_dashboard_counts_stations_syncs_and_visits_and_draws_them(console_site):
    with console_site.writer() as session:
        session.execute(
            update(Station).values(last_sync_at=console_site.clock.now() - timedelta(hours=2))
        )
        for number in range(3):
            session.execute(
                text(
                    "INSERT INTO visits (station_id, visit_id, op_seq, work_type, work_detail,"
                    " platform, purpose, is_returning, checked_in_at, local_day, received_at)"
                    f" VALUES (1, '5d1e0f3c-2b4a-4c6d-8e9f-0a1b2c3d4e5{number}', {number + 1},"
                    " 'ride_hailing', '', 'didi', 'rest', FALSE, '2026-11-30 01:30:00.000000',"
                    " '2026-11-30', '2026-11-30 02:00:00.000000')"
                )
            )
        session.commit()
    page = console_site.signed_in("viewer").get("/console?lang=en")
    assert page.status_code == 200
    figures = re.findall(r'class="number">(\d+)</span><span>([^<]+)<', page.text)
    assert dict((label, int(n)) for n, label in figures) == {
        "Stations registered": 1,
        "Kiosks enrolled": 0,
        "Synced in 24 hours": 1,
        "Visits in all": 3,
    }
    assert '<svg class="chart"' in page.text and ">CSX-01</text>" in page.text
    assert re.search(r'<rect x="100" y="4" width="300.0"', page.text)


def test_behind_a_proxy_on_loopback_an_https_county_still_sets_secure_cookies(console_url):
    from county.app import create_app
    from county.testing import serve_in_thread

    app = create_app(console_url, public_url="https://county.example/")
    try:
        with serve_in_thread(app) as server:
            answer = requests.get(
                f"{server.url}/console/sign-in", allow_redirects=False, timeout=30
            )
        assert "Secure" in answer.headers["set-cookie"]
    finally:
        app.state.county.engine.dispose()
