"""The transactional outbox: rows the sync worker drains to the county."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.store.models import OutboxEntry


def enqueue(session: Session, kind: str, payload: dict[str, Any], now: datetime) -> OutboxEntry:
    """Add an outbox row to the caller's transaction; it commits with the change it describes."""
    entry = OutboxEntry(
        op_id=str(uuid.uuid4()),
        kind=kind,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        created_at=now,
        state="pending",
        attempts=0,
    )
    session.add(entry)
    return entry


def pending_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "pending")
        )
        or 0
    )
