"""The rest corner's Qt-free half on the injected clock: seats, rests as rows, wake-ups."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.app import Kiosk, build_demo_kiosk, build_kiosk
from kiosk.capabilities import CAPABILITIES
from kiosk.capability import CapabilityRef
from kiosk.config import ConfigError
from kiosk.paths import DataDir
from kiosk.ports import ArrivingFlight, Ports, Silence
from kiosk.services.rest.config import seats_from_section, settings_from_section
from kiosk.services.rest.models import RestSession
from kiosk.services.rest.service import (
    WAKE_CUE,
    DrivingSpan,
    RestError,
    RestProblem,
    RestService,
    SeatKind,
    SeatState,
    suggested_minutes,
)
from kiosk.store.models import OutboxEntry
from redhome_wire.rest import REST_FINISHED, RestFinished
from redhome_wire.station_time import STATION_TZ, ManualClock, local_day
from tests.conftest import START

REST = CapabilityRef.folders("rest")
REGISTRY = CAPABILITIES if REST in CAPABILITIES else (*CAPABILITIES, REST)

STATION_TOML = """
[rest]
seats = [
  {number = "1", kind = "chair"},
  {number = "2", kind = "recliner"},
  {number = "3", kind = "bed", zone = "静音室"},
  {number = "4", kind = "chair", out_of_service = true},
]
max_minutes = 120
walk_minutes = 15
volume = 0.8
quiet_volume = 0.25
"""


class FakeFlights:
    """The arriving_flights port as the flight capability would fill it, editable by a test."""

    def __init__(self) -> None:
        self.flights: dict[str, datetime] = {}

    def within(self, now: datetime, minutes: int) -> list[ArrivingFlight]:
        horizon = now + timedelta(minutes=minutes)
        return sorted(
            (
                ArrivingFlight(code, "北京", "Beijing", out - timedelta(minutes=20), out)
                for code, out in self.flights.items()
                if now <= out <= horizon
            ),
            key=lambda flight: flight.passengers_out_at or flight.lands_at,
        )


@pytest.fixture
def flights() -> FakeFlights:
    return FakeFlights()


@pytest.fixture
def ports(flights: FakeFlights) -> Ports:
    return Ports(arriving_flights=flights)


def _build(data_dir, clock, credentials, settings, ports) -> Kiosk:
    return build_kiosk(
        data_dir,
        clock=clock,
        credentials=credentials,
        # Flights switched off, or their port would replace the fake one: the rest corner sees
        # flights only through the port.
        settings=replace(settings, switched_off=("flights",)),
        capabilities=REGISTRY,
        ports=ports,
    )


@pytest.fixture
def station(data_dir: DataDir, clock, credentials, settings, ports) -> Iterator[Kiosk]:
    data_dir.ensure()
    data_dir.config.write_text(STATION_TOML, encoding="utf-8")
    built = _build(data_dir, clock, credentials, settings, ports)
    yield built
    built.close()


@pytest.fixture
def rest(station: Kiosk) -> RestService:
    service = station.service("rest")
    assert isinstance(service, RestService)
    return service


def _state(rest: RestService, seat: str) -> tuple[SeatState, int]:
    (row,) = [row for row in rest.board() if row.number == seat]
    status = rest.status(row)
    return status.state, status.minutes


def _finished_ops(station: Kiosk) -> list[RestFinished]:
    with station.uow_factory() as uow:
        rows = uow.session.scalars(select(OutboxEntry).where(OutboxEntry.kind == REST_FINISHED))
        return [RestFinished.model_validate_json(row.payload) for row in rows]


def test_seats_come_from_the_station_config(rest: RestService) -> None:
    board = rest.board()
    assert [(row.number, row.kind, row.zone) for row in board] == [
        ("1", SeatKind.CHAIR, None),
        ("2", SeatKind.RECLINER, None),
        ("3", SeatKind.BED, "静音室"),
        ("4", SeatKind.CHAIR, None),
    ]
    assert rest.has_seats()
    assert [rest.status(row).state for row in board] == [SeatState.FREE] * 3 + [
        SeatState.OUT_OF_SERVICE
    ]


def test_a_station_without_seats_offers_no_rest_corner(kiosk: Kiosk) -> None:
    station = build_kiosk(kiosk.data_dir, clock=kiosk.clock, capabilities=REGISTRY)
    try:
        assert station.parts["rest"].offered is not None
        assert station.parts["rest"].offered() is False
    finally:
        station.close()


def test_a_rest_counts_down_from_the_clock_and_ends_with_one_op(
    station: Kiosk, rest: RestService, clock: ManualClock
) -> None:
    rest.start("2", minutes=30, driving=DrivingSpan.OVER_4H)
    assert _state(rest, "2") == (SeatState.RESTING, 30)
    clock.advance(timedelta(minutes=12, seconds=30))
    assert _state(rest, "2") == (SeatState.RESTING, 18)
    clock.advance(timedelta(minutes=17, seconds=30))
    assert _state(rest, "2") == (SeatState.TIME_UP, 0)
    assert _finished_ops(station) == []
    finished = rest.wake("2")
    assert (finished.minutes, finished.ended_by) == (30, "driver")
    assert _state(rest, "2") == (SeatState.FREE, 0)
    (op,) = _finished_ops(station)
    assert (op.seat, op.seat_kind, op.minutes, op.planned_minutes, op.ended_by) == (
        "2",
        "recliner",
        30,
        30,
        "driver",
    )
    counts = station.day_counts(local_day(clock.now()))
    assert (counts["rest.rests"], counts["rest.minutes"]) == (1, 30)


@pytest.mark.parametrize(
    ("minutes", "problem", "limit"),
    [
        (5, RestProblem.TOO_SHORT, 10),
        (121, RestProblem.TOO_LONG, 120),
        (0, RestProblem.TOO_SHORT, 10),
    ],
)
def test_a_duration_outside_the_range_is_refused_with_its_reason(
    rest: RestService, minutes: int, problem: RestProblem, limit: int
) -> None:
    with pytest.raises(RestError) as refused:
        rest.start("1", minutes=minutes)
    assert (refused.value.problem, refused.value.minutes) == (problem, limit)
    assert _state(rest, "1") == (SeatState.FREE, 0)


def test_no_duration_an_unknown_seat_and_a_seat_out_of_service_are_refused(
    rest: RestService,
) -> None:
    for seat, minutes, problem in (
        ("1", None, RestProblem.NO_DURATION),
        ("99", 20, RestProblem.NO_SUCH_SEAT),
        ("4", 20, RestProblem.SEAT_OUT_OF_SERVICE),
    ):
        with pytest.raises(RestError) as refused:
            rest.start(seat, minutes=minutes)
        assert refused.value.problem is problem


def test_the_same_seat_is_refused_to_a_second_driver(rest: RestService) -> None:
    rest.start("1", minutes=20)
    with pytest.raises(RestError) as refused:
        rest.start("1", minutes=30)
    assert refused.value.problem is RestProblem.SEAT_TAKEN
    assert _state(rest, "1") == (SeatState.RESTING, 20)  # the first rest is untouched


def test_the_database_holds_one_rest_per_seat_even_past_the_service(
    station: Kiosk, rest: RestService, clock: ManualClock
) -> None:
    rest.start("1", minutes=20)
    with station.uow_factory() as uow, pytest.raises(IntegrityError):
        first = uow.session.scalars(select(RestSession)).one()
        now = clock.now()
        uow.session.add(
            RestSession(
                public_id="0" * 8 + "-0000-0000-0000-" + "0" * 12,
                seat_id=first.seat_id,
                started_at=now,
                wake_at=now + timedelta(minutes=20),
                planned_minutes=20,
                snoozes=0,
            )
        )
        uow.commit()


def test_two_drivers_at_the_same_instant_get_one_seat(rest: RestService) -> None:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def take() -> None:
        barrier.wait()
        try:
            rest.start("3", minutes=20)
            outcomes.append("rested")
        except RestError as error:
            outcomes.append(error.problem.value)

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["rested", RestProblem.SEAT_TAKEN.value]


def test_the_wake_up_chimes_once_and_snooze_works_twice_at_most(
    station: Kiosk, rest: RestService, clock: ManualClock
) -> None:
    sound = station.ports.sound
    assert isinstance(sound, Silence)
    rest.start("1", minutes=20)
    with pytest.raises(RestError) as early:
        rest.snooze("1")
    assert (early.value.problem, early.value.minutes) == (RestProblem.NOT_TIME_YET, 20)
    assert rest.tick().chimed == []
    clock.advance(timedelta(minutes=20))
    assert rest.tick().chimed == ["1"]
    assert rest.tick().chimed == []  # once per wake time
    assert sound.played == [WAKE_CUE] and sound.volumes == [0.8]
    for _ in range(2):
        rest.snooze("1")
        assert _state(rest, "1") == (SeatState.RESTING, 10)
        clock.advance(timedelta(minutes=10))
        assert rest.tick().chimed == ["1"]
    with pytest.raises(RestError) as refused:
        rest.snooze("1")
    assert (refused.value.problem, refused.value.minutes) == (RestProblem.SNOOZE_LIMIT, 2)
    assert len(sound.played) == 3
    rest.wake("1")
    (op,) = _finished_ops(station)
    assert (op.snoozes, op.minutes, op.planned_minutes) == (2, 40, 20)


def test_quiet_hours_chime_at_the_quiet_volume_and_zero_keeps_it_off(
    station: Kiosk, rest: RestService, clock: ManualClock
) -> None:
    sound = station.ports.sound
    assert isinstance(sound, Silence)
    clock.set(datetime(2026, 11, 27, 23, 0, tzinfo=STATION_TZ))
    rest.start("1", minutes=20)
    clock.advance(timedelta(minutes=20))
    rest.tick()
    assert sound.volumes == [0.25]
    silent = RestService(
        station.uow_factory,
        clock,
        settings_from_section({"quiet_volume": 0}),
        station.ports,
    )
    rest.start("2", minutes=20)
    clock.advance(timedelta(minutes=20))
    assert silent.tick().chimed == ["2"]
    assert sound.volumes == [0.25]  # no chime at volume zero


def test_an_unanswered_wake_up_becomes_overdue_and_the_keeper_frees_the_seat(
    station: Kiosk, rest: RestService, clock: ManualClock
) -> None:
    rest.start("3", minutes=30)
    clock.advance(timedelta(minutes=30))
    rest.tick()
    with pytest.raises(RestError) as early:
        rest.free_seat("3")
    assert (early.value.problem, early.value.minutes) == (RestProblem.TOO_EARLY_TO_FREE, 10)
    clock.advance(timedelta(minutes=9))
    assert _state(rest, "3") == (SeatState.TIME_UP, 9)
    assert rest.tick().overdue == []
    clock.advance(timedelta(minutes=1))
    assert _state(rest, "3") == (SeatState.OVERDUE, 10)
    assert rest.tick().overdue == ["3"]
    finished = rest.free_seat("3")
    assert finished.ended_by == "keeper"
    assert _state(rest, "3") == (SeatState.FREE, 0)
    (op,) = _finished_ops(station)
    assert (op.ended_by, op.minutes) == ("keeper", 40)
    counts = station.day_counts(local_day(clock.now()))
    assert (counts["rest.overdue"], counts["rest.freed"]) == (1, 1)
    with pytest.raises(RestError) as again:
        rest.free_seat("3")
    assert again.value.problem is RestProblem.NOT_RESTING


def test_a_restart_mid_rest_keeps_the_rest(
    station: Kiosk, data_dir, clock: ManualClock, credentials, settings, ports
) -> None:
    station.service("rest").start("2", minutes=60)
    station.close()
    clock.advance(timedelta(minutes=25))  # the power was out meanwhile
    restarted = _build(data_dir, clock, credentials, settings, ports)
    try:
        assert _state(restarted.service("rest"), "2") == (SeatState.RESTING, 35)
        clock.advance(timedelta(minutes=35))
        assert restarted.service("rest").tick().chimed == ["2"]
    finally:
        restarted.close()


def test_a_flight_linked_wake_follows_the_flight(
    station: Kiosk, rest: RestService, clock: ManualClock, flights: FakeFlights
) -> None:
    now = clock.now()
    flights.flights["CZ3456"] = now + timedelta(minutes=75)
    (choice,) = rest.flight_wakes()
    assert (choice.flight, choice.wake_at) == ("CZ3456", now + timedelta(minutes=60))
    rest.start("1", flight="CZ3456")
    assert _state(rest, "1") == (SeatState.RESTING, 60)
    # Delayed by 40 minutes while the driver sleeps: the wake moves with it.
    flights.flights["CZ3456"] = now + timedelta(minutes=115)
    clock.advance(timedelta(minutes=30))
    assert rest.tick().moved == ["1"]
    assert _state(rest, "1") == (SeatState.RESTING, 70)
    clock.advance(timedelta(minutes=70))
    assert rest.tick().chimed == ["1"]
    rest.wake("1")
    (op,) = _finished_ops(station)
    assert (op.flight_linked, op.planned_minutes, op.minutes) == (True, 100, 100)


def test_a_flight_too_soon_or_unknown_is_refused(
    rest: RestService, clock: ManualClock, flights: FakeFlights
) -> None:
    flights.flights["MU1234"] = clock.now() + timedelta(minutes=20)
    assert rest.flight_wakes() == []  # waking 5 minutes from now is no rest
    for flight, problem in (
        ("MU1234", RestProblem.FLIGHT_TOO_SOON),
        ("XX9", RestProblem.FLIGHT_NOT_FOUND),
    ):
        with pytest.raises(RestError) as refused:
            rest.start("1", flight=flight)
        assert refused.value.problem is problem


def test_the_suggested_rest_follows_the_law_and_the_night() -> None:
    afternoon = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)
    night = datetime(2026, 11, 28, 2, 0, tzinfo=STATION_TZ)
    assert suggested_minutes(DrivingSpan.OVER_4H, afternoon) == 20
    assert suggested_minutes(DrivingSpan.UNDER_2H, afternoon) is None
    assert suggested_minutes(DrivingSpan.UNDER_2H, night) == 30
    assert suggested_minutes(DrivingSpan.OVER_4H, night) == 40


def test_the_keeper_takes_a_seat_out_of_service_and_back(rest: RestService) -> None:
    rest.set_out_of_service("1", True)
    with pytest.raises(RestError) as refused:
        rest.start("1", minutes=20)
    assert refused.value.problem is RestProblem.SEAT_OUT_OF_SERVICE
    rest.set_out_of_service("1", False)
    rest.start("1", minutes=20)
    assert _state(rest, "1")[0] is SeatState.RESTING


@pytest.mark.parametrize(
    "section",
    [
        {"seats": [{"number": "1", "kind": "sofa"}]},
        {"seats": [{"number": "1"}, {"number": "1"}]},
        {"seats": "1-12"},
        {"seats": [{"number": "1", "phone": "x"}]},
    ],
)
def test_bad_seat_config_is_refused_with_a_reason(section: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        seats_from_section(section)


@pytest.mark.parametrize(
    "section", [{"max_minutes": 5}, {"volume": 2}, {"snooze": 3}, {"quiet_from_hour": 25}]
)
def test_bad_rest_settings_are_refused_with_a_reason(section: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        settings_from_section(section)


def test_the_demo_station_has_a_lived_in_rest_corner(tmp_path) -> None:
    clock = ManualClock(START)
    demo = build_demo_kiosk(clock=clock, root=tmp_path / "demo", capabilities=REGISTRY)
    try:
        rest = demo.service("rest")
        assert len(rest.board()) == 12

        def states() -> set[SeatState]:
            return {rest.status(row).state for row in rest.board()}

        # No wake-up at start (its banner would cover every page), two soon after.
        assert states() == {SeatState.FREE, SeatState.RESTING, SeatState.OUT_OF_SERVICE}
        clock.advance(timedelta(minutes=16))
        assert states() == set(SeatState)
        counts = demo.day_counts(local_day(clock.now()))
        assert counts["rest.rests"] == 9
        assert counts["rest.minutes"] == 31 + 58 + 20
    finally:
        demo.close()
