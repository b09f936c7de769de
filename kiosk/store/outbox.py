"""The transactional outbox: rows the sync worker drains to the county."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import Session

from kiosk.store.models import OutboxEntry

_INSERT = insert(OutboxEntry.__table__)


def _row(kind: str, payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The one definition of a new outbox row, whichever way it is written."""
    return {
        "op_id": str(uuid.uuid4()),
        "kind": kind,
        "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
        "created_at": now,
        "state": "pending",
        "attempts": 0,
    }


def enqueue(session: Session, kind: str, payload: dict[str, Any], now: datetime) -> OutboxEntry:
    """Add an outbox row to the caller's transaction; it commits with the change it describes."""
    entry = OutboxEntry(**_row(kind, payload, now))
    session.add(entry)
    return entry


def enqueue_core(connection: Connection, kind: str, payload: dict[str, Any], now: datetime) -> str:
    """`enqueue` for a use case written with Core statements on one connection (see
    `UnitOfWork.writing`): inserts the row in the connection's open transaction, so it commits
    with the change it describes. Returns the row's op_id."""
    row = _row(kind, payload, now)
    connection.execute(_INSERT, row)
    return row["op_id"]


def pending_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "pending")
        )
        or 0
    )
