"""The one place that builds and wires everything (composition root).

`build_kiosk` makes the services from a data dir, a clock and a credential store; the GUI,
the command line and the tests all come through it, tests with fakes or temp-file versions.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Settings, load_settings
from kiosk.credentials import CredentialStore, MemoryCredentialStore, keyring_store
from kiosk.parking_config import load_parking
from kiosk.paths import DataDir
from kiosk.services.catalog import DEFAULT_PLATFORMS, Platform
from kiosk.services.checkin import CheckInService
from kiosk.services.demo import DEMO_KEEPER_PIN, seed_demo
from kiosk.services.flight_cache import seed_demo_flights
from kiosk.services.identity import PhoneHasher
from kiosk.services.keeper_pin import KeeperPin
from kiosk.services.parking import ParkingService
from kiosk.services.parking_demo import AIRPORT_BAYS, seed_parking_demo
from kiosk.services.reports import ReportService
from kiosk.services.retention import RetentionService
from kiosk.services.station import StationService
from kiosk.store.database import OpenedDatabase, open_database
from kiosk.store.unit_of_work import UnitOfWorkFactory, unit_of_work_factory
from kiosk.sync.engine import ClientFactory, SyncEngine
from kiosk.sync.parking_apply import RemoteParking
from redhome_wire.station_time import Clock, SystemClock

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    """The services of one station, with no Qt in sight."""

    data_dir: DataDir
    settings: Settings
    clock: Clock
    credentials: CredentialStore
    database: OpenedDatabase
    uow_factory: UnitOfWorkFactory
    platforms: tuple[Platform, ...]
    checkin: CheckInService
    station: StationService
    reports: ReportService
    retention: RetentionService
    hasher: PhoneHasher
    sync: SyncEngine
    parking: ParkingService
    keeper_pin: KeeperPin

    def close(self) -> None:
        self.database.engine.dispose()


def build_kiosk(
    data_dir: DataDir,
    *,
    clock: Clock | None = None,
    credentials: CredentialStore | None = None,
    settings: Settings | None = None,
    county_client_factory: ClientFactory | None = None,
) -> Kiosk:
    data_dir.ensure()
    clock = clock or SystemClock()
    settings = settings or load_settings(data_dir.config)
    credentials = credentials or keyring_store(data_dir.root)
    database = open_database(data_dir.database, data_dir.backups, clock.now())
    uow_factory = unit_of_work_factory(database.session_factory)
    hasher = PhoneHasher.from_secret_store(credentials)
    platforms = DEFAULT_PLATFORMS
    parking_settings, bays = load_parking(data_dir.config)
    parking = ParkingService(uow_factory, clock, parking_settings, hasher)
    if bays:
        parking.sync_inventory(bays)
    sync = SyncEngine(uow_factory, clock, credentials, settings, county_client_factory)
    # Remote booking requests pulled from the county are decided under the same rules.
    sync.remote_parking = RemoteParking(clock, parking_settings, hasher)
    return Kiosk(
        data_dir=data_dir,
        settings=settings,
        clock=clock,
        credentials=credentials,
        database=database,
        uow_factory=uow_factory,
        platforms=platforms,
        checkin=CheckInService(uow_factory, clock, hasher, platforms),
        station=StationService(uow_factory, clock),
        reports=ReportService(uow_factory),
        retention=RetentionService(uow_factory, clock, settings.retention_days),
        hasher=hasher,
        sync=sync,
        parking=parking,
        keeper_pin=KeeperPin(credentials, clock),
    )


def build_demo_kiosk(*, clock: Clock | None = None, root: Path | None = None) -> Kiosk:
    """A throwaway station seeded with the airport station and a week of visits."""
    root = root or Path(tempfile.mkdtemp(prefix="redhome-demo-"))
    credentials = MemoryCredentialStore()
    kiosk = build_kiosk(DataDir(root), clock=clock, credentials=credentials, settings=Settings())
    written = seed_demo(kiosk.uow_factory, kiosk.hasher, kiosk.platforms, kiosk.clock.now())
    booked = seed_parking_demo(kiosk.parking, kiosk.clock.now(), AIRPORT_BAYS)
    seed_demo_flights(kiosk.uow_factory, kiosk.clock.now())
    kiosk.keeper_pin.set_pin(DEMO_KEEPER_PIN)
    log.info("demo data dir %s seeded with %d visits and %d bookings", root, written, booked)
    return kiosk
