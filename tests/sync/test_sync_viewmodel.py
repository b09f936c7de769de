from __future__ import annotations

import socket
import threading
import time
import uuid

from kiosk.services.checkin.service import CheckInRequest
from kiosk.store.models import SyncState
from kiosk.ui.checkin.capability import UI as CHECKIN_UI
from kiosk.ui.sync_viewmodel import SyncViewModel
from kiosk.ui.tasks import TaskRunner
from tests.sync.conftest import add_visits, raw_outbox_row


def enrolled(make_kiosk, county, county_server, **kw):
    kiosk = make_kiosk(**kw)
    kiosk.sync.enrol(county_server.url, county.enrolment_code("CSX-01", "黄花"))
    return kiosk


def test_syncs_in_the_background_and_reports_online(qtbot, make_kiosk, county, county_server):
    kiosk = enrolled(make_kiosk, county, county_server)
    add_visits(kiosk, 25)
    with kiosk.uow_factory() as uow:
        raw_outbox_row(
            uow.session,
            "visit.created",
            {"visit_id": str(uuid.uuid4()), "work_type": "BAD"},
            kiosk.clock.now(),
        )
        uow.commit()
    vm = SyncViewModel(kiosk.sync, kiosk.clock, interval_s=3600, op_labels=CHECKIN_UI.op_labels)
    vm.start()
    qtbot.waitUntil(
        lambda: vm.state == "online" and vm.property("pendingCount") == 0, timeout=10_000
    )
    assert vm.online and not vm.syncing
    assert vm.stateText == "Online"
    assert vm.pendingText == "All records sent"
    assert vm.lastSyncText.startswith("Last synced ")
    assert vm.errorText == ""
    assert vm.parkedCount == 1
    [parked] = vm.parkedErrors
    assert parked["reason"] == "invalid_payload"
    assert parked["kind"] == "Visit"
    assert parked["text"] == "The county found this record incomplete."
    assert county.count("visits", "CSX-01") == 25
    # The station card link came down with the pull, ready for a QR code.
    assert vm.stationCardUrl.startswith(county_server.url + "/s/")
    assert len(vm.stationCardQr) >= 21
    assert vm.shutdown(5000)


def test_offline_and_not_enrolled_states(qtbot, make_kiosk, county, county_server):
    fresh = make_kiosk("fresh")
    vm = SyncViewModel(fresh.sync, fresh.clock, interval_s=3600)
    vm.start()
    qtbot.waitUntil(lambda: vm.state == "not_enrolled" and not vm.syncing, timeout=10_000)
    assert "not enrolled" in vm.errorText
    assert vm.shutdown(5000)

    kiosk = enrolled(make_kiosk, county, county_server)
    add_visits(kiosk, 2)
    with kiosk.uow_factory() as uow:
        uow.session.get(SyncState, 1).server_url = "http://127.0.0.1:9"
        uow.commit()
    vm = SyncViewModel(kiosk.sync, kiosk.clock, interval_s=3600)
    vm.start()
    qtbot.waitUntil(lambda: vm.state == "offline" and not vm.syncing, timeout=10_000)
    assert vm.stateText == "Offline"
    assert vm.pendingCount == 2 and vm.pendingText == "2 records waiting"
    assert vm.errorText.startswith("Cannot reach the county server")
    assert vm.lastSyncText == "Not synced yet"
    assert vm.shutdown(5000)


def test_a_stalled_server_never_blocks_the_ui_or_the_local_writes(
    qtbot, make_kiosk, county, county_server
):
    # A server that accepts connections and never answers.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    held: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        kiosk = enrolled(make_kiosk, county, county_server, timeout_s=3)
        add_visits(kiosk, 3)
        with kiosk.uow_factory() as uow:
            uow.session.get(SyncState, 1).server_url = f"http://127.0.0.1:{port}"
            uow.commit()
        vm = SyncViewModel(kiosk.sync, kiosk.clock, interval_s=3600)
        tasks = TaskRunner()
        started = time.monotonic()
        vm.syncNow()
        assert time.monotonic() - started < 0.2  # the slot returns at once
        assert vm.syncing and vm.state == "syncing"
        saved: list[object] = []
        tasks.run(
            lambda: kiosk.service("checkin").check_in(
                CheckInRequest(None, False, "courier", "sf", "water_meal")
            ),
            saved.append,
            lambda error: saved.append(error),
        )
        qtbot.waitUntil(lambda: bool(saved), timeout=2000)  # long before the 3 s timeout
        assert vm.syncing  # still waiting on the dead server
        qtbot.waitUntil(lambda: not vm.syncing, timeout=10_000)
        assert vm.state == "offline"
        assert "did not answer in time" in vm.errorText
        assert vm.pendingCount == 4
        assert vm.shutdown(5000)
        assert tasks.wait_for_done(5000)
    finally:
        stop.set()
        holder.join(2)
        for connection in held:
            connection.close()
        listener.close()
