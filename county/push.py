"""A station's push, applied: each operation once, in order, by the capability that owns its kind.

The one exactly-once block for every kind of operation. An op id a station sent before (in an
earlier request) is acknowledged as a duplicate when its content is the same and rejected as a
conflict when it is not; so is a later copy of an op id within one request, measured against
its first copy. A kind no capability handles is rejected as unknown. Each applied operation
takes the station's next sequence number, in batch order, and is recorded with a digest of its
content. Everything else (what a payload must hold, what it writes) is the op handlers' part
(county.capability.OpHandler): each gets all of a batch's operations of its kinds at once.

One batch costs a fixed number of statements whatever its size: the station row (locked), one
lookup of the batch's op ids, the handlers' own lookups and inserts, one insert of the applied
operations.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.capabilities import CAPABILITIES
from county.capability import CountyCapability, OpHandler, PushContext
from county.db import bulk_insert, select_for_station
from county.models import AppliedOp, Station, table_of
from redhome_wire.protocol import (
    Op,
    OpResult,
    OpStatus,
    PayloadProblem,
    PushResponse,
    RejectReason,
)


def handlers_by_kind(capabilities: Sequence[CountyCapability]) -> dict[str, OpHandler[Any]]:
    """Which handler applies each kind of operation; a kind claimed twice is a mistake."""
    handlers: dict[str, OpHandler[Any]] = {}
    for capability in capabilities:
        for handler in capability.op_handlers:
            for kind in handler.payloads:
                if kind in handlers:
                    raise ValueError(f"operation kind {kind!r} is handled twice")
                handlers[kind] = handler
    return handlers


OP_HANDLERS = handlers_by_kind(CAPABILITIES)

_APPLIED_OPS = table_of(AppliedOp)
_APPLIED_OP_COLUMNS = ("station_id", "op_id", "kind", "seq", "payload_sha256", "applied_at")
_APPLIED_BEFORE = "this operation id was applied before with other content"
_SENT_BEFORE = "this operation id came earlier in this request with other content"


class OpAnswer(NamedTuple):
    """The answer for one operation (an OpResult on the wire; see encode_push_response)."""

    op_id: str
    status: OpStatus
    seq: int | None = None
    reason: str | None = None
    message: str | None = None

    def result(self) -> OpResult:
        return OpResult(
            op_id=self.op_id,
            status=self.status,
            seq=self.seq,
            reason=self.reason,
            message=self.message,
        )


def _rejected(op_id: str, reason: RejectReason, message: str) -> OpAnswer:
    return OpAnswer(op_id, OpStatus.REJECTED, reason=reason, message=message)


def apply_ops(
    session: Session,
    station_id: int,
    ops: list[Op],
    now: datetime,
    handlers: Mapping[str, OpHandler[Any]] = OP_HANDLERS,
) -> list[OpAnswer]:
    """Apply each operation once, in the order given; answer for every one."""
    station = session.scalar(select(Station).where(Station.id == station_id).with_for_update())
    assert station is not None
    connection = session.connection()
    known: dict[str, tuple[str, int]] = {
        op_id: (digest, seq)
        for op_id, digest, seq in select_for_station(
            connection,
            _APPLIED_OPS,
            ("op_id", "payload_sha256", "seq"),
            "op_id",
            station_id,
            {op.op_id for op in ops},
        )
    }

    # Sort the batch: answered now (seen before, unknown kind), left for its first copy, or
    # fresh work for a handler.
    answers: list[OpAnswer | None] = [None] * len(ops)
    first_copies: dict[str, int] = {}  # op id -> where its first fresh copy is in the batch
    work: dict[OpHandler[Any], list[int]] = {}
    for index, op in enumerate(ops):
        if op.op_id in known:
            digest, seq = known[op.op_id]
            if digest == _canonical_digest(op.kind, op.payload):
                answers[index] = OpAnswer(op.op_id, OpStatus.DUPLICATE, seq)
            else:
                answers[index] = _rejected(op.op_id, RejectReason.CONFLICT, _APPLIED_BEFORE)
        elif op.op_id not in first_copies:
            first_copies[op.op_id] = index
            handler = handlers.get(op.kind)
            if handler is None:
                answers[index] = _rejected(
                    op.op_id, RejectReason.UNKNOWN_KIND, f"unknown operation kind {op.kind!r}"
                )
            else:
                work.setdefault(handler, []).append(index)

    context = PushContext(session, connection, station, now)
    verdicts: dict[int, Any] = {}
    for handler, indexes in work.items():
        verdicts.update(
            zip(indexes, handler.check(context, [ops[index] for index in indexes]), strict=True)
        )

    accepted: dict[OpHandler[Any], list[tuple[int, Any]]] = {handler: [] for handler in work}
    applied_ops: list[tuple[Any, ...]] = []
    seq = station.last_seq
    for index, op in enumerate(ops):
        if answers[index] is not None:
            continue
        first = first_copies[op.op_id]
        if first != index:
            answers[index] = _answer_copy(answers[first], ops[first], op)
            continue
        verdict = verdicts[index]
        if isinstance(verdict, PayloadProblem):
            answers[index] = _rejected(op.op_id, verdict.reason, verdict.message)
            continue
        seq += 1
        digest = _canonical_digest(op.kind, op.payload)
        applied_ops.append((station_id, op.op_id, op.kind, seq, digest, now))
        accepted[handlers[op.kind]].append((seq, verdict))
        answers[index] = OpAnswer(op.op_id, OpStatus.APPLIED, seq)

    for handler, items in accepted.items():
        if items:
            handler.write(context, items)
    # Core executemany: the bulk of a push, without the ORM's per-row bookkeeping.
    bulk_insert(connection, _APPLIED_OPS, _APPLIED_OP_COLUMNS, applied_ops)
    station.last_seq = seq
    station.last_sync_at = now
    answered = [answer for answer in answers if answer is not None]
    assert len(answered) == len(ops)  # every op is answered by one of the loops above
    return answered


def _answer_copy(first_answer: OpAnswer | None, first: Op, copy: Op) -> OpAnswer:
    """A later copy of an op id in one request: answered as a retry of its first copy."""
    assert first_answer is not None  # the first copy comes earlier, and is answered first
    if _canonical_digest(copy.kind, copy.payload) != _canonical_digest(first.kind, first.payload):
        message = _APPLIED_BEFORE if first_answer.status is OpStatus.APPLIED else _SENT_BEFORE
        return _rejected(copy.op_id, RejectReason.CONFLICT, message)
    if first_answer.status is OpStatus.APPLIED:
        return OpAnswer(copy.op_id, OpStatus.DUPLICATE, first_answer.seq)
    return first_answer  # rejected again, for the same reason


def encode_push_response(station_code: str, answers: list[OpAnswer]) -> bytes:
    """The JSON of PushResponse(station_code, results), byte for byte, without a model per op.

    Op ids passed the wire's OpId pattern (hex digits and dashes), so they stand in the JSON as
    they are; an answer with a reason or message goes through the OpResult model.
    """
    parts = []
    for answer in answers:
        if answer.reason is None and answer.message is None:
            seq = "null" if answer.seq is None else str(int(answer.seq))
            parts.append(
                f'{{"op_id":"{answer.op_id}","status":"{answer.status.value}",'
                f'"seq":{seq},"reason":null,"message":null}}'
            )
        else:
            parts.append(answer.result().model_dump_json())
    empty = PushResponse(station_code=station_code, results=[]).model_dump_json()
    return (empty.removesuffix("]}") + ",".join(parts) + "]}").encode("utf-8")


# The same text json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False) gives
# (so digests stored before stay comparable), without building an encoder for every operation.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _chunk_encoder() -> Callable[[Any, int], Iterable[str]] | None:
    """The C encoder JSONEncoder.encode builds for every call, built once: a third of the cost
    of a digest went to that setup. None on an interpreter without it (the text is then built
    per call, the same). No circular check: a payload parsed from JSON has no cycles."""
    make = getattr(json.encoder, "c_make_encoder", None)  # the C accelerator; typeshed omits it
    if make is None:
        return None
    try:
        encoder: Callable[[Any, int], Iterable[str]] = make(
            None,
            _CANONICAL.default,
            json.encoder.encode_basestring,
            None,
            ":",
            ",",
            True,
            False,
            True,
        )
    except TypeError:
        return None
    return encoder


_encode_chunks = _chunk_encoder()


def _canonical_json(document: Any) -> str:
    if _encode_chunks is None:
        return _CANONICAL.encode(document)
    return "".join(_encode_chunks(document, 0))


def _canonical_digest(kind: str, payload: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical_json([kind, payload]).encode("utf-8")).hexdigest()
