import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kiosk.app import Kiosk
from kiosk.services.checkin import service as checkin_module
from kiosk.services.checkin.catalog import WorkType
from kiosk.services.checkin.models import Visit
from kiosk.services.checkin.service import CheckInProblem, CheckInRequest, InvalidCheckIn
from kiosk.services.phones import parse_phone
from kiosk.store.models import Driver, OutboxEntry
from redhome_wire.checkin import VisitCreated
from redhome_wire.station_time import STATION_TZ

PHONE = parse_phone("13912345678")


def _count(kiosk: Kiosk, model: type) -> int:
    with kiosk.uow_factory() as uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


def _request(**overrides: object) -> CheckInRequest:
    fields: dict[str, object] = {
        "phone": PHONE,
        "consent_given": True,
        "work_type": "ride_hailing",
        "platform": "didi",
        "purpose": "rest",
    }
    fields.update(overrides)
    return CheckInRequest(**fields)  # type: ignore[arg-type]


def test_a_new_number_is_not_recognised_and_needs_consent(kiosk: Kiosk) -> None:
    recognition = kiosk.service("checkin").recognise(PHONE)
    assert not recognition.returning
    assert recognition.consent_needed
    assert recognition.masked_phone == "139****5678"


def test_first_visit_with_consent_keeps_a_hash_and_the_last_four(kiosk: Kiosk) -> None:
    receipt = kiosk.service("checkin").check_in(_request())
    assert not receipt.returning
    assert not receipt.anonymous
    assert receipt.masked_phone == "139****5678"
    with kiosk.uow_factory() as uow:
        driver = uow.session.scalars(select(Driver)).one()
        assert driver.phone_last4 == "5678"
        assert PHONE.digits not in driver.phone_hash
        assert len(driver.phone_hash) == 64
        visit = uow.session.scalars(select(Visit)).one()
        assert visit.driver_id == driver.id
        assert visit.local_day.isoformat() == "2026-11-27"


def test_the_visit_and_its_outbox_row_commit_together(kiosk: Kiosk) -> None:
    receipt = kiosk.service("checkin").check_in(_request())
    with kiosk.uow_factory() as uow:
        entry = uow.session.scalars(select(OutboxEntry)).one()
        kind, state, raw = entry.kind, entry.state, entry.payload
    payload = json.loads(raw)
    assert kind == "visit.created"
    assert state == "pending"
    assert payload["visit_id"] == receipt.visit_id
    assert payload["work_type"] == "ride_hailing"
    assert PHONE.digits not in raw
    assert PHONE.last4 not in json.dumps({k: v for k, v in payload.items() if k != "visit_id"})


def test_returning_driver_is_recognised_with_last_work(kiosk: Kiosk, clock) -> None:
    kiosk.service("checkin").check_in(_request(work_type="truck", platform="huolala"))
    clock.advance(timedelta(days=3))
    recognition = kiosk.service("checkin").recognise(PHONE)
    assert recognition.returning
    assert not recognition.consent_needed
    assert recognition.last_work_type is WorkType.TRUCK
    assert recognition.last_platform == "huolala"
    receipt = kiosk.service("checkin").check_in(_request(work_type="truck", platform="huolala"))
    assert receipt.returning
    assert _count(kiosk, Driver) == 1
    assert _count(kiosk, Visit) == 2


def test_declining_consent_counts_the_visit_and_keeps_nothing_of_the_number(
    kiosk: Kiosk,
) -> None:
    receipt = kiosk.service("checkin").check_in(_request(consent_given=False))
    assert receipt.anonymous
    assert receipt.masked_phone is None
    assert _count(kiosk, Driver) == 0
    assert _count(kiosk, Visit) == 1
    kiosk.close()
    raw = b"".join(
        path.read_bytes()
        for path in kiosk.data_dir.root.iterdir()
        if path.name.startswith("kiosk.db")
    )
    assert PHONE.digits.encode() not in raw
    assert not kiosk.service("checkin").recognise(PHONE).returning


def test_a_new_consent_wording_asks_again(kiosk: Kiosk, monkeypatch) -> None:
    kiosk.service("checkin").check_in(_request())
    monkeypatch.setattr(checkin_module, "CONSENT_VERSION", checkin_module.CONSENT_VERSION + 1)
    recognition = kiosk.service("checkin").recognise(PHONE)
    assert recognition.returning
    assert recognition.consent_needed


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"work_type": "astronaut"}, CheckInProblem.UNKNOWN_WORK_TYPE),
        ({"purpose": "party"}, CheckInProblem.UNKNOWN_PURPOSE),
        ({"platform": "uber"}, CheckInProblem.UNKNOWN_PLATFORM),
        ({"platform": "meituan"}, CheckInProblem.UNKNOWN_PLATFORM),  # not a ride-hailing one
        (
            {"work_type": "other", "platform": None, "work_detail": "长" * 21},
            CheckInProblem.DETAIL_TOO_LONG,
        ),
        (
            {"work_type": "other", "platform": None, "work_detail": "代驾🚗"},
            CheckInProblem.DETAIL_BAD_CHARACTERS,
        ),
        (
            {"work_type": "other", "platform": None, "work_detail": "a\x00b"},
            CheckInProblem.DETAIL_BAD_CHARACTERS,
        ),
    ],
)
def test_bad_requests_get_a_reason_and_save_nothing(
    kiosk: Kiosk, overrides: dict[str, object], problem: CheckInProblem
) -> None:
    with pytest.raises(InvalidCheckIn) as caught:
        kiosk.service("checkin").check_in(_request(**overrides))
    assert caught.value.problem is problem
    assert _count(kiosk, Visit) == 0
    assert _count(kiosk, Driver) == 0
    assert _count(kiosk, OutboxEntry) == 0


def test_work_detail_is_tidied_and_only_kept_for_other_work(kiosk: Kiosk) -> None:
    kiosk.service("checkin").check_in(
        _request(work_type="other", platform=None, work_detail="  代驾   司机 ")
    )
    kiosk.service("checkin").check_in(_request(work_detail="ignored for ride-hailing"))
    with kiosk.uow_factory() as uow:
        details = uow.session.scalars(select(Visit.work_detail).order_by(Visit.id)).all()
    assert details == ["代驾 司机", None]


def _raw(kiosk: Kiosk, sql: str) -> list[tuple]:
    with kiosk.uow_factory().reading() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(sql)]


def _fail_outbox_inserts(kiosk: Kiosk) -> None:
    with kiosk.uow_factory().writing() as connection:
        connection.exec_driver_sql(
            "CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox"
            " BEGIN SELECT RAISE(ABORT, 'outbox refused'); END"
        )


def test_a_failed_outbox_insert_leaves_no_visit_and_no_new_driver(kiosk: Kiosk) -> None:
    _fail_outbox_inserts(kiosk)
    with pytest.raises(IntegrityError, match="outbox refused"):
        kiosk.service("checkin").check_in(_request())
    assert _count(kiosk, Visit) == 0
    assert _count(kiosk, Driver) == 0
    assert _count(kiosk, OutboxEntry) == 0


def test_a_failed_outbox_insert_leaves_a_returning_driver_as_they_were(kiosk: Kiosk, clock) -> None:
    kiosk.service("checkin").check_in(_request())
    before = _raw(kiosk, "SELECT * FROM drivers")
    _fail_outbox_inserts(kiosk)
    clock.advance(timedelta(days=1))
    with pytest.raises(IntegrityError):
        kiosk.service("checkin").check_in(_request(work_type="truck", platform="huolala"))
    assert _raw(kiosk, "SELECT * FROM drivers") == before
    assert _count(kiosk, Visit) == 1
    assert _count(kiosk, OutboxEntry) == 1


def test_an_error_after_the_visit_insert_rolls_it_back(kiosk: Kiosk, monkeypatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(kiosk.service("checkin")._outbox, "add_core", broken)
    with pytest.raises(RuntimeError):
        kiosk.service("checkin").check_in(_request())
    assert _count(kiosk, Visit) == 0
    assert _count(kiosk, Driver) == 0


def test_a_returning_check_in_updates_last_choices_and_consent_only_when_asked_again(
    kiosk: Kiosk, clock, monkeypatch
) -> None:
    first = clock.now()
    kiosk.service("checkin").check_in(_request())
    clock.advance(timedelta(days=2))
    second = clock.now()
    kiosk.service("checkin").check_in(_request(work_type="courier", platform=None))
    with kiosk.uow_factory() as uow:
        driver = uow.session.scalars(select(Driver)).one()
        assert (driver.consent_version, driver.consented_at) == (1, first)
        assert (driver.last_work_type, driver.last_platform) == ("courier", None)
        assert (driver.first_seen_at, driver.last_seen_at) == (first, second)
    monkeypatch.setattr(checkin_module, "CONSENT_VERSION", checkin_module.CONSENT_VERSION + 1)
    clock.advance(timedelta(days=1))
    third = clock.now()
    receipt = kiosk.service("checkin").check_in(_request())
    assert receipt.returning
    with kiosk.uow_factory() as uow:
        driver = uow.session.scalars(select(Driver)).one()
        assert (driver.consent_version, driver.consented_at) == (2, third)
        assert driver.last_seen_at == third
        returning = uow.session.scalars(select(Visit.is_returning).order_by(Visit.id)).all()
    assert returning == [False, True, True]
    assert not kiosk.service("checkin").recognise(PHONE).consent_needed


def test_times_are_stored_as_utc_and_the_payload_keeps_its_shape(kiosk: Kiosk, clock) -> None:
    clock.set(datetime(2026, 11, 27, 23, 30, 0, 250, tzinfo=STATION_TZ))
    receipt = kiosk.service("checkin").check_in(_request())
    assert _raw(kiosk, "SELECT checked_in_at, local_day, is_returning FROM visits") == [
        ("2026-11-27 15:30:00.000250", "2026-11-27", 0)
    ]
    assert _raw(kiosk, "SELECT consented_at, first_seen_at, last_seen_at FROM drivers") == [
        ("2026-11-27 15:30:00.000250",) * 3
    ]
    ((created_at, state, attempts, payload),) = _raw(
        kiosk, "SELECT created_at, state, attempts, payload FROM outbox"
    )
    assert (created_at, state, attempts) == ("2026-11-27 15:30:00.000250", "pending", 0)
    # Written from the wire model, exactly as the county reads it (UTC, "Z").
    assert json.loads(payload) == {
        "checked_in_at": "2026-11-27T15:30:00.000250Z",
        "local_day": "2026-11-27",
        "platform": "didi",
        "purpose": "rest",
        "returning": False,
        "visit_id": receipt.visit_id,
        "work_detail": None,
        "work_type": "ride_hailing",
    }
    assert VisitCreated.model_validate_json(payload).checked_in_at == clock.now()
    with kiosk.uow_factory() as uow:
        checked_in_at = uow.session.scalars(select(Visit.checked_in_at)).one()
    assert checked_in_at == clock.now()
    assert checked_in_at.tzinfo is UTC


def test_a_phone_number_in_the_work_detail_is_refused_and_nothing_is_kept(kiosk: Kiosk) -> None:
    for written in ("电话一三八一二三四五六七八", "１３８１２３４５６７８", "138 1234 5678"):
        with pytest.raises(InvalidCheckIn) as refused:
            kiosk.service("checkin").check_in(
                _request(work_type="other", platform=None, work_detail=written)
            )
        assert refused.value.problem is CheckInProblem.DETAIL_LOOKS_LIKE_PHONE
    assert _count(kiosk, Visit) == 0
    assert _count(kiosk, OutboxEntry) == 0
