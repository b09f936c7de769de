import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.app import Kiosk
from kiosk.services import checkin as checkin_module
from kiosk.services.catalog import WorkType
from kiosk.services.checkin import CheckInProblem, CheckInRequest, InvalidCheckIn
from kiosk.services.phones import parse_phone
from kiosk.store.models import Driver, OutboxEntry, Visit

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
    recognition = kiosk.checkin.recognise(PHONE)
    assert not recognition.returning
    assert recognition.consent_needed
    assert recognition.masked_phone == "139****5678"


def test_first_visit_with_consent_keeps_a_hash_and_the_last_four(kiosk: Kiosk) -> None:
    receipt = kiosk.checkin.check_in(_request())
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
    receipt = kiosk.checkin.check_in(_request())
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
    kiosk.checkin.check_in(_request(work_type="truck", platform="huolala"))
    clock.advance(timedelta(days=3))
    recognition = kiosk.checkin.recognise(PHONE)
    assert recognition.returning
    assert not recognition.consent_needed
    assert recognition.last_work_type is WorkType.TRUCK
    assert recognition.last_platform == "huolala"
    receipt = kiosk.checkin.check_in(_request(work_type="truck", platform="huolala"))
    assert receipt.returning
    assert _count(kiosk, Driver) == 1
    assert _count(kiosk, Visit) == 2


def test_declining_consent_counts_the_visit_and_keeps_nothing_of_the_number(
    kiosk: Kiosk,
) -> None:
    receipt = kiosk.checkin.check_in(_request(consent_given=False))
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
    assert not kiosk.checkin.recognise(PHONE).returning


def test_a_new_consent_wording_asks_again(kiosk: Kiosk, monkeypatch) -> None:
    kiosk.checkin.check_in(_request())
    monkeypatch.setattr(checkin_module, "CONSENT_VERSION", checkin_module.CONSENT_VERSION + 1)
    recognition = kiosk.checkin.recognise(PHONE)
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
        kiosk.checkin.check_in(_request(**overrides))
    assert caught.value.problem is problem
    assert _count(kiosk, Visit) == 0
    assert _count(kiosk, Driver) == 0
    assert _count(kiosk, OutboxEntry) == 0


def test_work_detail_is_tidied_and_only_kept_for_other_work(kiosk: Kiosk) -> None:
    kiosk.checkin.check_in(_request(work_type="other", platform=None, work_detail="  代驾   司机 "))
    kiosk.checkin.check_in(_request(work_detail="ignored for ride-hailing"))
    with kiosk.uow_factory() as uow:
        details = uow.session.scalars(select(Visit.work_detail).order_by(Visit.id)).all()
    assert details == ["代驾 司机", None]
