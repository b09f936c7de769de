from __future__ import annotations

import json
import random
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.store.models import (
    CountyActivity,
    CountyAnnouncement,
    CountyService,
    OutboxEntry,
    StationProfile,
    SyncState,
)
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import CountyClient
from kiosk.sync.engine import TOKEN_NAME, SyncEngine
from kiosk.sync.errors import SyncError, SyncReason
from kiosk.sync.links import qr_matrix
from redhome_wire.protocol import FeedPage, PushResponse
from redhome_wire.station import ActivityData, AnnouncementData, Facility, ProfileData, ServiceData
from redhome_wire.station_time import ManualClock
from tests.sync.conftest import add_visits, raw_outbox_row


def enrolled(make_kiosk, county, county_server, name="kiosk", station="CSX-01", **kw):
    kiosk = make_kiosk(name, **kw)
    kiosk.sync.enrol(county_server.url, county.enrolment_code(station, f"站 {station}"))
    return kiosk


def outbox_states(kiosk) -> dict[str, int]:
    with kiosk.uow_factory() as uow:
        return dict(
            uow.session.execute(
                select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)
            ).all()
        )


def test_enrolment_keeps_the_token_in_the_credential_store_only(
    make_kiosk, county, county_server, tmp_path
):
    kiosk = enrolled(make_kiosk, county, county_server)
    token = kiosk.credentials.get(TOKEN_NAME)
    assert token and len(token) >= 40
    for path in (tmp_path / "kiosk").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    status = kiosk.sync.status()
    assert status.enrolled and status.station_code == "CSX-01"
    assert status.server_url == county_server.url


def test_two_data_dirs_never_share_a_keyring_entry(tmp_path):
    from kiosk.credentials import keyring_store

    first = keyring_store(tmp_path / "a")
    second = keyring_store(tmp_path / "b")
    assert first.service != second.service
    first.set(TOKEN_NAME, "token-a")
    assert second.get(TOKEN_NAME) is None


def test_wrong_and_expired_codes_give_typed_errors(make_kiosk, county, county_server):
    kiosk = make_kiosk()
    with pytest.raises(SyncError) as wrong:
        kiosk.sync.enrol(county_server.url, "AAAA-BBBB-CCCC")
    assert wrong.value.reason is SyncReason.ENROL_CODE_INVALID
    assert not wrong.value.retryable
    clock = ManualClock(county.clock.now() - timedelta(hours=25))
    county.clock = clock
    old = county.enrolment_code("CSX-01")
    with pytest.raises(SyncError) as expired:
        kiosk.sync.enrol(county_server.url, old)
    assert expired.value.reason is SyncReason.ENROL_CODE_EXPIRED
    assert kiosk.credentials.get(TOKEN_NAME) is None
    assert not kiosk.sync.status().enrolled


def test_push_drains_the_outbox_and_keeps_acknowledged_rows_for_the_audit_window(
    make_kiosk, county, county_server
):
    kiosk = enrolled(make_kiosk, county, county_server, outbox_audit_days=30)
    assert add_visits(kiosk, 120) == 120
    report = kiosk.sync.run_round()
    assert report.ok, report.error
    assert report.push.acked == 120 and report.pending == 0 and report.parked == 0
    assert county.count("visits", "CSX-01") == 120
    assert outbox_states(kiosk) == {"done": 120}
    with kiosk.uow_factory() as uow:
        row = uow.session.scalars(select(OutboxEntry)).first()
        assert row.acked_at is not None and row.attempts == 1
    assert kiosk.sync.status().last_success_at is not None

    later = SyncEngine(
        kiosk.uow_factory,
        ManualClock(kiosk.clock.now() + timedelta(days=31)),
        kiosk.credentials,
        kiosk.settings,
    )
    assert later.purge_acked() == 120
    assert outbox_states(kiosk) == {}


def test_small_batches_keep_order_and_count(make_kiosk, county, county_server):
    kiosk = enrolled(make_kiosk, county, county_server)
    engine = SyncEngine(
        kiosk.uow_factory, kiosk.clock, kiosk.credentials, kiosk.settings, batch_size=7
    )
    add_visits(kiosk, 50)
    progress: list[int] = []
    report = engine.push(progress=lambda r: progress.append(r.pending))
    assert report.acked == 50 and report.batches == 8
    assert progress == sorted(progress, reverse=True) and progress[-1] == 0
    with kiosk.uow_factory() as uow:
        local_order = list(uow.session.scalars(select(OutboxEntry.op_id).order_by(OutboxEntry.id)))
    from county.models import AppliedOp

    with county._writer() as session:
        server_order = list(session.scalars(select(AppliedOp.op_id).order_by(AppliedOp.seq)))
    assert server_order == local_order


class LosingClient(CountyClient):
    """Delivers each push, then loses the answer the first `lose` times (azure #811)."""

    def __init__(self, *args: Any, lose: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lose = lose

    def push_encoded(self, station_code: str, body: bytes) -> PushResponse:
        response = super().push_encoded(station_code, body)
        if self.lose > 0:
            self.lose -= 1
            raise SyncError(SyncReason.CONNECTION_LOST, "answer lost")
        return response


def test_a_lost_answer_neither_blocks_nor_duplicates(make_kiosk, county, county_server):
    clients: list[LosingClient] = []

    def factory(url: str, token: str | None) -> CountyClient:
        # The first client enrols; the second (the first round) loses its answer.
        client = LosingClient(url, token=token, timeout_s=2, lose=1 if len(clients) == 1 else 0)
        clients.append(client)
        return client

    kiosk = enrolled(make_kiosk, county, county_server, client_factory=factory)
    add_visits(kiosk, 30)
    first = kiosk.sync.run_round()
    assert first.error is not None and first.error.reason is SyncReason.CONNECTION_LOST
    assert first.pending == 30  # nothing acknowledged that was not acknowledged
    assert county.count("visits", "CSX-01") == 30  # but the county has them
    add_visits(kiosk, 10, seed=2)  # later writes must not be blocked by the lost answer
    second = kiosk.sync.run_round()
    assert second.ok
    assert second.push.acked == 40 and second.push.duplicates == 30
    assert second.pending == 0
    assert county.count("visits", "CSX-01") == 40
    from county.checkin.models import CountyVisit

    with county._writer() as session:
        visit_ids = list(session.scalars(select(CountyVisit.visit_id)))
    assert len(set(visit_ids)) == 40  # none arrived twice


def test_rejected_ops_are_parked_with_the_reason_and_never_retried_by_themselves(
    make_kiosk, county, county_server
):
    kiosk = enrolled(make_kiosk, county, county_server)
    add_visits(kiosk, 5)
    with kiosk.uow_factory() as uow:
        bad = raw_outbox_row(
            uow.session,
            "visit.created",
            {
                "visit_id": str(uuid.uuid4()),
                "work_type": "other",
                "work_detail": "13812345678",
                "platform": None,
                "purpose": "rest",
                "returning": False,
                "checked_in_at": kiosk.clock.now().isoformat(),
                "local_day": "2026-11-20",
            },
            kiosk.clock.now(),
        )
        uow.session.add(
            OutboxEntry(
                op_id=str(uuid.uuid4()),
                kind="visit.created",
                payload="{not json",
                created_at=kiosk.clock.now(),
                state="pending",
                attempts=0,
            )
        )
        uow.commit()
        bad_id = bad.op_id
    add_visits(kiosk, 5, seed=3)
    report = kiosk.sync.run_round()
    assert report.ok
    assert report.push.acked == 10 and report.parked == 2 and report.pending == 0
    parked = {op.op_id: op for op in kiosk.sync.parked()}
    assert parked[bad_id].reason == "personal_data"
    assert "phone" in parked[bad_id].message
    assert {op.reason for op in parked.values()} == {"personal_data", "local_invalid"}
    assert county.count("visits", "CSX-01") == 10

    again = kiosk.sync.run_round()
    assert again.ok and again.push.acked == 0 and again.parked == 2
    assert kiosk.sync.requeue_parked(bad_id) == 1
    assert kiosk.sync.status().pending == 1
    assert kiosk.sync.run_round().parked == 2  # refused again, parked again


def test_a_revoked_token_and_another_stations_code_are_refused(make_kiosk, county, county_server):
    kiosk = enrolled(make_kiosk, county, county_server)
    county.enrolment_code("CSX-02")
    add_visits(kiosk, 3)
    with kiosk.uow_factory() as uow:
        uow.session.get(SyncState, 1).station_code = "CSX-02"
        uow.commit()
    mismatch = kiosk.sync.run_round()
    assert mismatch.error is not None and mismatch.error.reason is SyncReason.STATION_MISMATCH
    assert not mismatch.error.retryable
    assert county.count("visits", "CSX-02") == 0
    with kiosk.uow_factory() as uow:
        uow.session.get(SyncState, 1).station_code = "CSX-01"
        uow.commit()

    county.revoke("CSX-01")
    revoked = kiosk.sync.run_round()
    assert revoked.error is not None and revoked.error.reason is SyncReason.TOKEN_REVOKED
    assert revoked.pending == 3
    assert kiosk.sync.status().last_error == "token_revoked"

    kiosk.credentials.set(TOKEN_NAME, "forged-" + "x" * 40)
    unknown = kiosk.sync.run_round()
    assert unknown.error is not None and unknown.error.reason is SyncReason.TOKEN_UNKNOWN

    # Restored by an administrator, a fresh code brings the station back, with nothing lost.
    assert county.restore("CSX-01")
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01"))
    assert kiosk.sync.run_round().ok
    assert county.count("visits", "CSX-01") == 3


def test_not_enrolled_is_a_typed_error(make_kiosk):
    kiosk = make_kiosk()
    report = kiosk.sync.run_round()
    assert report.error is not None and report.error.reason is SyncReason.NOT_ENROLLED


def test_pull_brings_county_data_and_resumes_after_an_interruption(
    make_kiosk, county, county_server
):
    kiosk = enrolled(make_kiosk, county, county_server)
    county.publish(
        "CSX-01",
        "station.profile",
        "CSX-01",
        ProfileData(
            code="CSX-01",
            name_zh="黄花机场红色之家",
            name_en="Huanghua Airport Red Home",
            opening_hours="00:00–24:00",
            facilities=[Facility(key="parking", count=306)],
        ),
    )
    for index in range(450):
        county.publish("*", "service", f"s{index:03}", ServiceData(name_zh=f"服务{index}"))
    county.publish("*", "announcement", "a1", AnnouncementData(title_zh="通知"))
    county.publish(
        "CSX-01",
        "activity",
        "act1",
        ActivityData(title_zh="义诊", starts_at=kiosk.clock.now() + timedelta(days=1)),
    )
    county.publish("*", "service", "s000", None)

    calls = {"n": 0}
    real_pull = CountyClient.pull

    def flaky_pull(self, station_code: str, cursor: int, limit: int = 200) -> FeedPage:
        calls["n"] += 1
        if calls["n"] == 2:
            raise SyncError(SyncReason.CONNECTION_LOST, "cut")
        return real_pull(self, station_code, cursor, limit)

    CountyClient.pull = flaky_pull  # type: ignore[method-assign]
    try:
        first = kiosk.sync.run_round()
    finally:
        CountyClient.pull = real_pull  # type: ignore[method-assign]
    assert first.error is not None
    with kiosk.uow_factory() as uow:
        cursor_after_first_page = uow.session.get(SyncState, 1).pull_cursor
        assert cursor_after_first_page > 0
        assert uow.session.scalar(select(func.count()).select_from(CountyService)) > 0

    second = kiosk.sync.run_round()
    assert second.ok
    with kiosk.uow_factory() as uow:
        services = list(uow.session.scalars(select(CountyService.key)))
        assert len(services) == 449 and "s000" not in services
        assert uow.session.scalar(select(func.count()).select_from(CountyAnnouncement)) == 1
        assert uow.session.get(CountyActivity, "act1").title_zh == "义诊"
        profile = uow.session.scalars(select(StationProfile)).one()
        assert profile.name_zh == "黄花机场红色之家"
        assert json.loads(profile.facilities) == [{"key": "parking", "count": 306}]
    assert kiosk.station.profile().name("zh_CN") == "黄花机场红色之家"

    url = kiosk.sync.station_card_url()
    assert url is not None and url.startswith(county_server.url + "/s/")
    import requests

    assert "黄花机场红色之家" in requests.get(url, timeout=5).text
    matrix = qr_matrix(url)
    assert len(matrix) >= 21 and all(len(row) == len(matrix) for row in matrix)
    assert any(any(row) for row in matrix)


def test_plain_http_is_refused_except_to_this_machine_and_tls_is_never_off():
    with pytest.raises(SyncError) as insecure:
        CountyClient("http://county.example.cn")
    assert insecure.value.reason is SyncReason.INSECURE_URL
    with pytest.raises(SyncError):
        CountyClient("ftp://127.0.0.1")
    assert CountyClient("http://127.0.0.1:1").base_url == "http://127.0.0.1:1"
    assert CountyClient("https://county.example.cn/")._verify is True
    assert CountyClient("https://county.example.cn", ca_bundle="/etc/county-ca.pem")._verify == (
        "/etc/county-ca.pem"
    )


def test_an_unreachable_server_is_offline_and_quick(make_kiosk, county, county_server):
    kiosk = enrolled(make_kiosk, county, county_server)
    add_visits(kiosk, 3)
    with kiosk.uow_factory() as uow:
        uow.session.get(SyncState, 1).server_url = "http://127.0.0.1:9"  # discard port: closed
        uow.commit()
    report = kiosk.sync.run_round()
    assert report.error is not None and report.error.reason is SyncReason.OFFLINE
    assert report.error.retryable and report.pending == 3


def test_a_server_that_keeps_failing_on_one_op_parks_it_and_moves_on(
    make_kiosk, county, county_server
):
    class PoisonClient(CountyClient):
        def push_encoded(self, station_code: str, body: bytes) -> PushResponse:
            if b'"purpose":"help"' in body:
                raise SyncError(SyncReason.SERVER_ERROR, "HTTP 500", status=500)
            return super().push_encoded(station_code, body)

    kiosk = enrolled(
        make_kiosk,
        county,
        county_server,
        client_factory=lambda url, token: PoisonClient(url, token=token, timeout_s=2),
    )
    add_visits(kiosk, 40, seed=7)
    with kiosk.uow_factory() as uow:
        helps = sum(1 for p in uow.session.scalars(select(OutboxEntry.payload)) if '"help"' in p)
    assert helps >= 1
    sleeps: list[float] = []
    report = kiosk.sync.run_with_retries(200, Backoff(0.01, 0.02), sleep=sleeps.append)
    assert report.ok, report.error
    assert report.parked == helps
    assert county.count("visits", "CSX-01") == 40 - helps
    assert {op.reason for op in kiosk.sync.parked()} == {"server_failed"}


def test_backoff_grows_with_jitter_up_to_the_cap_and_honours_retry_after():
    backoff = Backoff(base_s=1, cap_s=20, rng=random.Random(4))
    delays = [backoff.next_delay() for _ in range(8)]
    ceilings = [1, 2, 4, 8, 16, 20, 20, 20]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len(set(delays)) == len(delays)  # jittered
    assert backoff.next_delay(retry_after=15) >= 15
    backoff.reset()
    assert backoff.next_delay() <= 1


def test_settings_never_hold_the_token():
    assert "token" not in " ".join(Settings.__dataclass_fields__)
    store = MemoryCredentialStore()
    assert store.get(TOKEN_NAME) is None
