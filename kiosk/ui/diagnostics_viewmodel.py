"""The diagnostics page: each line a label, a value, and whether it is healthy; and log export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.logs import LogExportError, LogExportFailure, export_logs_zip
from kiosk.services.diagnostics import LocalDiagnostics, export_targets
from kiosk.store.health import size_text
from kiosk.sync.engine import SyncStatus
from kiosk.sync.probe import ServerProbe
from kiosk.ui.language import LanguageController
from kiosk.ui.messages import describe
from kiosk.ui.tasks import TaskRunner
from redhome_wire.station_time import STATION_TZ, Clock

# Beyond this the kiosk's times disagree with the county's enough to matter to a keeper.
SKEW_WARNING_S = 60
LOW_DISK_BYTES = 200_000_000


@dataclass(frozen=True, slots=True)
class Findings:
    local: LocalDiagnostics
    sync: SyncStatus
    server: ServerProbe | None
    targets: list[Path]


def _when(instant: datetime | None) -> str:
    if instant is None:
        return QCoreApplication.translate("Diagnostics", "never")
    return instant.astimezone(STATION_TZ).strftime("%m-%d %H:%M")


def _export_failure_text(error: LogExportError) -> str:
    match error.failure:
        case LogExportFailure.NO_SPACE:
            return QCoreApplication.translate("Diagnostics", "The stick is full.")
        case LogExportFailure.NOT_WRITABLE:
            return QCoreApplication.translate("Diagnostics", "The stick cannot be written to.")
        case _:
            return QCoreApplication.translate("Diagnostics", "The stick is not there any more.")


class DiagnosticsViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        collect: Callable[[], Findings],
        log_dir: Path,
        tasks: TaskRunner,
        clock: Clock,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._collect = collect
        self._log_dir = log_dir
        self._tasks = tasks
        self._clock = clock
        self._found: Findings | None = None
        self._error: BaseException | None = None
        self._export_message = ""
        self._loading = False
        language.languageChanged.connect(self.changed)

    @Slot()
    def refresh(self) -> None:
        self._loading = True
        self._export_message = ""
        self.changed.emit()
        self._tasks.run(self._collect, self._loaded, self._failed)

    def _loaded(self, found: Findings) -> None:
        self._found, self._error, self._loading = found, None, False
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._error, self._loading = error, False
        self.changed.emit()

    @Slot(str)
    def exportLogs(self, folder: str) -> None:
        def saved(path: Path) -> None:
            self._export_message = QCoreApplication.translate(
                "Diagnostics", "Logs saved as %1."
            ).replace("%1", str(path))
            self.changed.emit()

        def failed(error: BaseException) -> None:
            if isinstance(error, LogExportError):
                self._export_message = _export_failure_text(error)
            else:
                self._export_message = describe(error)
            self.changed.emit()

        target = Path(folder)
        self._tasks.run(
            lambda: export_logs_zip(self._log_dir, target, self._clock.now()), saved, failed
        )

    @Property(bool, notify=changed)
    def loading(self) -> bool:
        return self._loading

    @Property(str, notify=changed)
    def errorText(self) -> str:
        return describe(self._error) if self._error is not None else ""

    @Property(str, notify=changed)
    def exportMessage(self) -> str:
        return self._export_message

    @Property(list, notify=changed)
    def exportTargets(self) -> list[str]:
        return [str(path) for path in self._found.targets] if self._found else []

    @Property(list, notify=changed)
    def rows(self) -> list[dict[str, Any]]:
        found = self._found
        if found is None:
            return []
        local, sync, server = found.local, found.sync, found.server
        rows = [
            {
                "label": QCoreApplication.translate("Diagnostics", "Version"),
                "value": local.version,
                "ok": True,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Station"),
                "value": sync.station_code
                or QCoreApplication.translate("Diagnostics", "not enrolled"),
                "ok": sync.enrolled,
            },
        ]
        if server is None:
            rows.append(
                {
                    "label": QCoreApplication.translate("Diagnostics", "County server"),
                    "value": QCoreApplication.translate("Diagnostics", "not set"),
                    "ok": False,
                }
            )
        else:
            reach = (
                QCoreApplication.translate("Diagnostics", "reachable, %1 ms").replace(
                    "%1", str(server.latency_ms)
                )
                if server.reachable
                else QCoreApplication.translate("Diagnostics", "not reachable (%1)").replace(
                    "%1", server.error or ""
                )
            )
            rows.append(
                {
                    "label": QCoreApplication.translate("Diagnostics", "County server"),
                    "value": f"{sync.server_url} · {reach}",
                    "ok": server.reachable,
                }
            )
            if server.clock_skew_s is not None:
                rows.append(
                    {
                        "label": QCoreApplication.translate("Diagnostics", "Clock difference"),
                        "value": f"{server.clock_skew_s:+.1f} s",
                        "ok": abs(server.clock_skew_s) < SKEW_WARNING_S,
                    }
                )
        rows += [
            {
                "label": QCoreApplication.translate("Diagnostics", "Last sync"),
                "value": _when(sync.last_success_at),
                "ok": sync.last_success_at is not None,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Waiting to sync"),
                "value": f"{local.outbox_pending} · "
                + QCoreApplication.translate("Diagnostics", "refused %1").replace(
                    "%1", str(sync.parked)
                ),
                "ok": sync.parked == 0,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Database"),
                "value": (
                    QCoreApplication.translate("Diagnostics", "OK")
                    if local.database_ok
                    else local.database_detail
                )
                + f" · {size_text(local.database_bytes)} · rev {local.schema_revision}",
                "ok": local.database_ok,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Keyring"),
                "value": local.keyring_backend,
                "ok": True,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Free disk"),
                "value": size_text(local.free_disk_bytes),
                "ok": local.free_disk_bytes > LOW_DISK_BYTES,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Data folder"),
                "value": local.data_dir,
                "ok": True,
            },
        ]
        return rows


def findings_collector(
    collect_local: Callable[[], LocalDiagnostics],
    sync_status: Callable[[], SyncStatus],
    probe: Callable[[str], ServerProbe],
) -> Callable[[], Findings]:
    def collect() -> Findings:
        status = sync_status()
        server = probe(status.server_url) if status.server_url else None
        return Findings(collect_local(), status, server, export_targets())

    return collect
