"""The keeper's close-out: X figures, sealed Z reports in one chain, and what must never happen
to them (issue 16)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select, text

from kiosk.app import Kiosk
from kiosk.services.checkin.catalog import Purpose, WorkType
from kiosk.services.checkin.service import CheckInRequest
from kiosk.services.closeout.models import SealedDay
from kiosk.services.closeout.service import CloseoutError, CloseoutProblem, CloseoutService
from kiosk.store.models import OutboxEntry
from redhome_wire.closeout import CHAIN_START, DAY_CLOSED, DayClosed, report_hash
from redhome_wire.station_time import STATION_TZ, local_day

KEEPER = "站长"


def _closeout(kiosk: Kiosk) -> CloseoutService:
    service: CloseoutService = kiosk.service("closeout")
    return service


def _check_in(kiosk: Kiosk) -> None:
    kiosk.service("checkin").check_in(
        CheckInRequest(None, False, WorkType.COURIER, None, Purpose.REST)
    )


def _evening(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 22, 0, tzinfo=STATION_TZ)


def test_the_x_report_counts_the_day_so_far_with_what_waits_for_the_county(kiosk, clock):
    _check_in(kiosk)
    _check_in(kiosk)
    figures = _closeout(kiosk).figures(local_day(clock.now()))
    assert figures.counters["checkin.visits"] == 2
    assert figures.records_waiting == 2
    assert figures.sealed is None


def test_sealing_numbers_the_days_in_one_chain_with_an_outbox_row_each(kiosk, clock):
    closeout = _closeout(kiosk)
    first_day = local_day(clock.now())
    _check_in(kiosk)
    first = closeout.seal_day(first_day, KEEPER, "北区充电桩停用")
    clock.set(_evening(first_day + timedelta(days=1)))
    _check_in(kiosk)
    second = closeout.seal_day(first_day + timedelta(days=1), KEEPER)

    assert (first.label, second.label) == ("Z-0001", "Z-0002")
    assert first.previous_hash == CHAIN_START and second.previous_hash == first.hash
    assert first.counters["checkin.visits"] == 1 and second.counters["checkin.visits"] == 1
    # Offline: the first sealed with its day's check-in waiting; the second with both check-ins
    # and the first report.
    assert (first.records_waiting, second.records_waiting) == (1, 3)
    assert closeout.check_chain().intact
    with kiosk.uow_factory() as uow:
        pushed = uow.session.scalars(
            select(OutboxEntry.payload).where(OutboxEntry.kind == DAY_CLOSED)
        ).all()
    assert [DayClosed.model_validate_json(p) for p in pushed] == [first, second]
    assert closeout.figures(first_day).sealed == first


def test_a_day_is_sealed_once_whoever_taps(kiosk, clock):
    closeout = _closeout(kiosk)
    today = local_day(clock.now())
    closeout.seal_day(today, KEEPER)
    with pytest.raises(CloseoutError) as again:
        closeout.seal_day(today, KEEPER)
    assert again.value.problem is CloseoutProblem.ALREADY_SEALED
    assert len(closeout.reports()) == 1


def test_two_keepers_sealing_at_once_leave_one_report(kiosk, clock):
    closeout = _closeout(kiosk)
    today = local_day(clock.now())
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def keeper() -> None:
        start.wait()
        try:
            outcomes.append(closeout.seal_day(today, KEEPER))
        except CloseoutError as error:
            outcomes.append(error.problem)
        except Exception as error:  # a locked database is still one report, but say so
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=keeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(closeout.reports()) == 1
    assert sum(isinstance(o, DayClosed) for o in outcomes) == 1, outcomes
    with kiosk.uow_factory() as uow:
        rows = uow.session.scalars(
            select(OutboxEntry.id).where(OutboxEntry.kind == DAY_CLOSED)
        ).all()
    assert len(rows) == 1


def test_a_forgotten_day_is_closed_first(kiosk, clock):
    closeout = _closeout(kiosk)
    monday = local_day(clock.now())
    closeout.seal_day(monday, KEEPER)
    clock.set(_evening(monday + timedelta(days=1)))
    _check_in(kiosk)  # Tuesday had visits, and nobody closed it
    clock.set(_evening(monday + timedelta(days=3)))
    tuesday = monday + timedelta(days=1)

    assert closeout.forgotten_days() == [tuesday]  # Wednesday was empty: nothing to close
    assert closeout.day_to_close() == tuesday
    with pytest.raises(CloseoutError) as skipped:
        closeout.seal_day(closeout.today(), KEEPER)
    assert skipped.value.problem is CloseoutProblem.EARLIER_DAY_OPEN
    report = closeout.seal_day(tuesday, KEEPER)
    assert report.counters["checkin.visits"] == 1 and report.number == 2
    assert closeout.day_to_close() == closeout.today()
    assert closeout.seal_day(closeout.today(), KEEPER).number == 3


def test_a_clock_that_went_back_or_ahead_makes_no_report_for_a_day_that_never_was(kiosk, clock):
    closeout = _closeout(kiosk)
    today = local_day(clock.now())
    closeout.seal_day(today, KEEPER)
    clock.set(clock.now() - timedelta(days=1))  # back across midnight
    with pytest.raises(CloseoutError) as back:
        closeout.seal_day(closeout.today(), KEEPER)
    assert back.value.problem is CloseoutProblem.ALREADY_SEALED
    with pytest.raises(CloseoutError) as ahead:
        closeout.seal_day(today + timedelta(days=5), KEEPER)
    assert ahead.value.problem is CloseoutProblem.NOT_OVER
    assert len(closeout.reports()) == 1


@pytest.mark.parametrize(
    ("note", "problem"),
    [
        ("请回电 138 1234 5678", CloseoutProblem.NOTE_HAS_PHONE),
        ("一三八一二三四五六七八", CloseoutProblem.NOTE_HAS_PHONE),
        ("长" * 501, CloseoutProblem.NOTE_TOO_LONG),
    ],
)
def test_a_handover_note_with_a_phone_number_or_too_long_is_refused(kiosk, clock, note, problem):
    closeout = _closeout(kiosk)
    with pytest.raises(CloseoutError) as refused:
        closeout.seal_day(local_day(clock.now()), KEEPER, note)
    assert refused.value.problem is problem
    assert len(closeout.reports()) == 0


def test_a_handover_note_may_hold_emoji_and_short_numbers(kiosk, clock):
    report = _closeout(kiosk).seal_day(local_day(clock.now()), KEEPER, "🔧 7号躺椅 已报修 ✅")
    assert report.handover_note == "🔧 7号躺椅 已报修 ✅"


def test_a_sealed_report_cannot_be_changed_or_removed(kiosk, clock):
    _closeout(kiosk).seal_day(local_day(clock.now()), KEEPER)
    path = kiosk.data_dir.database
    with sqlite3.connect(path) as db:
        for statement in (
            "UPDATE closeout_reports SET sealed_by = 'someone'",
            "DELETE FROM closeout_reports",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="never changed"):
                db.execute(statement)


def test_the_chain_check_finds_a_report_edited_behind_the_triggers(kiosk, clock):
    closeout = _closeout(kiosk)
    today = local_day(clock.now())
    closeout.seal_day(today, KEEPER)
    clock.set(_evening(today + timedelta(days=1)))
    closeout.seal_day(today + timedelta(days=1), KEEPER)
    with kiosk.database.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER closeout_reports_no_update"))
        body = connection.execute(text("SELECT body FROM closeout_reports WHERE number = 1"))
        edited = body.scalar_one().replace('"records_waiting":0', '"records_waiting":9')
        connection.execute(
            text("UPDATE closeout_reports SET body = :body WHERE number = 1"), {"body": edited}
        )
    check = closeout.check_chain()
    assert not check.intact and check.broken_at == 1


def test_the_wire_refuses_a_report_whose_hash_does_not_match(kiosk, clock):
    report = _closeout(kiosk).seal_day(local_day(clock.now()), KEEPER)
    fields = report.model_dump(mode="json")
    fields["counters"] = {"checkin.visits": 999}
    with pytest.raises(ValidationError, match="hash"):
        DayClosed.model_validate(fields)
    assert report_hash(report) == report.hash


def test_sealing_commits_the_report_and_its_outbox_row_together(kiosk, clock, monkeypatch):
    closeout = _closeout(kiosk)

    def power_cut(*_args: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(closeout._outbox, "add", power_cut)
    with pytest.raises(OSError):
        closeout.seal_day(local_day(clock.now()), KEEPER)
    with kiosk.uow_factory() as uow:
        assert uow.session.scalars(select(SealedDay)).all() == []


# A child process seals a day on a real data dir and is killed (SIGKILL, no clean-up at all) at
# one step of sealing; {step} is where.
_SEAL_AND_DIE = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from sqlalchemy import event
from kiosk.app import build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from redhome_wire.station_time import STATION_TZ, ManualClock, local_day

step = sys.argv[2]
clock = ManualClock(datetime(2026, 11, 27, 22, 0, tzinfo=STATION_TZ))
kiosk = build_kiosk(
    DataDir(Path(sys.argv[1])), clock=clock, credentials=MemoryCredentialStore(),
    settings=Settings(),
)

def die(*_args):
    os.kill(os.getpid(), signal.SIGKILL)

def on_statement(conn, cursor, statement, parameters, context, executemany):
    if step == "report" and statement.startswith("INSERT INTO closeout_reports"):
        die()
    if step == "outbox" and statement.startswith("INSERT INTO outbox"):
        die()

engine = kiosk.database.engine
event.listen(engine, "before_cursor_execute", on_statement)
if step == "commit":
    event.listen(engine, "commit", die)
kiosk.service("closeout").seal_day(local_day(clock.now()), "站长")
if step == "after":
    die()
print("sealed", flush=True)
"""


@pytest.mark.parametrize("step", ["report", "outbox", "commit", "after", "none"])
def test_a_kill_at_any_step_of_sealing_leaves_the_day_sealed_once_or_not_at_all(tmp_path, step):
    import subprocess
    import sys

    from kiosk.app import build_kiosk
    from kiosk.config import Settings
    from kiosk.credentials import MemoryCredentialStore
    from kiosk.paths import DataDir
    from redhome_wire.station_time import ManualClock

    station = tmp_path / "station"
    child = subprocess.run(
        [sys.executable, "-c", _SEAL_AND_DIE, str(station), step],
        capture_output=True,
        text=True,
        timeout=120,
    )
    killed = child.returncode == -9
    assert killed == (step != "none"), child.stderr
    with sqlite3.connect(station / "kiosk.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        reports = db.execute("SELECT number FROM closeout_reports").fetchall()
        pushed = db.execute("SELECT count(*) FROM outbox WHERE kind = ?", (DAY_CLOSED,)).fetchone()[
            0
        ]
    assert len(reports) in (0, 1)
    assert pushed == len(reports), "a report and its outbox row commit together"
    if step in ("report", "outbox", "commit"):
        assert reports == []  # died before the commit was done: not sealed at all
    else:
        assert reports == [(1,)]
    # After the restart the day closes exactly once, and numbering has not skipped.
    clock = ManualClock(datetime(2026, 11, 27, 22, 5, tzinfo=STATION_TZ))
    kiosk = build_kiosk(
        DataDir(station), clock=clock, credentials=MemoryCredentialStore(), settings=Settings()
    )
    try:
        closeout = _closeout(kiosk)
        if reports:
            with pytest.raises(CloseoutError):
                closeout.seal_day(local_day(clock.now()), KEEPER)
        else:
            assert closeout.seal_day(local_day(clock.now()), KEEPER).number == 1
        assert len(closeout.reports()) == 1 and closeout.check_chain().intact
    finally:
        kiosk.close()


def test_a_sealed_report_cannot_be_replaced_in_place_either(kiosk, clock):
    _closeout(kiosk).seal_day(local_day(clock.now()), KEEPER)
    with kiosk.database.engine.connect() as connection, pytest.raises(Exception, match="never"):
        connection.exec_driver_sql(
            "INSERT OR REPLACE INTO closeout_reports SELECT id, number, station_day, sealed_at,"
            " 'someone else', previous_hash, hash, body FROM closeout_reports"
        )


def test_the_hash_of_a_report_is_fixed_by_its_contents_alone():
    """A test vector: the canonical JSON and its SHA-256, as both sides compute them. If a
    library upgrade changed how a date or an instant is written, every report sealed before it
    would stop matching: this fails first."""
    from datetime import timezone

    from redhome_wire.closeout import DayReport, canonical_json, seal

    report = DayReport(
        number=7,
        station_day=date(2026, 11, 27),
        sealed_at=datetime(2026, 11, 27, 22, 5, 30, 123456, tzinfo=timezone(timedelta(hours=8))),
        sealed_by="站长",
        counters={"rest.rests": 9, "checkin.visits": 48},
        records_waiting=3,
        handover_note="北区充电桩停用",
        previous_hash="a" * 64,
    )
    assert canonical_json(report.model_dump(mode="json")).decode() == (
        '{"counters":{"checkin.visits":48,"rest.rests":9},"handover_note":"北区充电桩停用",'
        '"number":7,"previous_hash":"' + "a" * 64 + '","records_waiting":3,'
        '"sealed_at":"2026-11-27T14:05:30.123456Z","sealed_by":"站长","station_day":"2026-11-27"}'
    )
    assert seal(report).hash == "8f24864db09d55a82041f53907360a3d20376ff754e6a17173763b2241522199"
