"""Parking at the county: reservation ops, the /r/<id> page, remote requests and their answers."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sqlalchemy import func, select

from county.__main__ import main
from county.db import make_engine, make_writer_factory
from county.models import AppliedOp, CountyItem, FeedEntry
from county.parking.models import CountyParkingRequest, CountyReservation
from county.parking.service import create_request
from redhome_wire.parking import PARKING_REQUEST_KIND

TIMEOUT = 5
START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # 16:00 at the station


def token_for(server, new_code, station: str) -> str:
    response = requests.post(
        f"{server.url}/v1/enrol", json={"code": new_code(station, f"{station} 红色之家")}, timeout=5
    )
    assert response.status_code == 200, response.text
    return response.json()["token"]


def push(server, token: str, station: str, ops: list[dict]) -> list[dict]:
    response = requests.post(
        f"{server.url}/v1/stations/{station}/ops",
        json={"ops": ops},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]


def feed(server, token: str, station: str, cursor: int = 0) -> list[dict]:
    response = requests.get(
        f"{server.url}/v1/stations/{station}/feed",
        params={"cursor": cursor},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    return response.json()["changes"]


def op(kind: str, payload: dict, op_id: str | None = None) -> dict:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "kind": kind,
        "created_at": "2026-11-20T07:00:00+00:00",
        "payload": payload,
    }


def reservation(reservation_id: str, **changes) -> dict:
    """A payload as kiosk.services.parking._publish writes it."""
    payload = {
        "reservation_id": reservation_id,
        "code": "P-4821",
        "event": "created",
        "state": "booked",
        "bay_type": "ev",
        "bay_code": "E03",
        "power_kw": 7.0,
        "plate_masked": "湘A***45",
        "new_energy": True,
        "start_at": START.isoformat(),
        "end_at": (START + timedelta(hours=2)).isoformat(),
        "local_day": "2026-11-20",
        "created_at": "2026-11-20T07:00:00+00:00",
        "arrived_at": None,
        "left_at": None,
        "cancelled_at": None,
        "no_show_at": None,
        "source": "kiosk",
        "remote_id": None,
        "changed_at": "2026-11-20T07:00:00+00:00",
    }
    payload.update(changes)
    return payload


def visit() -> dict:
    return op(
        "visit.created",
        {
            "visit_id": str(uuid.uuid4()),
            "work_type": "ride_hailing",
            "work_detail": None,
            "platform": "didi",
            "purpose": "rest",
            "returning": False,
            "checked_in_at": "2026-11-20T01:30:00+00:00",
            "local_day": "2026-11-20",
        },
    )


def run(capsys, *argv: str) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.strip().splitlines()


def test_reservation_ops_are_applied_once_in_order_among_visits(
    county_server, new_code, county_session
):
    token = token_for(county_server, new_code, "CSX-01")
    rid = str(uuid.uuid4())
    arrived = reservation(
        rid,
        event="arrived",
        state="arrived",
        arrived_at="2026-11-20T07:55:00+00:00",
        changed_at="2026-11-20T07:55:00+00:00",
    )
    batch = [
        visit(),
        op("reservation.created", reservation(rid)),
        op("reservation.updated", arrived),
        visit(),
    ]
    results = push(county_server, token, "CSX-01", batch)
    assert [r["status"] for r in results] == ["applied"] * 4
    assert [r["seq"] for r in results] == [1, 2, 3, 4]
    # A retry after a lost answer: every op acknowledged, nothing applied twice.
    again = push(county_server, token, "CSX-01", batch)
    assert [r["status"] for r in again] == ["duplicate"] * 4
    assert [r["seq"] for r in again] == [1, 2, 3, 4]
    assert county_session.scalar(select(func.count()).select_from(AppliedOp)) == 4
    row = county_session.scalar(select(CountyReservation))
    assert (row.state, row.code, row.bay_code, row.plate_masked) == (
        "arrived",
        "P-4821",
        "E03",
        "湘A***45",
    )
    county_session.rollback()  # a writer session holds SQLite's write lock until it ends
    # An older state arriving late is acknowledged and changes nothing.
    late = op("reservation.updated", reservation(rid, changed_at="2026-11-20T07:10:00+00:00"))
    assert push(county_server, token, "CSX-01", [late])[0]["status"] == "applied"
    assert county_session.scalar(select(CountyReservation.state)) == "arrived"
    county_session.rollback()
    # The same op id with other content is a conflict.
    first = batch[1]
    changed = {**first, "payload": {**first["payload"], "code": "P-0001"}}
    result = push(county_server, token, "CSX-01", [changed])[0]
    assert (result["status"], result["reason"]) == ("rejected", "conflict")


def test_personal_data_and_bad_payloads_are_refused_one_by_one(county_server, new_code):
    token = token_for(county_server, new_code, "CSX-01")
    other = token_for(county_server, new_code, "CSX-02")
    rid = str(uuid.uuid4())
    assert push(county_server, token, "CSX-01", [op("reservation.created", reservation(rid))])[0][
        "status"
    ] == ("applied")
    ops = [
        op("reservation.created", reservation(str(uuid.uuid4()), plate_masked="湘A12345")),
        op("reservation.created", {**reservation(str(uuid.uuid4())), "phone": "13800138000"}),
        op("reservation.created", reservation(str(uuid.uuid4()), state="parked")),
        op("reservation.created", reservation("not-a-uuid")),
        op(
            "parking.request_result",
            {
                "request_id": str(uuid.uuid4()),
                "outcome": "accepted",
                "decided_at": "2026-11-20T07:00:00+00:00",
            },
        ),
        op(
            "parking.request_result",
            {
                "request_id": str(uuid.uuid4()),
                "outcome": "rejected",
                "reason": "none_free",
                "decided_at": "2026-11-20T07:00:00+00:00",
            },
        ),
        op("parking.unheard_of", {}),
        visit(),
    ]
    reasons = [(r["status"], r["reason"]) for r in push(county_server, token, "CSX-01", ops)]
    assert reasons == [
        ("rejected", "personal_data"),
        ("rejected", "personal_data"),
        ("rejected", "invalid_payload"),
        ("rejected", "invalid_payload"),
        ("rejected", "invalid_payload"),  # accepted without a code and reservation
        ("rejected", "invalid_payload"),  # no such request for this station
        ("rejected", "unknown_kind"),
        ("applied", None),
    ]
    # Another station cannot take over a reservation id.
    taken = push(county_server, other, "CSX-02", [op("reservation.updated", reservation(rid))])
    assert (taken[0]["status"], taken[0]["reason"]) == ("rejected", "conflict")


def test_the_reservation_page_shows_the_booking_and_nothing_personal(
    county_server, new_code, county_session
):
    token = token_for(county_server, new_code, "CSX-01")
    rid = str(uuid.uuid4())
    push(county_server, token, "CSX-01", [op("reservation.created", reservation(rid))])
    response = requests.get(f"{county_server.url}/r/{rid}", timeout=TIMEOUT)
    assert response.status_code == 200
    html = response.text
    assert html.index("停车预约") < html.index("Parking reservation")  # Chinese first
    for shown in (
        "P-4821",
        "湘A***45",
        "充电车位",
        "EV charging bay",
        "7 kW",
        "E03",
        "2026-11-20 16:00–18:00",  # 08:00 UTC is 16:00 at the station
        "已预约",
        "Booked",
        "CSX-01 红色之家",
    ):
        assert shown in html, shown
    assert "<script" not in html.lower()
    assert rid not in html  # the page does not repeat its own address
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]

    # A car booking: the bay is given at arrival; a later state shows.
    car = str(uuid.uuid4())
    push(
        county_server,
        token,
        "CSX-01",
        [
            op(
                "reservation.created",
                reservation(
                    car,
                    bay_type="car",
                    bay_code=None,
                    power_kw=None,
                    code="P-0007",
                    state="no_show",
                    event="no_show",
                    end_at=(START + timedelta(hours=9)).isoformat(),
                ),
            )
        ],
    )
    html = requests.get(f"{county_server.url}/r/{car}", timeout=TIMEOUT).text
    for shown in ("小汽车车位", "到达时分配", "Assigned on arrival", "未到", "2026-11-21 01:00"):
        assert shown in html, shown

    unknown = requests.get(f"{county_server.url}/r/{uuid.uuid4()}", timeout=TIMEOUT)
    assert unknown.status_code == 404 and "还没有同步" in unknown.text
    for bad in ("nope", "P-4821", rid + "0", "../s/x"):
        response = requests.get(f"{county_server.url}/r/{bad}", timeout=TIMEOUT)
        assert response.status_code == 404
        assert "P-4821" not in response.text
    document = requests.get(f"{county_server.url}/openapi.json", timeout=TIMEOUT).json()
    assert "/r/{reservation_id}" in document["paths"]


def test_book_request_publishes_to_that_station_only_and_the_answer_comes_back(
    county_server, new_code, county_url, capsys
):
    token = token_for(county_server, new_code, "CSX-01")
    other = token_for(county_server, new_code, "CSX-02")
    lines = run(
        capsys,
        "book-request",
        "--db",
        county_url,
        "CSX-01",
        "--type",
        "car",
        "--start",
        "2026-11-20T16:00",
        "--minutes",
        "120",
        "--plate",
        "湘a·12345",
    )
    request = json.loads(lines[-1])
    assert request["status"] == "pending"
    assert request["plate"] == "湘A***45"
    assert request["start_at"] == START.isoformat()  # station time without an offset
    request_id = request["request_id"]

    items = [c for c in feed(county_server, token, "CSX-01") if c["kind"] == PARKING_REQUEST_KIND]
    assert len(items) == 1 and items[0]["key"] == request_id
    assert items[0]["data"]["plate"] == "湘A12345"  # the station books by plate
    assert items[0]["data"]["minutes"] == 120
    assert not [
        c for c in feed(county_server, other, "CSX-02") if c["kind"] == PARKING_REQUEST_KIND
    ]

    assert json.loads(run(capsys, "requests", "--db", county_url, "--status", "pending")[-1])[0][
        "request_id"
    ] == (request_id)
    stats = json.loads(run(capsys, "stats", "--db", county_url)[-1])
    assert stats["CSX-01"]["requests"] == {"pending": 1, "accepted": 0, "rejected": 0}
    assert stats["CSX-01"]["reservations"]["bookings"] == 0
    assert "visits" in stats["CSX-01"]

    # Another station cannot answer it.
    result = {
        "request_id": request_id,
        "outcome": "rejected",
        "reason": "none_free",
        "bay_type": "car",
        "decided_at": "2026-11-20T07:01:00+00:00",
    }
    refused = push(county_server, other, "CSX-02", [op("parking.request_result", result)])
    assert refused[0]["status"] == "rejected"
    answer = op("parking.request_result", result)
    assert push(county_server, token, "CSX-01", [answer])[0]["status"] == "applied"
    assert push(county_server, token, "CSX-01", [answer])[0]["status"] == "duplicate"
    # An answer the other way later is a conflict, not a change of mind.
    accepted = {
        **result,
        "outcome": "accepted",
        "reason": None,
        "reservation_id": str(uuid.uuid4()),
        "code": "P-1234",
    }
    flipped = push(county_server, token, "CSX-01", [op("parking.request_result", accepted)])
    assert (flipped[0]["status"], flipped[0]["reason"]) == ("rejected", "conflict")

    listing = json.loads(run(capsys, "requests", "--db", county_url, "CSX-01")[-1])
    assert [(r["status"], r["reason"]) for r in listing] == [("rejected", "none_free")]
    stats = json.loads(run(capsys, "stats", "--db", county_url)[-1])
    assert stats["CSX-01"]["requests"] == {"pending": 0, "accepted": 0, "rejected": 1}
    # Answered: the full plate is gone from the feed and the county's items.
    assert not [
        c for c in feed(county_server, token, "CSX-01") if c["kind"] == PARKING_REQUEST_KIND
    ]
    engine = make_engine(county_url)
    with make_writer_factory(engine)() as session:
        assert not session.scalar(
            select(func.count())
            .select_from(FeedEntry)
            .where(FeedEntry.kind == PARKING_REQUEST_KIND)
        )
        assert not session.scalar(
            select(func.count())
            .select_from(CountyItem)
            .where(CountyItem.kind == PARKING_REQUEST_KIND)
        )
        assert session.scalar(select(CountyParkingRequest.plate_masked)) == "湘A***45"
    engine.dispose()


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (
            ["NOPE", "--type", "car", "--start", "now", "--minutes", "60", "--plate", "湘A12345"],
            1,
            "no station",
        ),
        (
            ["CSX-01", "--type", "car", "--start", "now", "--minutes", "60", "--plate", "12345"],
            2,
            "plate",
        ),
        (
            [
                "CSX-01",
                "--type",
                "car",
                "--start",
                "tomorrow",
                "--minutes",
                "60",
                "--plate",
                "湘A12345",
            ],
            2,
            "not a time",
        ),
        (
            ["CSX-01", "--type", "car", "--start", "now", "--minutes", "0", "--plate", "湘A12345"],
            2,
            "minutes",
        ),
    ],
)
def test_book_request_refuses_bad_input_with_a_message(
    new_county_url, capsys, argv, status, message
):
    db = new_county_url()
    assert main(["enroll-code", "--db", db, "CSX-01"]) == 0
    assert main(["book-request", "--db", db, *argv]) == status
    assert message in capsys.readouterr().err
    engine = make_engine(db)
    with make_writer_factory(engine)() as session:
        assert not session.scalar(select(func.count()).select_from(CountyParkingRequest))
    engine.dispose()


def test_create_request_needs_an_aware_start(county_session, new_code):
    new_code("CSX-01")
    with pytest.raises(ValueError):
        create_request(
            county_session, "CSX-01", "car", datetime(2026, 11, 20, 16), 60, "湘A12345", START
        )
