"""The kiosk window: view-models wired to the services, and the QML that binds to them."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.app import Kiosk
from kiosk.logs import resolve_log_dir
from kiosk.paths import qml_dir, resources_dir
from kiosk.services.diagnostics import collect_local
from kiosk.services.flight_cache import (
    flight_page_base_url,
    flight_qr_text,
    has_cached_flights,
    load_cached_flights,
)
from kiosk.services.flights import BoardSettings
from kiosk.sync.links import county_public_base_url, reservation_qr_text
from kiosk.sync.probe import probe_server
from kiosk.ui.checkin_viewmodel import CheckInViewModel
from kiosk.ui.crash_guard import CrashGuard
from kiosk.ui.diagnostics_viewmodel import DiagnosticsViewModel, findings_collector
from kiosk.ui.flights_viewmodel import FlightsViewModel
from kiosk.ui.fonts import load_bundled_fonts
from kiosk.ui.icons import IconProvider
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.keeper_access import KeeperAccess
from kiosk.ui.keeper_parking_viewmodel import KeeperParkingViewModel
from kiosk.ui.keeper_viewmodel import KeeperViewModel
from kiosk.ui.language import LanguageController
from kiosk.ui.navigation import HOME, Navigator
from kiosk.ui.parking_viewmodel import ParkingViewModel
from kiosk.ui.qr import QrProvider
from kiosk.ui.setup_viewmodel import PAGE_SETUP, SetupViewModel
from kiosk.ui.station_viewmodel import StationViewModel
from kiosk.ui.sync_viewmodel import SyncViewModel
from kiosk.ui.tasks import TaskRunner
from kiosk.watchdog import request_maintenance

log = logging.getLogger(__name__)

RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000
KEEPER_PAGE = "keeper"
DIAGNOSTICS_PAGE = "keeper.diagnostics"
CALL_KEEPER_PAGE = "call-keeper"
KEEPER_PARKING_PAGE = "keeper.parking"
NO_SHOW_SWEEP_MS = 60 * 1000


class ShellModel(QObject):
    """What QML sees: one object that hands each page the view-models it binds to."""

    capabilitiesChanged = Signal()

    def __init__(
        self, kiosk: Kiosk, parent: QObject | None = None, *, log_dir: Path | None = None
    ) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self.log_dir = resolve_log_dir(log_dir)
        self.tasks = TaskRunner(self)
        # Diagnostics wait on the network; they must never hold up a check-in's write.
        self.diagnostics_tasks = TaskRunner(self)
        self.navigator = Navigator(self)
        self.language_controller = LanguageController(
            resources_dir() / "i18n", kiosk.settings.language, self
        )
        self.idle_watcher = IdleWatcher(
            kiosk.clock, kiosk.settings.idle_timeout_s, kiosk.settings.idle_countdown_s, self
        )
        self.station_vm = StationViewModel(
            kiosk.station,
            self.tasks,
            kiosk.clock,
            self.language_controller,
            kiosk.settings.large_text,
            self,
        )
        self.checkin_vm = CheckInViewModel(
            kiosk.checkin,
            self.tasks,
            self.navigator,
            self.language_controller,
            kiosk.platforms,
            kiosk.settings.confirmation_return_s,
            kiosk.settings.retention_days,
            self,
        )
        self.keeper_vm = KeeperViewModel(
            kiosk.reports,
            kiosk.station,
            self.tasks,
            kiosk.clock,
            self.language_controller,
            self,
        )
        self.keeper_access = KeeperAccess(
            kiosk.keeper_pin, self.tasks, self.navigator, kiosk.clock, self
        )
        self.parking_vm = ParkingViewModel(
            kiosk.parking,
            kiosk.parking.settings,
            self.tasks,
            self.navigator,
            kiosk.clock,
            self.language_controller,
            kiosk.settings.confirmation_return_s,
            reservation_qr_text,
            lambda: county_public_base_url(kiosk.uow_factory),
            self,
        )
        self.flights_vm = FlightsViewModel(
            lambda: (
                *load_cached_flights(kiosk.uow_factory),
                flight_page_base_url(kiosk.uow_factory),
            ),
            flight_qr_text,
            BoardSettings(),
            self.tasks,
            self.navigator,
            kiosk.clock,
            self.language_controller,
            self,
        )
        self.keeper_parking_vm = KeeperParkingViewModel(
            kiosk.parking, self.tasks, kiosk.clock, self.language_controller, self
        )
        self.diagnostics_vm = DiagnosticsViewModel(
            findings_collector(
                lambda: collect_local(
                    kiosk.data_dir.database, kiosk.uow_factory, kiosk.credentials.backend_name
                ),
                kiosk.sync.status,
                lambda url: probe_server(url, kiosk.clock),
            ),
            self.log_dir,
            self.diagnostics_tasks,
            kiosk.clock,
            self.language_controller,
            self,
        )
        self.sync_vm = SyncViewModel(
            kiosk.sync,
            kiosk.clock,
            kiosk.settings.sync_interval_s,
            self.language_controller.languageChanged,
            self,
        )
        self.setup_vm = SetupViewModel(
            kiosk.sync,
            kiosk.keeper_pin,
            kiosk.credentials,
            self.diagnostics_tasks,
            self.navigator,
            self.language_controller,
            self,
        )
        self.setup_vm.finished.connect(self.sync_vm.syncNow)
        self.crash_guard = CrashGuard(kiosk.clock, self.goHome, self.call_keeper)
        self._has_parking = False
        self._has_flights = False
        self.navigator.pageChanged.connect(self._page_changed)
        self.idle_watcher.timedOut.connect(self._idle_timed_out)
        self._retention_timer = QTimer(self)
        self._retention_timer.setInterval(RETENTION_INTERVAL_MS)
        self._retention_timer.timeout.connect(self.run_retention)
        # Bookings past their grace period become no-shows and free their bay on their own.
        self._no_show_timer = QTimer(self)
        self._no_show_timer.setInterval(NO_SHOW_SWEEP_MS)
        self._no_show_timer.timeout.connect(self.sweep_no_shows)

    def start(self, *, first_boot_setup: bool = True) -> None:
        if first_boot_setup and not self._kiosk.sync.status().enrolled:
            log.info("not enrolled yet: opening the setup wizard")
            self.navigator.go(PAGE_SETUP)
        self.refresh_capabilities()
        self.run_retention()
        self._retention_timer.start()
        self.sweep_no_shows()
        self._no_show_timer.start()
        self.station_vm.start()
        self.idle_watcher.start()
        self.sync_vm.start()

    def run_retention(self) -> None:
        self.tasks.run(
            self._kiosk.retention.run,
            lambda result: log.info("retention: %s", result),
            lambda error: log.error("retention failed: %s", error),
        )

    def sweep_no_shows(self) -> None:
        self.tasks.run(
            self._kiosk.parking.expire_no_shows,
            lambda count: count and log.info("%d bookings became no-shows", count),
            lambda error: log.error("no-show sweep failed: %s", error),
        )

    @Property(QObject, constant=True)
    def nav(self) -> QObject:
        return self.navigator

    @Property(QObject, constant=True)
    def language(self) -> QObject:
        return self.language_controller

    @Property(QObject, constant=True)
    def idle(self) -> QObject:
        return self.idle_watcher

    @Property(QObject, constant=True)
    def station(self) -> QObject:
        return self.station_vm

    @Property(QObject, constant=True)
    def checkIn(self) -> QObject:
        return self.checkin_vm

    @Property(QObject, constant=True)
    def keeper(self) -> QObject:
        return self.keeper_vm

    @Property(QObject, constant=True)
    def parking(self) -> QObject:
        return self.parking_vm

    @Property(QObject, constant=True)
    def flights(self) -> QObject:
        return self.flights_vm

    @Property(QObject, constant=True)
    def keeperParking(self) -> QObject:
        return self.keeper_parking_vm

    @Property(bool, notify=capabilitiesChanged)
    def hasParking(self) -> bool:
        return self._has_parking

    @Property(bool, notify=capabilitiesChanged)
    def hasFlights(self) -> bool:
        return self._has_flights

    def refresh_capabilities(self) -> None:
        """Tiles for what this station has: bays configured, flights pulled."""

        def found(result: tuple[bool, bool]) -> None:
            if result != (self._has_parking, self._has_flights):
                self._has_parking, self._has_flights = result
                self.capabilitiesChanged.emit()

        self.tasks.run(
            lambda: (bool(self._kiosk.parking.bays()), has_cached_flights(self._kiosk.uow_factory)),
            found,
            lambda error: log.error("could not read what this station offers: %s", error),
        )

    @Property(QObject, constant=True)
    def sync(self) -> QObject:
        return self.sync_vm

    @Property(QObject, constant=True)
    def setup(self) -> QObject:
        return self.setup_vm

    @Property(QObject, constant=True)
    def keeperAccess(self) -> QObject:
        return self.keeper_access

    @Property(QObject, constant=True)
    def diagnostics(self) -> QObject:
        return self.diagnostics_vm

    @Slot()
    def goHome(self) -> None:
        self.checkin_vm.reset()
        self.parking_vm.reset()
        self.flights_vm.reset()
        self.keeper_access.lock()
        self.navigator.home()

    @Slot()
    def openKeeper(self) -> None:
        if not self.keeper_access.unlocked:
            self.keeper_access.open_pad()
            return
        self.keeper_vm.refresh()
        self.navigator.go(KEEPER_PAGE)

    @Slot()
    def openDiagnostics(self) -> None:
        if not self.keeper_access.unlocked:
            self.keeper_access.open_pad()
            return
        self.diagnostics_vm.refresh()
        self.navigator.go(DIAGNOSTICS_PAGE)

    @Slot(str)
    def openKeeperPage(self, page: str) -> None:
        """Any keeper page, behind the PIN."""
        if not self.keeper_access.unlocked:
            self.keeper_access.open_pad()
            return
        if page == KEEPER_PARKING_PAGE:
            self.keeper_parking_vm.refresh()
        self.navigator.go(page)

    @Slot()
    def exitKiosk(self) -> None:
        if self.keeper_access.unlocked:
            log.info("keeper closed the kiosk")
            # Tells the service manager this exit is wanted, so it does not restart the kiosk.
            request_maintenance()
            self.keeper_access.allow_close()
            QGuiApplication.quit()

    @Slot(result=bool)
    def mayClose(self) -> bool:
        """A close request (Alt+F4, the window manager) counts only for an unlocked keeper."""
        if not self.keeper_access.may_close:
            log.info("close request ignored: kiosk is locked")
        return self.keeper_access.may_close

    def call_keeper(self) -> None:
        self.checkin_vm.reset()
        self.parking_vm.reset()
        self.keeper_access.lock()
        self.navigator.finish(CALL_KEEPER_PAGE)

    def _page_changed(self) -> None:
        self.idle_watcher.set_armed(self.navigator.page != HOME)
        if self.navigator.page == HOME:
            self.keeper_access.lock()
            self.station_vm.refresh()
            self.sync_vm.refresh()
            self.refresh_capabilities()

    def _idle_timed_out(self) -> None:
        log.info("idle timeout on %s: back home, fields cleared", self.navigator.page)
        self.checkin_vm.reset()
        self.parking_vm.reset()
        self.flights_vm.reset()
        self.keeper_access.lock()
        self.station_vm.reset_for_next_driver()
        self.language_controller.set_language(self._kiosk.settings.language)
        self.navigator.home()


class KioskWindow:
    """Loads Main.qml for a ShellModel. The QGuiApplication must already exist."""

    engine: QQmlApplicationEngine
    window: QQuickWindow

    def __init__(self, shell: ShellModel) -> None:
        self.shell = shell
        load_bundled_fonts(resources_dir() / "fonts")
        self.engine = QQmlApplicationEngine()
        self.engine.addImageProvider("icon", IconProvider(resources_dir() / "icons"))
        self.engine.addImageProvider("qr", QrProvider())
        shell.language_controller.attach_engine(self.engine)
        self.engine.setInitialProperties({"kiosk": shell})
        self.engine.load(QUrl.fromLocalFile(str(qml_dir() / "Main.qml")))
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            raise RuntimeError("Main.qml did not load")
        self.window: QQuickWindow = roots[0]
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(shell.idle_watcher)
            app.installEventFilter(shell.keeper_access)

    def close(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self.shell.idle_watcher)
            app.removeEventFilter(self.shell.keeper_access)
        self.shell.keeper_access.lock()
        self.shell.keeper_access.allow_close()
        self.window.close()
        self.shell.sync_vm.shutdown()
        self.shell.tasks.wait_for_done()
        self.shell.diagnostics_tasks.wait_for_done()
        # Delete the engine (and with it the QML tree) now, while the view-models it binds to
        # still exist; a deferred delete would outlive them and every binding would complain.
        self.shell.language_controller.attach_engine(None)
        del self.window
        del self.engine
