"""The keeper's PIN: an scrypt hash in the credential store, and a lock after repeated misses.

The misses and the lock are kept in the same store, next to the hash, so a restart (or a pulled
plug) does not hand out five fresh tries.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from redhome_wire.station_time import Clock

PIN_KEY_NAME = "keeper-pin"
LOCKOUT_KEY_NAME = "keeper-pin-lockout"  # {"misses": n, "locked_until": ISO time or null}
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
MAX_TRIES = 5
LOCK_FOR = timedelta(minutes=5)
# Interactive-login strength; about 50 ms here, which is why the UI verifies off its thread.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


class PinProblem(enum.Enum):
    NOT_SET = "not_set"
    WRONG = "wrong"
    LOCKED = "locked"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NOT_DIGITS = "not_digits"


class PinError(ValueError):
    def __init__(
        self, problem: PinProblem, tries_left: int = 0, locked_until: datetime | None = None
    ) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.tries_left = tries_left
        self.locked_until = locked_until


@dataclass(frozen=True, slots=True)
class _Hash:
    salt: bytes
    digest: bytes
    n: int
    r: int
    p: int

    def encode(self) -> str:
        return f"scrypt${self.n}${self.r}${self.p}${self.salt.hex()}${self.digest.hex()}"

    @classmethod
    def decode(cls, text: str) -> _Hash:
        scheme, n, r, p, salt, digest = text.split("$")
        if scheme != "scrypt":
            raise ValueError(f"unknown PIN hash scheme {scheme!r}")
        return cls(bytes.fromhex(salt), bytes.fromhex(digest), int(n), int(r), int(p))


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024)


def check_pin_format(pin: str) -> str:
    if not pin.isascii() or not pin.isdigit():
        raise PinError(PinProblem.NOT_DIGITS)
    if len(pin) < PIN_MIN_DIGITS:
        raise PinError(PinProblem.TOO_SHORT)
    if len(pin) > PIN_MAX_DIGITS:
        raise PinError(PinProblem.TOO_LONG)
    return pin


class KeeperPin:
    def __init__(self, store: SecretStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def is_set(self) -> bool:
        return self._store.get(PIN_KEY_NAME) is not None

    def set_pin(self, pin: str) -> None:
        check_pin_format(pin)
        salt = secrets.token_bytes(16)
        digest = _derive(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
        self._store.set(PIN_KEY_NAME, _Hash(salt, digest, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P).encode())

    # --- the lockout, as stored ------------------------------------------------------------

    def _lockout(self) -> tuple[int, datetime | None]:
        """(misses, locked until) from the store; an unreadable record counts as none."""
        text = self._store.get(LOCKOUT_KEY_NAME)
        if not text:
            return 0, None
        try:
            record = json.loads(text)
            misses = max(0, int(record["misses"]))
            until = record["locked_until"]
            locked_until = datetime.fromisoformat(until) if until else None
        except (ValueError, TypeError, KeyError):
            return 0, None
        if locked_until is not None and locked_until.tzinfo is None:
            return 0, None
        return misses, locked_until

    def _save_lockout(self, misses: int, locked_until: datetime | None) -> None:
        until = locked_until.isoformat() if locked_until else None
        self._store.set(LOCKOUT_KEY_NAME, json.dumps({"misses": misses, "locked_until": until}))

    def locked_until(self) -> datetime | None:
        misses, locked_until = self._lockout()
        if locked_until is None:
            return None
        now = self._clock.now()
        if now >= locked_until:
            self._save_lockout(0, None)
            return None
        if locked_until > now + LOCK_FOR:
            # The clock went back: the lock lasts its own length from now, never longer.
            locked_until = now + LOCK_FOR
            self._save_lockout(misses, locked_until)
        return locked_until

    def verify(self, pin: str) -> None:
        """Return quietly for the right PIN; otherwise raise PinError saying why."""
        locked = self.locked_until()
        if locked is not None:
            raise PinError(PinProblem.LOCKED, locked_until=locked)
        stored = self._store.get(PIN_KEY_NAME)
        if stored is None:
            raise PinError(PinProblem.NOT_SET)
        expected = _Hash.decode(stored)
        given = pin if pin.isascii() else ""
        actual = _derive(given, expected.salt, expected.n, expected.r, expected.p)
        misses, _ = self._lockout()
        if hmac.compare_digest(actual, expected.digest):
            if misses:
                self._save_lockout(0, None)
            return
        misses += 1
        if misses >= MAX_TRIES:
            locked_until = self._clock.now() + LOCK_FOR
            self._save_lockout(misses, locked_until)
            raise PinError(PinProblem.LOCKED, locked_until=locked_until)
        self._save_lockout(misses, None)
        raise PinError(PinProblem.WRONG, tries_left=MAX_TRIES - misses)
