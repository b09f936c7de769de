"""The audit trail: every change staff make, and every export, as one append-only row.

A row is added in the caller's session, so it commits (or rolls back) with the change it
records. The table refuses UPDATE and DELETE at the database (triggers made by the migration).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.console.models import AuditEntry

CLI_ACTOR = "cli"
# Cells a spreadsheet would read as a formula (or that hide one behind a tab or return).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("id", "at", "actor", "action", "target", "before", "after")


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(
    session: Session,
    now: datetime,
    actor: str,
    action: str,
    target: str,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Add an audit row to the caller's transaction (flushed, not committed)."""
    entry = AuditEntry(
        at=now,
        actor=actor[:40],
        action=action[:40],
        target=target[:120],
        before=_json(before),
        after=_json(after),
    )
    session.add(entry)
    session.flush()
    return entry


def recent(session: Session, limit: int = 200, offset: int = 0) -> Sequence[AuditEntry]:
    return session.scalars(
        select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    ).all()


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets an apostrophe."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def neutralised_csv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Every export of the console: a header, then the rows, no cell a spreadsheet would run."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def csv_text(entries: Iterable[AuditEntry]) -> str:
    return neutralised_csv(
        CSV_COLUMNS,
        (
            [
                str(entry.id),
                entry.at.isoformat(),
                entry.actor,
                entry.action,
                entry.target,
                entry.before or "",
                entry.after or "",
            ]
            for entry in entries
        ),
    )


def export_csv(session: Session, now: datetime, actor: str) -> str:
    """Every audit row as CSV; the export itself is recorded first (the caller commits)."""
    count = len(session.scalars(select(AuditEntry.id)).all())
    record(session, now, actor, "audit.export", "staff_audit", after={"rows": count + 1})
    return csv_text(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
