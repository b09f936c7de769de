"""The wire format between a kiosk and the county server, defined once (pydantic v2).

Both sides import this module: the kiosk to build requests and read answers, the county server
to validate and answer. The payloads and documents of each capability live in their own modules
beside this one (redhome_wire.checkin, redhome_wire.parking, ...); this one is the envelope.

Push: the kiosk sends its outbox as operations, each with an id the kiosk made. The server applies
each id once per station and answers per operation: applied, duplicate (applied before: the
answer to a retried request whose first answer was lost) or rejected with a reason.

Pull: county-owned data comes down as a feed of changes after a cursor; each page carries the
cursor to resume from.
"""

from __future__ import annotations

import enum
import json
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any, Final, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

# The protocol's version. A kiosk says which it speaks in WIRE_VERSION_HEADER (kiosks of
# version 1 sent none); the county serves every version from MIN_WIRE_VERSION on, so stations
# can upgrade one at a time. Version 2: pulled documents are read tolerantly and a kind a kiosk
# does not know yet is held for it, not skipped.
WIRE_VERSION: Final = 2
MIN_WIRE_VERSION: Final = 1
WIRE_VERSION_HEADER: Final = "X-Redhome-Wire"
API_PREFIX: Final = "/v1"
MAX_BATCH: Final = 2000
MAX_FEED_PAGE: Final = 500

# --- ranges --------------------------------------------------------------------------------
# Every number and time on the wire has a range both sides can store and compute with: SQLite
# and PostgreSQL hold signed 64-bit integers, and a time near year 1 or 9999 overflows as soon
# as it is moved to UTC or a day is added to it. Out of range is a validation error (a 422, or an
# op rejected as invalid_payload), never a 500 further on.
INT64_MAX: Final = 2**63 - 1
WIRE_TIME_MIN: Final = datetime(1970, 1, 1, tzinfo=UTC)
WIRE_TIME_MAX: Final = datetime(3000, 1, 1, tzinfo=UTC)  # exclusive


def _time_in_range(value: datetime) -> datetime:
    try:
        in_range = WIRE_TIME_MIN <= value.astimezone(UTC) < WIRE_TIME_MAX
    except OverflowError:  # year 1 or 9999 with an offset that crosses the edge
        in_range = False
    if not in_range:
        raise PydanticCustomError("datetime_range", "time must be from 1970 to 2999 (UTC)")
    return value


# An aware time from 1970 to 2999; every time on the wire is one.
WireDatetime = Annotated[AwareDatetime, AfterValidator(_time_in_range)]
WireDate = Annotated[date, Field(ge=date(1970, 1, 1), lt=date(3000, 1, 1))]
# A feed sequence number or cursor: what a BIGINT holds.
Seq = Annotated[int, Field(ge=0, le=INT64_MAX)]
# Bounded free text of pulled documents: a name or title, and a longer body.
ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=4000)]

# A key from a fixed vocabulary (work types, purposes, platforms, service keys).
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.-]{1,64}$")]
OpId = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{32,36}$")]
StationCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,32}$")]

# A run of seven or more digits in free text may be a phone number; it never goes to the county.
# People write them many ways: full-width (１３８), in Chinese numerals (一三八, 幺 for 1, 两 for
# 2), spaced or dashed (138 1234-5678). Each is read as the digits it stands for first.
_CHINESE_DIGITS: Final = str.maketrans("〇零一幺二两三四五六七八九", "0011223456789")
_DIGIT_RUN = re.compile(r"\d(?:[\s\-.·_/]*\d){6,}")


def looks_like_phone_number(text: str) -> bool:
    digits = unicodedata.normalize("NFKC", text).translate(_CHINESE_DIGITS)
    return _DIGIT_RUN.search(digits) is not None


class WireModel(BaseModel):
    """Strict: what the county applies (op payloads) or answers must be read whole."""

    model_config = ConfigDict(extra="forbid", frozen=True)


M = TypeVar("M", bound=BaseModel)


# --- errors --------------------------------------------------------------------------------


class ErrorCode(enum.StrEnum):
    """Why the server refused a whole request. The kiosk maps each to words a keeper reads."""

    TOKEN_MISSING = "token_missing"
    TOKEN_UNKNOWN = "token_unknown"
    TOKEN_REVOKED = "token_revoked"
    STATION_MISMATCH = "station_mismatch"
    ENROL_CODE_INVALID = "enrol_code_invalid"
    ENROL_CODE_EXPIRED = "enrol_code_expired"
    INVALID_REQUEST = "invalid_request"
    NOT_FOUND = "not_found"
    SERVER_ERROR = "server_error"
    WIRE_VERSION_UNSUPPORTED = "wire_version_unsupported"  # too old, or not a version at all
    BODY_TOO_LARGE = "body_too_large"  # the request's body is over its route's cap (413)


class ErrorDetail(WireModel):
    code: str
    message: str


class ErrorBody(WireModel):
    error: ErrorDetail


# --- enrolment -----------------------------------------------------------------------------


class EnrolRequest(WireModel):
    code: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class EnrolResponse(WireModel):
    station_code: StationCode
    station_name: str
    token: Annotated[str, StringConstraints(min_length=32, max_length=128)]


# --- push ----------------------------------------------------------------------------------


class Op(WireModel):
    op_id: OpId
    kind: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    created_at: WireDatetime
    payload: dict[str, Any]


class PushRequest(WireModel):
    ops: Annotated[list[Op], Field(min_length=1, max_length=MAX_BATCH)]


_PLAIN_OP_ID = re.compile(r"^[0-9a-fA-F-]{1,64}$")
_PLAIN_KIND = re.compile(r"^[a-z0-9_.]{1,40}$")


def encode_op(op_id: str, kind: str, created_at: datetime, payload_json: str) -> str:
    """One Op as JSON from a payload that is JSON already (the outbox stores it so).

    The same document `Op(...).model_dump_json()` gives, without parsing and re-encoding the
    payload: a push of thousands of rows spends its time on the wire, not here.
    """
    if created_at.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    if not _PLAIN_OP_ID.match(op_id) or not _PLAIN_KIND.match(kind):
        # Anything outside the plain alphabets is escaped properly (and refused by the server).
        return (
            f'{{"op_id":{json.dumps(op_id)},"kind":{json.dumps(kind)},'
            f'"created_at":"{created_at.isoformat()}","payload":{payload_json}}}'
        )
    return (
        f'{{"op_id":"{op_id}","kind":"{kind}",'
        f'"created_at":"{created_at.isoformat()}","payload":{payload_json}}}'
    )


def encode_push(encoded_ops: list[str]) -> bytes:
    # Each op to UTF-8 on its own: one str joined from thousands (some not ASCII) and encoded
    # whole costs several times more.
    return b'{"ops":[' + b",".join(op.encode("utf-8") for op in encoded_ops) + b"]}"


class OpStatus(enum.StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # applied by an earlier request: acknowledged, not applied again
    REJECTED = "rejected"


class RejectReason(enum.StrEnum):
    """Why one operation was refused. Rejected operations are parked, not retried by themselves."""

    UNKNOWN_KIND = "unknown_kind"
    INVALID_PAYLOAD = "invalid_payload"
    PERSONAL_DATA = "personal_data"
    CONFLICT = "conflict"  # the op id was applied before with a different payload
    DUPLICATE_RECORD = "duplicate_record"  # the record arrived before under another op id


class OpResult(WireModel):
    op_id: str
    status: OpStatus
    seq: int | None = None
    reason: str | None = None
    message: str | None = None


class PushResponse(WireModel):
    station_code: StationCode
    results: list[OpResult]


class PayloadProblem(ValueError):
    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def problem_of(error: ValidationError) -> PayloadProblem:
    """A payload's validation error as the reason the county gives and the kiosk parks."""
    problems = error.errors(include_input=False, include_url=False)
    if any(problem["type"] == "personal_data" for problem in problems):
        reason = RejectReason.PERSONAL_DATA
    else:
        reason = RejectReason.INVALID_PAYLOAD
    message = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
        for problem in problems[:5]
    )
    return PayloadProblem(reason, message)


def parse_payload(model: type[M], payload: dict[str, Any]) -> M:
    """The typed payload of an operation, or a PayloadProblem saying why it cannot be applied."""
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        raise problem_of(error) from None


# --- pull ----------------------------------------------------------------------------------


class FeedDocument(BaseModel):
    """A document the county publishes and kiosks pull.

    Read tolerantly: a county may be a release ahead of some of its kiosks, so a field this
    kiosk does not know is ignored rather than refused. (Op payloads stay strict: the county
    must never apply what it cannot read whole.)
    """

    model_config = ConfigDict(extra="ignore", frozen=True)


class FeedChange(FeedDocument):
    """One change to county-owned data. A kind this kiosk does not know yet is kept, not lost."""

    seq: Seq
    kind: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    key: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    deleted: bool = False
    data: dict[str, Any] | None = None


class FeedPage(FeedDocument):
    station_code: StationCode
    changes: list[FeedChange]
    next_cursor: Seq
    has_more: bool
    public_base_url: str | None = None
