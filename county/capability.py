"""What a county capability declares, and what the platform hands it: the small typed protocol
behind county/capabilities.py.

A capability is one folder, county/<name>/, whose package declares `CAPABILITY`. It may import
the platform's core (models, db, stations, feed, pages, this module), never the modules that
iterate the registry (push, publish, enrolment, stats, app, the command line, testing) and never
another capability: imports run one way, so there is no cycle to dodge with an import inside a
function. tests/county/test_county_house.py holds it to that.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from fastapi import FastAPI
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from county.models import Station
from county.pages import LinkPage
from redhome_wire.protocol import Op, PayloadProblem, parse_payload
from redhome_wire.station_time import Clock

T = TypeVar("T")


@dataclass
class County:
    """The county server's wiring, built once by county.app and handed to each capability."""

    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]  # on SQLite, takes the write lock when it begins
    clock: Clock
    public_url: str | None  # the base URL phones reach; None: the one a kiosk used


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


# What the county adds to a document of a capability's kinds before it is published: (session,
# kind, scope, key, the document as JSON or None for a deletion) -> the document to publish.
# Raises ValueError when the item may not be published so.
CompleteDocument = Callable[[Session, str, str, str, dict[str, Any] | None], dict[str, Any] | None]


class CommandProblem(Exception):
    """A command cannot run as asked: the command line prints the message and exits with 2."""


@dataclass(frozen=True, slots=True)
class Command:
    """A subcommand of `python -m county` that works on the county's database (it gets --db)."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    # (arguments, a writing session, now) -> exit status; it commits what it changes.
    run: Callable[[argparse.Namespace, Session, datetime], int]


class ServeSettings(NamedTuple):
    database_url: str
    data_dir: Path  # the county's own data folder


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Options a capability adds to `python -m county serve`, and what it runs with the server."""

    add_arguments: Callable[[argparse.ArgumentParser], None]
    # Reads the options before the app is built (CommandProblem when they are wrong); returns
    # what to attach to the built app, or None when the capability has nothing to run.
    prepare: Callable[[argparse.Namespace, ServeSettings], Callable[[FastAPI, County], None] | None]


@dataclass(frozen=True, slots=True)
class ConsoleView:
    """A capability's console page as it answers: one of its own templates (which extends the
    console's "base.html" and says its words with `t`) and what the template shows."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ConsoleFile:
    """An export: a download instead of a page (the console audits every one)."""

    filename: str
    media_type: str
    body: str


@dataclass(frozen=True, slots=True)
class ConsoleChange:
    """What a console form changed, for the audit trail: the action, its target, and the data
    before and after (JSON-able)."""

    action: str
    target: str
    before: Any = None
    after: Any = None


class ConsoleProblem(ValueError):
    """A console form that cannot be saved as filled in: `words_key` (one of the capability's
    console words) says why; nothing was changed."""

    def __init__(self, words_key: str) -> None:
        super().__init__(words_key)
        self.words_key = words_key


@dataclass(frozen=True, slots=True)
class ConsoleForm:
    """A form a capability's console page posts to /console<path> (path parameters allowed,
    e.g. "/stations/{station_code}/profile"). The console checks the role and the CSRF token,
    then calls `save(session, now, path_parameters, fields)` in a writing transaction, records
    the change it returns in the audit trail in that transaction, commits, and shows the page
    at the same path again (GET) with `?saved=1`, or with `?problem=<key>` on a ConsoleProblem."""

    path: str
    roles: frozenset[str]
    save: Callable[[Session, datetime, Mapping[str, str], Mapping[str, str]], ConsoleChange]


@dataclass(frozen=True, slots=True)
class ConsolePage:
    """A page a capability adds to the county's staff console, at /console<path>: the console
    roles that may open it ("admin", "editor", "handler", "viewer"), and what it shows, read
    with a session of the county's reader at `now` and the page's path and query parameters."""

    path: str
    roles: frozenset[str]
    show: Callable[[Session, datetime, Mapping[str, str]], ConsoleView | ConsoleFile]
    # Its entry in the console's menu: a key of the capability's words, or None for no entry.
    menu: str | None = None


@dataclass(frozen=True, slots=True)
class CountyCapability:
    """What `county/<name>/__init__.py` declares as CAPABILITY."""

    name: str
    op_handlers: tuple[OpHandler[Any], ...] = ()
    # The kinds of county-owned documents it publishes, each with the model `publish` reads it
    # with (an officer's JSON is checked against it).
    documents: Mapping[str, type[BaseModel]] = field(default_factory=dict)
    complete_document: CompleteDocument | None = None
    # Adds its routes and phone pages to the app.
    install: Callable[[FastAPI, County], None] | None = None
    # Pages behind short links (/s/<token>), by the link's kind.
    link_pages: Mapping[str, LinkPage] = field(default_factory=dict)
    # Runs once when a station is created (in the same transaction).
    station_created: Callable[[Session, Station, datetime], None] | None = None
    # What it adds to `stats`: station code -> fields.
    station_stats: Callable[[Session], Mapping[str, Mapping[str, Any]]] | None = None
    commands: tuple[Command, ...] = ()
    serve_options: ServeOptions | None = None
    # Its pages in the staff console (county/console), their templates' folder (each file named
    # "<capability>_*.html") and their words: language ("zh", "en") -> key -> text, every key
    # starting "<capability>_".
    console_pages: tuple[ConsolePage, ...] = ()
    console_forms: tuple[ConsoleForm, ...] = ()
    console_templates: Path | None = None
    console_words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


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
    # A list of a model chosen at run time: a type to pydantic, a variable to mypy.
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _checked(model: type[BaseModel], payload: dict[str, Any]) -> BaseModel | PayloadProblem:
    try:
        return parse_payload(model, payload)
    except PayloadProblem as problem:
        return problem
