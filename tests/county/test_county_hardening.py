"""Issue 11, the server findings: hostile or clumsy input gets a clear 4xx, never a 500."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sqlalchemy import func, select

from county.__main__ import main as cli
from county.app import create_app
from county.db import make_engine, make_session_factory, make_writer_factory, migrate
from county.limits import ENROL_BODY_MAX, OTHER_BODY_MAX, PUSH_BODY_MAX
from county.models import EnrolmentCode, FeedEntry, Station
from county.publish import PublishProblem, publish_document
from county.stations import StationRevoked, sha256_hex
from county.testing import CountyHarness, serve_in_thread
from redhome_wire.protocol import FeedChange
from redhome_wire.station import ServiceData
from tests.county.test_county_api import (
    TIMEOUT,
    enrol,
    error_code,
    feed,
    push,
    token_for,
    visit_op,
)


def _raw_request(server, head: str, body_chunks, *, read_timeout: float = 5.0):
    """Send a request on a raw socket, body chunk by chunk, until the server answers.

    Returns (status line, the response's JSON body, bytes of body sent, seconds taken).
    """
    started = time.monotonic()
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=read_timeout) as sock:
        sock.sendall(head.encode("ascii"))
        sock.setblocking(False)
        response = b""
        for chunk in body_chunks:
            with contextlib.suppress(BlockingIOError):
                response += sock.recv(65536)
            if response:
                break
            try:
                sock.sendall(chunk)
            except BlockingIOError:
                time.sleep(0.01)
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        sock.setblocking(True)
        sock.settimeout(read_timeout)
        try:
            while b"\r\n\r\n" not in response or not response.rstrip().endswith(b"}"):
                more = sock.recv(65536)
                if not more:
                    break
                response += more
        except (ConnectionResetError, TimeoutError):
            pass
    head_part, _, body = response.partition(b"\r\n\r\n")
    status = head_part.split(b"\r\n", 1)[0].decode("ascii")
    if b"transfer-encoding: chunked" in head_part.lower():
        body = body.split(b"\r\n", 1)[1].rsplit(b"\r\n0\r\n", 1)[0]
    return status, json.loads(body), sent, time.monotonic() - started


def test_a_50_mb_enrolment_body_is_refused_at_once_without_being_read(county_server):
    size = 50 * 1024 * 1024
    head = (
        "POST /v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {size}\r\n\r\n"
    )
    chunks = (b"x" * 65536 for _ in range(size // 65536))
    status, body, sent, seconds = _raw_request(county_server, head, chunks)
    assert " 413 " in status
    assert body["error"]["code"] == "body_too_large"
    assert sent < 8 * 1024 * 1024  # refused from the header, not after reading 50 MB
    assert seconds < 3


def test_a_chunked_body_is_cut_off_once_it_passes_its_cap(county_server):
    head = (
        "POST /v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    piece = b"x" * 1024
    chunk = f"{len(piece):x}\r\n".encode("ascii") + piece + b"\r\n"

    def endless():
        for _ in range(50 * 1024):  # up to 50 MB, if the server never answered
            yield chunk
            time.sleep(0.0005)

    status, body, sent, seconds = _raw_request(county_server, head, endless())
    assert " 413 " in status
    assert body["error"]["code"] == "body_too_large"
    assert sent < 4 * 1024 * 1024
    assert seconds < 5


def test_every_route_has_a_cap_and_push_allows_a_full_batch(county_server, new_code):
    assert ENROL_BODY_MAX <= 8 * 1024 and OTHER_BODY_MAX <= 64 * 1024
    response = requests.post(
        f"{county_server.url}/v1/enrol",
        data=b"{" + b" " * ENROL_BODY_MAX + b"}",
        timeout=TIMEOUT,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413 and error_code(response) == "body_too_large"
    # A route with no body at all (the feed, a phone page) still refuses a large one.
    response = requests.get(
        f"{county_server.url}/healthz", data=b"x" * (OTHER_BODY_MAX + 1), timeout=TIMEOUT
    )
    assert response.status_code == 413 and error_code(response) == "body_too_large"

    token = token_for(county_server, new_code, "CSX-01")
    assert (
        push(county_server, token, "CSX-01", [visit_op() for _ in range(2000)]).status_code == 200
    )
    response = requests.post(
        f"{county_server.url}/v1/stations/CSX-01/ops",
        data=b'{"ops":[' + b" " * PUSH_BODY_MAX + b"]}",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 413 and error_code(response) == "body_too_large"
    assert enrol(county_server, "ABCD-EFGH-JKMN").status_code == 400  # small bodies still pass


def enrolment_while_pushing(server, new_code) -> None:
    """Stations push while others enrol, and two kiosks race with one code: no 500, and the
    code enrols exactly one of them."""
    tokens = {f"PUSH-{n}": token_for(server, new_code, f"PUSH-{n}") for n in range(4)}
    codes = [new_code(f"NEW-{n}") for n in range(24)]
    shared = new_code("TWICE")
    statuses: list[int] = []
    stop = threading.Event()

    def pusher(station: str, token: str) -> None:
        while not stop.is_set():
            response = push(server, token, station, [visit_op() for _ in range(50)])
            statuses.append(response.status_code)

    def enroller(mine: list[str]) -> None:
        for code in mine:
            statuses.append(enrol(server, code).status_code)

    shared_statuses: list[int] = []

    def racer() -> None:
        shared_statuses.append(enrol(server, shared).status_code)

    pushers = [threading.Thread(target=pusher, args=item) for item in tokens.items()]
    enrollers = [threading.Thread(target=enroller, args=(codes[n::4],)) for n in range(4)]
    racers = [threading.Thread(target=racer) for _ in range(2)]
    for thread in pushers + enrollers + racers:
        thread.start()
    for thread in enrollers + racers:
        thread.join()
    stop.set()
    for thread in pushers:
        thread.join()
    assert statuses.count(200) == len(statuses), sorted(set(statuses))
    assert sorted(shared_statuses) == [200, 400]


def test_enrolment_while_stations_push_never_answers_500(county_server, new_code):
    """SQLite: enrolment writes through the writer path (BEGIN IMMEDIATE), so a push committing
    meanwhile cannot make it fail with "database is locked"."""
    enrolment_while_pushing(county_server, new_code)


def test_a_reader_session_refuses_to_write(county_url, county_server):
    engine = make_engine(county_url)
    try:
        with make_session_factory(engine)() as session:
            session.add(
                Station(code="X", name="X", created_at=datetime(2026, 1, 1, tzinfo=UTC), last_seq=0)
            )
            with pytest.raises(RuntimeError, match="writer"):
                session.flush()
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "field,value",
    [
        ("checked_in_at", "9999-12-31T23:59:59-14:00"),  # year 10000 once moved to UTC
        ("checked_in_at", "0001-01-01T00:00:00+14:00"),  # year 0 once moved to UTC
        ("checked_in_at", "0000-01-01T00:00:00+00:00"),
        ("checked_in_at", "10000-01-01T00:00:00+00:00"),
        ("local_day", "9999-12-31"),
    ],
)
def test_out_of_range_times_in_a_payload_reject_the_op_not_the_server(
    county_server, new_code, field, value
):
    token = token_for(county_server, new_code, "CSX-01")
    response = push(county_server, token, "CSX-01", [visit_op(**{field: value}), visit_op()])
    assert response.status_code == 200, response.text
    bad, good = response.json()["results"]
    assert (bad["status"], bad["reason"]) == ("rejected", "invalid_payload")
    assert field in bad["message"]
    assert good["status"] == "applied"


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"])
def test_an_out_of_range_time_in_the_envelope_is_a_short_422(county_server, new_code, value):
    token = token_for(county_server, new_code, "CSX-01")
    op = visit_op()
    op["created_at"] = value
    response = push(county_server, token, "CSX-01", [op])
    assert response.status_code == 422
    assert error_code(response) == "invalid_request"
    assert "created_at" in response.json()["error"]["message"]


@pytest.mark.parametrize("cursor", [2**63, 2**64, 10**30, -1])
def test_a_cursor_out_of_range_is_a_short_422(county_server, new_code, cursor):
    token = token_for(county_server, new_code, "CSX-01")
    response = feed(county_server, token, "CSX-01", cursor=cursor)
    assert response.status_code == 422
    assert error_code(response) == "invalid_request"
    assert "cursor" in response.json()["error"]["message"]
    assert feed(county_server, token, "CSX-01", cursor=2**63 - 1).status_code == 200


def test_an_unexpected_failure_answers_a_short_json_500_without_a_traceback(county_url):
    app = create_app(county_url)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals " + "x" * 5000)

    try:
        with serve_in_thread(app) as server:
            response = requests.get(f"{server.url}/boom", timeout=TIMEOUT)
    finally:
        app.state.county.engine.dispose()
    assert response.status_code == 500
    assert error_code(response) == "server_error"
    assert "secret" not in response.text and "Traceback" not in response.text
    assert len(response.content) < 200


def test_revoking_cancels_outstanding_codes_and_only_restore_lifts_it(
    county_server, new_code, county_url, county_clock
):
    token = token_for(county_server, new_code, "CSX-01")
    outstanding = new_code("CSX-01")
    harness = CountyHarness(county_url, county_clock)
    try:
        harness.revoke("CSX-01")
        # The code issued before the revocation no longer enrols, and the station stays revoked.
        refused = enrol(county_server, outstanding)
        assert refused.status_code == 400 and error_code(refused) == "enrol_code_expired"
        assert error_code(push(county_server, token, "CSX-01", [visit_op()])) == "token_revoked"
        with pytest.raises(StationRevoked):
            harness.enrolment_code("CSX-01")

        # Even a code that somehow exists for a revoked station does not clear the revocation.
        with make_writer_factory(harness.engine)() as session:
            station = session.scalar(select(Station).where(Station.code == "CSX-01"))
            raw = "ABCDEFGHJKMN"
            session.add(
                EnrolmentCode(
                    station_id=station.id,
                    code_hash=sha256_hex(raw),
                    created_at=county_clock.now(),
                    expires_at=county_clock.now() + timedelta(hours=1),
                )
            )
            session.commit()
        refused = enrol(county_server, raw)
        assert refused.status_code == 403 and error_code(refused) == "token_revoked"
        assert harness.stats()["CSX-01"].revoked

        # Restored: the old token stays dead, a new code enrols the station again.
        assert harness.restore("CSX-01") is True
        assert harness.restore("CSX-01") is False
        assert error_code(push(county_server, token, "CSX-01", [visit_op()])) == "token_unknown"
        fresh = token_for(county_server, new_code, "CSX-01")
        assert push(county_server, fresh, "CSX-01", [visit_op()]).status_code == 200
    finally:
        harness.close()


def test_the_cli_restores_a_revoked_station(tmp_path, capsys, new_county_url):
    db = new_county_url()
    assert cli(["enroll-code", "--db", db, "CSX-01"]) == 0
    assert cli(["revoke", "--db", db, "CSX-01"]) == 0
    capsys.readouterr()
    assert cli(["enroll-code", "--db", db, "CSX-01"]) == 1
    assert "restore CSX-01" in capsys.readouterr().err
    assert cli(["restore", "--db", db, "CSX-01"]) == 0
    assert "restored CSX-01" in capsys.readouterr().out
    assert cli(["enroll-code", "--db", db, "CSX-01"]) == 0
    assert cli(["restore", "--db", db, "NOPE"]) == 1
    assert capsys.readouterr().err.strip() == "redhome-county: no station NOPE"


YEAR_10000 = "9999-12-31T23:59:59-14:00"
SOON = "2026-11-20T10:00:00+08:00"


def test_publish_refuses_what_a_kiosk_could_not_read(new_county_url):
    engine = make_engine(new_county_url())
    migrate(engine)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    bad_items = [
        {"kind": "service", "key": "water", "data": {"name_zh": "饮水", "sort_order": 2**63}},
        {"kind": "service", "key": "water", "data": {"name_zh": "饮" * 1000}},
        {
            "kind": "activity",
            "key": "a",
            "data": {"title_zh": "x", "starts_at": "9999-12-31T23:59:59-14:00"},
        },
        {
            "kind": "activity",
            "key": "a",
            "data": {"title_zh": "x", "starts_at": "2026-11-20T10:00:00+08:00", "capacity": -1},
        },
        {"kind": "service", "key": "k" * 65, "data": {"name_zh": "饮水"}},
        {"kind": "flight.meta", "key": "flights", "data": {"source": "file", "count": 2**63}},
    ]
    try:
        with make_writer_factory(engine)() as session:
            for item in bad_items:
                with pytest.raises(PublishProblem, match=r"^item 1: "):
                    publish_document(session, [item], now)
                session.rollback()
            with pytest.raises(PublishProblem, match="JSON list"):
                publish_document(session, {"kind": "service"}, now)
            assert session.scalar(select(func.count()).select_from(FeedEntry)) == 0
            # In range, it is published and a kiosk reads it back with the same wire model.
            good = {"kind": "service", "key": "water", "data": {"name_zh": "饮水", "sort_order": 7}}
            assert publish_document(session, [good], now) == 1
            entry = session.scalar(select(FeedEntry))
            change = FeedChange(
                seq=entry.seq, kind=entry.kind, key=entry.key, data=json.loads(entry.data)
            )
            assert ServiceData.model_validate(change.data).sort_order == 7
    finally:
        engine.dispose()


def _cli_fails(capsys, argv: list[str]) -> str:
    """Runs the CLI expecting a failure: returns its one line on stderr."""
    assert cli(argv) != 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "redhome-county:" in line]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_publish_with_a_missing_non_json_or_out_of_range_file_says_one_line(
    tmp_path, capsys, new_county_url
):
    db = new_county_url()
    assert "no file" in _cli_fails(capsys, ["publish", "--db", db, str(tmp_path / "nope.json")])
    not_json = tmp_path / "items.json"
    not_json.write_text("[{kind: service", encoding="utf-8")
    assert "is not JSON" in _cli_fails(capsys, ["publish", "--db", db, str(not_json)])
    too_big = tmp_path / "big.json"
    too_big.write_text(
        json.dumps(
            [{"kind": "service", "key": "w", "data": {"name_zh": "水", "sort_order": 2**63}}]
        ),
        encoding="utf-8",
    )
    line = _cli_fails(capsys, ["publish", "--db", db, str(too_big)])
    assert "item 1" in line and "sort_order" in line


def test_a_bad_database_url_says_one_line_without_the_password(tmp_path, capsys):
    for url in ("nonsense", "nosuchdb://x/y", f"sqlite:///{tmp_path}/file.txt/c.db"):
        if url.startswith("sqlite"):
            (tmp_path / "file.txt").write_text("x", encoding="utf-8")
        assert "--db" in _cli_fails(capsys, ["stats", "--db", url])
    line = _cli_fails(capsys, ["stats", "--db", "postgresql://u:s3cret@127.0.0.1:1/db"])
    assert "s3cret" not in line
    # As a user runs it: one line, no traceback, a non-zero exit code.
    done = subprocess.run(
        [sys.executable, "-m", "county", "stats", "--db", "nosuchdb://x/y"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_serve_refuses_a_missing_flights_dir_and_a_bad_db_and_shows_its_defaults(
    tmp_path, capsys, new_county_url
):
    db = new_county_url()
    line = _cli_fails(capsys, ["serve", "--db", db, "--flights-dir", str(tmp_path / "nope")])
    assert "--flights-dir" in line and "does not exist" in line
    assert "--db" in _cli_fails(capsys, ["serve", "--db", "nosuchdb://x/y"])
    with pytest.raises(SystemExit) as exited:
        cli(["serve", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "(default: 127.0.0.1)" in text and "(default: 8700)" in text


def test_unknown_routes_methods_and_long_reasons_are_short_json_errors(county_server, new_code):
    missing = requests.get(f"{county_server.url}/v1/nothing-here", timeout=TIMEOUT)
    assert missing.status_code == 404 and error_code(missing) == "not_found"
    wrong = requests.get(f"{county_server.url}/v1/enrol", timeout=TIMEOUT)
    assert wrong.status_code == 405 and error_code(wrong) == "invalid_request"
    token = token_for(county_server, new_code, "CSX-01")
    op = visit_op()
    op["k" * 3000] = 1  # an unknown envelope field, quoted back in the reason
    response = push(county_server, token, "CSX-01", [op])
    assert response.status_code == 422 and error_code(response) == "invalid_request"
    assert len(response.json()["error"]["message"]) <= 500
