"""The keeper's rest corner: who rests where, the overdue ones first, freeing a seat, seats out
of service, and the day's counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.rest.service import RestDayCounts, RestService, SeatRow, SeatState
from kiosk.ui.labels import duration_label
from kiosk.ui.language import LanguageController
from kiosk.ui.rest.messages import seat_kind_label, seat_state_label
from kiosk.ui.rest.viewmodel import clock_text
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from redhome_wire.station_time import local_day

KEEPER_PAGE = "keeper.rest"
# Overdue seats first (the keeper's reminder), then time up, resting, free, out of service.
_ORDER = {
    SeatState.OVERDUE: 0,
    SeatState.TIME_UP: 1,
    SeatState.RESTING: 2,
    SeatState.FREE: 3,
    SeatState.OUT_OF_SERVICE: 4,
}


class KeeperRestViewModel(ViewModel):
    changed = Signal()

    def __init__(
        self,
        service: RestService,
        tasks: TaskRunner,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._service = service
        self._rows: list[SeatRow] = []
        self._counts: RestDayCounts | None = None
        language.languageChanged.connect(self.changed)
        language.languageChanged.connect(self.errorChanged)

    @Slot()
    def refresh(self) -> None:
        def load() -> tuple[list[SeatRow], RestDayCounts]:
            return self._service.board(), self._service.day_counts(local_day(self._service.now()))

        def loaded(result: tuple[list[SeatRow], RestDayCounts]) -> None:
            self._rows, self._counts = result
            self.changed.emit()

        self._ops.run(load, loaded)

    def enter(self, page: str) -> None:
        if page == KEEPER_PAGE:
            self.refresh()

    def _act(self, work: Callable[[], object]) -> None:
        self._ops.run(work, lambda _result: self.refresh())

    @Slot(str)
    def freeSeat(self, number: str) -> None:
        self._act(lambda: self._service.free_seat(number))

    @Slot(str, bool)
    def setInService(self, number: str, in_service: bool) -> None:
        self._act(lambda: self._service.set_out_of_service(number, not in_service))

    @Property(list, notify=changed)
    def seats(self) -> list[dict[str, Any]]:
        now = self._service.now()
        settings = self._service.settings
        items = []
        for row in self._rows:
            status = self._service.status(row)
            state = status.state
            if state is SeatState.RESTING:
                detail = QCoreApplication.translate("KeeperRest", "%1 left").replace(
                    "%1", duration_label(status.minutes)
                )
            elif row.wake_at is not None:
                detail = (
                    QCoreApplication.translate("KeeperRest", "due at %1, %2 ago")
                    .replace("%1", clock_text(row.wake_at))
                    .replace("%2", duration_label(status.minutes))
                )
            else:
                detail = ""
            may_free = row.wake_at is not None and (now - row.wake_at).total_seconds() >= (
                settings.free_after_minutes * 60
            )
            items.append(
                {
                    "number": row.number,
                    "kind": seat_kind_label(row.kind),
                    "state": state.value,
                    "stateLabel": seat_state_label(state),
                    "detail": detail,
                    "canFree": may_free,
                    "inService": not row.out_of_service,
                    "order": _ORDER[state],
                }
            )
        return sorted(items, key=lambda item: (item["order"], self._position(item["number"])))

    def _position(self, number: str) -> int:
        return next(i for i, row in enumerate(self._rows) if row.number == number)

    @Property(int, notify=changed)
    def overdueCount(self) -> int:
        return sum(1 for row in self._rows if self._service.status(row).state is SeatState.OVERDUE)

    @Property(int, notify=changed)
    def restingCount(self) -> int:
        return sum(1 for row in self._rows if row.wake_at is not None)

    @Property(int, notify=changed)
    def seatCount(self) -> int:
        return len(self._rows)

    @Property(int, notify=changed)
    def restsToday(self) -> int:
        return self._counts.rests if self._counts else 0
