"""Remote parking requests: county -> pull -> decided by the station once -> answer pushed back.

Also the reservation QR text (kiosk.sync.links.reservation_qr_text).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import func, select

from county.__main__ import main as county_main
from county.parking.models import CountyReservation
from county.parking.service import create_request
from county.parking.service import requests as county_requests
from county.publish import publish
from kiosk.app import build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.parking.links import reservation_qr_text
from kiosk.services.parking.models import Reservation
from kiosk.services.parking.remote import result_op_id
from kiosk.services.parking.service import (
    BayConfig,
    BayType,
    ParkingError,
    ParkingProblem,
    ReservationState,
    ReservationView,
)
from kiosk.store.held import held_count
from kiosk.store.models import OutboxEntry, StationProfile, SyncState
from kiosk.sync.engine import SyncEngine
from kiosk.sync.links import county_public_base_url
from redhome_wire.parking import REQUEST_RESULT
from redhome_wire.station import AnnouncementData

ONE_CAR = (BayConfig("C001", BayType.CAR), BayConfig("E01", BayType.EV, 7.0))


def enrolled(make_kiosk, county, county_server, bays=ONE_CAR, station="CSX-01"):
    kiosk = make_kiosk(station.lower())
    kiosk.service("parking").sync_inventory(bays)
    kiosk.sync.enrol(county_server.url, county.enrolment_code(station, f"{station} 红色之家"))
    return kiosk


def ask(county, station="CSX-01", bay_type="car", minutes=60, plate="湘A12345") -> str:
    with county._writer() as session:
        view = create_request(session, station, bay_type, None, minutes, plate, county.clock.now())
        session.commit()
        return view.request_id


def answers(county, station="CSX-01") -> dict[str, tuple[str, str | None, str | None]]:
    with county._writer() as session:
        return {
            view.request_id: (view.status, view.reason, view.code)
            for view in county_requests(session, station)
        }


def remote_rows(kiosk) -> list[SimpleNamespace]:
    """The kiosk's remote reservations, as plain values (the session is gone after)."""
    columns = ("remote_id", "state", "plate", "bay_type", "code", "public_id")
    with kiosk.uow_factory() as uow:
        rows = uow.session.execute(
            select(*(getattr(Reservation, name) for name in columns))
            .where(Reservation.source == "remote")
            .order_by(Reservation.id)
        ).all()
    return [SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in rows]


def results(kiosk) -> list[dict]:
    with kiosk.uow_factory() as uow:
        return [
            json.loads(payload)
            for payload in uow.session.scalars(
                select(OutboxEntry.payload)
                .where(OutboxEntry.kind == REQUEST_RESULT)
                .order_by(OutboxEntry.id)
            )
        ]


def cursor(kiosk) -> int:
    with kiosk.uow_factory() as uow:
        return uow.session.get(SyncState, 1).pull_cursor


def test_book_request_to_kiosk_and_back_end_to_end(
    make_kiosk, county, county_server, county_db, capsys
):
    kiosk = enrolled(make_kiosk, county, county_server)
    assert (
        county_main(
            [
                "book-request",
                "--db",
                county_db,
                "CSX-01",
                "--type",
                "ev",
                "--start",
                "now",
                "--minutes",
                "60",
                "--plate",
                "湘AD12345",
            ]
        )
        == 0
    )
    request_id = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["request_id"]
    assert answers(county)[request_id][0] == "pending"

    first = kiosk.sync.run_round()
    assert first.ok, first.error
    [row] = remote_rows(kiosk)
    assert (row.remote_id, row.state, row.plate, row.bay_type) == (
        request_id,
        "booked",
        "湘AD12345",
        "ev",
    )
    [result] = results(kiosk)
    assert result["outcome"] == "accepted"
    assert (result["code"], result["reservation_id"]) == (row.code, row.public_id)
    assert result["bay_code"] == "E01"  # an EV booking holds its charger from the start
    assert "湘AD12345" not in json.dumps(result, ensure_ascii=False)

    second = kiosk.sync.run_round()  # the answer and the reservation go up
    assert second.ok and second.pending == 0 and second.parked == 0
    assert answers(county)[request_id] == ("accepted", None, row.code)
    with county._writer() as session:
        county_row = session.scalar(select(CountyReservation))
        assert (county_row.source, county_row.remote_id, county_row.plate_masked) == (
            "remote",
            request_id,
            "湘A***45",
        )
    # The driver's phone: the QR opens the county page of this reservation.
    view = kiosk.service("parking").find(row.code)
    base = county_public_base_url(kiosk.uow_factory)
    assert base == county_server.url
    url = reservation_qr_text(view, base)
    assert url == f"{county_server.url}/r/{row.public_id}"
    page = requests.get(url, timeout=5)
    assert page.status_code == 200
    assert row.code in page.text and "湘A***45" in page.text and "湘AD12345" not in page.text

    # Its later changes follow through the outbox.
    kiosk.service("parking").arrive("湘AD12345")
    assert kiosk.sync.run_round().ok
    assert "已到达" in requests.get(url, timeout=5).text
    assert county_main(["stats", "--db", county_db]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["CSX-01"]
    assert stats["reservations"]["bookings"] == 1
    assert stats["reservations"]["arrivals"] == 1
    assert stats["reservations"]["remote"] == 1
    assert stats["requests"] == {"pending": 0, "accepted": 1, "rejected": 0}

    # Nothing else happens on later rounds: the request was the county's to forget.
    assert kiosk.sync.run_round().ok
    assert len(remote_rows(kiosk)) == 1 and len(results(kiosk)) == 1


def test_a_request_that_would_overbook_is_rejected_and_the_invariant_holds(
    make_kiosk, county, county_server
):
    kiosk = enrolled(make_kiosk, county, county_server)
    local = kiosk.service("parking").book("car", None, 60, "湘B11111")
    full = ask(county, plate="湘A22222")
    banned_type = ask(county, bay_type="truck", plate="湘A33333")
    too_long = ask(county, minutes=13 * 60, plate="湘A44444")
    assert kiosk.sync.run_round().ok
    assert remote_rows(kiosk) == []
    with kiosk.uow_factory() as uow:
        active = uow.session.scalar(
            select(func.count())
            .select_from(Reservation)
            .where(
                Reservation.bay_type == "car",
                Reservation.state.in_(["booked", "arrived"]),
            )
        )
    assert active == 1  # one car bay, one booking: the kiosk's own
    with kiosk.uow_factory() as uow:  # the refusals rolled back to their savepoints only
        assert uow.session.scalar(select(StationProfile.code)) == "CSX-01"
    assert kiosk.service("parking").availability("car", None, local.end_at).free == 0
    assert kiosk.sync.run_round().ok
    assert answers(county) == {
        full: ("rejected", "none_free", None),
        banned_type: ("rejected", "unknown_type", None),
        too_long: ("rejected", "too_long", None),
    }


def test_a_repeated_page_decides_each_request_once(make_kiosk, county, county_server):
    kiosk = enrolled(make_kiosk, county, county_server)
    accepted = ask(county, plate="湘A12345")
    refused = ask(county, plate="湘A67890")  # the one car bay is taken by then
    assert kiosk.sync.pull().changes >= 2
    assert [r.remote_id for r in remote_rows(kiosk)] == [accepted]
    assert [(r["request_id"], r["outcome"]) for r in results(kiosk)] == [
        (accepted, "accepted"),
        (refused, "rejected"),
    ]
    # The bay frees up, and the same page comes again (a cursor reset, or a second process).
    kiosk.service("parking").cancel("湘A12345", remote_rows(kiosk)[0].code)
    with kiosk.uow_factory() as uow:
        uow.session.get(SyncState, 1).pull_cursor = 0
        uow.commit()
    kiosk.sync.pull()
    # The refusal stands (it was reported), and nothing is booked or answered twice.
    assert [r.remote_id for r in remote_rows(kiosk)] == [accepted]
    assert len(results(kiosk)) == 2
    with kiosk.uow_factory() as uow:
        ids = set(
            uow.session.scalars(select(OutboxEntry.op_id).where(OutboxEntry.kind == REQUEST_RESULT))
        )
    assert ids == {result_op_id(accepted), result_op_id(refused)}
    assert kiosk.sync.run_round().ok
    assert answers(county) == {
        accepted: ("accepted", None, remote_rows(kiosk)[0].code),
        refused: ("rejected", "none_free", None),
    }


def test_an_interrupted_page_keeps_nothing_and_the_next_pull_decides_once(
    make_kiosk, county, county_server, monkeypatch
):
    kiosk = enrolled(make_kiosk, county, county_server)
    assert kiosk.sync.run_round().ok  # the profile: the cursor is past it
    before = cursor(kiosk)
    request_id = ask(county)
    publish_at = county.clock.now()
    with county._writer() as session:
        publish(session, "*", "announcement", "late", AnnouncementData(title_zh="通知"), publish_at)
        session.commit()

    original = SyncEngine._apply_change
    calls = {"n": 0}

    def failing(self, session, change):
        applied = original(self, session, change)
        if change.kind == "announcement":
            calls["n"] += 1
            raise RuntimeError("the process dies half-way through the page")
        return applied

    monkeypatch.setattr(SyncEngine, "_apply_change", failing)
    with pytest.raises(RuntimeError):
        kiosk.sync.pull()
    assert calls["n"] == 1
    # The request was booked inside the page's transaction: rolled back with it.
    assert remote_rows(kiosk) == [] and results(kiosk) == []
    assert cursor(kiosk) == before
    with kiosk.uow_factory() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Reservation)) == 0

    monkeypatch.setattr(SyncEngine, "_apply_change", original)
    kiosk.sync.pull()
    kiosk.sync.pull()
    assert [r.remote_id for r in remote_rows(kiosk)] == [request_id]
    assert [r["outcome"] for r in results(kiosk)] == ["accepted"]
    assert cursor(kiosk) > before


def test_a_kiosk_sync_process_and_the_ui_share_the_write_lock(make_kiosk, county, county_server):
    """A remote booking and a booking at the screen on the same file never overbook."""
    kiosk = enrolled(make_kiosk, county, county_server)
    ask(county, plate="湘A12345")
    path = kiosk.data_dir.database
    # Another connection holds the write lock briefly; the pull waits for it, then decides.
    blocker = sqlite3.connect(path, timeout=5, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    blocker.execute("UPDATE parking_locks SET version = version + 1")

    done = threading.Event()

    def pull() -> None:
        kiosk.sync.pull()
        done.set()

    worker = threading.Thread(target=pull)
    worker.start()
    assert not done.wait(0.5)  # waiting for the lock, not deciding on stale reads
    blocker.execute("COMMIT")
    blocker.close()
    worker.join(10)
    assert done.is_set()
    assert len(remote_rows(kiosk)) == 1
    with pytest.raises(ParkingError) as refused:
        kiosk.service("parking").book("car", None, 60, "湘B11111")
    assert refused.value.problem is ParkingProblem.NONE_FREE


def test_a_kiosk_without_bays_refuses_requests(make_kiosk, county, county_server):
    kiosk = enrolled(make_kiosk, county, county_server, bays=())
    request_id = ask(county)
    assert kiosk.sync.run_round().ok and kiosk.sync.run_round().ok
    assert answers(county)[request_id] == ("rejected", "unknown_type", None)


def test_a_station_with_parking_switched_off_holds_requests_until_it_is_on(
    tmp_path, county, county_server
):
    credentials = MemoryCredentialStore()

    def station(**settings):
        return build_kiosk(
            DataDir(tmp_path / "station"),
            credentials=credentials,
            settings=Settings(county_timeout_s=2, **settings),
        )

    off = station(switched_off=("parking",))
    assert "parking" not in off.parts
    off.sync.enrol(county_server.url, county.enrolment_code("CSX-01", "CSX-01 红色之家"))
    request_id = ask(county)
    assert off.sync.run_round().ok
    # Not answered, not lost: the cursor moved past it and it waits, held, on the station.
    assert answers(county)[request_id][0] == "pending"
    with off.uow_factory() as uow:
        assert held_count(uow.session) == 1
    off.close()

    on = station()
    on.service("parking").sync_inventory(ONE_CAR)
    assert on.sync.run_round().ok and on.sync.run_round().ok
    assert answers(county)[request_id][0] == "accepted"
    with on.uow_factory() as uow:
        assert held_count(uow.session) == 0
    on.close()


def _view(**changes) -> ReservationView:
    values = {
        "code": "P-4821",
        "plate": "湘A12345",
        "new_energy": False,
        "bay_type": BayType.CAR,
        "bay_code": None,
        "power_kw": None,
        "start_at": datetime(2026, 11, 27, 8, 0, tzinfo=UTC),
        "end_at": datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
        "state": ReservationState.BOOKED,
        "arrived_at": None,
        "left_at": None,
        "reservation_id": "0b8f3a52-7c1e-4d2a-9f60-3e5b8a1c2d4e",
        "plate_masked": "湘A***45",
    }
    values.update(changes)
    return ReservationView(**values)  # type: ignore[arg-type]


def test_reservation_qr_text_is_the_county_page_or_the_offline_text():
    view = _view()
    url = reservation_qr_text(view, "https://county.example/")
    assert url == "https://county.example/r/0b8f3a52-7c1e-4d2a-9f60-3e5b8a1c2d4e"
    assert urlsplit(url).path.startswith("/r/")
    offline = reservation_qr_text(view, None)
    assert offline == "红色之家 停车预约 P-4821\n湘A***45\n11-27 16:00–18:00"
    assert "湘A12345" not in offline
    ev = reservation_qr_text(_view(bay_code="E03", end_at=view.start_at + timedelta(hours=1)), "")
    assert ev.splitlines()[1:] == ["湘A***45 E03", "11-27 16:00–17:00"]
    # A view without a public id (never happens for a saved booking) stays offline.
    assert reservation_qr_text(_view(reservation_id=""), "https://county.example").startswith(
        "红色之家 停车预约 P-4821"
    )


def test_the_public_base_url_is_known_only_after_a_pull(make_kiosk, county, county_server):
    kiosk = enrolled(make_kiosk, county, county_server)
    assert county_public_base_url(kiosk.uow_factory) is None
    assert kiosk.sync.run_round().ok
    assert county_public_base_url(kiosk.uow_factory) == county_server.url
