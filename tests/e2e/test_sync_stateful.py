"""Sync as a hypothesis state machine: a station and the county at work, the network failing.

Each example enrols a fresh station (its own code, data dir and keyring) with the real county
server (a child process, tests/e2e/conftest.py) through the fault proxy. Hypothesis interleaves:

- what the kiosk writes: check-ins, parking bookings, arrivals, departures and cancellations,
  rests taken and ended (every capability that writes operations);
- what the county does that the kiosk sees: documents published, changed and withdrawn
  (services, announcements), remote parking requests, the station revoked and restored (after
  which it enrols again);
- sync rounds with scripted proxy faults (every Fault: resets, lost, stalled, truncated,
  delayed and replayed exchanges), rounds with the network down, a sync that dies between two
  batches, and kiosk restarts (the store re-opened and a new sync engine on the same data dir).

After every step: every operation the kiosk holds as acknowledged is at the county, and the
county holds nothing the kiosk did not write. At the end of each example, after a clean sync:
both sides agree record for record (visits, reservations and their states, rests, remote
requests and their answers), every op exactly once, and the documents the kiosk pulled are the
ones the county published.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from county.checkin.models import CountyVisit
from county.models import Station
from county.parking.models import CountyParkingRequest, CountyReservation
from county.parking.service import create_request
from county.rest.models import CountyRest
from county.testing import CountyHarness
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.checkin.models import Visit
from kiosk.services.checkin.service import CheckInRequest
from kiosk.services.parking.models import Reservation
from kiosk.services.parking.plates import InvalidPlate
from kiosk.services.parking.service import BayConfig, BayType, ParkingError
from kiosk.services.rest.models import RestSession
from kiosk.services.rest.service import RestError, SeatConfig, SeatKind
from kiosk.store.models import CountyAnnouncement, CountyService, OutboxState
from kiosk.sync.errors import SyncReason
from redhome_wire.station import AnnouncementData, FeedKind, ServiceData
from tests.e2e.conftest import (
    CLIENT_TIMEOUT_S,
    CountyProcess,
    assert_acknowledged_at_county,
    county_ops,
    kiosk_ops,
)
from tests.e2e.faultproxy import Fault, FaultProxy
from tests.e2e.kill_writer import CHECK_INS

BAYS = (
    BayConfig("C001", BayType.CAR),
    BayConfig("C002", BayType.CAR),
    BayConfig("C003", BayType.CAR),
    BayConfig("E01", BayType.EV, 7.0),
    BayConfig("E02", BayType.EV, 120.0),
)
SEATS = (SeatConfig("1", SeatKind.CHAIR), SeatConfig("2", SeatKind.BED))
PLATES = ("湘A12345", "湘B54321", "湘AD12345", "湘C0000X", "粤B7777D", "京N33333")
DOCUMENT_KEYS = ("a", "b", "c")
# A clean sync at the end of an example: rounds until one succeeds with nothing left to push.
FINAL_ROUNDS = 10


class SyncDied(BaseException):
    """The sync stopping dead between two batches, as a killed process would."""


class World:
    """What outlives an example: the county server, the proxy in front of it, a folder."""

    def __init__(self, county: CountyHarness, proxy: FaultProxy, root: Path) -> None:
        self.county = county
        self.proxy = proxy
        self.root = root
        self.examples = itertools.count(1)
        self.faults_seen: set[Fault] = set()
        self.steps: dict[str, int] = {}


class SyncAtWork(RuleBasedStateMachine):
    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world
        self.county = world.county
        self.proxy = world.proxy
        number = next(world.examples)
        self.station = f"HS-{number:04d}"
        self.folder = world.root / self.station
        self.credentials = MemoryCredentialStore()
        self.batch_size = 1
        self.kiosk = self._open()
        self.kiosk.service("parking").sync_inventory(BAYS)
        self.kiosk.service("rest").sync_seats(SEATS)
        self.proxy.clear_script()
        self.proxy.accept()
        self.kiosk.sync.enrol(self.proxy.url, self._code())
        self.revoked = False
        # What the county published for this station, as the kiosk must end up holding it.
        self.documents: dict[tuple[str, str], str] = {}
        self.bookings: list[tuple[str, str]] = []  # (plate, code) as booked at the screen
        self.requests: list[str] = []

    # --- plumbing ------------------------------------------------------------------------

    def _open(self) -> Kiosk:
        kiosk = build_kiosk(
            DataDir(self.folder),
            credentials=self.credentials,
            settings=Settings(county_timeout_s=CLIENT_TIMEOUT_S),
        )
        kiosk.sync.set_batch_size(self.batch_size)
        return kiosk

    def _code(self) -> str:
        return self.county.enrolment_code(self.station, f"{self.station} 红色之家")

    def _count(self, step: str) -> None:
        self.world.steps[step] = self.world.steps.get(step, 0) + 1

    def _attempt(self, step: str, call: Callable[[], Any]) -> Any:
        """A driver's action the station may refuse (a full car park, a seat taken)."""
        try:
            result = call()
        except (ParkingError, InvalidPlate, RestError):
            self._count(f"{step}:refused")
            return None
        self._count(step)
        return result

    def teardown(self) -> None:
        try:
            self._final_sync()
            self._both_sides_agree()
        finally:
            self.kiosk.close()
            self.proxy.clear_script()
            self.proxy.accept()
            shutil.rmtree(self.folder, ignore_errors=True)

    # --- the kiosk's writes --------------------------------------------------------------

    @initialize(batch_size=st.sampled_from([1, 3, 50]))
    def batches_of(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self.kiosk.sync.set_batch_size(batch_size)

    @rule(which=st.sampled_from(CHECK_INS), count=st.integers(1, 3))
    def check_in(self, which: tuple[str, str | None, str], count: int) -> None:
        work_type, platform, purpose = which
        service = self.kiosk.service("checkin")
        for _ in range(count):
            service.check_in(CheckInRequest(None, False, work_type, platform, purpose))
        self._count("check_in")

    @rule(bay_type=st.sampled_from([BayType.CAR, BayType.EV]), plate=st.sampled_from(PLATES))
    def book(self, bay_type: BayType, plate: str) -> None:
        parking = self.kiosk.service("parking")
        view = self._attempt("book", lambda: parking.book(bay_type, None, 60, plate))
        if view is not None:
            self.bookings.append((plate, view.code))

    @precondition(lambda self: bool(self.bookings))
    @rule(data=st.data(), action=st.sampled_from(["arrive", "leave", "cancel"]))
    def reservation_moves(self, data: st.DataObject, action: str) -> None:
        plate, code = data.draw(st.sampled_from(self.bookings))
        parking = self.kiosk.service("parking")
        moves: dict[str, Callable[[], Any]] = {
            "arrive": lambda: parking.arrive(plate, code),
            "leave": lambda: parking.leave(code),
            "cancel": lambda: parking.cancel(plate, code),
        }
        self._attempt(action, moves[action])

    @rule(seat=st.sampled_from([seat.number for seat in SEATS]), wake=st.booleans())
    def rest(self, seat: str, wake: bool) -> None:
        """A driver takes a seat, or the one on it wakes (the rest's op is written then)."""
        rest = self.kiosk.service("rest")
        if wake:
            self._attempt("wake", lambda: rest.wake(seat))
        else:
            self._attempt("rest", lambda: rest.start(seat, minutes=30))

    # --- the county's edits --------------------------------------------------------------

    @rule(
        kind=st.sampled_from([FeedKind.SERVICE, FeedKind.ANNOUNCEMENT]),
        key=st.sampled_from(DOCUMENT_KEYS),
        title=st.none() | st.sampled_from(["饮水", "充电", "休息", "Wi-Fi 密码已更换"]),
    )
    def publish(self, kind: FeedKind, key: str, title: str | None) -> None:
        """Publish, change or (title None) withdraw a document for this station."""
        data: ServiceData | AnnouncementData | None = None
        if title is not None:
            data = (
                ServiceData(name_zh=title)
                if kind is FeedKind.SERVICE
                else AnnouncementData(title_zh=title)
            )
        self.county.publish(self.station, kind, key, data)
        if title is None:
            self.documents.pop((kind.value, key), None)
        else:
            self.documents[(kind.value, key)] = title
        self._count("publish")

    @rule(bay_type=st.sampled_from(["car", "ev"]), plate=st.sampled_from(PLATES))
    def remote_request(self, bay_type: str, plate: str) -> None:
        with self.county._writer() as session:
            view = create_request(
                session, self.station, bay_type, None, 60, plate, self.county.clock.now()
            )
            session.commit()
        self.requests.append(view.request_id)
        self._count("remote_request")

    @precondition(lambda self: not self.revoked)
    @rule()
    def revoke(self) -> None:
        self.county.revoke(self.station)
        self.revoked = True
        report = self.kiosk.sync.run_round()
        assert report.error is not None and report.error.reason is SyncReason.TOKEN_REVOKED
        self._count("revoke")

    @precondition(lambda self: self.revoked)
    @rule()
    def restore_and_enrol_again(self) -> None:
        assert self.county.restore(self.station)
        self.proxy.clear_script()
        self.kiosk.sync.enrol(self.proxy.url, self._code())
        self.revoked = False
        self._count("restore")

    # --- sync, faults and restarts -------------------------------------------------------

    @rule(faults=st.lists(st.sampled_from(list(Fault)), min_size=1, max_size=4))
    def sync_round(self, faults: list[Fault]) -> None:
        """One round, its exchanges meeting these faults in order (then passing)."""
        self.proxy.script(*faults)
        before = len(self.proxy.exchanges)
        report = self.kiosk.sync.run_round()
        self.proxy.clear_script()
        met = self.proxy.exchanges[before:]
        self.world.faults_seen.update(exchange.fault for exchange in met)
        broke = any(e.fault not in (Fault.PASS, Fault.REPLAY, Fault.DELAY_RESPONSE) for e in met)
        if self.revoked:
            assert report.error is not None
        elif not broke:
            assert report.ok, report.as_json()
        self._count("sync_round")

    @rule()
    def sync_offline(self) -> None:
        self.proxy.refuse()
        try:
            report = self.kiosk.sync.run_round()
        finally:
            self.proxy.accept()
        assert report.error is not None and report.error.reason is SyncReason.OFFLINE
        self._count("sync_offline")

    @rule(after_batches=st.integers(1, 2), fault=st.sampled_from(list(Fault)))
    def sync_dies(self, after_batches: int, fault: Fault) -> None:
        """The sync process dies once `after_batches` batches are answered; the kiosk comes
        back on the same data dir. `fault` meets the first exchange."""

        def die(report: Any) -> None:
            if report.batches >= after_batches:
                raise SyncDied

        self.proxy.script(fault)
        try:
            self.kiosk.sync.run_round(progress=die)
        except SyncDied:
            self._count("sync_died")
        self.proxy.clear_script()
        self.restart()

    @rule()
    def restart(self) -> None:
        self.kiosk.close()
        self.kiosk = self._open()
        self._count("restart")

    # --- both sides ----------------------------------------------------------------------

    @invariant()
    def acknowledged_means_at_the_county(self) -> None:
        assert_acknowledged_at_county(self.kiosk, self.county, self.station)

    def _final_sync(self) -> None:
        self.proxy.clear_script()
        self.proxy.accept()
        if self.revoked:
            self.restore_and_enrol_again()
        for _ in range(FINAL_ROUNDS):
            report = self.kiosk.sync.run_round()
            if report.ok and report.pending == 0:
                return
        raise AssertionError(f"no clean sync in {FINAL_ROUNDS} rounds: {report.as_json()}")

    def _both_sides_agree(self) -> None:
        local = kiosk_ops(self.kiosk)
        remote = county_ops(self.county, self.station)
        assert set(local.values()) <= {OutboxState.DONE}, local
        assert sorted(remote) == sorted(local), "ops lost or doubled"

        station = Station.code == self.station
        with self.kiosk.uow_factory() as uow:
            session = uow.session
            visits = set(session.scalars(select(Visit.public_id)))
            reservations = {
                row.public_id: (row.code, row.state, row.remote_id)
                for row in session.scalars(select(Reservation))
            }
            rests = set(
                session.scalars(
                    select(RestSession.public_id).where(RestSession.ended_at.is_not(None))
                )
            )
            pulled = {
                (FeedKind.SERVICE.value, row.key): row.name_zh
                for row in session.scalars(select(CountyService))
            } | {
                (FeedKind.ANNOUNCEMENT.value, row.key): row.title_zh
                for row in session.scalars(select(CountyAnnouncement))
            }
        with self.county._writer() as session:
            county_visits = list(
                session.scalars(select(CountyVisit.visit_id).join(Station).where(station))
            )
            county_reservations = {
                row.reservation_id: (row.code, row.state, row.remote_id)
                for row in session.scalars(select(CountyReservation).join(Station).where(station))
            }
            county_rests = list(
                session.scalars(select(CountyRest.rest_id).join(Station).where(station))
            )
            answers = {
                row.request_id: (row.status, row.reservation_id)
                for row in session.scalars(
                    select(CountyParkingRequest).join(Station).where(station)
                )
            }
        counts = self.county.stats()[self.station].counts
        assert sorted(county_visits) == sorted(visits)
        assert counts["visits"] == len(visits)
        assert county_reservations == reservations
        assert counts["reservations"]["bookings"] == len(reservations)
        assert sorted(county_rests) == sorted(rests)
        assert counts["rest"]["rests"] == len(rests)
        assert pulled == self.documents
        # Every remote request was decided once, and the county knows the answer the station
        # gave: an accepted one names the reservation the station booked for it.
        assert set(answers) == set(self.requests)
        booked_for = {remote: rid for rid, (_c, _s, remote) in reservations.items() if remote}
        for request_id, (status, reservation_id) in answers.items():
            assert status in ("accepted", "rejected"), (request_id, status)
            assert (status == "accepted") == (request_id in booked_for)
            if status == "accepted":
                assert reservation_id == booked_for[request_id]


QUICK = settings(
    max_examples=25,
    stateful_step_count=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LONG = settings(QUICK, max_examples=150, stateful_step_count=50)


def run_machine(
    county: CountyHarness, proxy: FaultProxy, root: Path, run_settings: settings
) -> World:
    world = World(county, proxy, root)
    run_state_machine_as_test(lambda: SyncAtWork(world), settings=run_settings)
    return world


def test_sync_agrees_under_random_work_faults_and_restarts(
    county: CountyHarness, county_process: CountyProcess, proxy: FaultProxy, tmp_path: Path
) -> None:
    world = run_machine(county, proxy, tmp_path / "stations", QUICK)
    # The run was not vacuous: faults met, records written, restarts made.
    assert len(world.faults_seen - {Fault.PASS}) >= 4, world.faults_seen
    for step in ("check_in", "book", "publish", "sync_round", "restart"):
        assert world.steps.get(step, 0) > 0, world.steps


@pytest.mark.faults_long
def test_sync_agrees_under_many_random_runs(
    county: CountyHarness, county_process: CountyProcess, proxy: FaultProxy, tmp_path: Path
) -> None:
    world = run_machine(county, proxy, tmp_path / "stations", LONG)
    assert world.faults_seen == set(Fault), world.faults_seen
