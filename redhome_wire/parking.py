"""Parking on the wire between a kiosk and the county server (pydantic v2), defined once.


Push (kiosk -> county), operations written to the outbox:
- RESERVATION_CREATED / RESERVATION_UPDATED (kiosk.services.parking.service writes them): the whole
  public state of one reservation, so each operation stands on its own. The plate travels
  masked (湘A***45) and nothing of a phone ever does.
- REQUEST_RESULT: the station's answer to a remote booking request: accepted with the code, or
  rejected with the reason (a kiosk.services.parking.ParkingProblem value, or "invalid_plate").

Pull (county -> one station), a feed item of kind PARKING_REQUEST_KIND keyed by its request id:
a booking asked for through the county. The station decides; the county only relays. The full
plate has to travel here (the kiosk books by plate); the county drops the feed entry once the
station's answer has arrived.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Final, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from redhome_wire.protocol import FeedDocument, WireDate, WireDatetime

RESERVATION_CREATED: Final = "reservation.created"
RESERVATION_UPDATED: Final = "reservation.updated"
REQUEST_RESULT: Final = "parking.request_result"
PARKING_REQUEST_KIND: Final = "parking.request"
PARKING_OP_KINDS: Final = frozenset({RESERVATION_CREATED, RESERVATION_UPDATED, REQUEST_RESULT})

ACCEPTED: Final = "accepted"
REJECTED: Final = "rejected"

UUID_PATTERN: Final = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Uuid = Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
ReservationCode = Annotated[str, StringConstraints(pattern=r"^P-[0-9]{4}$")]
BayTypeName = Literal["car", "ev", "truck"]
StateName = Literal["booked", "arrived", "left", "no_show", "cancelled"]
Word = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]
BayCode = Annotated[str, StringConstraints(min_length=1, max_length=16)]

_SEPARATORS = re.compile(r"[\s·•\-_.]")
# Loose on purpose: the station validates to GA 36-2018 and answers invalid_plate.
_PLATE = re.compile(r"^[\u4e00-\u9fff][A-Z][A-Z0-9\u4e00-\u9fff]{5,6}$")
_PHONE_KEYS = ("phone", "mobile", "tel")


def normalise_plate(text: str) -> str:
    """Full-width to half-width, upper case, separators gone (the kiosk's own rule)."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def mask_plate(number: str) -> str:
    """湘A***45: the same masking as kiosk.services.parking.plates.mask_plate."""
    if len(number) < 5:
        return "*" * len(number)
    return f"{number[:2]}***{number[-2:]}"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _no_phone_fields(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(
            isinstance(key, str) and any(word in key.lower() for word in _PHONE_KEYS)
            for key in data
        ):
            raise PydanticCustomError("personal_data", "a phone number never goes to the county")
        return data


class ReservationChange(_Model):
    """reservation.created / reservation.updated: one reservation's whole public state."""

    reservation_id: Uuid
    code: ReservationCode
    event: Word  # created, arrived, left, no_show, cancelled, moved
    state: StateName
    bay_type: BayTypeName
    bay_code: BayCode | None = None
    power_kw: Annotated[float, Field(gt=0, le=1000)] | None = None
    plate_masked: Annotated[str, StringConstraints(min_length=1, max_length=12)]
    new_energy: bool
    start_at: WireDatetime
    end_at: WireDatetime
    local_day: WireDate
    created_at: WireDatetime
    arrived_at: WireDatetime | None = None
    left_at: WireDatetime | None = None
    cancelled_at: WireDatetime | None = None
    no_show_at: WireDatetime | None = None
    source: Literal["kiosk", "remote", "keeper"]
    remote_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    changed_at: WireDatetime

    @field_validator("plate_masked")
    @classmethod
    def _masked(cls, value: str) -> str:
        # At most four characters of the plate may show (mask_plate keeps two and two).
        if "*" not in value or sum(char != "*" for char in value) > 4:
            raise PydanticCustomError("personal_data", "the plate must be masked")
        return value

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.end_at <= self.start_at:
            raise ValueError("end_at must be after start_at")
        return self


class RequestResult(_Model):
    """parking.request_result: what the station made of a remote booking request."""

    request_id: Uuid
    outcome: Literal["accepted", "rejected"]
    reason: Word | None = None  # when rejected: a ParkingProblem value or invalid_plate
    reservation_id: Uuid | None = None
    code: ReservationCode | None = None
    bay_type: BayTypeName | None = None
    bay_code: BayCode | None = None
    start_at: WireDatetime | None = None
    end_at: WireDatetime | None = None
    ban_ends_at: WireDatetime | None = None  # when rejected as banned
    decided_at: WireDatetime

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.outcome == ACCEPTED and (self.reservation_id is None or self.code is None):
            raise ValueError("an accepted request names its reservation and code")
        if self.outcome == REJECTED and self.reason is None:
            raise ValueError("a rejected request says why")
        return self


class ParkingRequest(FeedDocument):
    """Feed item parking.request: a booking asked for through the county, for one station."""

    request_id: Uuid
    bay_type: BayTypeName
    start_at: WireDatetime | None = None  # None: from when the station receives it
    minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    plate: Annotated[str, StringConstraints(min_length=7, max_length=8)]
    requested_at: WireDatetime

    @field_validator("plate", mode="before")
    @classmethod
    def _plate(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        number = normalise_plate(value)
        if not _PLATE.match(number):
            raise PydanticCustomError("plate", "not a Chinese licence plate")
        return number


FEED_DOCUMENTS: Final[dict[str, type[BaseModel]]] = {PARKING_REQUEST_KIND: ParkingRequest}
OP_PAYLOADS: Final[dict[str, type[BaseModel]]] = {
    RESERVATION_CREATED: ReservationChange,
    RESERVATION_UPDATED: ReservationChange,
    REQUEST_RESULT: RequestResult,
}
