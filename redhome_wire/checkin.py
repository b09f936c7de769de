"""Check-in on the wire: the one operation a visit sends to the county."""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import BaseModel, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from redhome_wire.protocol import Key, WireDate, WireDatetime, WireModel, looks_like_phone_number

VISIT_CREATED: Final = "visit.created"


class VisitCreated(WireModel):
    """A driver's visit: what they do and why they came. Nothing that names the driver."""

    visit_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{32,36}$")]
    work_type: Key
    work_detail: Annotated[str, StringConstraints(max_length=40)] | None = None
    platform: Key | None = None
    purpose: Key
    returning: bool
    checked_in_at: WireDatetime
    local_day: WireDate

    @field_validator("work_detail")
    @classmethod
    def _no_phone_numbers(cls, value: str | None) -> str | None:
        if value is not None and looks_like_phone_number(value):
            raise PydanticCustomError("personal_data", "free text looks like a phone number")
        return value


OP_PAYLOADS: Final[dict[str, type[BaseModel]]] = {VISIT_CREATED: VisitCreated}
