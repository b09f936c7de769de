"""Mainland China mobile numbers: normalising what a driver types, and showing it masked."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

MOBILE_LENGTH = 11
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―()（）.·]+")
_MOBILE = re.compile(r"1[3-9]\d{9}")


class PhoneProblem(enum.Enum):
    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NOT_MOBILE = "not_mobile"


class InvalidPhone(ValueError):
    """A number that is not an 11-digit mainland mobile number; `problem` says why."""

    def __init__(
        self, problem: PhoneProblem, missing_digits: int = 0, extra_digits: int = 0
    ) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.missing_digits = missing_digits
        self.extra_digits = extra_digits


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    digits: str

    @property
    def last4(self) -> str:
        return self.digits[-4:]

    @property
    def masked(self) -> str:
        return mask_phone(self.digits)

    def __repr__(self) -> str:
        # A full number must never reach a log through a repr.
        return f"PhoneNumber({self.masked})"

    __str__ = __repr__


def normalize_phone(text: str) -> str:
    """Return the 11-digit mainland mobile number in `text`, or raise InvalidPhone.

    Accepts +86 / 0086 / 86 prefixes, spaces, dashes, brackets and full-width digits.
    """
    folded = unicodedata.normalize("NFKC", text or "").strip()
    compact = _SEPARATORS.sub("", folded)
    if not compact:
        raise InvalidPhone(PhoneProblem.EMPTY)
    if compact.startswith("+"):
        compact = compact[1:]
        if not compact.startswith("86"):
            raise InvalidPhone(PhoneProblem.NOT_MOBILE)
        compact = compact[2:]
    elif compact.startswith("0086"):
        compact = compact[4:]
    if not compact.isascii() or not compact.isdigit():
        raise InvalidPhone(PhoneProblem.NOT_DIGITS)
    if len(compact) == MOBILE_LENGTH + 2 and compact.startswith("86"):
        compact = compact[2:]
    if len(compact) < MOBILE_LENGTH:
        raise InvalidPhone(PhoneProblem.TOO_SHORT, missing_digits=MOBILE_LENGTH - len(compact))
    if len(compact) > MOBILE_LENGTH:
        raise InvalidPhone(PhoneProblem.TOO_LONG, extra_digits=len(compact) - MOBILE_LENGTH)
    if not _MOBILE.fullmatch(compact):
        raise InvalidPhone(PhoneProblem.NOT_MOBILE)
    return compact


def parse_phone(text: str) -> PhoneNumber:
    return PhoneNumber(normalize_phone(text))


def mask_phone(digits: str) -> str:
    """138****1234: the only form in which a number is ever shown."""
    if len(digits) != MOBILE_LENGTH:
        return "*" * max(len(digits) - 4, 0) + digits[-4:]
    return f"{digits[:3]}****{digits[-4:]}"
