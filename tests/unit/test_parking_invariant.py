"""The parking guarantee under random sequences of everything a station can do.

After every step an independent brute-force check reads the raw rows and counts, at every slot
boundary ahead and at every reservation's start, the live reservations of each type against the
bays of that type in service. It shares no code with the service's queries.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import event, text

from kiosk.services.identity import PhoneHasher
from kiosk.services.parking.plates import InvalidPlate
from kiosk.services.parking.service import (
    BayConfig,
    BayType,
    ParkingError,
    ParkingService,
    ParkingSettings,
)
from kiosk.store.database import open_database
from kiosk.store.engine import make_engine, make_session_factory
from kiosk.store.unit_of_work import unit_of_work_factory
from redhome_wire.station_time import STATION_TZ, ManualClock

START = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)
# A higher no-show limit than the station's: with ten plates, bans would soon refuse most bookings
# and starve the run (bans have their own tests).
SETTINGS = ParkingSettings(no_show_limit=8)
SLOT = timedelta(minutes=SETTINGS.slot_minutes)
GRACE = timedelta(minutes=SETTINGS.grace_minutes)
BAYS = (
    BayConfig("C1", BayType.CAR),
    BayConfig("C2", BayType.CAR),
    BayConfig("C3", BayType.CAR),
    BayConfig("E1", BayType.EV, 7.0),
    BayConfig("E2", BayType.EV, 120.0),
    BayConfig("T1", BayType.TRUCK),
    BayConfig("T2", BayType.TRUCK),
)
BAY_CODES = [bay.code for bay in BAYS]
PLATES = [f"湘A2000{n}" for n in range(6)] + [f"湘AD2000{n}" for n in range(4)]
LIVE = ("booked", "arrived")

_template: Path | None = None


def _template_db() -> Path:
    """Migrate once; every example starts from a copy (Alembic per example would dominate)."""
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="parking-template-"))
        opened = open_database(folder / "kiosk.db", folder / "backups", START)
        opened.engine.dispose()
        _template = folder / "kiosk.db"
    return _template


def _fast(dbapi_connection: Any, _record: Any) -> None:
    # Durability is not under test here; fsync on every commit would be most of the runtime.
    dbapi_connection.execute("PRAGMA synchronous=OFF")


def _parse(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def check_invariant(connection: Any, now: datetime) -> None:
    """Brute force: live reservations never exceed bays in service, at any instant ahead."""
    bays = connection.execute(
        text("SELECT id, code, bay_type, out_of_service_reason, retired_at FROM parking_bays")
    ).all()
    in_service_ids = {row[0] for row in bays if row[3] is None and row[4] is None}
    bay_types = {row[0]: row[2] for row in bays}
    capacity = Counter(row[2] for row in bays if row[0] in in_service_ids)
    rows = connection.execute(
        text("SELECT code, bay_type, state, start_at, end_at, bay_id FROM parking_reservations")
    ).all()
    live = []
    for code, bay_type, state, start_raw, end_raw, bay_id in rows:
        start, end = _parse(start_raw), _parse(end_raw)
        assert start is not None and end is not None
        if state == "arrived" or (state == "booked" and start + GRACE > now):
            end_eff = max(end, now + timedelta(microseconds=1)) if state == "arrived" else end
            live.append((code, bay_type, state, start, end_eff, bay_id))

    # Codes name one live reservation each.
    codes = Counter(code for code, *_ in live)
    assert all(n == 1 for n in codes.values()), codes

    # Every instant from now on: slot boundaries two days ahead, and every start (a "now" booking
    # or an early arrival starts between boundaries). A count of half-open intervals only rises
    # at a start, so these points see every peak.
    local = now.astimezone(STATION_TZ)
    boundary = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    points = {now}
    while boundary <= local + timedelta(hours=48):
        if boundary >= now:
            points.add(boundary.astimezone(UTC))
        boundary += SLOT
    points.update(start for _, _, _, start, _, _ in live if start >= now)
    for point in sorted(points):
        counts = Counter(t for _, t, _, start, end, _ in live if start <= point < end)
        for bay_type, count in counts.items():
            assert count <= capacity[bay_type], (point, bay_type, count, capacity[bay_type])

    # Bays: an EV booking holds one charger in service, never shared at the same instant; an
    # arrived car stands on a bay of its own type, one car per bay.
    occupied: list[int] = []
    for code, bay_type, state, start, end, bay_id in live:
        if bay_type == "ev":
            assert bay_id in in_service_ids, code
            assert bay_types[bay_id] == "ev"
            for other, other_type, _, o_start, o_end, o_bay in live:
                if other != code and other_type == "ev" and o_bay == bay_id:
                    assert not (start < o_end and o_start < end), (code, other)
        if state == "arrived":
            assert bay_id is not None and bay_types[bay_id] == bay_type, code
            occupied.append(bay_id)
        elif bay_type != "ev":
            assert bay_id is None, code
    assert len(occupied) == len(set(occupied))

    # Every reservation was announced to the county, in the same transactions.
    created = connection.execute(
        text("SELECT count(*) FROM outbox WHERE kind = 'reservation.created'")
    ).scalar_one()
    assert created == len(rows)


class ParkingStation(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="parking-prop-"))
        db_path = self.folder / "kiosk.db"
        shutil.copyfile(_template_db(), db_path)
        self.engine = make_engine(db_path)
        event.listen(self.engine, "connect", _fast)
        self.uow_factory = unit_of_work_factory(make_session_factory(self.engine))
        self.clock = ManualClock(START)
        self.service = ParkingService(
            self.uow_factory, self.clock, SETTINGS, PhoneHasher(b"invariant-test-key-0123")
        )
        self.service.sync_inventory(BAYS)
        self.codes: list[str] = []
        self.remote_ids = 0
        self.outcomes: Counter[str] = Counter()

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _try(self, name: str, call: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = call(*args, **kwargs)
        except (ParkingError, InvalidPlate) as error:
            self.outcomes[f"{name}:{getattr(error, 'problem', error)}"] += 1
            return None
        self.outcomes[f"{name}:ok"] += 1
        return result

    def _code(self, data: st.DataObject) -> str:
        if self.codes and data.draw(st.booleans()):
            return data.draw(st.sampled_from(self.codes))
        return f"P-{data.draw(st.integers(0, 9999)):04d}"

    @rule(
        kind=st.sampled_from(list(BayType)),
        start_slots=st.integers(0, 12),
        slots=st.integers(1, 16),
        plate=st.sampled_from(PLATES),
        remote=st.booleans(),
    )
    def book(self, kind: BayType, start_slots: int, slots: int, plate: str, remote: bool) -> None:
        starts = self.service.bookable_starts()
        start = None if start_slots == 0 else starts[start_slots]
        remote_id = None
        if remote:
            self.remote_ids += 1
            remote_id = f"req-{self.remote_ids}"
        view = self._try(
            "book",
            self.service.book,
            kind,
            start,
            slots * SETTINGS.slot_minutes,
            plate,
            source="remote" if remote else "kiosk",
            remote_id=remote_id,
        )
        if view is not None:
            self.codes.append(view.code)

    @rule(
        kind=st.sampled_from(list(BayType)),
        start_slots=st.integers(0, 4),
        slots=st.integers(1, 16),
        plates=st.lists(st.sampled_from(PLATES), min_size=2, max_size=4, unique=True),
    )
    def rush(self, kind: BayType, start_slots: int, slots: int, plates: list[str]) -> None:
        """Several drivers want the same window: fills a type, so the edges get tested."""
        for plate in plates:
            self.book(kind, start_slots, slots, plate, remote=False)

    @rule(data=st.data(), plate=st.sampled_from(PLATES))
    def cancel(self, data: st.DataObject, plate: str) -> None:
        self._try("cancel", self.service.cancel, plate, self._code(data))

    @rule(data=st.data(), plate=st.sampled_from(PLATES), with_code=st.booleans())
    def arrive(self, data: st.DataObject, plate: str, with_code: bool) -> None:
        code = self._code(data) if with_code else None
        self._try("arrive", self.service.arrive, plate, code)

    @precondition(lambda self: bool(self.codes))
    @rule(data=st.data())
    def leave(self, data: st.DataObject) -> None:
        self._try("leave", self.service.leave, self._code(data))

    @precondition(lambda self: bool(self.codes))
    @rule(data=st.data())
    def no_show(self, data: st.DataObject) -> None:
        self._try("no_show", self.service.mark_no_show, self._code(data))

    @rule(bay=st.sampled_from(BAY_CODES), out=st.booleans())
    def out_of_service(self, bay: str, out: bool) -> None:
        self._try("service", self.service.set_out_of_service, bay, "broken" if out else None)

    @rule(minutes=st.integers(1, 180))
    def time_passes(self, minutes: int) -> None:
        """The clock moves; drivers leave by their end (an overstay is the world's doing, not
        the service's, and is tested on its own)."""
        target = self.clock.now() + timedelta(minutes=minutes)
        while True:
            with self.engine.connect() as connection:
                due = connection.execute(
                    text(
                        "SELECT code, end_at FROM parking_reservations "
                        "WHERE state = 'arrived' ORDER BY end_at LIMIT 1"
                    )
                ).first()
            if due is None:
                break
            end = _parse(due[1])
            assert end is not None
            if end > target:
                break
            self.clock.set(max(self.clock.now(), end))
            self.service.leave(due[0])
        self.clock.set(target)

    @rule()
    def sweep(self) -> None:
        self.service.expire_no_shows()

    @invariant()
    def capacity_is_never_exceeded(self) -> None:
        with self.engine.connect() as connection:
            check_invariant(connection, self.clock.now())


FAST = settings(
    max_examples=30,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SLOW = settings(
    max_examples=400,
    stateful_step_count=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_capacity_invariant_holds_under_random_operations() -> None:
    run_state_machine_as_test(ParkingStation, settings=FAST)


@pytest.mark.slow
def test_capacity_invariant_holds_under_many_random_operations() -> None:
    # About three minutes; deselected by default: pytest -m slow.
    run_state_machine_as_test(ParkingStation, settings=SLOW)


def test_random_operations_do_book_arrive_and_refuse() -> None:
    """The machine is not vacuous: a fixed long run succeeds and is refused in many ways."""
    rng = random.Random(4821)
    machine = ParkingStation()
    try:
        for _ in range(400):
            kind = rng.choice(list(BayType))
            plate = rng.choice(PLATES)
            action = rng.random()
            if action < 0.45:
                starts = machine.service.bookable_starts()
                start = None if rng.random() < 0.3 else starts[rng.randint(1, 12)]
                view = machine._try(
                    "book", machine.service.book, kind, start, 15 * rng.randint(1, 16), plate
                )
                if view is not None:
                    machine.codes.append(view.code)
            elif action < 0.65 and machine.codes:
                # Mostly drivers who did book; sometimes a plate with nothing booked.
                code = rng.choice(machine.codes[-6:])
                booked = machine._try("find", machine.service.find, code)
                who = booked.plate if booked is not None and rng.random() < 0.8 else plate
                machine._try("arrive", machine.service.arrive, who)
            elif action < 0.72 and machine.codes:
                code = rng.choice(machine.codes[-6:])
                booked = machine._try("find", machine.service.find, code)
                who = booked.plate if booked is not None and rng.random() < 0.8 else plate
                machine._try("cancel", machine.service.cancel, who, code)
            elif action < 0.78:
                machine._try(
                    "service",
                    machine.service.set_out_of_service,
                    rng.choice(BAY_CODES),
                    "broken" if rng.random() < 0.5 else None,
                )
            else:
                machine.time_passes(rng.randint(1, 60))
            machine.capacity_is_never_exceeded()
    finally:
        machine.teardown()
    outcomes = machine.outcomes
    for seen in (
        "book:ok",
        "arrive:ok",
        "cancel:ok",
        "service:ok",
        "book:ParkingProblem.NONE_FREE",
    ):
        assert outcomes[seen] > 0, outcomes
