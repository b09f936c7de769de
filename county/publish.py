"""Publishing county-owned data from outside a capability: an officer's JSON (`python -m county
publish`), the test harness, a script.

Each kind is checked against the capability that declares it (CountyCapability.documents): an
unknown kind is refused, the data must be that kind's model, and the capability may complete
the document or refuse the item (a station profile gets its code and card page). The item is
then written to county_items and the feed (county.feed.write_item).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from county.capabilities import CAPABILITIES
from county.capability import CompleteDocument, CountyCapability
from county.feed import ALL_STATIONS, write_item
from county.stations import UnknownStation
from redhome_wire.protocol import problem_of

MAX_KEY_LENGTH = 64


class DocumentKind(NamedTuple):
    model: type[BaseModel]
    complete: CompleteDocument | None


def documents_by_kind(capabilities: Sequence[CountyCapability]) -> dict[str, DocumentKind]:
    """Each published kind with its model and its capability's hook; a kind declared twice is
    a mistake."""
    kinds: dict[str, DocumentKind] = {}
    for capability in capabilities:
        for kind, model in capability.documents.items():
            if kind in kinds:
                raise ValueError(f"document kind {kind!r} is declared twice")
            kinds[kind] = DocumentKind(model, capability.complete_document)
    return kinds


DOCUMENTS = documents_by_kind(CAPABILITIES)


def _kind(kind: str) -> DocumentKind:
    declared = DOCUMENTS.get(kind)
    if declared is None:
        raise ValueError(f"unknown kind {kind!r}")
    return declared


def publish(
    session: Session,
    scope: str,
    kind: str,
    key: str,
    data: BaseModel | None,
    now: datetime,
) -> int:
    """county.feed.write_item for a kind some capability declares, checked and completed by it.

    ValueError for an unknown kind, data of another model, or an item its capability refuses.
    """
    model, complete = _kind(kind)
    if data is not None and not isinstance(data, model):
        raise ValueError(f"a {kind!r} document is a {model.__name__}, not {type(data).__name__}")
    if complete is not None:
        given = data.model_dump(mode="json") if data is not None else None
        document = complete(session, kind, scope, key, given)
        if document is not given:  # completed: read again, as what will be sent
            data = model.model_validate(document) if document is not None else None
    return write_item(session, scope, kind, key, data, now)


class PublishProblem(ValueError):
    """A document that cannot be published, with a one-line reason naming the item."""


def publish_document(session: Session, items: Any, now: datetime) -> int:
    """Publish a list of {scope, kind, key, data|null}; returns how many were published.

    Each item's data is validated by its kind's wire model, the one the kiosk reads it with
    (ranges included): what a kiosk could not read is refused here, with a PublishProblem.
    """
    if not isinstance(items, list):
        raise PublishProblem('the document must be a JSON list of {"scope","kind","key","data"}')
    for number, item in enumerate(items, start=1):
        try:
            _publish_item(session, item, now)
        except ValidationError as error:
            raise PublishProblem(f"item {number}: {problem_of(error).message}") from None
        except UnknownStation as error:
            raise PublishProblem(f"item {number}: no station {error}") from None
        except (KeyError, TypeError, ValueError) as error:
            reason = f"missing {error}" if isinstance(error, KeyError) else str(error)
            raise PublishProblem(f"item {number}: {reason}") from None
    return len(items)


def _publish_item(session: Session, item: Any, now: datetime) -> None:
    if not isinstance(item, dict):
        raise TypeError("an item is a JSON object")
    kind = str(item["kind"])
    scope = str(item.get("scope", ALL_STATIONS))
    key = str(item["key"])
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise ValueError(f"a key is 1 to {MAX_KEY_LENGTH} characters")  # FeedChange.key's range
    model, complete = _kind(kind)
    document = item.get("data")
    if complete is not None:
        document = complete(session, kind, scope, key, document)
    data = model.model_validate(document) if document is not None else None
    write_item(session, scope, kind, key, data, now)
