"""The rest corner (小哥歇歇角) on the wire between a kiosk and the county server, defined once.

Push (kiosk -> county), one operation per finished rest (kiosk.services.rest.service writes it
when a driver wakes or the keeper frees the seat): the seat, its kind, start, end and length.
Nothing about the driver travels: a rest is taken by seat alone, so the county can count how
seats are used per station without knowing who used them.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints, model_validator

from redhome_wire.protocol import WireModel

REST_FINISHED: Final = "rest.finished"
REST_OP_KINDS: Final = frozenset({REST_FINISHED})

UUID_PATTERN: Final = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SeatKindName = Literal["chair", "recliner", "bed"]
# How a rest ended: the driver tapped 我醒了 (or left early), or the keeper freed the seat.
EndedBy = Literal["driver", "keeper"]
SeatNumber = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,8}$")]
# A rest longer than a day is not a rest; the kiosk caps them far lower (its max_minutes).
MAX_REST_MINUTES: Final = 24 * 60


class RestFinished(WireModel):
    rest_id: Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
    seat: SeatNumber
    seat_kind: SeatKindName
    started_at: AwareDatetime
    ended_at: AwareDatetime
    # Whole minutes actually rested (start to end), what the county averages.
    minutes: Annotated[int, Field(ge=0, le=MAX_REST_MINUTES)]
    # Minutes asked for at the start (a flight-linked wake counts what it came to).
    planned_minutes: Annotated[int, Field(ge=0, le=MAX_REST_MINUTES)]
    snoozes: Annotated[int, Field(ge=0, le=10)] = 0
    ended_by: EndedBy = "driver"
    flight_linked: bool = False

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> RestFinished:
        if self.ended_at < self.started_at:
            raise ValueError("a rest cannot end before it starts")
        return self


OP_PAYLOADS: Final[dict[str, type[BaseModel]]] = {REST_FINISHED: RestFinished}
