from sqlalchemy import func, select

from kiosk.app import build_demo_kiosk
from kiosk.services.checkin.demo import DEMO_RETURNING_PHONE
from kiosk.services.checkin.models import Visit
from kiosk.services.demo import AIRPORT_STATION
from kiosk.services.phones import parse_phone
from kiosk.store.models import OutboxEntry


def test_demo_seeds_the_airport_station_and_a_week_of_visits(tmp_path, clock) -> None:
    kiosk = build_demo_kiosk(clock=clock, root=tmp_path / "demo")
    try:
        assert kiosk.station.profile() == AIRPORT_STATION
        facilities = {f.key: f.count for f in kiosk.station.profile().facilities}
        assert facilities["parking"] == 306
        assert facilities["ev_charging"] == 24
        with kiosk.uow_factory() as uow:
            visits = uow.session.scalar(select(func.count()).select_from(Visit))
            outbox = uow.session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(OutboxEntry.kind == "visit.created")
            )
            days = uow.session.scalar(select(func.count(func.distinct(Visit.local_day))))
        assert visits is not None and visits > 200
        assert outbox == visits
        assert days is not None and days >= 7
        assert kiosk.service("checkin").recognise(parse_phone(DEMO_RETURNING_PHONE)).returning
        assert kiosk.credentials.backend_name == "memory (demo)"
        assert kiosk.service("parking").bays(), "the airport station has bays"
        kiosk.keeper_pin.verify("1234")
    finally:
        kiosk.close()
