"""The keeper's parking screen: today's bookings with their actions, and bays out of service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.services.parking.service import (
    BayView,
    ParkingDayCounts,
    ParkingService,
    ReservationState,
    ReservationView,
)
from kiosk.ui.language import LanguageController
from kiosk.ui.parking.viewmodel import bay_type_label
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodel import ViewModel
from redhome_wire.station_time import STATION_TZ, Clock, local_day

OUT_OF_SERVICE_REASON = "keeper"
KEEPER_PAGE = "keeper.parking"


def state_label(state: ReservationState) -> str:
    match state:
        case ReservationState.BOOKED:
            return QCoreApplication.translate("KeeperParking", "Booked")
        case ReservationState.ARRIVED:
            return QCoreApplication.translate("KeeperParking", "Here")
        case ReservationState.LEFT:
            return QCoreApplication.translate("KeeperParking", "Left")
        case ReservationState.NO_SHOW:
            return QCoreApplication.translate("KeeperParking", "No-show")
        case ReservationState.CANCELLED:
            return QCoreApplication.translate("KeeperParking", "Cancelled")


class KeeperParkingViewModel(ViewModel):
    changed = Signal()

    def __init__(
        self,
        service: ParkingService,
        tasks: TaskRunner,
        clock: Clock,
        language: LanguageController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._service = service
        self._clock = clock
        self._reservations: list[ReservationView] = []
        self._bays: list[BayView] = []
        self._counts: ParkingDayCounts | None = None
        language.languageChanged.connect(self.changed)
        language.languageChanged.connect(self.errorChanged)

    @Slot()
    def refresh(self) -> None:
        day = local_day(self._clock.now())

        def load() -> tuple[list[ReservationView], list[BayView], ParkingDayCounts]:
            self._service.expire_no_shows()
            return (
                self._service.reservations_on(day),
                self._service.bays(),
                self._service.day_counts(day),
            )

        def loaded(result: tuple[list[ReservationView], list[BayView], ParkingDayCounts]) -> None:
            self._reservations, self._bays, self._counts = result
            self.changed.emit()

        self._ops.run(load, loaded)

    def enter(self, page: str) -> None:
        if page == KEEPER_PAGE:
            self.refresh()

    def _act(self, work: Callable[[], object]) -> None:
        self._ops.run(work, lambda _result: self.refresh())

    @Slot(str, str)
    def markArrived(self, plate: str, code: str) -> None:
        self._act(lambda: self._service.arrive(plate, code))

    @Slot(str)
    def markLeft(self, code: str) -> None:
        self._act(lambda: self._service.leave(code))

    @Slot(str)
    def markNoShow(self, code: str) -> None:
        self._act(lambda: self._service.mark_no_show(code))

    @Slot(str, bool)
    def setInService(self, bay_code: str, in_service: bool) -> None:
        reason = None if in_service else OUT_OF_SERVICE_REASON
        self._act(lambda: self._service.set_out_of_service(bay_code, reason))

    @Property(list, notify=changed)
    def reservations(self) -> list[dict[str, Any]]:
        return [
            {
                "code": r.code,
                "plate": r.plate,
                "type": bay_type_label(r.bay_type),
                "bay": r.bay_code or "",
                "time": f"{r.start_at.astimezone(STATION_TZ):%H:%M}–"
                f"{r.end_at.astimezone(STATION_TZ):%H:%M}",
                "state": state_label(r.state),
                "canArrive": r.state is ReservationState.BOOKED,
                "canLeave": r.state is ReservationState.ARRIVED,
                "canNoShow": r.state is ReservationState.BOOKED and r.start_at <= self._clock.now(),
            }
            for r in self._reservations
        ]

    @Property(list, notify=changed)
    def outOfService(self) -> list[dict[str, Any]]:
        return [
            {"code": bay.code, "type": bay_type_label(bay.bay_type)}
            for bay in self._bays
            if bay.out_of_service_reason is not None
        ]

    @Property(list, notify=changed)
    def evChargers(self) -> list[dict[str, Any]]:
        """EV chargers break most often: each one with an in/out of service switch."""
        return [
            {
                "code": bay.code,
                "power": f"{bay.power_kw:g} kW" if bay.power_kw else "",
                "inService": bay.out_of_service_reason is None,
                "occupied": bay.occupied_by is not None,
            }
            for bay in self._bays
            if bay.power_kw is not None
        ]

    @Property(list, notify=changed)
    def dayCounts(self) -> list[dict[str, Any]]:
        counts = self._counts
        if counts is None:
            return []
        return [
            {
                "label": QCoreApplication.translate("KeeperParking", "Bookings"),
                "value": counts.bookings,
            },
            {
                "label": QCoreApplication.translate("KeeperParking", "Arrivals"),
                "value": counts.arrivals,
            },
            {
                "label": QCoreApplication.translate("KeeperParking", "No-shows"),
                "value": counts.no_shows,
            },
            {
                "label": QCoreApplication.translate("KeeperParking", "Occupancy"),
                "value": f"{counts.occupancy_percent}%",
            },
        ]
