"""The keeper decides about each record the county refused: send it again, or let it go and
say why (issue 11, finding 9). Everything after it flows meanwhile."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kiosk.app import Kiosk
from kiosk.store.models import OutboxEntry
from tests.ui.conftest import items_named, settle, tap, unlock_keeper


def _parked(kiosk: Kiosk) -> str:
    op_id = str(uuid.uuid4())
    with kiosk.uow_factory() as uow:
        uow.session.add(
            OutboxEntry(
                op_id=op_id,
                kind="visit.created",
                payload="{}",
                created_at=kiosk.clock.now(),
                state="parked",
                attempts=1,
                parked_reason="invalid_payload",
                last_error="purpose: field required",
            )
        )
        uow.commit()
    return op_id


def _state(kiosk: Kiosk, op_id: str) -> tuple[str, str | None]:
    with kiosk.uow_factory() as uow:
        entry = uow.session.scalars(select(OutboxEntry).where(OutboxEntry.op_id == op_id)).one()
        return entry.state, entry.last_error


def _open_sync_page(qtbot, shell, kiosk: Kiosk) -> None:
    unlock_keeper(qtbot, shell, kiosk)
    shell.openKeeperPage("keeper.sync")
    shell.sync_vm.refresh()
    qtbot.waitUntil(lambda: shell.sync_vm.parkedCount == 1, timeout=5000)
    settle(qtbot, shell)


def test_a_refused_record_is_let_go_only_with_a_reason(qtbot, window, shell, kiosk) -> None:
    op_id = _parked(kiosk)
    _open_sync_page(qtbot, shell, kiosk)
    tap(qtbot, window, "discardParked")
    assert not items_named(window, "retryParked")  # the question replaces the actions
    tap(qtbot, window, "discardCancel")  # changed their mind: nothing happened
    assert _state(kiosk, op_id)[0] == "parked"
    tap(qtbot, window, "discardParked")
    tap(qtbot, window, "discardWrong")
    qtbot.waitUntil(lambda: shell.sync_vm.parkedCount == 0, timeout=5000)
    state, note = _state(kiosk, op_id)
    assert state == "discarded"
    assert note is not None and "wrong" in note and "purpose: field required" in note
    assert kiosk.sync.status().pending == 0  # never sent again


def test_a_refused_record_can_be_sent_again(qtbot, window, shell, kiosk) -> None:
    op_id = _parked(kiosk)
    _open_sync_page(qtbot, shell, kiosk)
    tap(qtbot, window, "retryParked")
    qtbot.waitUntil(lambda: shell.sync_vm.parkedCount == 0, timeout=5000)
    assert _state(kiosk, op_id)[0] == "pending"


def test_discarded_records_leave_with_the_audit_window(kiosk: Kiosk, clock) -> None:
    from datetime import timedelta

    from kiosk.sync.engine import DiscardReason

    op_id = _parked(kiosk)
    assert kiosk.sync.discard_parked(op_id, DiscardReason.DUPLICATE)
    assert not kiosk.sync.discard_parked(op_id, DiscardReason.DUPLICATE)  # not parked any more
    assert kiosk.sync.purge_acked() == 0
    clock.advance(timedelta(days=kiosk.settings.outbox_audit_days + 1))
    assert kiosk.sync.purge_acked() == 1
