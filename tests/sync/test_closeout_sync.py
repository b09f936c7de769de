"""Sealed day reports reach the county as one chain per station, verified on arrival; a report
that would fork or break the chain is refused and parked for the keeper (issue 16)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from county.closeout.models import CountyDayReport
from county.closeout.service import closeout_stats
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.checkin.catalog import Purpose, WorkType
from kiosk.services.checkin.service import CheckInRequest
from kiosk.services.closeout.service import CloseoutError, CloseoutProblem
from kiosk.store.models import OutboxEntry
from redhome_wire.closeout import CHAIN_START, DAY_CLOSED, DayReport, seal
from redhome_wire.station_time import STATION_TZ, ManualClock, local_day
from tests.sync.conftest import raw_outbox_row

EVENING = datetime(2026, 11, 27, 21, 30, tzinfo=STATION_TZ)


def _kiosk(root: Path, clock: ManualClock, credentials: MemoryCredentialStore) -> Kiosk:
    return build_kiosk(
        DataDir(root), clock=clock, credentials=credentials, settings=Settings(county_timeout_s=2)
    )


def _enrol(county, county_server, kiosk: Kiosk, *, pull: bool) -> None:
    """Enrol as CSX-01; with `pull`, also hear from the county where the station's chain stands."""
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01", "CSX-01 红色之家"))
    if pull:
        assert kiosk.sync.run_round().ok


def _check_in(kiosk: Kiosk) -> None:
    kiosk.service("checkin").check_in(
        CheckInRequest(None, False, WorkType.TRUCK, None, Purpose.CHARGING)
    )


def _reports(county) -> list[tuple[str, int, str]]:
    with county._writer() as session:
        rows = session.scalars(select(CountyDayReport).order_by(CountyDayReport.number)).all()
        return [(row.station_day.isoformat(), row.number, row.hash) for row in rows]


def test_reports_sealed_offline_reach_the_county_as_one_chain(tmp_path, county, county_server):
    clock = ManualClock(EVENING)
    kiosk = _kiosk(tmp_path / "station", clock, MemoryCredentialStore())
    try:
        _enrol(county, county_server, kiosk, pull=True)
        closeout = kiosk.service("closeout")
        _check_in(kiosk)
        _check_in(kiosk)
        first = closeout.seal_day(local_day(clock.now()), "站长", "北区充电桩停用")
        assert first.records_waiting == 2  # sealed before any sync: the county confirms later
        clock.set(EVENING + timedelta(days=1))
        _check_in(kiosk)
        second = closeout.seal_day(local_day(clock.now()), "站长")

        report = kiosk.sync.push()
        assert report.acked == 5 and report.parked == 0
        assert _reports(county) == [
            ("2026-11-27", 1, first.hash),
            ("2026-11-28", 2, second.hash),
        ]
        with county._writer() as session:
            stats = closeout_stats(session)["CSX-01"]["closeout"]
        assert stats == {
            "reports": 2,
            "last": "Z-0002",
            "last_day": "2026-11-28",
        }
    finally:
        kiosk.close()


def test_a_report_that_would_fork_the_chain_is_refused_and_parked(tmp_path, county, county_server):
    clock = ManualClock(EVENING)
    credentials = MemoryCredentialStore()
    kiosk = _kiosk(tmp_path / "station", clock, credentials)
    try:
        _enrol(county, county_server, kiosk, pull=True)
        kiosk.service("closeout").seal_day(local_day(clock.now()), "站长")
        assert kiosk.sync.push().acked == 1
    finally:
        kiosk.close()
    # The station's database is lost (a new disk); its token is still in the keyring.
    clock.set(EVENING + timedelta(days=1))
    fresh = _kiosk(tmp_path / "new-disk", clock, credentials)
    try:
        _enrol(county, county_server, fresh, pull=False)
        # Before it has heard from the county it does not seal: it would start at Z-0001 again.
        with pytest.raises(CloseoutError) as not_heard:
            fresh.service("closeout").seal_day(local_day(clock.now()), "站长")
        assert not_heard.value.problem is CloseoutProblem.COUNTY_NOT_HEARD
        # A second Z-0001 all the same (an older kiosk, a restored backup): the county refuses
        # the fork, the kiosk parks it for the keeper, and the county's chain stays as it was.
        forked = seal(
            DayReport(
                number=1,
                station_day=local_day(clock.now()),
                sealed_at=clock.now(),
                sealed_by="站长",
                counters={},
                records_waiting=0,
                previous_hash=CHAIN_START,
            )
        )
        with fresh.uow_factory() as uow:
            raw_outbox_row(uow.session, DAY_CLOSED, forked.model_dump(mode="json"), clock.now())
            uow.commit()
        report = fresh.sync.push()
        assert report.parked == 1
        with fresh.uow_factory() as uow:
            state, reason, error = uow.session.execute(
                select(OutboxEntry.state, OutboxEntry.parked_reason, OutboxEntry.last_error).where(
                    OutboxEntry.kind == DAY_CLOSED
                )
            ).one()
        assert (state, reason) == ("parked", "conflict")
        assert "chain" in (error or "")
        assert [number for _day, number, _hash in _reports(county)] == [1]
    finally:
        fresh.close()


def test_the_same_report_sent_again_is_kept_once(tmp_path, county, county_server):
    clock = ManualClock(EVENING)
    kiosk = _kiosk(tmp_path / "station", clock, MemoryCredentialStore())
    try:
        _enrol(county, county_server, kiosk, pull=True)
        kiosk.service("closeout").seal_day(local_day(clock.now()), "站长")
        assert kiosk.sync.push().acked == 1
        # An old copy of its outbox row comes back under a new op id (a restored backup).
        with kiosk.uow_factory() as uow:
            sent = uow.session.scalars(
                select(OutboxEntry).where(OutboxEntry.kind == DAY_CLOSED)
            ).one()
            uow.session.add(
                OutboxEntry(
                    op_id="5f0c6a0e-0000-4000-8000-000000000001",
                    kind=DAY_CLOSED,
                    payload=sent.payload,
                    created_at=clock.now(),
                    state="pending",
                    attempts=0,
                )
            )
            uow.commit()
        assert kiosk.sync.push().acked == 1
        assert len(_reports(county)) == 1
    finally:
        kiosk.close()


def test_a_station_whose_database_was_lost_goes_on_from_the_countys_copy(
    tmp_path, county, county_server
):
    clock = ManualClock(EVENING)
    credentials = MemoryCredentialStore()
    kiosk = _kiosk(tmp_path / "station", clock, credentials)
    try:
        _enrol(county, county_server, kiosk, pull=True)
        first = kiosk.service("closeout").seal_day(local_day(clock.now()), "站长")
        assert kiosk.sync.push().acked == 1
    finally:
        kiosk.close()
    clock.set(EVENING + timedelta(days=1))
    fresh = _kiosk(tmp_path / "new-disk", clock, credentials)
    try:
        _enrol(county, county_server, fresh, pull=True)  # hears where its chain stands
        closeout = fresh.service("closeout")
        assert closeout.next_number() == 2
        second = closeout.seal_day(local_day(clock.now()), "站长")
        assert (second.number, second.previous_hash) == (2, first.hash)
        assert closeout.check_chain().intact
        assert fresh.sync.push().acked == 1
        assert [number for _day, number, _hash in _reports(county)] == [1, 2]
        # A clock put back to the day the lost database closed makes no second report of it.
        clock.set(EVENING)
        assert closeout.forgotten_days() == []
    finally:
        fresh.close()


def test_a_report_for_a_day_not_yet_come_is_refused(tmp_path, county, county_server):
    # The kiosk's clock is a month ahead of the county's (a flat RTC battery, a bad NTP).
    clock = ManualClock(datetime.now(STATION_TZ) + timedelta(days=30))
    kiosk = _kiosk(tmp_path / "station", clock, MemoryCredentialStore())
    try:
        _enrol(county, county_server, kiosk, pull=True)
        kiosk.service("closeout").seal_day(local_day(clock.now()), "站长")
        assert kiosk.sync.push().parked == 1
        assert _reports(county) == []
    finally:
        kiosk.close()
