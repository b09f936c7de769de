"""The sync indicator on the home screen and the keeper's sync view.

Network work runs on this view-model's own worker thread, never on the UI thread and never on the
TaskRunner's thread (which serialises the driver's local writes): a dead county server can stall
a sync round up to its timeout, but never a tap.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    Property,
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
    Slot,
)

from kiosk.sync.backoff import Backoff
from kiosk.sync.engine import (
    DiscardReason,
    ParkedOp,
    PushReport,
    RoundReport,
    SyncEngine,
    SyncStatus,
    round_error,
)
from kiosk.sync.errors import SyncReason
from kiosk.sync.links import qr_matrix
from kiosk.ui.messages import parked_reason_text, reason_text
from redhome_wire.station_time import STATION_TZ, Clock, local_day

log = logging.getLogger(__name__)

NOT_ENROLLED = "not_enrolled"
OFFLINE = "offline"
ONLINE = "online"
SYNCING = "syncing"

# After a refusal that retrying cannot fix (revoked token, wrong station) sync waits this many
# intervals before asking again, unless the keeper taps "sync now".
REFUSED_INTERVALS = 10


class _Relay(QObject):
    roundDone = Signal(object)
    progress = Signal(object)
    loaded = Signal(object)


class _Work(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            self._work()
        except BaseException:  # a worker thread must never die silently
            log.exception("sync worker failed")


class SyncViewModel(QObject):
    changed = Signal()
    # A round stopped because this kiosk's own disk or database failed.
    localStorageFailed = Signal()

    def __init__(
        self,
        engine: SyncEngine,
        clock: Clock,
        interval_s: int = 60,
        language_changed: SignalInstance | None = None,
        parent: QObject | None = None,
        *,
        backoff: Backoff | None = None,
        op_labels: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        # What each op kind is called for the keeper (UiCapability.op_labels, context "Sync").
        self._op_labels = dict(op_labels or {})
        self._clock = clock
        self._interval_ms = max(1, interval_s) * 1000
        self._backoff = backoff or Backoff(base_s=2.0, cap_s=max(60.0, interval_s * 5.0))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one network round at a time, apart from TaskRunner
        self._relay = _Relay()
        self._relay.roundDone.connect(self._round_done, Qt.ConnectionType.QueuedConnection)
        self._relay.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._relay.loaded.connect(self._loaded, Qt.ConnectionType.QueuedConnection)
        self._cancel = threading.Event()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.syncNow)
        self._syncing = False
        self._status: SyncStatus | None = None
        self._parked: list[ParkedOp] = []
        self._last_error: str | None = None
        self._card_url: str | None = None
        self._qr: list[list[bool]] = []
        if language_changed is not None:
            language_changed.connect(self.changed)

    # --- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Load the status, then sync now and every interval."""
        self._cancel.clear()
        self.refresh()
        self.syncNow()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Stop scheduling, ask a running round to stop after its current request, and wait."""
        self._timer.stop()
        self._cancel.set()
        return self._pool.waitForDone(timeout_ms)

    # --- slots -----------------------------------------------------------------------------

    @Slot()
    def syncNow(self) -> None:
        if self._syncing or self._cancel.is_set():
            return
        self._timer.stop()
        self._syncing = True
        self.changed.emit()
        engine, cancel, relay = self._engine, self._cancel, self._relay

        def work() -> None:
            # Whatever the round raises (a full disk, a bug), it ends and says why: roundDone
            # always fires, so the loop backs off and carries on.
            try:
                report = engine.run_round(cancel=cancel, progress=relay.progress.emit)
            except Exception as error:
                log.exception("sync round failed")
                report = RoundReport(error=round_error(error))
            try:
                loaded = self._load()
            except Exception:
                log.exception("sync status could not be read")
                loaded = None
            relay.roundDone.emit((report, loaded))

        self._pool.start(_Work(work))

    @Slot()
    def refresh(self) -> None:
        relay = self._relay

        def work() -> None:
            relay.loaded.emit(self._load())

        self._pool.start(_Work(work))

    @Slot()
    def requeueParked(self) -> None:
        """The keeper sends every parked record again (after the county fixed its side)."""
        engine, relay = self._engine, self._relay

        def work() -> None:
            engine.requeue_parked()
            relay.loaded.emit(self._load())

        self._pool.start(_Work(work))

    @Slot(str)
    def retryParked(self, op_id: str) -> None:
        """The keeper sends one refused record again."""
        engine, relay = self._engine, self._relay

        def work() -> None:
            engine.requeue_parked(op_id)
            relay.loaded.emit(self._load())

        self._pool.start(_Work(work))

    @Slot(str, str)
    def discardParked(self, op_id: str, reason: str) -> None:
        """The keeper lets one refused record go, saying why (DiscardReason)."""
        engine, relay = self._engine, self._relay
        why = DiscardReason(reason)

        def work() -> None:
            engine.discard_parked(op_id, why)
            relay.loaded.emit(self._load())

        self._pool.start(_Work(work))

    # --- worker side -------------------------------------------------------------------------

    def _load(self) -> tuple[SyncStatus, list[ParkedOp], str | None]:
        status = self._engine.status()
        parked = self._engine.parked()
        card = self._engine.station_card_url()
        return status, parked, card

    # --- UI side -----------------------------------------------------------------------------

    def _apply_loaded(self, loaded: tuple[SyncStatus, list[ParkedOp], str | None]) -> None:
        self._status, self._parked, card = loaded
        if card != self._card_url:
            self._card_url = card
            self._qr = qr_matrix(card) if card else []
        if self._last_error is None:
            self._last_error = self._status.last_error

    @Slot(object)
    def _loaded(self, loaded: tuple[SyncStatus, list[ParkedOp], str | None]) -> None:
        self._apply_loaded(loaded)
        self.changed.emit()

    @Slot(object)
    def _progress(self, report: PushReport) -> None:
        if self._status is not None:
            status = self._status
            self._status = SyncStatus(
                enrolled=status.enrolled,
                station_code=status.station_code,
                server_url=status.server_url,
                pending=report.pending,
                parked=status.parked + report.parked,
                last_success_at=status.last_success_at,
                last_attempt_at=status.last_attempt_at,
                last_error=status.last_error,
            )
            self.changed.emit()

    @Slot(object)
    def _round_done(
        self, result: tuple[RoundReport, tuple[SyncStatus, list[ParkedOp], str | None] | None]
    ) -> None:
        report, loaded = result
        self._syncing = False
        self._last_error = report.error.reason.value if report.error else None
        if loaded is not None:
            self._apply_loaded(loaded)
        self.changed.emit()
        if report.error is not None and report.error.reason is SyncReason.LOCAL_STORAGE:
            self.localStorageFailed.emit()
        if self._cancel.is_set():
            return
        if report.error is None:
            self._backoff.reset()
            delay_ms = self._interval_ms
        elif report.error.try_again_soon:
            delay_ms = int(self._backoff.next_delay(report.error.retry_after) * 1000)
        else:
            delay_ms = self._interval_ms * REFUSED_INTERVALS
        self._timer.start(max(100, delay_ms))

    # --- properties ----------------------------------------------------------------------

    @Property(str, notify=changed)
    def state(self) -> str:
        return self._state()

    def _state(self) -> str:
        if self._syncing:
            return SYNCING
        if self._status is not None and not self._status.enrolled:
            return NOT_ENROLLED
        if self._last_error is not None:
            return OFFLINE
        if self._status is not None and self._status.last_success_at is not None:
            return ONLINE
        return OFFLINE

    @Property(bool, notify=changed)
    def syncing(self) -> bool:
        return self._syncing

    @Property(bool, notify=changed)
    def online(self) -> bool:
        return self._state() in (ONLINE, SYNCING) and self._last_error is None

    @Property(str, notify=changed)
    def stateText(self) -> str:
        return {
            SYNCING: lambda: QCoreApplication.translate("Sync", "Syncing…"),
            NOT_ENROLLED: lambda: QCoreApplication.translate("Sync", "Not connected to the county"),
            OFFLINE: lambda: QCoreApplication.translate("Sync", "Offline"),
            ONLINE: lambda: QCoreApplication.translate("Sync", "Online"),
        }[self._state()]()

    @Property(int, notify=changed)
    def pendingCount(self) -> int:
        return self._status.pending if self._status else 0

    @Property(int, notify=changed)
    def parkedCount(self) -> int:
        return self._status.parked if self._status else 0

    @Property(str, notify=changed)
    def pendingText(self) -> str:
        count = self.pendingCount
        # lupdate does not mark these Python calls as plural, so each form is its own string.
        if count == 0:
            return QCoreApplication.translate("Sync", "All records sent")
        if count == 1:
            return QCoreApplication.translate("Sync", "1 record waiting")
        return QCoreApplication.translate("Sync", "%1 records waiting").replace("%1", str(count))

    @Property(str, notify=changed)
    def lastSyncText(self) -> str:
        last = self._status.last_success_at if self._status else None
        if last is None:
            return QCoreApplication.translate("Sync", "Not synced yet")
        return QCoreApplication.translate("Sync", "Last synced %1").replace("%1", self._when(last))

    @Property(str, notify=changed)
    def errorText(self) -> str:
        return reason_text(self._last_error)

    @Property(list, notify=changed)
    def parkedErrors(self) -> list[dict[str, Any]]:
        return [
            {
                "opId": op.op_id,
                "kind": self._kind_label(op.kind),
                "reason": op.reason,
                "text": parked_reason_text(op.reason),
                "when": self._when(op.created_at),
            }
            for op in self._parked
        ]

    def _kind_label(self, kind: str) -> str:
        label = self._op_labels.get(kind)
        return QCoreApplication.translate("Sync", label) if label else kind

    @Property(str, notify=changed)
    def stationCardUrl(self) -> str:
        return self._card_url or ""

    @Property(list, notify=changed)
    def stationCardQr(self) -> list[list[bool]]:
        return self._qr

    def _when(self, instant: datetime) -> str:
        local = instant.astimezone(STATION_TZ)
        if local_day(instant) == local_day(self._clock.now()):
            return local.strftime("%H:%M")
        return local.strftime("%Y-%m-%d %H:%M")
