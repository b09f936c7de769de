"""What a county capability declares, and what the platform hands it: the small typed protocol
behind county/capabilities.py.

A capability is one folder, county/<name>/, whose package declares `CAPABILITY`. It may import
the platform's core (models, db, this module), never the modules that iterate the registry (push,
app, the command line) and never another capability: imports run one way, so there is no cycle to
dodge with an import inside a function.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import GenericAlias
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from county.models import Station
from redhome_wire.protocol import Op, PayloadProblem, parse_payload

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PushContext:
    """What an op handler is handed with a batch's operations: the push's one transaction."""

    session: Session
    connection: Connection  # the session's own, for Core statements
    station: Station  # locked for the push
    now: datetime  # when the batch arrived


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity, a registry key
class OpHandler(Generic[T]):
    """Applies the pushed operations of some kinds (county.push holds the exactly-once block).

    Each gets ALL the fresh operations of its kinds in a batch at once, in batch order, twice:
    `check` answers each with what it will write (a T) or the PayloadProblem that rejects it,
    writing nothing; `write` then writes the accepted ones, each with the sequence number the
    push gave it, and may not refuse any more. Two steps because numbers follow batch order
    across every kind and count only applied operations, so none is known before every
    handler has checked its part.
    """

    payloads: Mapping[str, type[BaseModel]]  # kind -> strict wire model
    check: Callable[[PushContext, Sequence[Op]], list[T | PayloadProblem]]
    write: Callable[[PushContext, Sequence[tuple[int, T]]], None]


@dataclass(frozen=True, slots=True)
class CountyCapability:
    """What `county/<name>/__init__.py` declares as CAPABILITY."""

    name: str
    op_handlers: tuple[OpHandler[Any], ...] = ()


def check_payloads(
    payloads: Mapping[str, type[BaseModel]], ops: Sequence[Op]
) -> list[BaseModel | PayloadProblem]:
    """Each op's payload read with its kind's model, or the problem that refuses it, in op order.

    The ops of one kind are validated in one call (the usual case: all valid); only when that
    fails is each validated alone, so that every op gets its own reason and message.
    """
    by_kind: dict[str, list[int]] = {}
    for index, op in enumerate(ops):
        by_kind.setdefault(op.kind, []).append(index)
    outcomes: dict[int, BaseModel | PayloadProblem] = {}
    for kind, indexes in by_kind.items():
        model = payloads[kind]
        batch = [ops[index].payload for index in indexes]
        checked: list[BaseModel | PayloadProblem]
        try:
            checked = _list_of(model).validate_python(batch)
        except ValidationError:
            checked = [_checked(model, payload) for payload in batch]
        outcomes.update(zip(indexes, checked, strict=True))
    return [outcomes[index] for index in range(len(ops))]


@functools.cache
def _list_of(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(GenericAlias(list, (model,)))


def _checked(model: type[BaseModel], payload: dict[str, Any]) -> BaseModel | PayloadProblem:
    try:
        return parse_payload(model, payload)
    except PayloadProblem as problem:
        return problem
