"""The wire format between a kiosk and the county server, defined once (pydantic v2).

Both sides import this module: the kiosk to build requests and read answers, the county server
to validate and answer. It imports nothing else of the kiosk but the wire's other parts
(kiosk.flight_wire, kiosk.parking_wire) and nothing of Qt, so the county server can depend on
them alone.

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
from datetime import date, datetime
from typing import Annotated, Any, Final

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from kiosk.flight_wire import FLIGHT_KIND, FLIGHT_META_KIND, FlightFeedMeta, FlightRecord
from kiosk.parking_wire import PARKING_PAYLOADS, PARKING_REQUEST_KIND, ParkingRequest

WIRE_VERSION: Final = 1
API_PREFIX: Final = "/v1"
MAX_BATCH: Final = 2000
MAX_FEED_PAGE: Final = 500

# A key from a fixed vocabulary (work types, purposes, platforms, service keys).
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.-]{1,64}$")]
OpId = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{32,36}$")]
StationCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,32}$")]

# A run of seven or more digits in free text may be a phone number; it never goes to the county.
_DIGIT_RUN = re.compile(r"\d[\d\s-]{5,}\d")


def looks_like_phone_number(text: str) -> bool:
    return any(sum(ch.isdigit() for ch in match) >= 7 for match in _DIGIT_RUN.findall(text))


class WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class OpKind(enum.StrEnum):
    VISIT_CREATED = "visit.created"


class VisitCreated(WireModel):
    """A driver's visit: what they do and why they came. Nothing that names the driver."""

    visit_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{32,36}$")]
    work_type: Key
    work_detail: Annotated[str, StringConstraints(max_length=40)] | None = None
    platform: Key | None = None
    purpose: Key
    returning: bool
    checked_in_at: AwareDatetime
    local_day: date

    @field_validator("work_detail")
    @classmethod
    def _no_phone_numbers(cls, value: str | None) -> str | None:
        if value is not None and looks_like_phone_number(value):
            raise PydanticCustomError("personal_data", "free text looks like a phone number")
        return value


PAYLOADS: Final[dict[str, type[BaseModel]]] = {
    OpKind.VISIT_CREATED: VisitCreated,
    **PARKING_PAYLOADS,  # kiosk.parking_wire: reservations and remote-request results
}


class Op(WireModel):
    op_id: OpId
    kind: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    created_at: AwareDatetime
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


def parse_payload(kind: str, payload: dict[str, Any]) -> WireModel:
    """The typed payload of an operation, or a PayloadProblem saying why it cannot be applied."""
    model = PAYLOADS.get(kind)
    if model is None:
        raise PayloadProblem(RejectReason.UNKNOWN_KIND, f"unknown operation kind {kind!r}")
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        problems = error.errors(include_input=False, include_url=False)
        if any(problem["type"] == "personal_data" for problem in problems):
            reason = RejectReason.PERSONAL_DATA
        else:
            reason = RejectReason.INVALID_PAYLOAD
        message = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in problems[:5]
        )
        raise PayloadProblem(reason, message) from None


# --- pull ----------------------------------------------------------------------------------


class FeedKind(enum.StrEnum):
    STATION_PROFILE = "station.profile"
    ANNOUNCEMENT = "announcement"
    ACTIVITY = "activity"
    SERVICE = "service"


class Facility(WireModel):
    key: Key
    count: int | None = None


class ProfileData(WireModel):
    code: StationCode
    name_zh: str
    name_en: str
    address_zh: str = ""
    address_en: str = ""
    opening_hours: str = ""
    facilities: list[Facility] = Field(default_factory=list)
    card_path: str | None = None  # the station card page behind the QR code, e.g. /s/<token>


class AnnouncementData(WireModel):
    title_zh: str
    title_en: str = ""
    body_zh: str = ""
    body_en: str = ""
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None


class ActivityData(WireModel):
    title_zh: str
    title_en: str = ""
    place_zh: str = ""
    place_en: str = ""
    starts_at: AwareDatetime
    ends_at: AwareDatetime | None = None
    capacity: int | None = None


class ServiceData(WireModel):
    name_zh: str
    name_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    sort_order: int = 0


# Flights (kiosk.flight_wire) are models of their own: extra="ignore", so an older kiosk keeps
# reading records from a newer county; hence BaseModel rather than WireModel here.
FEED_DATA: Final[dict[str, type[BaseModel]]] = {
    FeedKind.STATION_PROFILE: ProfileData,
    FeedKind.ANNOUNCEMENT: AnnouncementData,
    FeedKind.ACTIVITY: ActivityData,
    FeedKind.SERVICE: ServiceData,
    FLIGHT_KIND: FlightRecord,
    FLIGHT_META_KIND: FlightFeedMeta,
    PARKING_REQUEST_KIND: ParkingRequest,  # kiosk.parking_wire: remote booking requests
}


class FeedChange(WireModel):
    """One change to county-owned data. Kinds this kiosk does not know are skipped, not fatal."""

    seq: int
    kind: str
    key: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    deleted: bool = False
    data: dict[str, Any] | None = None

    def typed_data(self) -> BaseModel | None:
        model = FEED_DATA.get(self.kind)
        if model is None or self.deleted or self.data is None:
            return None
        return model.model_validate(self.data)


class FeedPage(WireModel):
    station_code: StationCode
    changes: list[FeedChange]
    next_cursor: int
    has_more: bool
    public_base_url: str | None = None
