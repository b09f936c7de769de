"""The push reads the next batch ahead while one is on the wire, without reordering anything."""

from __future__ import annotations

import gc
import json
from typing import Any

from sqlalchemy import select

from county.models import AppliedOp
from kiosk.store.models import OutboxEntry
from kiosk.sync.client import CountyClient
from kiosk.sync.engine import SyncEngine
from redhome_wire.protocol import PushResponse
from tests.sync.conftest import add_visits


class RecordingClient(CountyClient):
    """Sends for real; remembers each request's op ids; may drop one answer from a response."""

    def __init__(self, *args: Any, drop_answer_at: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[list[str]] = []
        self.drop_answer_at = drop_answer_at

    def push_encoded(self, station_code: str, body: bytes) -> PushResponse:
        self.sent.append([op["op_id"] for op in json.loads(body)["ops"]])
        response = super().push_encoded(station_code, body)
        if self.drop_answer_at is not None and len(self.sent) == 1:
            results = list(response.results)
            del results[self.drop_answer_at]
            response = response.model_copy(update={"results": results})
        return response


def _engine(kiosk, client: RecordingClient, batch_size: int) -> SyncEngine:
    return SyncEngine(
        kiosk.uow_factory,
        kiosk.clock,
        kiosk.credentials,
        kiosk.settings,
        lambda _url, _token: client,
        batch_size=batch_size,
    )


def _local_order(kiosk) -> list[str]:
    with kiosk.uow_factory() as uow:
        return list(uow.session.scalars(select(OutboxEntry.op_id).order_by(OutboxEntry.id)))


def test_an_unanswered_operation_goes_again_before_the_rows_read_ahead(
    make_kiosk, county, county_server
):
    kiosk = make_kiosk()
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01"))
    token = kiosk.credentials.get("county-token")
    client = RecordingClient(county_server.url, token=token, timeout_s=5, drop_answer_at=3)
    add_visits(kiosk, 25)
    local = _local_order(kiosk)
    report = _engine(kiosk, client, 10).push()
    assert report.acked == 25 and report.pending == 0 and report.duplicates == 1
    assert client.sent[0] == local[:10]
    # The fourth op of the first batch had no answer: it leads the next request.
    assert client.sent[1][0] == local[3]
    assert client.sent[1][1:] == local[10:19]
    with county._writer() as session:
        server_order = list(session.scalars(select(AppliedOp.op_id).order_by(AppliedOp.seq)))
    assert server_order == local
    client.close()


def test_batches_read_ahead_go_in_outbox_order_and_leave_the_collector_as_it_was(
    make_kiosk, county, county_server
):
    kiosk = make_kiosk()
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01"))
    token = kiosk.credentials.get("county-token")
    add_visits(kiosk, 47)
    local = _local_order(kiosk)
    for enabled in (True, False):
        was = gc.isenabled()
        try:
            gc.enable() if enabled else gc.disable()
            client = RecordingClient(county_server.url, token=token, timeout_s=5)
            report = _engine(kiosk, client, 8).push()
            assert gc.isenabled() is enabled
        finally:
            gc.enable() if was else gc.disable()
        client.close()
        if enabled:
            assert report.acked == 47 and report.batches == 6
            assert [op for request in client.sent for op in request] == local
        else:
            assert report.acked == 0 and client.sent == []
