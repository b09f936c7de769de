"""The keeper's close-out on the wire: a sealed day report (a "Z report"), defined once.

A station numbers its sealed days Z-0001, Z-0002, ... with no gap and no reuse, and each report
carries the hash of the one before it: a chain per station. The kiosk keeps the chain and pushes
each report once, as one operation; the county verifies the hash and the link and keeps the
chain's safe copy. Both sides compute the hash with `report_hash`, over the report's canonical
JSON without the hash itself, so either can tell a report changed or a report removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Annotated, Any, Final

from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from redhome_wire.protocol import FeedDocument, WireModel, looks_like_phone_number

DAY_CLOSED: Final = "closeout.day_closed"
# Pulled: the last report of the station's chain the county holds (key HEAD_KEY).
CHAIN_HEAD_KIND: Final = "closeout.chain_head"
HEAD_KEY: Final = "head"
# The link before Z-0001.
CHAIN_START: Final = "0" * 64

MAX_COUNTERS: Final = 500
MAX_COUNT: Final = 10**9
HANDOVER_NOTE_CHARS: Final = 500
KEEPER_NAME_CHARS: Final = 32

HashHex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# "checkin.visits", "checkin.work.truck": the capability's name, then what it counts.
CounterName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


def canonical_json(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class DayReport(WireModel):
    """A station day's report as the keeper seals it: everything but its hash."""

    number: Annotated[int, Field(ge=1, le=MAX_COUNT)]
    station_day: date
    sealed_at: AwareDatetime
    sealed_by: Annotated[str, StringConstraints(min_length=1, max_length=KEEPER_NAME_CHARS)]
    counters: Annotated[dict[CounterName, Count], Field(max_length=MAX_COUNTERS)]
    # Records of the day (and before) not yet at the county when it was sealed: the county
    # confirms them as they arrive.
    records_waiting: Count
    handover_note: Annotated[str, StringConstraints(max_length=HANDOVER_NOTE_CHARS)] = ""
    previous_hash: HashHex

    @field_validator("sealed_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        # One spelling of the instant, so both sides hash the same bytes.
        return value.astimezone(UTC)

    @field_validator("handover_note")
    @classmethod
    def _no_phone_numbers(cls, value: str) -> str:
        if looks_like_phone_number(value):
            raise PydanticCustomError("personal_data", "free text looks like a phone number")
        return value

    @property
    def label(self) -> str:
        return report_label(self.number)


class DayClosed(DayReport):
    """A sealed report, as pushed: its hash covers everything else in it."""

    hash: HashHex

    @model_validator(mode="after")
    def _hash_matches(self) -> DayClosed:
        if report_hash(self) != self.hash:
            raise ValueError("the report's hash does not match its contents")
        return self


def report_label(number: int) -> str:
    return f"Z-{number:04d}"


def report_hash(report: DayReport) -> str:
    """SHA-256 of the report's canonical JSON, its own hash left out."""
    fields = report.model_dump(mode="json", exclude={"hash"})
    return hashlib.sha256(canonical_json(fields)).hexdigest()


def first_break(records: Iterable[tuple[int, str, str]], *, continued: bool = False) -> int | None:
    """The number of the first stored report that does not fit its chain, or None.

    Each record is (its number, its stored hash, its JSON as sealed), in number order. A record
    is read without the wire model's own hash check (DayReport, not DayClosed): a record changed
    after it was stored is what this looks for, and must be reported, not raised. With
    `continued`, the first record may go on from a chain kept elsewhere (a kiosk whose database
    was renewed goes on from the county's copy): numbered above 1, linked to a report not here.
    """
    previous: str | None = None if continued else CHAIN_START
    expected: int | None = None if continued else 1
    for number, stored_hash, record in records:
        try:
            fields = json.loads(record)
            fields.pop("hash", None)
            report = DayReport.model_validate(fields)
        except ValueError:  # pydantic's ValidationError included: not even a report any more
            return number
        if previous is None:  # the first of a continued chain
            previous = CHAIN_START if number == 1 else report.previous_hash
            expected = number
        if (
            number != expected
            or report.number != number
            or report.previous_hash != previous
            or report_hash(report) != stored_hash
        ):
            return number
        previous, expected = stored_hash, number + 1
    return None


def seal(report: DayReport) -> DayClosed:
    fields = report.model_dump()
    return DayClosed(**fields, hash=report_hash(report))


class ChainHead(FeedDocument):
    """What the county holds of a station's chain: its last report."""

    number: Annotated[int, Field(ge=1, le=MAX_COUNT)]
    hash: HashHex
    station_day: date


OP_PAYLOADS: Final[dict[str, type[BaseModel]]] = {DAY_CLOSED: DayClosed}
