"""Server-side sessions: a random token goes to the browser, only its SHA-256 is kept.

A session ends after IDLE_TIMEOUT without a request, after ABSOLUTE_TIMEOUT whatever happens,
at sign-out, or when its account is disabled. Each sign-in makes a new session (and a new
token), so a token planted before sign-in is worth nothing after it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from county.console.accounts import Staff, staff_of
from county.console.models import StaffAccount, StaffSession

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
# last_seen_at is written at most this often (each write takes SQLite's write lock).
TOUCH_EVERY = timedelta(minutes=1)
TOKEN_MAX = 100


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    staff: Staff
    session_id: int
    csrf_token: str


def start_session(session: Session, staff: Staff, now: datetime) -> tuple[str, SignedIn]:
    """A new session for `staff`: (the token for the browser, the session)."""
    token = secrets.token_urlsafe(32)
    row = StaffSession(
        token_hash=token_hash(token),
        account_id=staff.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
    )
    session.add(row)
    session.flush()
    return token, SignedIn(staff, row.id, row.csrf_token)


def _expired(row: StaffSession, now: datetime) -> bool:
    return row.last_seen_at + IDLE_TIMEOUT <= now or row.created_at + ABSOLUTE_TIMEOUT <= now


def find_session(session: Session, token: str | None, now: datetime) -> SignedIn | None:
    """The live session a token names, or None (unknown, expired, or its account disabled)."""
    if not token or len(token) > TOKEN_MAX:
        return None
    found = session.execute(
        select(StaffSession, StaffAccount)
        .join(StaffAccount, StaffAccount.id == StaffSession.account_id)
        .where(StaffSession.token_hash == token_hash(token))
    ).first()
    if found is None:
        return None
    row, account = found
    if _expired(row, now) or account.disabled:
        return None
    return SignedIn(staff_of(account), row.id, row.csrf_token)


def needs_touch(session: Session, session_id: int, now: datetime) -> bool:
    row = session.get(StaffSession, session_id)
    return row is not None and row.last_seen_at + TOUCH_EVERY <= now


def touch(session: Session, session_id: int, now: datetime) -> None:
    row = session.get(StaffSession, session_id)
    if row is not None:
        row.last_seen_at = now


def end_session(session: Session, token: str | None) -> None:
    if token and len(token) <= TOKEN_MAX:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))


def end_sessions_of(session: Session, account_id: int) -> None:
    session.execute(delete(StaffSession).where(StaffSession.account_id == account_id))


def purge_expired(session: Session, now: datetime) -> None:
    session.execute(
        delete(StaffSession).where(
            (StaffSession.last_seen_at <= now - IDLE_TIMEOUT)
            | (StaffSession.created_at <= now - ABSOLUTE_TIMEOUT)
        )
    )
