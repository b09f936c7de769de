"""The one place that builds and wires everything (composition root).

`build_kiosk` makes the platform (store, clock, credentials, sync) from a data dir, then each
capability of the registry (kiosk/capabilities.py), and fills the ports they share. The GUI, the
command line and the tests all come through it, tests with fakes or temp-file versions.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.capability import CapabilityRef, CoreCapability, CoreContext, CoreParts, PeriodicJob
from kiosk.config import Settings, load_settings
from kiosk.credentials import CredentialStore, MemoryCredentialStore, keyring_store
from kiosk.paths import DataDir
from kiosk.ports import Ports
from kiosk.services.identity import PhoneHasher
from kiosk.services.keeper_pin import KeeperPin
from kiosk.services.retention import RetentionService
from kiosk.services.station import StationService, station_appliers
from kiosk.store.database import OpenedDatabase, open_database
from kiosk.store.unit_of_work import UnitOfWorkFactory, unit_of_work_factory
from kiosk.sync.engine import ClientFactory, SyncEngine
from redhome_wire.station_time import Clock, SystemClock

log = logging.getLogger(__name__)

RETENTION_INTERVAL_S = 24 * 60 * 60


@dataclass
class Kiosk:
    """The services of one station, with no Qt in sight."""

    data_dir: DataDir
    settings: Settings
    clock: Clock
    credentials: CredentialStore
    database: OpenedDatabase
    uow_factory: UnitOfWorkFactory
    station: StationService
    retention: RetentionService
    hasher: PhoneHasher
    sync: SyncEngine
    keeper_pin: KeeperPin
    ports: Ports
    # The built capabilities, in home-screen order, by name.
    parts: dict[str, CoreParts]
    capabilities: tuple[CapabilityRef, ...]
    # Run once by close(), after the database: a demo removes its throwaway data dir.
    on_close: list[Callable[[], None]] = field(default_factory=list)

    def service(self, name: str) -> Any:
        """A capability's service, for its own UI half (and tests)."""
        return self.parts[name].service

    def jobs(self) -> list[PeriodicJob]:
        """Every periodic job: the platform's, then each capability's."""
        retention = PeriodicJob(
            "retention", RETENTION_INTERVAL_S, lambda: str(self.retention.run())
        )
        return [retention, *(job for parts in self.parts.values() for job in parts.jobs)]

    def day_counts(self, day: date) -> dict[str, int]:
        """The day's counters of every capability (the keeper's summary, the close-out)."""
        return day_counts_of(self.parts, day)

    def close(self) -> None:
        self.database.engine.dispose()
        while self.on_close:
            self.on_close.pop(0)()


def day_counts_of(parts: Mapping[str, CoreParts], day: date) -> dict[str, int]:
    counters: dict[str, int] = {}
    for part in parts.values():
        if part.day_counts is not None:
            counters.update(part.day_counts(day))
    return counters


def enabled_capabilities(
    settings: Settings, capabilities: Iterable[CapabilityRef] | None = None
) -> tuple[CapabilityRef, ...]:
    """The registry less what this station switched off."""
    if capabilities is None:
        from kiosk.capabilities import CAPABILITIES

        capabilities = CAPABILITIES
    registry = tuple(capabilities)
    unknown = set(settings.switched_off) - {ref.name for ref in registry}
    if unknown:
        log.warning("switched_off names no capability: %s", ", ".join(sorted(unknown)))
    return tuple(ref for ref in registry if ref.name not in settings.switched_off)


def _fill_ports(ports: Ports, built: Iterable[tuple[CoreCapability, CoreParts]]) -> None:
    for core, parts in built:
        for port, factory in core.provides.items():
            if not hasattr(ports, port):
                raise AttributeError(f"{core.name} provides {port!r}, which is no port")
            setattr(ports, port, factory(parts))


def build_kiosk(
    data_dir: DataDir,
    *,
    clock: Clock | None = None,
    credentials: CredentialStore | None = None,
    settings: Settings | None = None,
    county_client_factory: ClientFactory | None = None,
    capabilities: Iterable[CapabilityRef] | None = None,
    ports: Ports | None = None,
) -> Kiosk:
    data_dir.ensure()
    clock = clock or SystemClock()
    settings = settings or load_settings(data_dir.config)
    credentials = credentials or keyring_store(data_dir.root)
    ports = ports or Ports()
    # Every capability's tables exist whether or not this station switched it off: the schema
    # is one history, and switching a capability back on must find its data.
    registry = tuple(capabilities) if capabilities is not None else None
    database = open_database(data_dir.database, data_dir.backups, clock.now(), registry)
    uow_factory = unit_of_work_factory(database.session_factory)
    hasher = PhoneHasher.from_secret_store(credentials)
    context = CoreContext(data_dir, settings, clock, uow_factory, credentials, hasher, ports)
    enabled = enabled_capabilities(settings, registry)
    built = [(ref.core(), ref) for ref in enabled]
    parts = {core.name: core.build(context) for core, _ref in built}
    _fill_ports(ports, ((core, parts[core.name]) for core, _ref in built))
    ports.day_counts = functools.partial(day_counts_of, parts)
    sync = SyncEngine(
        uow_factory,
        clock,
        credentials,
        settings,
        county_client_factory,
        appliers=[
            *station_appliers(),
            *(applier for part in parts.values() for applier in part.appliers),
        ],
        lock_path=data_dir.sync_lock,
    )
    unlinkers = [part.unlink_before for part in parts.values() if part.unlink_before]
    return Kiosk(
        data_dir=data_dir,
        settings=settings,
        clock=clock,
        credentials=credentials,
        database=database,
        uow_factory=uow_factory,
        station=StationService(uow_factory, clock),
        retention=RetentionService(uow_factory, clock, settings.retention_days, unlinkers),
        hasher=hasher,
        sync=sync,
        keeper_pin=KeeperPin(credentials, clock),
        ports=ports,
        parts=parts,
        capabilities=enabled,
    )


def build_demo_kiosk(
    *,
    clock: Clock | None = None,
    root: Path | None = None,
    capabilities: Iterable[CapabilityRef] | None = None,
) -> Kiosk:
    """A throwaway station: the airport station, each capability's demo data, keeper PIN 1234.

    Without a root it lives in a new `redhome-demo-*` temp folder, removed by `close()`; folders
    that killed demos left behind are removed first (kiosk.demodir)."""
    from kiosk.demodir import DemoDir

    if root is not None:
        return _seed_demo(root, clock, capabilities)
    demo_dir = DemoDir.create()
    try:
        kiosk = _seed_demo(demo_dir.root, clock, capabilities)
    except BaseException:
        demo_dir.remove()
        raise
    kiosk.on_close.append(demo_dir.remove)
    return kiosk


def _seed_demo(
    root: Path, clock: Clock | None, capabilities: Iterable[CapabilityRef] | None
) -> Kiosk:
    from kiosk.services.demo import DEMO_KEEPER_PIN, seed_station_profile

    kiosk = build_kiosk(
        DataDir(root),
        clock=clock,
        credentials=MemoryCredentialStore(),
        settings=Settings(),
        capabilities=capabilities,
    )
    try:
        now = kiosk.clock.now()
        seed_station_profile(kiosk.uow_factory, now)
        seeded: Mapping[str, str] = {
            name: part.demo_seed(now) for name, part in kiosk.parts.items() if part.demo_seed
        }
        kiosk.keeper_pin.set_pin(DEMO_KEEPER_PIN)
    except BaseException:
        kiosk.close()
        raise
    log.info("demo data dir %s seeded: %s", root, seeded)
    return kiosk
