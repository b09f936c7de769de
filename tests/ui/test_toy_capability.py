"""A new capability plugs in through the registry alone: every hook, and no central file.

The toy (tests/toy_capability) is registered the way a real one is, by one more line in the
registry (here: the tuple handed to build_kiosk); nothing in kiosk/ knows it.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from sqlalchemy import inspect, select

from kiosk.app import Kiosk, build_demo_kiosk, build_kiosk
from kiosk.capabilities import CAPABILITIES
from kiosk.capability import CapabilityRef
from kiosk.ports import DriverSession
from kiosk.store.database import current_revision
from kiosk.store.models import OutboxEntry
from kiosk.store.outbox import UnregisteredOp
from kiosk.ui.messages import describe
from redhome_wire.protocol import FeedChange, FeedPage
from redhome_wire.station_time import local_day
from tests.toy_capability.core import ToyNote, ToyRefused
from tests.toy_capability.wire import NOTED, TIP, ToyNoted
from tests.ui.conftest import find, items_named, settle, tap, text_of, unlock_keeper

TOY = CapabilityRef("toy", "tests.toy_capability.core", "tests.toy_capability.ui")
REGISTRY = (*CAPABILITIES, TOY)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def kiosk(data_dir, clock, credentials, settings) -> Iterator[Kiosk]:
    """The station of every fixture here (shell, window) has the toy in its registry."""
    built = build_kiosk(
        data_dir, clock=clock, credentials=credentials, settings=settings, capabilities=REGISTRY
    )
    yield built
    built.close()


def test_no_file_of_the_kiosk_names_the_toy() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "kiosk", "pyproject.toml", "packaging", "resources"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tracked, "not a git checkout"
    toy = re.compile(r"\btoy\b", re.IGNORECASE)
    naming = [name for name in tracked if toy.search((REPO / name).read_text(errors="ignore"))]
    assert naming == []


def test_its_table_comes_from_its_own_migration_on_the_one_history(kiosk: Kiosk) -> None:
    assert current_revision(kiosk.database.engine) == "9000"
    assert "toy_notes" in inspect(kiosk.database.engine).get_table_names()


def test_its_ops_are_written_only_from_its_wire_model(kiosk: Kiosk) -> None:
    service = kiosk.service("toy")
    assert service.note("hello") == 1
    with kiosk.uow_factory() as uow:
        (row,) = uow.session.scalars(select(OutboxEntry)).all()
        assert row.kind == NOTED
        assert ToyNoted.model_validate_json(row.payload).text == "hello"
    # Too long for its wire model: refused before commit, nothing of it kept.
    with pytest.raises(ValueError):
        service.note("x" * 21)
    # Another capability's op kind through the toy's outbox: refused as well.
    with kiosk.uow_factory() as uow, pytest.raises(UnregisteredOp):
        now = kiosk.clock.now()
        service._outbox.add(uow.session, "visit.created", ToyNoted(text="a", noted_at=now), now)
    with kiosk.uow_factory() as uow:
        assert len(uow.session.scalars(select(ToyNote)).all()) == 1
        assert len(uow.session.scalars(select(OutboxEntry)).all()) == 1


class _FeedOnlyClient:
    """A county that has one page of feed for the station; pushes are not part of this test."""

    def __init__(self, changes: list[FeedChange]) -> None:
        self._changes = changes

    def pull(self, station_code: str, cursor: int, limit: int) -> FeedPage:
        changes = [change for change in self._changes if change.seq > cursor]
        return FeedPage(
            station_code=station_code,
            changes=changes,
            next_cursor=max((c.seq for c in changes), default=cursor),
            has_more=False,
        )

    def close(self) -> None:
        pass


def test_its_pulled_documents_reach_its_applier(kiosk: Kiosk) -> None:
    client = _FeedOnlyClient([FeedChange(seq=1, kind=TIP, key="t1", data={"text": "drink water"})])
    report = kiosk.sync.pull(client=client, station_code="CSX-01")  # type: ignore[arg-type]
    assert report.changes == 1
    with kiosk.uow_factory() as uow:
        (note,) = uow.session.scalars(select(ToyNote)).all()
        assert (note.text, note.tip) == ("drink water", True)


def test_its_job_and_counters_are_run_and_read_by_the_platform(kiosk: Kiosk) -> None:
    jobs = {job.name: job for job in kiosk.jobs()}
    assert jobs["toy sweep"].run() == "swept"
    kiosk.service("toy").note("a")
    kiosk.service("toy").note("b")
    assert kiosk.day_counts(local_day(kiosk.clock.now()))["toy.notes"] == 2


def test_its_words_for_its_error_are_said_through_the_one_describe(shell) -> None:
    assert describe(ToyRefused("empty")) == "A toy note needs words."


def test_its_tile_page_and_view_model_work_on_the_screen(qtbot, window, shell) -> None:
    assert "tileToy" in [tile["objectName"] for tile in shell.tiles]
    tap(qtbot, window, "tileToy")
    settle(qtbot, shell)
    assert shell.navigator.page == "toy"
    toy = shell.view_model("toy")
    assert toy.entered == ["toy"]
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert text_of(window, "toyCount") == "1"
    toy.note("   ")
    settle(qtbot, shell)
    assert text_of(window, "errorText") == "A toy note needs words."
    shell.goHome()
    settle(qtbot, shell)
    assert toy.left == 1 and toy.count == 0 and toy.errorText == ""


def test_another_capability_reaches_it_only_through_a_port(qtbot, window, shell, kiosk) -> None:
    # What check-in does when a driver checks in (kiosk.ui.checkin.viewmodel).
    kiosk.ports.current_driver.start(DriverSession("138****5678", "courier", kiosk.clock.now()))
    shell.openTile("toy")
    settle(qtbot, shell)
    assert text_of(window, "toyDriver") == "138****5678"
    shell.goHome()  # the next driver: the session ends with the reset
    assert kiosk.ports.current_driver.current() is None


def test_its_alert_reaches_a_driver_on_another_page_without_taking_it_over(
    qtbot, window, shell
) -> None:
    shell.view_model("checkIn").start()
    settle(qtbot, shell)
    shell.view_model("toy").wake("Wake up, seat 3")
    settle(qtbot, shell)
    assert shell.navigator.page == "checkin.phone"  # the other driver keeps their page
    assert text_of(window, "attentionTitle") == "Wake up, seat 3"
    # ... all of it: the page gives the banner its room, its main action stays in the clear.
    banner, action = find(window, "attentionBanner"), find(window, "mainAction")
    action_bottom = action.mapToScene(QPointF(0, action.height())).y()
    assert action_bottom <= banner.mapToScene(QPointF(0, 0)).y()
    tap(qtbot, window, "attentionSeen")
    settle(qtbot, shell)
    assert not items_named(window, "attentionTitle")
    shell.goHome()
    settle(qtbot, shell)
    assert text_of(window, "attentionSlotTitle") == "Wake up, seat 3"  # still on home


def test_on_home_the_slot_says_it_once(qtbot, window, shell) -> None:
    shell.view_model("toy").wake("Wake up, seat 3")
    settle(qtbot, shell)
    assert text_of(window, "attentionSlotTitle") == "Wake up, seat 3"
    assert not items_named(window, "attentionTitle")  # no banner over home besides


def test_an_offered_board_is_the_idle_screen(qtbot, window, shell, clock) -> None:
    shell.view_model("toy").offer_board()
    shell.view_model("checkIn").start()
    settle(qtbot, shell)
    clock.advance(timedelta(seconds=shell.idle_watcher.idle_timeout_s + 30))
    shell.idle_watcher.tick()
    clock.advance(timedelta(seconds=60))
    shell.idle_watcher.tick()
    settle(qtbot, shell)
    assert shell.navigator.page == "toy.board"
    assert text_of(window, "toyBoard") == "board"


def test_its_day_shows_on_the_keepers_page_and_its_entry_on_the_menu(
    qtbot, window, shell, kiosk
) -> None:
    kiosk.service("toy").note("x")
    unlock_keeper(qtbot, shell, kiosk)
    assert "menuToy" in [entry["objectName"] for entry in shell.keeperEntries]
    shell.openKeeper()
    settle(qtbot, shell)
    assert text_of(window, "toyNotesToday") == "1"
    assert text_of(window, "keeperTotal") == "0"  # check-in's section is still there


def test_its_demo_data_is_seeded_with_the_demo_station(tmp_path: Path) -> None:
    demo = build_demo_kiosk(root=tmp_path / "demo", capabilities=REGISTRY)
    try:
        assert demo.service("toy").count(local_day(demo.clock.now())) == 1
    finally:
        demo.close()
