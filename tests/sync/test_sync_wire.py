from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from redhome_wire.checkin import VisitCreated
from redhome_wire.protocol import (
    Op,
    PayloadProblem,
    PushRequest,
    RejectReason,
    encode_op,
    encode_push,
    looks_like_phone_number,
    parse_payload,
)


def test_encoded_ops_are_exactly_what_the_model_reads():
    created = datetime(2026, 11, 20, 9, 30, 1, 250, tzinfo=timezone(timedelta(hours=8)))
    payload = {"visit_id": str(uuid.uuid4()), "text": 'quote " and 中文', "n": 3}
    encoded = [
        encode_op(str(uuid.uuid4()), "visit.created", created, json.dumps(payload)),
        encode_op('odd"id', "Weird Kind", created, json.dumps(payload, ensure_ascii=False)),
    ]
    request = PushRequest.model_validate_json(encode_push(encoded[:1]))
    [op] = request.ops
    assert op.payload == payload and op.created_at == created and op.kind == "visit.created"
    assert json.loads(encoded[1])["op_id"] == 'odd"id'  # escaped, not broken
    with pytest.raises(ValidationError):
        Op.model_validate_json(encoded[1])  # and refused by the model
    with pytest.raises(ValueError):
        encode_op("a" * 32, "k", datetime(2026, 1, 1), "{}")


def test_payload_problems_carry_a_reason():
    good = {
        "visit_id": str(uuid.uuid4()),
        "work_type": "courier",
        "purpose": "rest",
        "returning": True,
        "checked_in_at": datetime.now(UTC).isoformat(),
        "local_day": "2026-11-20",
    }
    assert parse_payload(VisitCreated, good).work_type == "courier"
    cases = [
        (
            VisitCreated,
            {**good, "checked_in_at": "2026-11-20T01:00:00"},
            RejectReason.INVALID_PAYLOAD,
        ),
        (VisitCreated, {**good, "extra": 1}, RejectReason.INVALID_PAYLOAD),
        (
            VisitCreated,
            {**good, "work_detail": "电话 139-0731-2345"},
            RejectReason.PERSONAL_DATA,
        ),
    ]
    for model, payload, reason in cases:
        with pytest.raises(PayloadProblem) as problem:
            parse_payload(model, payload)
        assert problem.value.reason is reason
        assert "139" not in problem.value.message  # the offending text is never echoed


def test_phone_number_detection():
    assert looks_like_phone_number("13812345678")
    assert looks_like_phone_number("call 138 1234 5678")
    assert not looks_like_phone_number("代驾 2 单")
    assert not looks_like_phone_number("A4 2024")
    # The ways people actually write them (issue 11): full-width, Chinese numerals, spaced.
    for written in (
        "１３８１２３４５６７８",
        "一三八一二三四五六七八",
        "幺三八 幺二三四 五六七八",
        "电话138-1234-5678",
        "138 1234 5678",
        "138.1234.5678",
        "零七三一 八八八八 六六六六",
    ):
        assert looks_like_phone_number(written), written
    for harmless in ("代驾三单", "跑腿 一二次", "货拉拉 4.2米", "第1234单"):
        assert not looks_like_phone_number(harmless), harmless


def test_the_wire_package_pulls_in_neither_side_nor_qt_nor_a_database():
    code = (
        "import importlib, pkgutil, sys, redhome_wire\n"
        "for info in pkgutil.walk_packages(redhome_wire.__path__, 'redhome_wire.'):\n"
        "    importlib.import_module(info.name)\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "sys.exit(1 if roots & {'kiosk', 'county', 'PySide6', 'shiboken6', 'sqlalchemy'} else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_sync_and_services_import_no_qt():
    code = (
        "import sys, kiosk.sync.engine, kiosk.sync.client, kiosk.services.checkin.simulation\n"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
