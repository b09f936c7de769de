"""Staff accounts and signing in: roles, creation, changes (each audited) and the throttle.

Signing in is throttled per account and per client address. The counts are rows in the
database, so a restart does not clear a lockout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from county.console import audit
from county.console.models import SignInThrottle, StaffAccount
from county.console.passwords import burn_time, check_new_password, hash_password, verify_password


class Role(StrEnum):
    ADMIN = "admin"  # accounts, stations, enrolment codes, revocation, the audit trail
    EDITOR = "editor"  # lists, notices, activities, the catalogue
    HANDLER = "handler"  # needs and reports, optionally of one department
    VIEWER = "viewer"  # reads figures and reports


ROLES = tuple(Role)
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
DISPLAY_NAME_MAX = 80
DEPARTMENT_MAX = 60

# Failures within WINDOW that lock an account (or an address) for LOCKOUT.
ACCOUNT_FAILURES = 5
ADDRESS_FAILURES = 20
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
# The actor of what nobody signed in did (a lockout).
ANONYMOUS_ACTOR = "anonymous"


class AccountProblem(ValueError):
    """A change to an account that cannot be made; `reason` is a message id for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Staff:
    """Who a request comes from."""

    id: int
    username: str
    display_name: str
    role: Role
    department: str | None


def staff_of(account: StaffAccount) -> Staff:
    return Staff(
        account.id, account.username, account.display_name, Role(account.role), account.department
    )


def _snapshot(account: StaffAccount) -> dict[str, object]:
    # Never the password hash.
    return {
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role,
        "department": account.department,
        "disabled": account.disabled,
    }


def normalise_username(username: str) -> str:
    return username.strip().lower()


def account_by_username(session: Session, username: str) -> StaffAccount | None:
    return session.scalar(
        select(StaffAccount).where(StaffAccount.username == normalise_username(username))
    )


def all_accounts(session: Session) -> Sequence[StaffAccount]:
    return session.scalars(select(StaffAccount).order_by(StaffAccount.username)).all()


def _check_fields(display_name: str, role: str, department: str | None) -> None:
    if role not in ROLES:
        raise AccountProblem("bad_role")
    if not display_name.strip() or len(display_name) > DISPLAY_NAME_MAX:
        raise AccountProblem("bad_display_name")
    if department is not None and len(department) > DEPARTMENT_MAX:
        raise AccountProblem("bad_department")


def create_account(
    session: Session,
    now: datetime,
    actor: str,
    *,
    username: str,
    display_name: str,
    role: str,
    password: str,
    department: str | None = None,
) -> StaffAccount:
    name = normalise_username(username)
    if not USERNAME_PATTERN.fullmatch(name):
        raise AccountProblem("bad_username")
    _check_fields(display_name, role, department)
    try:
        check_new_password(password)
    except ValueError:
        raise AccountProblem("bad_password") from None
    if account_by_username(session, name) is not None:
        raise AccountProblem("username_taken")
    account = StaffAccount(
        username=name,
        display_name=display_name.strip(),
        role=role,
        department=(department or "").strip() or None if role == Role.HANDLER else None,
        password_hash=hash_password(password),
        disabled=False,
        created_at=now,
    )
    session.add(account)
    session.flush()
    audit.record(session, now, actor, "account.create", f"account:{name}", after=_snapshot(account))
    return account


def _active_admins(session: Session) -> int:
    return len(
        session.scalars(
            select(StaffAccount.id).where(
                StaffAccount.role == Role.ADMIN, StaffAccount.disabled.is_(False)
            )
        ).all()
    )


def update_account(
    session: Session,
    now: datetime,
    actor: str,
    username: str,
    *,
    role: str | None = None,
    department: str | None = None,
    disabled: bool | None = None,
) -> StaffAccount:
    """Change an account's role (and department) or disable / enable it; audited.

    The last active administrator cannot be demoted or disabled: someone must be able to sign in
    and manage the rest.
    """
    account = account_by_username(session, username)
    if account is None:
        raise AccountProblem("no_account")
    before = _snapshot(account)
    if role is not None:
        _check_fields(account.display_name, role, department)
        account.role = role
        account.department = (department or "").strip() or None if role == Role.HANDLER else None
    if disabled is not None:
        account.disabled = disabled
    if before["role"] == Role.ADMIN and not before["disabled"]:
        session.flush()
        if _active_admins(session) == 0:
            raise AccountProblem("last_admin")
    after = _snapshot(account)
    if after != before:
        audit.record(session, now, actor, "account.update", f"account:{account.username}",
                     before=before, after=after)  # fmt: skip
    return account


def set_password(session: Session, now: datetime, actor: str, username: str, password: str) -> None:
    account = account_by_username(session, username)
    if account is None:
        raise AccountProblem("no_account")
    try:
        check_new_password(password)
    except ValueError:
        raise AccountProblem("bad_password") from None
    account.password_hash = hash_password(password)
    audit.record(session, now, actor, "account.password", f"account:{account.username}")


# --- signing in ---------------------------------------------------------------------------------


class SignInRefused(Exception):
    """Wrong name or password, or locked out; `locked` says which (never which part was wrong)."""

    def __init__(self, locked: bool) -> None:
        super().__init__("locked" if locked else "refused")
        self.locked = locked


def _throttle_keys(username: str, address: str) -> tuple[str, str]:
    return f"account:{normalise_username(username)[:100]}", f"address:{address[:100]}"


def is_locked(session: Session, username: str, address: str, now: datetime) -> bool:
    for key in _throttle_keys(username, address):
        row = session.get(SignInThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            return True
    return False


def purge_throttle(session: Session, now: datetime) -> None:
    """Forget counts whose window has passed and whose lockout (if any) is over."""
    session.execute(
        delete(SignInThrottle).where(
            SignInThrottle.window_start <= now - WINDOW,
            (SignInThrottle.locked_until.is_(None)) | (SignInThrottle.locked_until <= now),
        )
    )


def _count_failure(session: Session, key: str, limit: int, now: datetime) -> bool:
    """Count one failure for `key`; True when this one locks it."""
    row = session.get(SignInThrottle, key, with_for_update=True)
    if row is None:
        row = SignInThrottle(key=key, failures=0, window_start=now, locked_until=None)
        session.add(row)
    elif row.window_start + WINDOW <= now:
        row.failures = 0
        row.window_start = now
    row.failures += 1
    if row.failures >= limit and (row.locked_until is None or row.locked_until <= now):
        row.locked_until = now + LOCKOUT
        return True
    return False


@dataclass(frozen=True, slots=True)
class _Attempt:
    locked: bool  # refused before the password was even looked at
    reached_limit: bool  # this attempt was the one that locked the account or the address
    password_hash: str | None  # None: no such account, or disabled


def _count_attempt(session: Session, username: str, address: str, now: datetime) -> _Attempt:
    """Count the attempt as a failure before its password is checked, so that guesses sent side
    by side cannot outrun the limit; a right password gives it back (_forgive)."""
    purge_throttle(session, now)
    if is_locked(session, username, address, now):
        return _Attempt(True, False, None)
    account_key, address_key = _throttle_keys(username, address)
    reached = [
        key
        for key, limit in ((account_key, ACCOUNT_FAILURES), (address_key, ADDRESS_FAILURES))
        if _count_failure(session, key, limit, now)
    ]
    account = account_by_username(session, username)
    usable = account is not None and not account.disabled
    return _Attempt(False, bool(reached), account.password_hash if usable and account else None)


def _forgive(session: Session, username: str, address: str) -> None:
    account_key, address_key = _throttle_keys(username, address)
    row = session.get(SignInThrottle, account_key, with_for_update=True)
    if row is not None:
        session.delete(row)
    row = session.get(SignInThrottle, address_key, with_for_update=True)
    if row is not None:
        row.failures = max(0, row.failures - 1)
        if row.failures < ADDRESS_FAILURES:
            row.locked_until = None


def sign_in(
    writer: sessionmaker[Session], username: str, password: str, address: str, now: datetime
) -> Staff:
    """The staff member these credentials name, or SignInRefused.

    Two short writing transactions around the password check, never one held across it: the
    check costs a tenth of a second on purpose, and on SQLite a writer holds the database's one
    write lock (every station's push would wait behind sign-in attempts). While an account or
    an address is locked, even the right password is refused.
    """
    with writer() as session:
        attempt = _count_attempt(session, username, address, now)
        session.commit()
    if attempt.locked:
        burn_time(password)
        raise SignInRefused(locked=True)
    if attempt.password_hash is None:
        burn_time(password)
        right = False
    else:
        right = verify_password(password, attempt.password_hash)
    with writer() as session:
        if not right:
            if attempt.reached_limit:
                # Administrators see lockouts in the audit trail (no password, ever).
                for key in _throttle_keys(username, address):
                    row = session.get(SignInThrottle, key)
                    if row is not None and row.locked_until is not None and row.locked_until > now:
                        audit.record(session, now, ANONYMOUS_ACTOR, "sign_in.lockout", key,
                                     after={"until": row.locked_until.isoformat()})  # fmt: skip
                session.commit()
            raise SignInRefused(locked=attempt.reached_limit)
        account = account_by_username(session, username)
        if account is None or account.disabled:  # changed in the tenth of a second
            raise SignInRefused(locked=False)
        _forgive(session, username, address)
        audit.record(session, now, account.username, "sign_in", f"account:{account.username}",
                     after={"address": address[:100]})  # fmt: skip
        staff = staff_of(account)
        session.commit()
    return staff
