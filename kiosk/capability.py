"""What a capability declares, and what the platform hands it: the small typed protocol behind
kiosk/capabilities.py. Plain Python, no Qt.

A capability is two folders. Its Qt-free half, `kiosk/services/<name>/capability.py`, holds a
`CORE: CoreCapability`; its Qt half, `kiosk/ui/<name>/capability.py`, a `UI: UiCapability`
(kiosk.ui.capability). Both modules are declarations: importing them is cheap, and the heavy
modules (SQLAlchemy models, pydantic, flight data) load inside `build`, when the kiosk is built.

The platform (app.py, the shell, sync, the store, the demo, the command line) iterates the
registry and never names a capability; a capability never imports another one: what it needs
from another goes through a port (kiosk.ports) that the composition root fills.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sqlalchemy.orm import Session

    from kiosk.app import Kiosk
    from kiosk.config import Settings
    from kiosk.credentials import CredentialStore
    from kiosk.paths import DataDir
    from kiosk.ports import Ports
    from kiosk.services.identity import PhoneHasher
    from kiosk.store.unit_of_work import UnitOfWorkFactory
    from redhome_wire.protocol import FeedChange
    from redhome_wire.station_time import Clock


@dataclass(frozen=True, slots=True)
class CapabilityRef:
    """One line of the registry: where a capability's two halves are. Nothing of it is imported
    until it is asked for."""

    name: str
    core_module: str
    ui_module: str

    @classmethod
    def folders(cls, name: str) -> CapabilityRef:
        """A capability in the house's layout: kiosk/services/<name>/ and kiosk/ui/<name>/."""
        return cls(name, f"kiosk.services.{name}.capability", f"kiosk.ui.{name}.capability")

    def core(self) -> CoreCapability:
        core = importlib.import_module(self.core_module).CORE
        if not isinstance(core, CoreCapability) or core.name != self.name:
            raise TypeError(f"{self.core_module}.CORE is not the core of {self.name!r}")
        return core


@dataclass(frozen=True, slots=True)
class CoreContext:
    """What the platform hands a capability's Qt-free half when the kiosk is built."""

    data_dir: DataDir
    settings: Settings
    clock: Clock
    uow_factory: UnitOfWorkFactory
    credentials: CredentialStore
    hasher: PhoneHasher
    ports: Ports


@dataclass(frozen=True, slots=True)
class FeedApplier:
    """Applies pulled documents of one kind. `apply` runs inside the page's transaction and says
    whether it changed anything; `data` is the document read with `model` (None when deleted)."""

    kind: str
    model: type[BaseModel]
    apply: Callable[[Session, FeedChange, Any, datetime], bool]


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    """Work the shell runs off the UI thread: once at start, then every `interval_s` seconds.
    `run` returns a line for the log, or None when there was nothing to do."""

    name: str
    interval_s: int
    run: Callable[[], str | None]


@dataclass(frozen=True, slots=True)
class Command:
    """A command-line subcommand (`python -m kiosk NAME`): no Qt, no window."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Kiosk, argparse.Namespace], int]


@dataclass
class CoreParts:
    """A built capability's Qt-free half: its service for its own UI half, and its hooks."""

    name: str
    service: Any
    # Outbox op kinds it writes, each with the wire model its rows are written from.
    op_payloads: Mapping[str, type[BaseModel]] = field(default_factory=dict)
    appliers: tuple[FeedApplier, ...] = ()
    jobs: tuple[PeriodicJob, ...] = ()
    # The day's counters, flat and namespaced ("checkin.visits"); the keeper's summary and the
    # close-out read them.
    day_counts: Callable[[date], Mapping[str, int]] | None = None
    # Whether the station offers it now (its home tile shows only then); runs off the UI thread.
    offered: Callable[[], bool] | None = None
    # Seeds the demo station; returns a line for the log.
    demo_seed: Callable[[datetime], str] | None = None
    # Unlinks its records made before a cutoff from their driver (the retention setting).
    unlink_before: Callable[[Session, datetime], int] | None = None


@dataclass(frozen=True, slots=True)
class CoreCapability:
    """What `kiosk/services/<name>/capability.py` declares as CORE."""

    name: str
    build: Callable[[CoreContext], CoreParts]
    # The module that defines its store models, imported for Alembic and the schema check.
    models: str | None = None
    # Its Alembic revisions (NNNN_<name>_<what>.py), part of the kiosk's one linear history.
    migrations: Path | None = None
    commands: tuple[Command, ...] = ()
    # Ports it fills for others (kiosk.ports.Ports field name -> factory from its parts).
    provides: Mapping[str, Callable[[CoreParts], object]] = field(default_factory=dict)


def at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number no smaller than `minimum`, else a usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value

    parse.__name__ = f"at least {minimum}"
    return parse
