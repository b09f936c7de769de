"""The toy's wire: one op it sends, one document it pulls."""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import AwareDatetime, BaseModel, StringConstraints

from redhome_wire.protocol import FeedDocument, WireModel

NOTED: Final = "toy.noted"
TIP: Final = "toy.tip"


class ToyNoted(WireModel):
    text: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    noted_at: AwareDatetime


class ToyTip(FeedDocument):
    text: str


OP_PAYLOADS: Final[dict[str, type[BaseModel]]] = {NOTED: ToyNoted}
