"""Pulled changes held for a later, upgraded kiosk (see SyncEngine._apply_change).

Stations upgrade one at a time, so the county may publish a kind this kiosk does not know yet.
Skipping it while the cursor moves on would lose it for good; it is kept here instead, raw, and
applied in feed order once a capability that knows the kind is installed.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.store.models import HeldFeedChange
from redhome_wire.protocol import FeedChange


def hold_change(session: Session, change: FeedChange, reason: str, now: datetime) -> bool:
    """Keep a change that cannot be applied now; a newer one for the same key replaces it."""
    drop_held(session, change.kind, change.key, before_seq=change.seq)
    session.add(
        HeldFeedChange(
            seq=change.seq,
            kind=change.kind,
            key=change.key,
            deleted=change.deleted,
            data=None if change.data is None else json.dumps(change.data, ensure_ascii=False),
            reason=reason,
            held_at=now,
        )
    )
    return False


def drop_held(session: Session, kind: str, key: str, *, before_seq: int) -> None:
    """Forget held changes of one key that a later change supersedes."""
    session.execute(
        delete(HeldFeedChange).where(
            HeldFeedChange.kind == kind,
            HeldFeedChange.key == key,
            HeldFeedChange.seq < before_seq,
        )
    )


def held_changes(
    session: Session, kinds: Collection[str]
) -> list[tuple[HeldFeedChange, FeedChange]]:
    """Held changes of the given kinds, oldest first, each with the change it holds."""
    if not kinds:
        return []
    rows = session.scalars(
        select(HeldFeedChange)
        .where(HeldFeedChange.kind.in_(list(kinds)))
        .order_by(HeldFeedChange.seq, HeldFeedChange.id)
    ).all()
    return [
        (
            row,
            FeedChange(
                seq=row.seq,
                kind=row.kind,
                key=row.key,
                deleted=row.deleted,
                data=None if row.data is None else json.loads(row.data),
            ),
        )
        for row in rows
    ]


def held_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(HeldFeedChange)) or 0)
