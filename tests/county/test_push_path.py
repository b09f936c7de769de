"""The push path's fast parts give exactly what the plain ones gave (issue 3, sync throughput)."""

from __future__ import annotations

import gc
import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import requests
from sqlalchemy import insert, select, text
from sqlalchemy.exc import StatementError

from county.checkin.models import CountyVisit
from county.db import bulk_insert, make_writer_factory
from county.models import AppliedOp
from county.push import (
    OpAnswer,
    _canonical_digest,
    _canonical_json,
    apply_ops,
    encode_push_response,
)
from redhome_wire.protocol import Op, OpResult, OpStatus, PushResponse, RejectReason
from tests.county.test_county_api import TIMEOUT, error_code, push, token_for, visit_op


def test_the_push_answer_is_byte_for_byte_the_models_json():
    answers = [
        OpAnswer(str(uuid.uuid4()), OpStatus.APPLIED, 1),
        OpAnswer(str(uuid.uuid4()).upper(), OpStatus.DUPLICATE, 7),
        OpAnswer(
            str(uuid.uuid4()),
            OpStatus.REJECTED,
            reason=RejectReason.PERSONAL_DATA,
            message='work_detail: "13812345678" 像电话号码\n',
        ),
        OpAnswer(str(uuid.uuid4()), OpStatus.REJECTED, reason=RejectReason.CONFLICT),
    ]
    expected = PushResponse(
        station_code="CSX-01", results=[answer.result() for answer in answers]
    ).model_dump_json()
    assert encode_push_response("CSX-01", answers).decode("utf-8") == expected
    empty = PushResponse(station_code="S_1-x", results=[]).model_dump_json()
    assert encode_push_response("S_1-x", []).decode("utf-8") == empty
    assert PushResponse.model_validate_json(encode_push_response("CSX-01", answers)).results == [
        OpResult.model_validate(answer.result().model_dump()) for answer in answers
    ]


@pytest.mark.parametrize(
    "payload",
    [
        {"b": 1, "a": [1.5, None, True, 'x"\\\n\t\u0001\u2028跑腿😀'], "c": {"y": -0.0}},
        {"work_detail": "代驾", "returning": False, "n": 10**30, "f": 1e300},
        {},
    ],
)
def test_the_digest_is_the_canonical_json_digest_it_always_was(payload):
    # Digests stored before must still match a retried operation's.
    document = json.dumps(
        ["visit.created", payload], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert _canonical_json(["visit.created", payload]) == document
    import hashlib

    expected = hashlib.sha256(document.encode("utf-8")).hexdigest()
    assert _canonical_digest("visit.created", payload) == expected


def test_bulk_insert_stores_what_sqlalchemy_itself_would(one_station_engine):
    shanghai = timezone(timedelta(hours=8))
    rows = [
        (
            1,
            "a" * 32,
            1,
            "courier",
            None,
            None,
            "rest",
            True,
            datetime(2026, 11, 20, 9, 30, 0, 0, tzinfo=shanghai),
            date(2026, 11, 20),
            datetime(2026, 11, 20, 1, 31, 5, 123456, tzinfo=UTC),
        ),
        (
            1,
            "b" * 32,
            2,
            "truck",
            "搬家",
            "didi",
            "help",
            False,
            datetime(2026, 11, 20, 1, 30, 0, 7, tzinfo=UTC),
            date(2026, 11, 21),
            datetime(2026, 11, 20, 1, 31, 5, 123456, tzinfo=UTC),
        ),
    ]
    columns = (
        "station_id",
        "visit_id",
        "op_seq",
        "work_type",
        "work_detail",
        "platform",
        "purpose",
        "is_returning",
        "checked_in_at",
        "local_day",
        "received_at",
    )
    with one_station_engine.begin() as connection:
        bulk_insert(connection, CountyVisit.__table__, columns, rows)
        connection.execute(
            insert(CountyVisit.__table__),
            [
                dict(zip(columns, (1, "c" + row[1][1:], 10 + row[2], *row[3:]), strict=True))
                for row in rows
            ],
        )
    with one_station_engine.connect() as connection:
        raw = connection.execute(
            text(
                "SELECT visit_id, checked_in_at, local_day, received_at, is_returning "
                "FROM visits ORDER BY op_seq"
            )
        ).all()
        typed = connection.execute(select(CountyVisit.__table__).order_by("op_seq")).all()
    fast, plain = raw[:2], raw[2:]
    assert [row[1:] for row in fast] == [row[1:] for row in plain]
    if one_station_engine.dialect.name == "sqlite":  # the fast path's own storage format
        assert fast[0][1] == "2026-11-20 01:30:00.000000"
    for mine, theirs in zip(typed[:2], typed[2:], strict=True):
        assert mine._mapping["checked_in_at"] == theirs._mapping["checked_in_at"]
        assert mine._mapping["local_day"] == theirs._mapping["local_day"]
    # Refused on either path (PostgreSQL's: SQLAlchemy wraps the type's ValueError).
    refused = (ValueError, StatementError)
    with pytest.raises(refused, match="naive"), one_station_engine.begin() as connection:
        bulk_insert(
            connection,
            CountyVisit.__table__,
            columns,
            [(*rows[0][:8], datetime(2026, 1, 1), *rows[0][9:])],
        )


def _op(**changes) -> Op:
    return Op.model_validate(visit_op(**changes))


def test_one_op_id_twice_in_a_request_keeps_the_first_content(one_station_engine):
    op_id = str(uuid.uuid4())
    first = _op(op_id=op_id, work_type="courier")
    other = _op(op_id=op_id, work_type="truck")
    bad = _op(work_detail="138 1234 5678")
    good = _op()
    now = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    with make_writer_factory(one_station_engine)() as session:
        answers = apply_ops(session, 1, [first, bad, other, first, good], now)
        session.commit()
        visits = session.execute(select(CountyVisit.visit_id, CountyVisit.work_type)).all()
        seqs = dict(session.execute(select(AppliedOp.op_id, AppliedOp.seq)).all())
    assert [(a.status, a.reason) for a in answers] == [
        (OpStatus.APPLIED, None),
        (OpStatus.REJECTED, RejectReason.PERSONAL_DATA),
        (OpStatus.REJECTED, RejectReason.CONFLICT),
        (OpStatus.DUPLICATE, None),
        (OpStatus.APPLIED, None),
    ]
    assert sorted(visits) == sorted(
        [(first.payload["visit_id"], "courier"), (good.payload["visit_id"], "ride_hailing")]
    )
    assert seqs == {op_id: 1, good.op_id: 2}
    assert answers[3].seq == 1


def test_a_malformed_push_body_is_refused_as_invalid_request(county_server, new_code):
    token = token_for(county_server, new_code, "CSX-01")
    url = f"{county_server.url}/v1/stations/CSX-01/ops"
    auth = {"Authorization": f"Bearer {token}"}
    bodies = [
        (b'{"ops": [', "application/json"),
        (b"", "application/json"),
        (json.dumps({"ops": []}).encode(), "application/json"),
        (json.dumps({"ops": [visit_op()]}).encode(), "text/plain"),
        (json.dumps({"ops": [visit_op(op_id="not-an-id")]}).encode(), "application/json"),
    ]
    for body, content_type in bodies:
        response = requests.post(
            url, data=body, headers={**auth, "Content-Type": content_type}, timeout=TIMEOUT
        )
        assert response.status_code == 422, (body, response.text)
        assert error_code(response) == "invalid_request"
    assert "ops.0.op_id" in response.json()["error"]["message"]
    ok = requests.post(
        url,
        data=json.dumps({"ops": [visit_op()]}),
        headers={**auth, "Content-Type": "application/json; charset=utf-8"},
        timeout=TIMEOUT,
    )
    assert ok.status_code == 200 and ok.json()["results"][0]["status"] == "applied"


def test_the_push_body_is_still_described_in_openapi(county_server):
    document = requests.get(f"{county_server.url}/openapi.json", timeout=TIMEOUT).json()
    body = document["paths"]["/v1/stations/{station_code}/ops"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/PushRequest"
    schemas = document["components"]["schemas"]
    assert schemas["PushRequest"]["properties"]["ops"]["maxItems"] >= 1
    assert {"Op", "PushResponse", "OpResult"} <= set(schemas)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was_after_a_push(county_server, new_code, enabled):
    token = token_for(county_server, new_code, "CSX-01")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert push(county_server, token, "CSX-01", [visit_op()]).status_code == 200
        assert push(county_server, token, "CSX-01", [visit_op(op_id="x")]).status_code == 422
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
