"""Lenient readers for provider and file values: blanks, nulls and odd spellings become None."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_BLANKS: Final = frozenset({"", "null", "none", "nil", "n/a", "na", "-", "--", "—", "?"})


def text(value: object) -> str | None:
    """A trimmed string, or None for null, blank and placeholder values ("-", "null", "n/a")."""
    if value is None:
        return None
    result = str(value).strip()
    if result.lower() in _BLANKS:
        return None
    return result


def integer(value: object) -> int | None:
    """A whole number from 12, 12.0, "12" or " 12 min"; None when absent or unreadable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value else None  # NaN is not a number of minutes
    raw = text(value)
    if raw is None:
        return None
    digits = raw.lower().removesuffix("min").removesuffix("m").strip()
    try:
        return int(float(digits))
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def instant(
    value: object,
    *,
    tz_name: str | None = None,
    fallback_tz: ZoneInfo | None = None,
    wall_clock: bool = False,
) -> datetime | None:
    """An aware datetime from an ISO 8601 string; None when blank. ValueError when unreadable.

    A naive value is read in the endpoint's zone (else fallback_tz). With wall_clock, a value
    labelled +00:00 is read as local wall-clock time in the endpoint's zone: AviationStack
    labels local times +00:00 (apilayer/aviationstack issues #1 and #2).
    """
    raw = text(value)
    if raw is None:
        return None
    parsed = datetime.fromisoformat(raw)
    local = zone(tz_name) or fallback_tz
    if parsed.tzinfo is None:
        if local is None:
            raise ValueError(f"time without a zone: {raw!r}")
        return parsed.replace(tzinfo=local)
    if (
        wall_clock
        and local is not None
        and parsed.utcoffset() == timedelta(0)
        and local.utcoffset(parsed.replace(tzinfo=None)) != timedelta(0)
    ):
        return parsed.replace(tzinfo=local)
    return parsed
