"""Chinese vehicle plates (GA 36-2018): normalising what a driver types on the plate keyboard.

Two shapes are accepted:

- 7 characters: province + issuing-office letter + 5 letters or digits; the last of the five may
  instead be one of the suffixes 挂 学 警 港 澳.
- 8 characters, new energy: province + office letter + 6 characters, either small
  (D or F, then a letter or digit, then 4 digits) or large (5 digits, then D or F).

Letters never include I or O (they read as 1 and 0). The check is deliberately no stricter than
this: refusing a real plate at the kiosk is worse than accepting an unusual one.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

# 湘 first: the kiosk stands in Hunan and the plate keyboard shows the provinces in this order.
PROVINCES: tuple[str, ...] = (
    "湘",
    "京",
    "津",
    "沪",
    "渝",
    "冀",
    "豫",
    "云",
    "辽",
    "黑",
    "皖",
    "鲁",
    "新",
    "苏",
    "浙",
    "赣",
    "鄂",
    "桂",
    "甘",
    "晋",
    "蒙",
    "陕",
    "吉",
    "闽",
    "贵",
    "粤",
    "青",
    "藏",
    "川",
    "宁",
    "琼",
)
PLATE_LETTERS: str = "ABCDEFGHJKLMNPQRSTUVWXYZ"
DIGITS: str = "0123456789"
SUFFIXES: tuple[str, ...] = ("挂", "学", "警", "港", "澳")
ORDINARY_LENGTH = 7
NEW_ENERGY_LENGTH = 8
# Anything longer than this is junk; refuse it before normalising megabytes of pasted text.
_MAX_INPUT = 64

_PROVINCE_SET = frozenset(PROVINCES)
_SUFFIX_SET = frozenset(SUFFIXES)
_ALNUM = frozenset(PLATE_LETTERS + DIGITS)
# What people put between the office letter and the serial, or between groups of digits.
_SEPARATORS = re.compile(r"[\s·•・‧.\-‐‑‒–—―_]+")
_SMALL_NEW_ENERGY = re.compile(r"[DF][A-HJ-NP-Z0-9][0-9]{4}")
_LARGE_NEW_ENERGY = re.compile(r"[0-9]{5}[DF]")


class PlateProblem(enum.Enum):
    EMPTY = "empty"
    UNKNOWN_PROVINCE = "unknown_province"  # the first character is not a province abbreviation
    CITY_NOT_LETTER = "city_not_letter"  # the second character must be a letter (湘A…)
    LETTER_I_OR_O = "letter_i_or_o"  # plates never use I or O; the driver meant 1 or 0
    BAD_CHARACTER = "bad_character"  # emoji, punctuation, a province character in the middle…
    SUFFIX_MISPLACED = "suffix_misplaced"  # 挂学警港澳 only last, and never on new-energy plates
    WRONG_LENGTH = "wrong_length"  # `length` says how many characters were given
    BAD_NEW_ENERGY = "bad_new_energy"  # 8 characters, but neither D/F-first nor D/F-last


class InvalidPlate(ValueError):
    """Text that is not a plate; `problem` says why, `length` how many characters it had."""

    def __init__(self, problem: PlateProblem, length: int | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.length = length


@dataclass(frozen=True, slots=True)
class Plate:
    number: str  # normalised, no separator: 湘A12345, 湘AD12345
    new_energy: bool

    @property
    def display(self) -> str:
        """湘A·12345: how a plate is printed, for screens."""
        return f"{self.number[:2]}·{self.number[2:]}"

    @property
    def masked(self) -> str:
        """湘A***45: enough for a driver to recognise their booking, not to track a car."""
        return mask_plate(self.number)


def mask_plate(number: str) -> str:
    if len(number) < 5:
        return "*" * len(number)
    return f"{number[:2]}***{number[-2:]}"


def normalize_plate_text(text: str) -> str:
    """Full-width to half-width, upper case, separators and spaces removed; no validation."""
    folded = unicodedata.normalize("NFKC", text)
    return _SEPARATORS.sub("", folded).upper()


def parse_plate(text: str | None) -> Plate:
    """Return the normalised plate in `text`, or raise InvalidPlate with the first problem."""
    if text is None:
        raise InvalidPlate(PlateProblem.EMPTY)
    if len(text) > _MAX_INPUT:
        raise InvalidPlate(PlateProblem.WRONG_LENGTH, len(text))
    number = normalize_plate_text(text)
    if not number:
        raise InvalidPlate(PlateProblem.EMPTY)

    # Character-level problems first: they are the ones a driver can see and fix at once.
    for char in number:
        if char not in _ALNUM and char not in _PROVINCE_SET and char not in _SUFFIX_SET:
            if char in "IO":
                continue
            raise InvalidPlate(PlateProblem.BAD_CHARACTER, len(number))
    if "I" in number or "O" in number:
        raise InvalidPlate(PlateProblem.LETTER_I_OR_O, len(number))
    if number[0] not in _PROVINCE_SET:
        if number[0] in _SUFFIX_SET:
            raise InvalidPlate(PlateProblem.SUFFIX_MISPLACED, len(number))
        raise InvalidPlate(PlateProblem.UNKNOWN_PROVINCE, len(number))
    rest = number[1:]
    if any(char in _PROVINCE_SET for char in rest):
        raise InvalidPlate(PlateProblem.BAD_CHARACTER, len(number))
    if rest and rest[0] not in PLATE_LETTERS:
        if rest[0] in _SUFFIX_SET:
            raise InvalidPlate(PlateProblem.SUFFIX_MISPLACED, len(number))
        raise InvalidPlate(PlateProblem.CITY_NOT_LETTER, len(number))
    if any(char in _SUFFIX_SET for char in number[:-1]):
        raise InvalidPlate(PlateProblem.SUFFIX_MISPLACED, len(number))
    if len(number) not in (ORDINARY_LENGTH, NEW_ENERGY_LENGTH):
        raise InvalidPlate(PlateProblem.WRONG_LENGTH, len(number))

    serial = number[2:]
    if len(number) == NEW_ENERGY_LENGTH:
        if serial[-1] in _SUFFIX_SET:
            raise InvalidPlate(PlateProblem.SUFFIX_MISPLACED, len(number))
        if not (_SMALL_NEW_ENERGY.fullmatch(serial) or _LARGE_NEW_ENERGY.fullmatch(serial)):
            raise InvalidPlate(PlateProblem.BAD_NEW_ENERGY, len(number))
        return Plate(number=number, new_energy=True)
    return Plate(number=number, new_energy=False)
