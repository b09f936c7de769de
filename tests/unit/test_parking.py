import itertools
import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text

from kiosk.services.identity import PhoneHasher
from kiosk.services.parking.demo import AIRPORT_BAYS, LOGISTICS_BAYS, seed_parking_demo
from kiosk.services.parking.models import ParkingBay, Reservation
from kiosk.services.parking.plates import InvalidPlate, PlateProblem
from kiosk.services.parking.service import (
    PEAK_SQL,
    BayConfig,
    BayType,
    ParkingError,
    ParkingProblem,
    ParkingService,
    ParkingSettings,
    ReservationState,
    normalize_code,
)
from kiosk.services.phones import parse_phone
from kiosk.store.database import OpenedDatabase, open_database
from kiosk.store.engine import make_engine, make_session_factory
from kiosk.store.models import Driver, OutboxEntry
from kiosk.store.unit_of_work import UnitOfWorkFactory, unit_of_work_factory
from redhome_wire.station_time import STATION_TZ, ManualClock

# The conftest clock: Friday 2026-11-27 15:00 at the station.
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)
HASHER = PhoneHasher(b"parking-test-key-0123456789")
BAYS = (
    BayConfig("C1", BayType.CAR),
    BayConfig("C2", BayType.CAR),
    BayConfig("C3", BayType.CAR),
    BayConfig("E1", BayType.EV, 7.0),
    BayConfig("E2", BayType.EV, 120.0),
    BayConfig("T1", BayType.TRUCK),
)
PLATES = [f"湘A1000{n}" for n in range(10)]
EV_PLATES = [f"湘AD1000{n}" for n in range(10)]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once per module; each test opens a copy (already at head, so no migration)."""
    folder = tmp_path_factory.mktemp("parking-template")
    opened = open_database(folder / "kiosk.db", folder / "backups", NOW)
    opened.engine.dispose()
    return folder / "kiosk.db"


@pytest.fixture
def database(tmp_path: Path, clock: ManualClock, migrated: Path) -> Iterator[OpenedDatabase]:
    shutil.copyfile(migrated, tmp_path / "kiosk.db")
    opened = open_database(tmp_path / "kiosk.db", tmp_path / "backups", clock.now())
    yield opened
    opened.engine.dispose()


@pytest.fixture
def uow_factory(database: OpenedDatabase) -> UnitOfWorkFactory:
    return unit_of_work_factory(database.session_factory)


@pytest.fixture
def parking(uow_factory: UnitOfWorkFactory, clock: ManualClock) -> ParkingService:
    service = ParkingService(uow_factory, clock, ParkingSettings(), HASHER)
    service.sync_inventory(BAYS)
    return service


def at(hour: int, minute: int = 0, day: int = 27) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=STATION_TZ)


def snapshot(uow_factory: UnitOfWorkFactory) -> tuple[object, ...]:
    """Every row of the parking tables and the outbox, to prove an error saved nothing."""
    with uow_factory() as uow:
        return tuple(
            tuple(tuple(row) for row in uow.session.execute(text(f"SELECT * FROM {table}")))
            for table in ("parking_reservations", "parking_bays", "outbox", "drivers")
        )


def outbox(uow_factory: UnitOfWorkFactory) -> list[tuple[str, dict]]:
    with uow_factory() as uow:
        rows = uow.session.execute(
            select(OutboxEntry.kind, OutboxEntry.payload).order_by(OutboxEntry.id)
        ).all()
    return [(kind, json.loads(payload)) for kind, payload in rows]


def refused(problem: ParkingProblem, call, *args, **kwargs) -> ParkingError:
    with pytest.raises(ParkingError) as raised:
        call(*args, **kwargs)
    assert raised.value.problem is problem
    return raised.value


# --- starts and windows ----------------------------------------------------------------


def test_bookable_starts_are_now_then_every_quarter_up_to_the_horizon(parking, clock) -> None:
    clock.set(at(15, 7))
    starts = parking.bookable_starts()
    assert starts[0] == at(15, 7)
    assert starts[1] == at(15, 15)
    assert starts[-1] == at(15, 0, day=28)
    assert all(b - a == timedelta(minutes=15) for a, b in itertools.pairwise(starts[1:]))
    assert len(starts) == 1 + 96 - 1 + 1  # now, 15:15 … 15:00 tomorrow
    assert all(s.tzinfo is not None for s in starts)


def test_a_car_booking_now_holds_capacity_but_no_bay_yet(parking, uow_factory) -> None:
    view = parking.book("car", None, 120, "湘a·12345")
    assert view.plate == "湘A12345"
    assert view.code.startswith("P-") and len(view.code) == 6 and view.code[2:].isdigit()
    assert view.bay_type is BayType.CAR
    assert view.bay_code is None
    assert view.state is ReservationState.BOOKED
    assert view.start_at == NOW
    assert view.end_at == NOW + timedelta(hours=2)
    assert view.no_show_deadline == NOW + timedelta(minutes=15)
    assert parking.availability(BayType.CAR, None, NOW + timedelta(hours=1)).free == 2
    assert parking.availability(BayType.CAR, at(17), at(18)).free == 3
    assert normalize_code(view.code[2:]) == view.code


def test_the_booking_and_its_outbox_row_commit_together(parking, uow_factory) -> None:
    phone = parse_phone("13912345678")
    view = parking.book(BayType.CAR, at(16), 60, "湘A12345", phone)
    [(kind, payload)] = outbox(uow_factory)
    assert kind == "reservation.created"
    assert payload["code"] == view.code
    assert payload["reservation_id"] == view.reservation_id
    assert payload["state"] == "booked"
    assert payload["bay_type"] == "car"
    assert payload["plate_masked"] == "湘A***45"
    raw = json.dumps(payload, ensure_ascii=False)
    assert "湘A12345" not in raw
    assert phone.digits not in raw and phone.last4 not in raw
    assert datetime.fromisoformat(payload["start_at"]) == at(16)


def test_a_start_in_the_current_slot_means_now(parking, clock) -> None:
    clock.set(at(15, 7))
    view = parking.book("car", at(15), 60, PLATES[0])
    assert view.start_at == at(15, 7)


@pytest.mark.parametrize(
    ("kind", "start", "minutes", "problem"),
    [
        ("car", at(14, 30), 60, ParkingProblem.IN_THE_PAST),
        ("car", at(16, 5), 60, ParkingProblem.NOT_ON_SLOT),
        ("car", at(15, 15, day=28), 60, ParkingProblem.TOO_FAR_AHEAD),
        ("car", None, 12 * 60 + 15, ParkingProblem.TOO_LONG),
        ("ev", None, 4 * 60 + 15, ParkingProblem.TOO_LONG),
        ("car", None, 0, ParkingProblem.TOO_SHORT),
        ("car", None, 10, ParkingProblem.TOO_SHORT),
        ("car", None, 50, ParkingProblem.BAD_DURATION),
        ("bus", None, 60, ParkingProblem.UNKNOWN_TYPE),
    ],
)
def test_bad_requests_get_a_reason_and_save_nothing(
    parking, uow_factory, kind, start, minutes, problem
) -> None:
    before = snapshot(uow_factory)
    refused(problem, parking.book, kind, start, minutes, PLATES[0])
    assert snapshot(uow_factory) == before


def test_errors_carry_what_the_sentence_needs(parking) -> None:
    assert (
        refused(ParkingProblem.TOO_LONG, parking.book, "ev", None, 300, "湘AD12345").max_hours == 4
    )
    assert (
        refused(ParkingProblem.TOO_SHORT, parking.book, "car", None, 5, PLATES[0]).min_minutes == 15
    )


def test_a_type_the_station_lacks_is_unknown(uow_factory, clock) -> None:
    service = ParkingService(uow_factory, clock, ParkingSettings(), HASHER)
    service.sync_inventory(AIRPORT_BAYS)
    refused(ParkingProblem.UNKNOWN_TYPE, service.book, "truck", None, 60, PLATES[0])


def test_a_bad_plate_saves_nothing(parking, uow_factory) -> None:
    before = snapshot(uow_factory)
    with pytest.raises(InvalidPlate) as raised:
        parking.book("car", None, 60, "湘AO1234")
    assert raised.value.problem is PlateProblem.LETTER_I_OR_O
    assert snapshot(uow_factory) == before


def test_when_all_bays_are_taken_the_next_booking_is_refused(parking, uow_factory) -> None:
    for plate in PLATES[:3]:
        parking.book("car", at(16), 120, plate)
    before = snapshot(uow_factory)
    refused(ParkingProblem.NONE_FREE, parking.book, "car", at(17), 60, PLATES[3])
    assert snapshot(uow_factory) == before
    # Back to back is fine: windows are half-open.
    parking.book("car", at(18), 60, PLATES[3])
    parking.book("car", at(15, 30), 30, PLATES[4])
    assert parking.availability("car", at(16), at(18)).free == 0
    assert parking.availability("car", at(18), at(19)).free == 2


def test_one_plate_cannot_hold_two_overlapping_bookings(parking, uow_factory) -> None:
    parking.book("car", at(16), 120, PLATES[0])
    before = snapshot(uow_factory)
    refused(ParkingProblem.DOUBLE_BOOKING, parking.book, "ev", at(17), 60, PLATES[0])
    assert snapshot(uow_factory) == before
    parking.book("car", at(18), 60, PLATES[0])


def test_codes_are_unique_among_live_reservations(parking, monkeypatch) -> None:
    from kiosk.services.parking import service as parking_module

    draws = iter([4821, 4821, 4821, 77])
    monkeypatch.setattr(parking_module.secrets, "randbelow", lambda _n: next(draws))
    first = parking.book("car", None, 60, PLATES[0])
    second = parking.book("car", None, 60, PLATES[1])
    assert first.code == "P-4821"
    assert second.code == "P-0077"


# --- EV chargers ---------------------------------------------------------------------


def test_ev_booking_reserves_a_specific_charger(parking) -> None:
    quick = parking.book("ev", None, 60, EV_PLATES[0])
    slow = parking.book("ev", None, 180, EV_PLATES[1])
    # A short top-up gets the fast charger; the long stay the wallbox.
    assert (quick.bay_code, quick.power_kw) == ("E2", 120.0)
    assert (slow.bay_code, slow.power_kw) == ("E1", 7.0)
    refused(ParkingProblem.NONE_FREE, parking.book, "ev", at(15, 30), 30, EV_PLATES[2])
    later = parking.book("ev", at(16), 60, EV_PLATES[2])
    assert later.bay_code == "E2"


def test_ev_availability_counts_chargers_free_for_the_whole_window(parking) -> None:
    parking.book("ev", at(16), 60, EV_PLATES[0])  # E2 16-17
    parking.book("ev", at(17), 240, EV_PLATES[1])  # E1 17-21
    # Over 16-18 one charger is always free, but none for the whole window.
    assert parking.availability("ev", at(16), at(18)).free == 0
    refused(ParkingProblem.NONE_FREE, parking.book, "ev", at(16), 120, EV_PLATES[2])
    assert parking.availability("ev", at(17), at(18)).free == 1


# --- arrival, leaving, cancelling -----------------------------------------------------


def test_arrival_assigns_a_car_bay_and_leaving_frees_it(parking, uow_factory) -> None:
    first = parking.book("car", None, 60, PLATES[0])
    second = parking.book("car", None, 60, PLATES[1])
    arrived = parking.arrive("湘a10000")
    assert arrived.code == first.code
    assert arrived.state is ReservationState.ARRIVED
    assert arrived.bay_code == "C1"
    assert arrived.arrived_at == NOW
    assert parking.arrive(PLATES[1], second.code[2:]).bay_code == "C2"
    assert [b.occupied_by for b in parking.bays()][:3] == [first.code, second.code, None]
    left = parking.leave(first.code)
    assert left.state is ReservationState.LEFT and left.left_at == NOW
    assert parking.bays()[0].occupied_by is None
    third = parking.book("car", None, 60, PLATES[2])
    assert parking.arrive(PLATES[2]).bay_code == "C1"
    events = [payload["event"] for _kind, payload in outbox(uow_factory)]
    assert events == ["created", "created", "arrived", "arrived", "left", "created", "arrived"]
    assert third.code


def test_an_ev_keeps_its_charger_on_arrival(parking) -> None:
    booked = parking.book("ev", None, 120, EV_PLATES[0])
    assert parking.arrive(EV_PLATES[0]).bay_code == booked.bay_code


def test_arrival_problems(parking, clock, uow_factory) -> None:
    refused(ParkingProblem.NOT_FOUND, parking.arrive, PLATES[0])
    booked = parking.book("car", at(17), 60, PLATES[0])
    before = snapshot(uow_factory)
    refused(
        ParkingProblem.WRONG_CODE,
        parking.arrive,
        PLATES[0],
        "P-0000" if booked.code != "P-0000" else "P-0001",
    )
    refused(ParkingProblem.WRONG_CODE, parking.arrive, PLATES[0], "nonsense")
    error = refused(ParkingProblem.TOO_EARLY, parking.arrive, PLATES[0])
    assert error.not_before == at(16, 30)
    assert snapshot(uow_factory) == before
    clock.set(at(16, 40))
    early = parking.arrive(PLATES[0])
    assert early.start_at == at(16, 40)  # an early arrival holds its bay from now
    refused(ParkingProblem.ALREADY_ARRIVED, parking.arrive, PLATES[0])
    refused(ParkingProblem.ALREADY_ARRIVED, parking.cancel, PLATES[0], booked.code)
    refused(ParkingProblem.ALREADY_ARRIVED, parking.mark_no_show, booked.code)


def test_early_arrival_needs_a_bay_free_until_the_start(parking, clock) -> None:
    parking.book("car", at(17), 60, PLATES[0])
    for plate in PLATES[1:4]:
        parking.book("car", at(16, 30), 30, plate)
    clock.set(at(16, 40))
    error = refused(ParkingProblem.TOO_EARLY, parking.arrive, PLATES[0])
    assert error.not_before == at(17)


def test_a_lapsed_booking_cannot_arrive(parking, clock) -> None:
    parking.book("car", at(16), 60, PLATES[0])
    clock.set(at(16, 15))
    refused(ParkingProblem.NOT_ARRIVABLE, parking.arrive, PLATES[0])


def test_leaving_needs_an_arrival(parking) -> None:
    booked = parking.book("car", None, 60, PLATES[0])
    refused(ParkingProblem.NOT_ARRIVED, parking.leave, booked.code)
    refused(ParkingProblem.NOT_FOUND, parking.leave, "P-99")


def test_cancel_needs_plate_and_code(parking, uow_factory) -> None:
    booked = parking.book("car", at(16), 120, PLATES[0])
    for plate in PLATES[1:3]:
        parking.book("car", at(16), 120, plate)
    before = snapshot(uow_factory)
    wrong = "P-0001" if booked.code != "P-0001" else "P-0002"
    refused(ParkingProblem.WRONG_CODE, parking.cancel, PLATES[0], wrong)
    refused(ParkingProblem.NOT_FOUND, parking.cancel, PLATES[5], booked.code)
    with pytest.raises(InvalidPlate):
        parking.cancel("not a plate", booked.code)
    assert snapshot(uow_factory) == before
    cancelled = parking.cancel("湘A·10000", booked.code.replace("-", "").lower())
    assert cancelled.state is ReservationState.CANCELLED
    # Its capacity is free again, and the code no longer answers.
    assert parking.book("car", at(16), 60, PLATES[3]).state is ReservationState.BOOKED
    refused(ParkingProblem.NOT_FOUND, parking.cancel, PLATES[0], booked.code)
    assert outbox(uow_factory)[3][1]["event"] == "cancelled"


# --- no-shows ---------------------------------------------------------------------------


def test_no_shows_release_capacity_after_the_grace(parking, clock, uow_factory) -> None:
    booked = [parking.book("car", at(15, 30), 120, plate) for plate in PLATES[:3]]
    assert parking.availability("car", None, at(17)).free == 0
    clock.set(at(15, 44))
    assert parking.availability("car", None, at(17)).free == 0
    clock.set(at(15, 45))
    # Free at once, before any sweep has marked them.
    assert parking.availability("car", None, at(17)).free == 3
    assert parking.expire_no_shows() == 3
    assert parking.expire_no_shows() == 0
    day = parking.reservations_on(NOW.date())
    assert {v.state for v in day} == {ReservationState.NO_SHOW}
    with uow_factory() as uow:
        lapsed = set(uow.session.scalars(select(Reservation.no_show_at)))
    assert lapsed == {at(15, 45).astimezone(UTC)}
    kinds = [(kind, p["event"], p["code"]) for kind, p in outbox(uow_factory)[3:]]
    assert kinds == [("reservation.updated", "no_show", v.code) for v in booked]


def test_the_keeper_marks_a_no_show_once_the_start_has_passed(parking, clock) -> None:
    booked = parking.book("car", at(16), 60, PLATES[0])
    error = refused(ParkingProblem.TOO_EARLY, parking.mark_no_show, booked.code)
    assert error.not_before == at(16)
    clock.set(at(16, 5))
    marked = parking.mark_no_show(booked.code)
    assert marked.state is ReservationState.NO_SHOW
    # Tapping again after it lapsed by itself agrees rather than failing.
    assert parking.mark_no_show(booked.code).state is ReservationState.NO_SHOW
    refused(ParkingProblem.NOT_FOUND, parking.mark_no_show, "P-12345")


def _no_show(parking: ParkingService, clock: ManualClock, plate: str, day: int) -> None:
    clock.set(at(9, day=day))
    parking.book("car", at(10, day=day), 60, plate)
    clock.set(at(11, day=day))
    parking.expire_no_shows()


def test_three_no_shows_in_thirty_days_ban_a_plate_for_seven(parking, clock, uow_factory) -> None:
    clock.set(at(9, day=1))
    for day in (1, 10, 20):
        _no_show(parking, clock, PLATES[0], day)
    clock.set(at(12, day=20))
    ban_end = at(10, 15, day=27)  # the third no-show lapsed at 10:15 on the 20th
    assert parking.ban_for("湘A·10000") == ban_end
    before = snapshot(uow_factory)
    error = refused(ParkingProblem.BANNED, parking.book, "car", None, 60, PLATES[0])
    assert error.ban_ends_at == ban_end
    assert snapshot(uow_factory) == before
    assert parking.ban_for(PLATES[1]) is None
    clock.set(ban_end - timedelta(minutes=1))
    refused(ParkingProblem.BANNED, parking.book, "car", None, 60, PLATES[0])
    clock.set(ban_end)
    assert parking.ban_for(PLATES[0]) is None
    assert parking.book("car", None, 60, PLATES[0]).state is ReservationState.BOOKED


def test_no_shows_spread_over_more_than_the_window_do_not_ban(parking, clock) -> None:
    clock.set(datetime(2026, 10, 1, 9, tzinfo=STATION_TZ))
    for day in (1, 20):
        clock.set(datetime(2026, 10, day, 9, tzinfo=STATION_TZ))
        parking.book("car", datetime(2026, 10, day, 10, tzinfo=STATION_TZ), 60, PLATES[0])
        clock.advance(timedelta(hours=2))
        parking.expire_no_shows()
    _no_show(parking, clock, PLATES[0], 5)  # November 5th: 35 days after the first
    assert parking.ban_for(PLATES[0]) is None


# --- bays out of service ---------------------------------------------------------------


def test_out_of_service_car_bay_needs_spare_capacity(parking, uow_factory) -> None:
    parking.book("car", at(18), 60, PLATES[0])
    parking.book("car", at(18), 60, PLATES[1])
    view = parking.set_out_of_service("C3", "  地面  积水 ")
    assert view.out_of_service_reason == "地面 积水"
    assert parking.availability("car", None, at(20)).in_service == 2
    before = snapshot(uow_factory)
    refused(ParkingProblem.BAY_HAS_BOOKINGS, parking.set_out_of_service, "C1", "broken")
    refused(ParkingProblem.UNKNOWN_BAY, parking.set_out_of_service, "C9", "broken")
    refused(ParkingProblem.BAD_REASON, parking.set_out_of_service, "C1", "   ")
    refused(ParkingProblem.BAD_REASON, parking.set_out_of_service, "C1", "x" * 101)
    assert snapshot(uow_factory) == before
    refused(ParkingProblem.NONE_FREE, parking.book, "car", at(18), 60, PLATES[2])
    assert parking.set_out_of_service("C3", None).out_of_service_reason is None
    parking.book("car", at(18), 60, PLATES[2])


def test_an_occupied_bay_cannot_go_out_of_service(parking) -> None:
    parking.book("car", None, 60, PLATES[0])
    bay = parking.arrive(PLATES[0]).bay_code
    assert bay is not None
    refused(ParkingProblem.BAY_OCCUPIED, parking.set_out_of_service, bay, "broken")


def test_an_ev_charger_out_of_service_moves_its_bookings(parking, uow_factory) -> None:
    fast = parking.book("ev", at(16), 60, EV_PLATES[0])
    assert fast.bay_code == "E2"
    parking.set_out_of_service("E2", "connector damaged")
    moved = parking.find(fast.code)
    assert (moved.bay_code, moved.power_kw) == ("E1", 7.0)
    kind, payload = outbox(uow_factory)[-1]
    assert (kind, payload["event"], payload["bay_code"]) == ("reservation.updated", "moved", "E1")
    # With both chargers booked, the other cannot go: nothing moves.
    parking.set_out_of_service("E2", None)
    parking.book("ev", at(16), 60, EV_PLATES[1])
    before = snapshot(uow_factory)
    refused(ParkingProblem.BAY_HAS_BOOKINGS, parking.set_out_of_service, "E1", "broken")
    assert snapshot(uow_factory) == before


def test_inventory_sync_adds_retires_and_keeps_what_bookings_need(parking) -> None:
    parking.book("car", at(16), 60, PLATES[0])
    parking.book("car", at(16), 60, PLATES[1])
    report = parking.sync_inventory(
        (
            BayConfig("C1", BayType.CAR),
            BayConfig("E1", BayType.EV, 11.0),
            BayConfig("T2", BayType.TRUCK),
        )
    )
    assert report.added == ("T2",)
    assert report.updated == ("E1",)
    assert set(report.retired) == {"C2", "E2", "T1"}
    assert report.kept == ("C3",)  # two bookings need two car bays
    codes = [b.code for b in parking.bays()]
    assert codes == ["C1", "C3", "E1", "T2"]
    again = parking.sync_inventory(BAYS)
    assert set(again.added) == {"C2", "E2", "T1"}
    assert again.retired == ("T2",)


# --- reading -----------------------------------------------------------------------------


def test_board_shows_free_bays_now_and_each_coming_hour(parking, clock) -> None:
    clock.set(at(15, 7))
    parking.book("car", None, 60, PLATES[0])
    parking.book("car", at(17), 120, PLATES[1])
    parking.book("ev", at(16, 30), 60, EV_PLATES[0])
    board = parking.board(hours=3)
    assert [point for point, _ in board] == [at(15, 7), at(16), at(17), at(18)]
    assert [free for _, free in board] == [
        {BayType.CAR: 2, BayType.EV: 2, BayType.TRUCK: 1},
        {BayType.CAR: 2, BayType.EV: 2, BayType.TRUCK: 1},
        {BayType.CAR: 2, BayType.EV: 1, BayType.TRUCK: 1},
        {BayType.CAR: 2, BayType.EV: 2, BayType.TRUCK: 1},
    ]


def test_day_counts_for_the_close_out(parking, clock) -> None:
    day = NOW.date()
    clock.set(at(0))
    stays = [parking.book("car", None, 360, PLATES[0]), parking.book("car", at(6), 360, PLATES[1])]
    parking.arrive(PLATES[0])
    parking.book("car", at(8), 60, PLATES[2])
    cancelled = parking.book("car", at(9), 60, PLATES[3])
    parking.cancel(PLATES[3], cancelled.code)
    clock.set(at(6))
    parking.leave(stays[0].code)
    parking.arrive(PLATES[1])
    clock.set(at(12))
    parking.leave(stays[1].code)
    clock.set(at(12, day=28))
    counts = parking.day_counts(day)
    assert (counts.bookings, counts.arrivals, counts.no_shows, counts.cancellations) == (4, 2, 1, 1)
    # 12 bay-hours of 6 bays × 24 h.
    assert counts.occupancy_percent == round(100 * 12 / (6 * 24))
    assert counts.occupancy_by_type[BayType.CAR] == round(100 * 12 / (3 * 24))
    assert counts.occupancy_by_type[BayType.EV] == 0
    assert [v.plate for v in parking.reservations_on(day)] == PLATES[:4]
    assert parking.reservations_on(at(0, day=29).date()) == []


def test_a_phone_links_only_a_driver_who_consented(parking, uow_factory) -> None:
    phone = parse_phone("13912345678")
    stranger = parse_phone("13700001111")
    with uow_factory() as uow:
        uow.session.add(
            Driver(
                phone_hash=HASHER.hash(phone),
                phone_last4=phone.last4,
                consent_version=1,
                consented_at=NOW,
                last_work_type="ride_hailing",
                first_seen_at=NOW,
                last_seen_at=NOW,
            )
        )
        uow.commit()
    linked = parking.book("car", None, 60, PLATES[0], phone)
    unknown = parking.book("car", None, 60, PLATES[1], stranger)
    with uow_factory() as uow:
        links = dict(uow.session.execute(select(Reservation.code, Reservation.driver_id)).all())
        dump = repr(uow.session.execute(text("SELECT * FROM parking_reservations")).all())
    assert links[linked.code] is not None
    assert links[unknown.code] is None
    assert stranger.digits not in dump and phone.digits not in dump
    # Forgetting the driver (retention) keeps the reservation, unlinked.
    with uow_factory() as uow:
        uow.session.execute(delete(Driver))
        uow.commit()
    with uow_factory() as uow:
        assert (
            uow.session.scalar(select(Reservation.driver_id).where(Reservation.code == linked.code))
            is None
        )


def test_a_remote_request_is_applied_once(parking, uow_factory) -> None:
    first = parking.book("car", at(16), 60, PLATES[0], source="remote", remote_id="req-1")
    again = parking.book("car", at(16), 60, PLATES[0], source="remote", remote_id="req-1")
    assert again == first
    assert len(outbox(uow_factory)) == 1
    assert outbox(uow_factory)[0][1]["source"] == "remote"
    with pytest.raises(ValueError):
        parking.book("car", at(16), 60, PLATES[1], source="martian")


def test_naive_times_are_refused(parking) -> None:
    with pytest.raises(ValueError, match="timezone"):
        parking.book("car", datetime(2026, 11, 27, 16), 60, PLATES[0])


# --- concurrency and the query plan ----------------------------------------------------


def test_bookings_from_separate_connections_never_oversell(
    tmp_path, parking, database, clock
) -> None:
    db_path = tmp_path / "kiosk.db"
    engines = [make_engine(db_path) for _ in range(6)]
    results: list[str] = []
    barrier = threading.Barrier(len(engines))

    def attempt(index: int) -> None:
        service = ParkingService(
            unit_of_work_factory(make_session_factory(engines[index])),
            clock,
            ParkingSettings(),
            HASHER,
        )
        barrier.wait()
        try:
            service.book("car", at(16), 60, PLATES[index])
            results.append("booked")
        except ParkingError as error:
            results.append(error.problem.value)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(engines))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.dispose()
    assert sorted(results) == ["booked"] * 3 + ["none_free"] * 3


def test_availability_reads_only_live_rows_through_the_partial_index(parking, database) -> None:
    with database.engine.connect() as connection:
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + PEAK_SQL,
            {
                "bay_type": "car",
                "window_start": "2026-11-27 08:00:00.000000",
                "window_end": "2026-11-27 09:00:00.000000",
                "hold": "2026-11-27 07:00:00.000001",
                "expired_before": "2026-11-27 06:45:00.000000",
            },
        ).all()
    assert any("ix_parking_res_active_type_start" in str(row) for row in plan)


# --- demo --------------------------------------------------------------------------------


def test_demo_inventory_and_seed(uow_factory, clock) -> None:
    assert sum(b.bay_type is BayType.CAR for b in AIRPORT_BAYS) == 282
    assert sum(b.bay_type is BayType.EV for b in AIRPORT_BAYS) == 24
    assert len({b.code for b in AIRPORT_BAYS}) == 306
    assert len(LOGISTICS_BAYS) == 40
    service = ParkingService(uow_factory, clock, ParkingSettings(), HASHER)
    made = seed_parking_demo(service, clock.now())
    assert made > 50
    states = {v.state for v in service.reservations_on(NOW.date())}
    assert states >= {
        ReservationState.ARRIVED,
        ReservationState.LEFT,
        ReservationState.NO_SHOW,
        ReservationState.BOOKED,
    }
    with uow_factory() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ParkingBay)) == 306


def test_a_car_overstaying_still_holds_its_bay_now(parking, clock) -> None:
    for plate in PLATES[:3]:
        parking.book("car", None, 60, plate)
        parking.arrive(plate)
    clock.set(at(16, 30))  # all three should have gone at 16:00
    assert parking.availability("car", None, at(17, 30)).free == 0
    refused(ParkingProblem.NONE_FREE, parking.book, "car", None, 60, PLATES[3])
    # From the next slot on the station counts on them leaving.
    assert parking.availability("car", at(16, 45), at(17, 45)).free == 3
