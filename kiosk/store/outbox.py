"""The transactional outbox: rows the sync worker drains to the county.

Rows are written only from wire models (redhome_wire), each capability through its own Outbox
that knows the op kinds it declared and the model of each; so the kiosk refuses before commit
what the county would refuse on receipt, and a capability writes no other capability's ops.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import Session

from kiosk.store.models import OutboxEntry

_INSERT = insert(OutboxEntry.__table__)


class UnregisteredOp(TypeError):
    """A kind this outbox was not made for, or a payload of another model than its own."""


class Outbox:
    def __init__(self, op_payloads: Mapping[str, type[BaseModel]]) -> None:
        self._models = dict(op_payloads)

    def _row(self, kind: str, payload: BaseModel, now: datetime) -> dict[str, Any]:
        """The one definition of a new outbox row, whichever way it is written."""
        model = self._models.get(kind)
        if model is None or type(payload) is not model:
            raise UnregisteredOp(f"{type(payload).__name__} is not the payload of op {kind!r}")
        return {
            "op_id": str(uuid.uuid4()),
            "kind": kind,
            # Built (and so validated) as a wire model; dumped as the county will read it.
            "payload": payload.model_dump_json(),
            "created_at": now,
            "state": "pending",
            "attempts": 0,
        }

    def add(self, session: Session, kind: str, payload: BaseModel, now: datetime) -> OutboxEntry:
        """Add an outbox row to the caller's transaction; it commits with the change it
        describes."""
        entry = OutboxEntry(**self._row(kind, payload, now))
        session.add(entry)
        return entry

    def add_core(self, connection: Connection, kind: str, payload: BaseModel, now: datetime) -> str:
        """`add` for a use case written with Core statements on one connection (see
        `UnitOfWork.writing`): inserts the row in the connection's open transaction, so it
        commits with the change it describes. Returns the row's op_id."""
        row = self._row(kind, payload, now)
        connection.execute(_INSERT, row)
        op_id: str = row["op_id"]
        return op_id


def pending_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "pending")
        )
        or 0
    )
