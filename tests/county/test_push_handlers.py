"""county.push: one exactly-once block in front of every op handler."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from county.capability import CountyCapability, OpHandler, PushContext, check_payloads
from county.db import make_writer_factory
from county.models import AppliedOp, Station
from county.push import OP_HANDLERS, apply_ops, handlers_by_kind
from redhome_wire.protocol import Op, OpStatus, PayloadProblem, RejectReason

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str


class Recorder:
    """An op handler that records what it is handed and refuses the text "no"."""

    def __init__(self, *kinds: str) -> None:
        self.checked: list[list[str]] = []
        self.written: list[list[tuple[int, str]]] = []
        self.handler: OpHandler[Note] = OpHandler(
            dict.fromkeys(kinds, Note), self.check, self.write
        )

    def check(self, context: PushContext, ops: Sequence[Op]) -> list[Note | PayloadProblem]:
        assert context.station.code == "CSX-01" and context.now == NOW
        self.checked.append([op.op_id for op in ops])
        outcomes = check_payloads(self.handler.payloads, ops)
        return [
            PayloadProblem(RejectReason.CONFLICT, "no")
            if isinstance(outcome, Note) and outcome.text == "no"
            else outcome
            for outcome in outcomes
        ]

    def write(self, context: PushContext, accepted: Sequence[tuple[int, Note]]) -> None:
        self.written.append([(seq, note.text) for seq, note in accepted])


@pytest.fixture
def session(one_station_engine):
    with make_writer_factory(one_station_engine)() as session:
        yield session


def op(kind: str, text: str, op_id: str | None = None) -> Op:
    return Op(op_id=op_id or str(uuid.uuid4()), kind=kind, created_at=NOW, payload={"text": text})


def test_each_handler_gets_all_its_ops_at_once_and_numbers_follow_the_batch(session):
    notes, marks = Recorder("note.a", "note.b"), Recorder("mark")
    handlers = handlers_by_kind([_capability(notes), _capability(marks)])
    ops = [
        op("note.a", "1"),
        op("mark", "2"),
        op("note.b", "no"),
        op("nobody.knows", "3"),
        op("note.a", "4"),
        op("mark", "5"),
    ]
    answers = apply_ops(session, 1, ops, NOW, handlers)
    assert [(a.status, a.seq, a.reason) for a in answers] == [
        (OpStatus.APPLIED, 1, None),
        (OpStatus.APPLIED, 2, None),
        (OpStatus.REJECTED, None, RejectReason.CONFLICT),
        (OpStatus.REJECTED, None, RejectReason.UNKNOWN_KIND),
        (OpStatus.APPLIED, 3, None),
        (OpStatus.APPLIED, 4, None),
    ]
    assert notes.checked == [[ops[0].op_id, ops[2].op_id, ops[4].op_id]]
    assert notes.written == [[(1, "1"), (3, "4")]]
    assert marks.checked == [[ops[1].op_id, ops[5].op_id]]
    assert marks.written == [[(2, "2"), (4, "5")]]
    assert session.get(Station, 1).last_seq == 4
    recorded = session.execute(select(AppliedOp.op_id, AppliedOp.seq).order_by(AppliedOp.seq))
    assert [tuple(row) for row in recorded] == [
        (ops[0].op_id, 1),
        (ops[1].op_id, 2),
        (ops[4].op_id, 3),
        (ops[5].op_id, 4),
    ]

    # Sent again: acknowledged by the block, never shown to a handler.
    again = apply_ops(session, 1, ops, NOW, handlers)
    assert [a.status for a in again] == [
        OpStatus.DUPLICATE,
        OpStatus.DUPLICATE,
        OpStatus.REJECTED,
        OpStatus.REJECTED,
        OpStatus.DUPLICATE,
        OpStatus.DUPLICATE,
    ]
    assert [a.seq for a in again] == [1, 2, None, None, 3, 4]
    assert notes.checked[1:] == [[ops[2].op_id]] and marks.checked[1:] == []


def test_a_later_copy_of_an_op_id_is_answered_by_its_first_copy(session):
    notes = Recorder("note")
    handlers = handlers_by_kind([_capability(notes)])
    applied, refused = op("note", "yes"), op("note", "no")
    ops = [
        applied,
        refused,
        applied,  # the same again: a duplicate of the first
        op("note", "other", applied.op_id),  # other content: a conflict
        refused,  # refused again, for the same reason
        op("note", "fine now", refused.op_id),  # other content than its refused first copy
    ]
    answers = apply_ops(session, 1, ops, NOW, handlers)
    assert [(a.status, a.seq, a.reason) for a in answers] == [
        (OpStatus.APPLIED, 1, None),
        (OpStatus.REJECTED, None, RejectReason.CONFLICT),
        (OpStatus.DUPLICATE, 1, None),
        (OpStatus.REJECTED, None, RejectReason.CONFLICT),
        (OpStatus.REJECTED, None, RejectReason.CONFLICT),
        (OpStatus.REJECTED, None, RejectReason.CONFLICT),
    ]
    assert answers[4].message == "no"
    assert "earlier in this request" in answers[5].message
    assert notes.checked == [[applied.op_id, refused.op_id]]  # each op id checked once


def test_a_kind_is_handled_by_one_capability_only():
    with pytest.raises(ValueError, match="twice"):
        handlers_by_kind([_capability(Recorder("note")), _capability(Recorder("note"))])
    assert {"visit.created", "reservation.created", "parking.request_result"} <= set(OP_HANDLERS)


def _capability(recorder: Recorder) -> CountyCapability:
    return CountyCapability("test", op_handlers=(recorder.handler,))
