"""The console's core without the web: accounts, the sign-in throttle, sessions, the audit trail
and the station actions the command line shares."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from county.__main__ import main
from county.console import audit
from county.console.accounts import (
    ACCOUNT_FAILURES,
    LOCKOUT,
    WINDOW,
    AccountProblem,
    Role,
    SignInRefused,
    create_account,
    sign_in,
    update_account,
)
from county.console.models import AuditEntry, SignInThrottle, StaffAccount
from county.console.sessions import (
    ABSOLUTE_TIMEOUT,
    IDLE_TIMEOUT,
    end_session,
    find_session,
    purge_expired,
    start_session,
    token_hash,
    touch,
)
from county.console.station_admin import issue_code, restore_station, revoke_station
from county.db import make_engine, make_writer_factory
from county.enrolment import enrol
from county.models import Station
from county.stations import CountyProblem
from redhome_wire.protocol import ErrorCode

PASSWORD = "a good long password"


def make_account(writer, clock, username="alice", role=Role.ADMIN, **extra):
    with writer() as session:
        account = create_account(
            session, clock.now(), "cli", username=username, display_name=username.title(),
            role=role, password=PASSWORD, **extra,
        )  # fmt: skip
        session.commit()
        return account.id


def attempt(writer, clock, username, password, address="10.0.0.7"):
    try:
        return sign_in(writer, username, password, address, clock.now())
    except SignInRefused as refused:
        return refused


def test_accounts_keep_only_a_scrypt_hash_and_each_creation_is_audited(writer, console_clock):
    make_account(writer, console_clock, "Alice", department="ignored: not a handler")
    make_account(writer, console_clock, "hal", Role.HANDLER, department="民政")
    with writer() as session:
        alice, hal = session.scalars(select(StaffAccount).order_by(StaffAccount.username))
        assert alice.username == "alice" and alice.department is None
        assert hal.department == "民政"
        assert alice.password_hash.startswith("scrypt$") and PASSWORD not in alice.password_hash
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(e.actor, e.action, e.target) for e in entries] == [
            ("cli", "account.create", "account:alice"),
            ("cli", "account.create", "account:hal"),
        ]
        assert "password" not in (entries[0].after or "")
        assert json.loads(entries[1].after or "")["role"] == "handler"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"username": "a"}, "bad_username"),
        ({"username": "bad name"}, "bad_username"),
        ({"password": "short"}, "bad_password"),
        ({"role": "root"}, "bad_role"),
        ({"display_name": " "}, "bad_display_name"),
        ({"username": "alice"}, "username_taken"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(writer, console_clock, fields, reason):
    make_account(writer, console_clock, "alice")
    values = {"username": "bob", "display_name": "Bob", "role": "viewer", "password": PASSWORD}
    with writer() as session, pytest.raises(AccountProblem) as refused:
        create_account(session, console_clock.now(), "alice", **{**values, **fields})
    assert refused.value.reason == reason


def test_the_last_active_admin_cannot_be_disabled_or_demoted(writer, console_clock):
    make_account(writer, console_clock, "alice")
    for change in ({"disabled": True}, {"role": "viewer"}):
        with writer() as session, pytest.raises(AccountProblem, match="last_admin"):
            update_account(session, console_clock.now(), "alice", "alice", **change)
    make_account(writer, console_clock, "bob")
    with writer() as session:
        update_account(session, console_clock.now(), "bob", "alice", disabled=True)
        session.commit()
        assert session.scalar(select(StaffAccount.disabled).where(StaffAccount.username == "alice"))
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "account.update" and entry.actor == "bob"
        assert json.loads(entry.before or "")["disabled"] is False
        assert json.loads(entry.after or "")["disabled"] is True


def test_sign_in_checks_the_password_and_a_disabled_account_cannot_sign_in(writer, console_clock):
    make_account(writer, console_clock, "alice")
    make_account(writer, console_clock, "bob", Role.VIEWER)
    assert attempt(writer, console_clock, "ALICE ", PASSWORD).username == "alice"
    assert isinstance(attempt(writer, console_clock, "alice", PASSWORD + "x"), SignInRefused)
    assert isinstance(attempt(writer, console_clock, "nobody", PASSWORD), SignInRefused)
    with writer() as session:
        update_account(session, console_clock.now(), "alice", "bob", disabled=True)
        session.commit()
    assert isinstance(attempt(writer, console_clock, "bob", PASSWORD), SignInRefused)


def test_a_lockout_survives_a_restart_and_ends_after_its_time(
    console_url, console_engine, writer, console_clock
):
    make_account(writer, console_clock, "alice")
    for _ in range(ACCOUNT_FAILURES - 1):
        refused = attempt(writer, console_clock, "alice", "wrong password")
        assert isinstance(refused, SignInRefused) and not refused.locked
    refused = attempt(writer, console_clock, "alice", "wrong password")
    assert isinstance(refused, SignInRefused) and refused.locked
    attempt(writer, console_clock, "alice", "wrong password")  # already locked: no new row
    with writer() as session:
        lockouts = session.execute(
            select(AuditEntry.actor, AuditEntry.target).where(
                AuditEntry.action == "sign_in.lockout"
            )
        ).all()
        assert [tuple(row) for row in lockouts] == [("anonymous", "account:alice")]
    console_engine.dispose()

    # A new engine on the same database: the server restarted.
    restarted = make_engine(console_url)
    try:
        again = make_writer_factory(restarted)
        refused = attempt(again, console_clock, "alice", PASSWORD, address="10.9.9.9")
        assert isinstance(refused, SignInRefused) and refused.locked  # the right password too
        console_clock.advance(LOCKOUT + timedelta(seconds=1))
        assert attempt(again, console_clock, "alice", PASSWORD).username == "alice"
        with again() as session:  # a success clears the account's count
            assert session.get(SignInThrottle, "account:alice") is None
    finally:
        restarted.dispose()


def test_old_counts_are_forgotten_so_guessed_names_do_not_pile_up(writer, console_clock):
    for number in range(3):
        attempt(writer, console_clock, f"guess{number}", "wrong password")
    with writer() as session:
        assert len(session.scalars(select(SignInThrottle)).all()) == 4  # 3 names, 1 address
    console_clock.advance(WINDOW)
    attempt(writer, console_clock, "guess9", "wrong password")
    with writer() as session:
        keys = session.scalars(select(SignInThrottle.key)).all()
    assert sorted(keys) == ["account:guess9", "address:10.0.0.7"]


def test_one_address_trying_many_accounts_is_locked_out(writer, console_clock):
    make_account(writer, console_clock, "alice")
    for number in range(20):
        attempt(writer, console_clock, f"guess{number}", "wrong password", address="10.6.6.6")
    refused = attempt(writer, console_clock, "alice", PASSWORD, address="10.6.6.6")
    assert isinstance(refused, SignInRefused) and refused.locked
    assert attempt(writer, console_clock, "alice", PASSWORD, address="10.1.1.1").username == "alice"


def test_failures_outside_the_window_do_not_add_up(writer, console_clock):
    make_account(writer, console_clock, "alice")
    for _ in range(ACCOUNT_FAILURES * 2):
        attempt(writer, console_clock, "alice", "wrong password")
        console_clock.advance(timedelta(minutes=4))
    assert attempt(writer, console_clock, "alice", PASSWORD).username == "alice"


def test_sessions_keep_only_the_token_hash_and_expire_when_idle_or_old(writer, console_clock):
    make_account(writer, console_clock, "alice")
    staff = attempt(writer, console_clock, "alice", PASSWORD)
    with writer() as session:
        token, signed = start_session(session, staff, console_clock.now())
        session.commit()
        stored = session.scalar(text("SELECT token_hash FROM staff_sessions"))
        assert stored == token_hash(token) and token not in str(stored)
        assert find_session(session, token, console_clock.now()).session_id == signed.session_id
        assert find_session(session, token + "x", console_clock.now()) is None
        assert find_session(session, None, console_clock.now()) is None

    console_clock.advance(IDLE_TIMEOUT - timedelta(seconds=1))
    with writer() as session:
        assert find_session(session, token, console_clock.now()) is not None
        touch(session, signed.session_id, console_clock.now())
        session.commit()
    console_clock.advance(IDLE_TIMEOUT - timedelta(seconds=1))
    with writer() as session:
        assert find_session(session, token, console_clock.now()) is not None  # touched
    console_clock.advance(timedelta(seconds=2))
    with writer() as session:
        assert find_session(session, token, console_clock.now()) is None  # idle

    # However busy, a session ends at its absolute timeout.
    with writer() as session:
        token, signed = start_session(session, staff, console_clock.now())
        session.commit()
    started = console_clock.now()
    while console_clock.now() < started + ABSOLUTE_TIMEOUT - timedelta(minutes=10):
        console_clock.advance(timedelta(minutes=10))
        with writer() as session:
            assert find_session(session, token, console_clock.now()) is not None
            touch(session, signed.session_id, console_clock.now())
            session.commit()
    console_clock.advance(timedelta(minutes=10))
    with writer() as session:
        assert find_session(session, token, console_clock.now()) is None
        end_session(session, token)
        session.commit()
        assert session.scalar(text("SELECT count(*) FROM staff_sessions")) == 1  # the first one
        purge_expired(session, console_clock.now())
        session.commit()
        assert session.scalar(text("SELECT count(*) FROM staff_sessions")) == 0


def test_the_audit_trail_refuses_update_and_delete_at_the_database(console_engine, writer,
                                                                    console_clock):  # fmt: skip
    with writer() as session:
        audit.record(session, console_clock.now(), "alice", "x.test", "t", after={"a": 1})
        session.commit()
    table = AuditEntry.__table__
    for statement in (update(table).values(actor="mallory"), delete(table)):
        with pytest.raises(DBAPIError, match="append-only"), console_engine.begin() as connection:
            connection.execute(statement)
    with console_engine.connect() as connection:
        assert connection.execute(select(table.c.actor)).scalars().all() == ["alice"]


def test_an_audit_row_rolls_back_with_the_change_it_records(writer, console_clock):
    with writer() as session:
        issue_code(session, console_clock.now(), "alice", "CSX-01", "站")
        session.rollback()
    with writer() as session:
        assert session.scalars(select(AuditEntry)).all() == []
        assert session.scalars(select(Station)).all() == []


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    for cell in ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"]:
        assert audit.neutralise(cell) == "'" + cell
    for cell in ["alice", "1", "", "a=b", "中文"]:
        assert audit.neutralise(cell) == cell


def test_the_export_neutralises_formulas_and_is_itself_audited(writer, console_clock):
    with writer() as session:
        audit.record(session, console_clock.now(), "alice", "x.test", "=HYPERLINK(\"http://x\")",
                     after={"note": "@evil"})  # fmt: skip
        session.commit()
    with writer() as session:
        text_ = audit.export_csv(session, console_clock.now(), "alice")
        session.commit()
    rows = list(csv.reader(io.StringIO(text_)))
    assert rows[0] == list(audit.CSV_COLUMNS)
    assert rows[1][4] == '\'=HYPERLINK("http://x")'
    assert rows[1][6] == '{"note": "@evil"}'
    assert rows[2][3] == "audit.export" and rows[2][2] == "alice"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_station_actions_are_audited_and_revoke_cancels_codes_until_restored(writer, console_clock):
    now = console_clock.now()
    with writer() as session:
        code = issue_code(session, now, "alice", "CSX-01", "黄花")
        revoke_station(session, now, "alice", "CSX-01")
        session.commit()
    with writer() as session, pytest.raises(CountyProblem) as refused:
        enrol(session, code, now)
    assert refused.value.code == ErrorCode.ENROL_CODE_EXPIRED  # cancelled by the revocation
    with writer() as session:
        assert restore_station(session, now, "alice", "CSX-01")
        assert not restore_station(session, now, "alice", "CSX-01")  # nothing to lift: no row
        fresh = issue_code(session, now, "alice", "CSX-01")
        session.commit()
        assert enrol(session, fresh, now).station_code == "CSX-01"
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == [
            "station.enrolment_code",
            "station.revoke",
            "station.restore",
            "station.enrolment_code",
        ]
        assert all(code not in (e.after or "") for e in session.scalars(select(AuditEntry)))


def test_cli_create_admin_reads_the_password_from_stdin_and_the_cli_is_audited(
    monkeypatch, capsys, console_url, writer, console_clock
):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["create-admin", "--db", console_url, "Chen", "--password-stdin"]) == 0
    assert "created administrator chen" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["create-admin", "--db", console_url, "li", "--password-stdin"]) == 2
    assert "10-256" in capsys.readouterr().err
    assert attempt(writer, console_clock, "chen", PASSWORD).role == Role.ADMIN

    assert main(["enroll-code", "--db", console_url, "CSX-02"]) == 0
    assert main(["revoke", "--db", console_url, "CSX-02"]) == 0
    assert main(["restore", "--db", console_url, "CSX-02"]) == 0
    with writer() as session:
        rows = session.execute(
            select(AuditEntry.actor, AuditEntry.action).order_by(AuditEntry.id)
        ).all()
    assert [tuple(row) for row in rows][-3:] == [
        ("cli", "station.enrolment_code"),
        ("cli", "station.revoke"),
        ("cli", "station.restore"),
    ]
    assert PASSWORD not in capsys.readouterr().out


def test_cli_create_admin_asks_twice_at_a_prompt(monkeypatch, capsys, console_url):
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    assert main(["create-admin", "--db", console_url, "chen"]) == 2
    assert "differ" in capsys.readouterr().err


def test_checking_a_password_holds_no_write_lock(
    writer, console_engine, console_clock, monkeypatch
):
    """Stations push while staff sign in: on SQLite the slow password check must not run
    inside a writing transaction, or every push waits behind it."""
    import sqlite3

    from county.console import accounts

    if console_engine.dialect.name != "sqlite":
        pytest.skip("SQLite's one write lock")
    make_account(writer, console_clock, "ada")
    database = console_engine.url.database
    assert database is not None
    checked = []

    def check_while_another_writes(password: str, stored: str) -> bool:
        other = sqlite3.connect(database, timeout=0.2)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once if a writer holds the lock
            other.execute("ROLLBACK")
        finally:
            other.close()
        checked.append(password)
        return True

    monkeypatch.setattr(accounts, "verify_password", check_while_another_writes)
    staff = attempt(writer, console_clock, "ada", PASSWORD)
    assert checked == [PASSWORD] and getattr(staff, "username", None) == "ada"


def test_a_right_password_gives_back_the_attempt_it_was_counted_as(writer, console_clock):
    make_account(writer, console_clock, "ada")
    for _ in range(4):
        assert isinstance(attempt(writer, console_clock, "ada", "wrong"), SignInRefused)
    # The fifth attempt is counted before it is checked (and so locks); being right undoes it.
    assert getattr(attempt(writer, console_clock, "ada", PASSWORD), "username", None) == "ada"
    assert getattr(attempt(writer, console_clock, "ada", PASSWORD), "username", None) == "ada"
    with writer() as session:
        address = session.get(SignInThrottle, "address:10.0.0.7")
        assert address is not None and address.failures == 4 and address.locked_until is None
