from __future__ import annotations

import json
import re
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select, text

from county.checkin.models import CountyVisit
from county.models import AppliedOp, Base, Station
from county.publish import publish
from county.stations import revoke
from redhome_wire.station import AnnouncementData, ProfileData, ServiceData

TIMEOUT = 5


def enrol(server, code: str) -> requests.Response:
    return requests.post(f"{server.url}/v1/enrol", json={"code": code}, timeout=TIMEOUT)


def token_for(server, new_code, station: str) -> str:
    response = enrol(server, new_code(station))
    assert response.status_code == 200, response.text
    return response.json()["token"]


def visit_op(op_id: str | None = None, visit_id: str | None = None, **changes) -> dict:
    payload = {
        "visit_id": visit_id or str(uuid.uuid4()),
        "work_type": "ride_hailing",
        "work_detail": None,
        "platform": "didi",
        "purpose": "rest",
        "returning": False,
        "checked_in_at": "2026-11-20T01:30:00+00:00",
        "local_day": "2026-11-20",
    }
    payload.update(changes)
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "kind": "visit.created",
        "created_at": "2026-11-20T01:30:00+00:00",
        "payload": payload,
    }


def push(server, token: str | None, station: str, ops: list[dict]) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(
        f"{server.url}/v1/stations/{station}/ops",
        json={"ops": ops},
        headers=headers,
        timeout=TIMEOUT,
    )


def feed(server, token: str, station: str, cursor: int = 0, limit: int = 200):
    return requests.get(
        f"{server.url}/v1/stations/{station}/feed",
        params={"cursor": cursor, "limit": limit},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
    )


def error_code(response: requests.Response) -> str:
    return response.json()["error"]["code"]


def test_openapi_describes_every_endpoint_and_the_bearer_token(county_server):
    document = requests.get(f"{county_server.url}/openapi.json", timeout=TIMEOUT).json()
    assert set(document["paths"]) >= {
        "/v1/enrol",
        "/v1/stations/{station_code}/ops",
        "/v1/stations/{station_code}/feed",
        "/s/{token}",
        "/healthz",
    }
    schemes = document["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())
    assert document["paths"]["/v1/stations/{station_code}/ops"]["post"]["security"]


def test_enrolment_code_works_once(county_server, new_code):
    code = new_code("CSX-01", "黄花机场红色之家")
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    first = enrol(county_server, code.lower().replace("-", " "))  # typed loosely still works
    assert first.status_code == 200
    body = first.json()
    assert body["station_code"] == "CSX-01"
    assert body["station_name"] == "黄花机场红色之家"
    assert len(body["token"]) >= 40
    again = enrol(county_server, code)
    assert again.status_code == 400
    assert error_code(again) == "enrol_code_invalid"


def test_wrong_and_expired_codes_are_refused_with_their_reason(
    county_server, new_code, county_clock
):
    wrong = enrol(county_server, "ABCD-EFGH-JKMN")
    assert wrong.status_code == 400 and error_code(wrong) == "enrol_code_invalid"
    code = new_code("CSX-02")
    county_clock.advance(timedelta(hours=23, minutes=59))
    fresh = new_code("CSX-02")
    county_clock.advance(timedelta(minutes=2))
    expired = enrol(county_server, code)
    assert expired.status_code == 400 and error_code(expired) == "enrol_code_expired"
    assert enrol(county_server, fresh).status_code == 200


def test_only_a_hash_of_the_token_is_stored(county_server, new_code, county_url, county_session):
    token = token_for(county_server, new_code, "CSX-01")
    # In the database, whatever it is: no column of any row holds the token.
    for table in Base.metadata.sorted_tables:
        for row in county_session.execute(table.select()):
            assert not any(token in str(value) for value in row), table.name
    if not county_url.startswith("sqlite:///"):
        return
    database = Path(county_url.removeprefix("sqlite:///"))
    for path in database.parent.glob("county.db*"):
        assert token.encode() not in path.read_bytes()


def test_requests_without_a_valid_token_are_refused(county_server, new_code, county_session):
    token = token_for(county_server, new_code, "CSX-01")
    missing = push(county_server, None, "CSX-01", [visit_op()])
    assert missing.status_code == 401 and error_code(missing) == "token_missing"
    unknown = push(county_server, "x" * 43, "CSX-01", [visit_op()])
    assert unknown.status_code == 401 and error_code(unknown) == "token_unknown"
    assert push(county_server, token, "CSX-01", [visit_op()]).status_code == 200

    revoke(county_session, "CSX-01", datetime.now(UTC))
    county_session.commit()
    revoked = push(county_server, token, "CSX-01", [visit_op()])
    assert revoked.status_code == 401 and error_code(revoked) == "token_revoked"
    assert feed(county_server, token, "CSX-01").status_code == 401


def test_a_station_cannot_read_or_write_another_stations_data(
    county_server, new_code, county_session
):
    token_a = token_for(county_server, new_code, "CSX-01")
    token_b = token_for(county_server, new_code, "CSX-02")
    shared_visit = str(uuid.uuid4())
    assert push(county_server, token_b, "CSX-02", [visit_op(visit_id=shared_visit)]).ok

    write = push(county_server, token_a, "CSX-02", [visit_op()])
    assert write.status_code == 403 and error_code(write) == "station_mismatch"
    read = feed(county_server, token_a, "CSX-02")
    assert read.status_code == 403 and error_code(read) == "station_mismatch"

    # The same visit id under A's own path is A's record and leaves B's untouched.
    own = push(county_server, token_a, "CSX-01", [visit_op(visit_id=shared_visit)])
    assert own.json()["results"][0]["status"] == "applied"
    per_station = dict(
        county_session.execute(
            select(Station.code, func.count())
            .join(CountyVisit, CountyVisit.station_id == Station.id)
            .group_by(Station.code)
        ).all()
    )
    assert per_station == {"CSX-01": 1, "CSX-02": 1}

    # A's feed carries A's profile, never B's.
    keys = {change["key"] for change in feed(county_server, token_a, "CSX-01").json()["changes"]}
    assert "CSX-01" in keys and "CSX-02" not in keys


def test_each_op_is_applied_once_and_a_retry_is_acknowledged(
    county_server, new_code, county_session
):
    token = token_for(county_server, new_code, "CSX-01")
    ops = [visit_op() for _ in range(5)]
    first = push(county_server, token, "CSX-01", ops).json()["results"]
    assert [r["status"] for r in first] == ["applied"] * 5
    assert [r["seq"] for r in first] == [1, 2, 3, 4, 5]  # in order
    again = push(county_server, token, "CSX-01", [*ops, visit_op()]).json()["results"]
    assert [r["status"] for r in again] == ["duplicate"] * 5 + ["applied"]
    assert [r["seq"] for r in again] == [1, 2, 3, 4, 5, 6]
    assert county_session.scalar(select(func.count()).select_from(CountyVisit)) == 6
    assert county_session.scalar(select(func.count()).select_from(AppliedOp)) == 6


def test_bad_ops_are_rejected_one_by_one_with_a_reason(county_server, new_code, county_session):
    token = token_for(county_server, new_code, "CSX-01")
    good = visit_op()
    changed = dict(good, payload=dict(good["payload"], purpose="charging"))
    ops = [
        good,
        visit_op(work_type="Not A Key!"),
        visit_op(work_detail="call 138 1234 5678"),
        dict(visit_op(), kind="reservation.teleported"),
        changed,  # same op id, other content
        visit_op(visit_id=good["payload"]["visit_id"]),  # same visit, other op id
        visit_op(),
    ]
    results = push(county_server, token, "CSX-01", ops).json()["results"]
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("applied", None),
        ("rejected", "invalid_payload"),
        ("rejected", "personal_data"),
        ("rejected", "unknown_kind"),
        ("rejected", "conflict"),
        ("rejected", "duplicate_record"),
        ("applied", None),
    ]
    assert "work_type" in results[1]["message"]
    assert county_session.scalar(select(func.count()).select_from(CountyVisit)) == 2
    # Nothing of the rejected text is kept.
    assert "138" not in json.dumps(
        [row.work_detail for row in county_session.scalars(select(CountyVisit))]
    )


def test_a_malformed_envelope_is_a_typed_422(county_server, new_code):
    token = token_for(county_server, new_code, "CSX-01")
    response = requests.post(
        f"{county_server.url}/v1/stations/CSX-01/ops",
        data=b'{"ops": [{"op_id": 5}]}',
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 422 and error_code(response) == "invalid_request"


def test_the_same_batch_raced_from_two_threads_is_applied_once(
    county_server, new_code, county_session
):
    token = token_for(county_server, new_code, "CSX-01")
    ops = [visit_op() for _ in range(50)]
    statuses: list[list[str]] = []
    barrier = threading.Barrier(4)

    def send() -> None:
        barrier.wait(5)
        response = push(county_server, token, "CSX-01", ops)
        statuses.append([r["status"] for r in response.json()["results"]])

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert len(statuses) == 4
    applied = sum(s.count("applied") for s in statuses)
    assert applied == 50
    assert all(set(s) <= {"applied", "duplicate"} for s in statuses)
    assert county_session.scalar(select(func.count()).select_from(CountyVisit)) == 50


def test_feed_pages_with_a_cursor_and_scopes(county_server, new_code, county_session):
    token = token_for(county_server, new_code, "CSX-01")
    token_for(county_server, new_code, "CSX-02")
    now = datetime.now(UTC)
    for index in range(5):
        publish(
            county_session,
            "*",
            "service",
            f"svc{index}",
            ServiceData(name_zh=f"服务{index}", sort_order=index),
            now,
        )
    publish(county_session, "CSX-02", "announcement", "b-only", AnnouncementData(title_zh="B"), now)
    publish(county_session, "CSX-01", "announcement", "a-only", AnnouncementData(title_zh="A"), now)
    publish(county_session, "*", "service", "svc0", None, now)
    county_session.commit()

    seen: list[dict] = []
    cursor = 0
    for _ in range(10):
        page = feed(county_server, token, "CSX-01", cursor, limit=3).json()
        seen.extend(page["changes"])
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    keys = [(change["kind"], change["key"], change["deleted"]) for change in seen]
    assert ("announcement", "b-only", False) not in keys
    assert ("announcement", "a-only", False) in keys
    assert keys[-1] == ("service", "svc0", True)
    assert [c["seq"] for c in seen] == sorted(c["seq"] for c in seen)
    # Nothing after the cursor: an empty page that keeps it.
    last = feed(county_server, token, "CSX-01", cursor).json()
    assert last["changes"] == [] and last["next_cursor"] == cursor and not last["has_more"]


def test_station_card_page_is_public_small_and_chinese_first(
    county_server, new_code, county_session, county_clock
):
    token = token_for(county_server, new_code, "CSX-01")
    now = county_clock.now()
    publish(
        county_session,
        "CSX-01",
        "station.profile",
        "CSX-01",
        ProfileData(
            code="CSX-01",
            name_zh="黄花机场红色之家",
            name_en="Huanghua Airport Red Home",
            address_zh="长沙县黄花镇机场大道",
            address_en="Airport Avenue, Huanghua",
            opening_hours="00:00–24:00",
        ),
        now,
    )
    publish(county_session, "*", "service", "water", ServiceData(name_zh="免费饮水"), now)
    publish(
        county_session,
        "*",
        "announcement",
        "old",
        AnnouncementData(title_zh="过期公告", ends_at=now - timedelta(days=1)),
        now,
    )
    publish(
        county_session,
        "CSX-01",
        "announcement",
        "now",
        AnnouncementData(title_zh="周五义诊", title_en="Free check-ups Friday", body_zh="<b>x</b>"),
        now,
    )
    county_session.commit()
    assert push(county_server, token, "CSX-01", [visit_op(work_detail="代驾")]).ok

    profile = next(
        change
        for change in feed(county_server, token, "CSX-01").json()["changes"]
        if change["kind"] == "station.profile" and change["data"]["address_zh"]
    )
    path = profile["data"]["card_path"]
    link = path.removeprefix("/s/")
    assert len(link) >= 22  # 128 bits, URL-safe
    page = requests.get(county_server.url + path, timeout=TIMEOUT)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["referrer-policy"] == "no-referrer"
    html = page.text
    assert '<html lang="zh-CN">' in html
    assert html.index("黄花机场红色之家") < html.index("Huanghua Airport Red Home")
    assert "免费饮水" in html and "周五义诊" in html and "24小时开放" in html
    assert "过期公告" not in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html  # escaped
    assert "<script" not in html
    assert "代驾" not in html  # no visit data on a public page
    assert len(html) < 8000

    missing = requests.get(f"{county_server.url}/s/not-a-real-link", timeout=TIMEOUT)
    assert missing.status_code == 404
    assert "CSX-01" not in missing.text and "黄花" not in missing.text


def test_station_rows_survive_the_county_restarting(county_url, county_server, new_code):
    token = token_for(county_server, new_code, "CSX-01")
    assert push(county_server, token, "CSX-01", [visit_op()]).ok
    county_server.stop()
    from county.app import create_app
    from county.testing import serve_in_thread

    app = create_app(county_url)
    with serve_in_thread(app) as again:
        response = push(again, token, "CSX-01", [visit_op()])
        assert response.json()["results"][0]["seq"] == 2
    app.state.county.engine.dispose()


def test_healthz_needs_no_token(county_server):
    assert requests.get(f"{county_server.url}/healthz", timeout=TIMEOUT).json()["status"] == "ok"


def test_sqlite_writers_take_the_lock_at_begin(sqlite_only, county_url, county_server):
    from county.db import make_engine, make_writer_factory

    engine = make_engine(county_url)
    with make_writer_factory(engine)() as session:
        session.execute(text("SELECT 1"))
        assert engine.dialect.name == "sqlite"
        # A second writer cannot begin while the first holds the write lock.
        other = engine.raw_connection()
        try:
            other.execute("PRAGMA busy_timeout=50")
            try:
                other.execute("BEGIN IMMEDIATE")
                began = True
            except Exception:
                began = False
        finally:
            other.close()
        assert not began
    engine.dispose()
