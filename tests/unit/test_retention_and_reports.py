from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from kiosk.app import Kiosk
from kiosk.services.checkin.catalog import Purpose, WorkType
from kiosk.services.checkin.day_report import DayReport
from kiosk.services.checkin.models import Visit, unlink_visits_before
from kiosk.services.checkin.service import CheckInRequest
from kiosk.services.phones import parse_phone
from kiosk.services.retention import RetentionService
from kiosk.store.models import Driver
from redhome_wire.station_time import STATION_TZ, local_day, local_day_bounds


def _visit(kiosk: Kiosk, phone: str | None, purpose: str = "rest", work: str = "courier") -> None:
    kiosk.service("checkin").check_in(
        CheckInRequest(
            phone=parse_phone(phone) if phone else None,
            consent_given=phone is not None,
            work_type=work,
            platform=None,
            purpose=purpose,
        )
    )


def test_after_the_retention_period_visits_lose_their_link(kiosk: Kiosk, clock) -> None:
    _visit(kiosk, "13800000001")
    _visit(kiosk, "13800000002")
    clock.advance(timedelta(days=100))
    _visit(kiosk, "13800000002")  # seen again: stays known
    clock.advance(timedelta(days=81))  # first visits are now 181 days old

    result = kiosk.retention.run()

    assert result.records_unlinked == 2
    assert result.drivers_forgotten == 1
    with kiosk.uow_factory() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Visit)) == 3
        linked = uow.session.scalar(
            select(func.count()).select_from(Visit).where(Visit.driver_id.is_not(None))
        )
        assert linked == 1
        assert uow.session.scalars(select(Driver.phone_last4)).all() == ["0002"]
    assert not kiosk.service("checkin").recognise(parse_phone("13800000001")).returning
    assert kiosk.service("checkin").recognise(parse_phone("13800000002")).returning


def test_retention_period_is_a_setting(kiosk: Kiosk, clock) -> None:
    _visit(kiosk, "13800000001")
    clock.advance(timedelta(days=8))
    assert kiosk.retention.run().records_unlinked == 0
    short = RetentionService(
        kiosk.uow_factory, clock, retention_days=7, unlinkers=[unlink_visits_before]
    )
    assert short.run().records_unlinked == 1


def test_day_counts_follow_the_station_day_not_utc(kiosk: Kiosk, clock) -> None:
    # 23:30 and 00:30 in Changsha are the same UTC day but different station days.
    clock.set(datetime(2026, 11, 27, 23, 30, tzinfo=STATION_TZ))
    _visit(kiosk, "13800000001", purpose="charging", work="truck")
    clock.set(datetime(2026, 11, 28, 0, 30, tzinfo=STATION_TZ))
    _visit(kiosk, "13800000001", purpose="rest", work="truck")
    _visit(kiosk, None, purpose="rest", work="food_delivery")

    friday = DayReport(kiosk.uow_factory).day_counts(date(2026, 11, 27))
    saturday = DayReport(kiosk.uow_factory).day_counts(date(2026, 11, 28))

    assert friday.total == 1
    assert friday.by_purpose[Purpose.CHARGING] == 1
    assert saturday.total == 2
    assert saturday.returning == 1
    assert saturday.by_work_type[WorkType.TRUCK] == 1
    assert saturday.by_work_type[WorkType.FOOD_DELIVERY] == 1
    assert saturday.by_purpose[Purpose.REST] == 2


def test_local_day_bounds_are_sixteen_hundred_utc() -> None:
    start, end = local_day_bounds(date(2026, 11, 28))
    assert start.isoformat() == "2026-11-27T16:00:00+00:00"
    assert end - start == timedelta(days=1)
    assert local_day(start) == date(2026, 11, 28)
    assert local_day(start - timedelta(microseconds=1)) == date(2026, 11, 27)


def test_every_capabilitys_day_counts_reach_other_capabilities_through_a_port(
    kiosk: Kiosk, clock
) -> None:
    kiosk.service("checkin").check_in(
        CheckInRequest(parse_phone("13900001111"), True, WorkType.COURIER, None, Purpose.REST)
    )
    today = local_day(clock.now())
    through_port = dict(kiosk.ports.day_counts(today))
    assert through_port == kiosk.day_counts(today)
    assert through_port["checkin.visits"] == 1
