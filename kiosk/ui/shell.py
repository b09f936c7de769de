"""The kiosk window: the platform's view-models, each registered capability's Qt half, and the
QML that binds to them. Nothing here names a capability: it iterates kiosk.capabilities."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    Property,
    QCoreApplication,
    QObject,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlPropertyMap
from PySide6.QtQuick import QQuickWindow

from kiosk.app import Kiosk
from kiosk.capability import PeriodicJob
from kiosk.logs import resolve_log_dir
from kiosk.paths import qml_dir, resources_dir
from kiosk.services.diagnostics import collect_local
from kiosk.services.setup import StationSetup
from kiosk.store.health import probe_writes
from kiosk.sync.probe import probe_server
from kiosk.ui import messages
from kiosk.ui.attention import HOME_PAGE, AttentionBoard
from kiosk.ui.capability import DaySection, KeeperNote, UiCapability, UiContext, UiParts
from kiosk.ui.crash_guard import CrashGuard
from kiosk.ui.diagnostics_viewmodel import DiagnosticsViewModel, findings_collector
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.keeper_access import KeeperAccess
from kiosk.ui.keeper_viewmodel import KeeperViewModel
from kiosk.ui.language import LanguageController
from kiosk.ui.navigation import HOME, Navigator
from kiosk.ui.qml_window import load_qml_window
from kiosk.ui.qr import QrProvider
from kiosk.ui.setup_viewmodel import PAGE_SETUP, SetupViewModel
from kiosk.ui.station_viewmodel import StationViewModel
from kiosk.ui.storage_pause import StoragePause
from kiosk.ui.sync_viewmodel import SyncViewModel
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from kiosk.watchdog import request_maintenance

log = logging.getLogger(__name__)

KEEPER_PAGE = "keeper"
DIAGNOSTICS_PAGE = "keeper.diagnostics"
CALL_KEEPER_PAGE = "call-keeper"

# The platform's own pages, in kiosk/ui/qml/pages; each capability adds its own.
PLATFORM_PAGES: dict[str, str] = {
    HOME_PAGE: "HomePage.qml",
    "station": "StationPage.qml",
    KEEPER_PAGE: "KeeperPage.qml",
    "keeper.pin": "KeeperPinPage.qml",
    "keeper.menu": "KeeperMenuPage.qml",
    DIAGNOSTICS_PAGE: "DiagnosticsPage.qml",
    "keeper.sync": "SyncStatusPage.qml",
    CALL_KEEPER_PAGE: "CallKeeperPage.qml",
    PAGE_SETUP: "SetupPage.qml",
}


@dataclass
class BuiltCapability:
    """One capability's Qt half as the shell holds it."""

    ui: UiCapability
    parts: UiParts
    offered: bool = True


def load_ui(module: str) -> UiCapability:
    ui = importlib.import_module(module).UI
    if not isinstance(ui, UiCapability):
        raise TypeError(f"{module}.UI is not a UiCapability")
    return ui


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
        self.attention = AttentionBoard(self)
        self.station_vm = StationViewModel(
            kiosk.station,
            self.tasks,
            kiosk.clock,
            self.language_controller,
            kiosk.settings.large_text,
            self,
        )
        self.capabilities = self._build_capabilities()
        self.keeper_vm = KeeperViewModel(
            kiosk.day_counts,
            self.day_sections,
            self.keeper_notes,
            kiosk.station,
            self.tasks,
            kiosk.clock,
            self.language_controller,
            self,
        )
        self.keeper_access = KeeperAccess(
            kiosk.keeper_pin, self.tasks, self.navigator, kiosk.clock, self
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
            op_labels={
                kind: label
                for built in self.capabilities.values()
                for kind, label in built.ui.op_labels.items()
            },
        )
        self.setup_vm = SetupViewModel(
            StationSetup(kiosk.sync, kiosk.keeper_pin, kiosk.credentials),
            kiosk.credentials,
            self.diagnostics_tasks,
            self.navigator,
            self.language_controller,
            self,
        )
        self.setup_vm.finished.connect(self.sync_vm.syncNow)
        data_dir = kiosk.data_dir
        self.storage_pause = StoragePause(
            data_dir.root,
            lambda: probe_writes(data_dir.root, data_dir.database),
            kiosk.clock,
            kiosk.settings.storage_retry_s,
            self.language_controller,
            self,
        )
        # Any failed save (a check-in, a periodic job) that was the disk's pauses the kiosk;
        # sync could not save what it fetched: a write tells whether the disk is the cause.
        self.tasks.failed.connect(self.storage_pause.consider)
        self.sync_vm.localStorageFailed.connect(self.storage_pause.check)
        self.crash_guard = CrashGuard(kiosk.clock, self.goHome, self.call_keeper)
        self._page_owner = {
            page: name for name, built in self.capabilities.items() for page in built.ui.pages
        }
        self._shown_owner: str | None = None
        self._pages = self._page_urls()
        self.navigator.pageChanged.connect(self._page_changed)
        self.idle_watcher.timedOut.connect(self._idle_timed_out)
        self.language_controller.languageChanged.connect(self.capabilitiesChanged)
        self._job_timers = [self._timer_for(job) for job in kiosk.jobs()]

    def _build_capabilities(self) -> dict[str, BuiltCapability]:
        context = UiContext(
            self._kiosk,
            self.tasks,
            self.navigator,
            self.language_controller,
            self.attention,
            self.day_sections,
        )
        self._view_models: dict[str, ViewModel] = {}
        self._vm_map = QQmlPropertyMap(self)
        built: dict[str, BuiltCapability] = {}
        for ref in self._kiosk.capabilities:
            ui = load_ui(ref.ui_module)
            for error_type, describer in ui.describers.items():
                messages.register(error_type, describer)
            parts = ui.build(context, self._kiosk.parts[ref.name])
            for name, view_model in parts.view_models.items():
                if name in self._view_models:
                    raise ValueError(f"two view-models are called {name!r}")
                view_model.setParent(self)
                self._view_models[name] = view_model
                self._vm_map.insert(name, view_model)
            # A tile that depends on a check starts hidden rather than flash and disappear.
            always = self._kiosk.parts[ref.name].offered is None
            built[ref.name] = BuiltCapability(ui, parts, offered=always)
        return built

    def day_sections(self, counters: Mapping[str, int]) -> list[DaySection]:
        """Each capability's section of a day, in home-screen order."""
        return [
            built.parts.day_summary(counters)
            for built in self.capabilities.values()
            if built.parts.day_summary is not None
        ]

    def keeper_notes(self) -> list[KeeperNote]:
        """Every capability's notes for the keeper (off the UI thread)."""
        return [
            note
            for built in self.capabilities.values()
            if built.parts.keeper_notes is not None
            for note in built.parts.keeper_notes()
        ]

    def _timer_for(self, job: PeriodicJob) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(job.interval_s * 1000)
        timer.timeout.connect(lambda: self.run_job(job))
        return timer

    def start(self, *, first_boot_setup: bool = True) -> None:
        if first_boot_setup and not self._kiosk.sync.status().enrolled:
            log.info("not enrolled yet: opening the setup wizard")
            self.navigator.go(PAGE_SETUP)
        self.refresh_capabilities()
        for job in self._kiosk.jobs():
            self.run_job(job)
        for timer in self._job_timers:
            timer.start()
        self.station_vm.start()
        self.idle_watcher.start()
        self.sync_vm.start()

    def run_job(self, job: PeriodicJob) -> None:
        self.tasks.run(
            job.run,
            lambda result: log.info("%s: %s", job.name, result) if result else None,
            lambda error: log.error("%s failed: %s", job.name, error),
        )

    def view_model(self, name: str) -> ViewModel:
        """A capability's view-model by the name its pages use (tests, snapshots)."""
        return self._view_models[name]

    # --- what QML binds to -----------------------------------------------------------------

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
    def keeper(self) -> QObject:
        return self.keeper_vm

    @Property(QObject, constant=True)
    def vm(self) -> QObject:
        """Every capability's view-models by name: kiosk.vm.parking in its pages."""
        return self._vm_map

    @Property(QObject, constant=True)
    def attentionBoard(self) -> QObject:
        return self.attention

    @Property(dict, constant=True)
    def pages(self) -> dict[str, str]:
        """Page id -> the QML file that draws it."""
        return self._pages

    def _page_urls(self) -> dict[str, str]:
        urls = {
            page: QUrl.fromLocalFile(str(qml_dir() / "pages" / file)).toString()
            for page, file in PLATFORM_PAGES.items()
        }
        for built in self.capabilities.values():
            for page, file in built.ui.pages.items():
                if page in urls:
                    raise ValueError(f"two pages are called {page!r}")
                urls[page] = QUrl.fromLocalFile(str(built.ui.qml_dir / file)).toString()
        return urls

    @Property(list, notify=capabilitiesChanged)
    def tiles(self) -> list[dict[str, Any]]:
        """The home grid: each offered capability's tile in registry order."""
        return [
            {
                "capability": name,
                "objectName": built.ui.tile.object_name,
                "title": QCoreApplication.translate("HomePage", built.ui.tile.title),
                "help": QCoreApplication.translate("HomePage", built.ui.tile.help),
                "icon": built.ui.tile.icon,
                "primary": built.ui.tile.primary,
            }
            for name, built in self.capabilities.items()
            if built.ui.tile is not None and built.offered
        ]

    @Property(list, notify=capabilitiesChanged)
    def keeperEntries(self) -> list[dict[str, Any]]:
        """Each offered capability's tiles on the keeper menu."""
        return [
            {
                "objectName": entry.object_name,
                "title": QCoreApplication.translate("KeeperMenuPage", entry.title),
                "help": QCoreApplication.translate("KeeperMenuPage", entry.help),
                "icon": entry.icon,
                "page": entry.page,
            }
            for built in self.capabilities.values()
            if built.offered
            for entry in built.ui.keeper_entries
        ]

    def refresh_capabilities(self) -> None:
        """Tiles for what this station offers now (bays configured, flights pulled, ...)."""
        checks: dict[str, Callable[[], bool]] = {
            name: offered
            for name, part in self._kiosk.parts.items()
            if (offered := part.offered) is not None
        }

        def found(result: dict[str, bool]) -> None:
            changed = False
            for name, offered in result.items():
                if self.capabilities[name].offered != offered:
                    self.capabilities[name].offered = offered
                    changed = True
            if changed:
                self.capabilitiesChanged.emit()

        self.tasks.run(
            lambda: {name: check() for name, check in checks.items()},
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

    @Property(QObject, constant=True)
    def storagePause(self) -> QObject:
        return self.storage_pause

    # --- actions -----------------------------------------------------------------------------

    @Slot(str)
    def openTile(self, capability: str) -> None:
        built = self.capabilities.get(capability)
        if built is not None and built.parts.open is not None:
            built.parts.open()

    def _reset_for_next_driver(self) -> None:
        """The one reset: every view-model forgets the driver before, the keeper is locked."""
        for view_model in self._view_models.values():
            view_model.reset()
        self._kiosk.ports.current_driver.end()
        self.keeper_access.lock()

    @Slot()
    def goHome(self) -> None:
        self._reset_for_next_driver()
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
        self._reset_for_next_driver()
        self.navigator.finish(CALL_KEEPER_PAGE)

    def _page_changed(self) -> None:
        page = cast(str, self.navigator.page)  # PySide6 types a Property read as Property
        self.idle_watcher.set_armed(page != HOME)
        owner = self._page_owner.get(page)
        if self._shown_owner is not None and self._shown_owner != owner:
            for view_model in self.capabilities[self._shown_owner].parts.view_models.values():
                view_model.leave()
        self._shown_owner = owner
        if owner is not None:
            for view_model in self.capabilities[owner].parts.view_models.values():
                view_model.enter(page)
        if page == HOME:
            self.keeper_access.lock()
            self.station_vm.refresh()
            self.sync_vm.refresh()
            self.refresh_capabilities()

    def _idle_timed_out(self) -> None:
        log.info("idle timeout on %s: fields cleared", self.navigator.page)
        self._reset_for_next_driver()
        self.station_vm.reset_for_next_driver()
        self.language_controller.set_language(self._kiosk.settings.language)
        board = self.attention.idle_page()
        if board == HOME_PAGE:
            self.navigator.home()
        else:
            self.navigator.finish(board)


class KioskWindow:
    """Loads Main.qml for a ShellModel. The QGuiApplication must already exist."""

    engine: QQmlApplicationEngine
    window: QQuickWindow

    def __init__(self, shell: ShellModel) -> None:
        self.shell = shell
        self.engine, self.window = load_qml_window(
            "Main.qml", {"kiosk": shell}, shell.language_controller, {"qr": QrProvider()}
        )
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
        self.shell.storage_pause.shutdown()
        self.shell.tasks.wait_for_done()
        self.shell.diagnostics_tasks.wait_for_done()
        # Delete the engine (and with it the QML tree) now, while the view-models it binds to
        # still exist; a deferred delete would outlive them and every binding would complain.
        self.shell.language_controller.attach_engine(None)
        del self.window
        del self.engine
