"""The diagnostics page: each line a label, a value, and whether it is healthy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.diagnostics import LocalDiagnostics
from kiosk.ui.language import LanguageController
from kiosk.ui.messages import describe
from kiosk.ui.tasks import TaskRunner


def _megabytes(size: int) -> str:
    if size >= 10_000_000_000:
        return f"{size / 1_000_000_000:.0f} GB"
    return f"{size / 1_000_000:.1f} MB"


class DiagnosticsViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        collect: Callable[[], LocalDiagnostics],
        tasks: TaskRunner,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._collect = collect
        self._tasks = tasks
        self._found: LocalDiagnostics | None = None
        self._error: BaseException | None = None
        self._loading = False
        language.languageChanged.connect(self.changed)

    @Slot()
    def refresh(self) -> None:
        self._loading = True
        self.changed.emit()
        self._tasks.run(self._collect, self._loaded, self._failed)

    def _loaded(self, found: LocalDiagnostics) -> None:
        self._found, self._error, self._loading = found, None, False
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._error, self._loading = error, False
        self.changed.emit()

    @Property(bool, notify=changed)
    def loading(self) -> bool:
        return self._loading

    @Property(str, notify=changed)
    def errorText(self) -> str:
        return describe(self._error) if self._error is not None else ""

    @Property(list, notify=changed)
    def rows(self) -> list[dict[str, Any]]:
        found = self._found
        if found is None:
            return []
        return [
            {
                "label": QCoreApplication.translate("Diagnostics", "Version"),
                "value": found.version,
                "ok": True,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Database"),
                "value": (
                    QCoreApplication.translate("Diagnostics", "OK")
                    if found.database_ok
                    else found.database_detail
                )
                + f" · {_megabytes(found.database_bytes)} · rev {found.schema_revision}",
                "ok": found.database_ok,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Waiting to sync"),
                "value": str(found.outbox_pending),
                "ok": True,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Keyring"),
                "value": found.keyring_backend,
                "ok": True,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Free disk"),
                "value": _megabytes(found.free_disk_bytes),
                "ok": found.free_disk_bytes > 200_000_000,
            },
            {
                "label": QCoreApplication.translate("Diagnostics", "Data folder"),
                "value": found.data_dir,
                "ok": True,
            },
        ]
