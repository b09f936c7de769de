"""A pulled change this kiosk cannot apply yet is held, never skipped, and the newest wins."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.app import Kiosk
from kiosk.capability import FeedApplier
from kiosk.store.held import held_changes, held_count
from kiosk.store.models import StationProfile, SyncState
from redhome_wire.protocol import FeedChange, FeedDocument, FeedPage
from redhome_wire.station import ProfileData


class _Feed:
    def __init__(self, *changes: FeedChange) -> None:
        self.changes = list(changes)

    def pull(self, station_code: str, cursor: int, limit: int) -> FeedPage:
        page = [change for change in self.changes if change.seq > cursor]
        return FeedPage(
            station_code=station_code,
            changes=page,
            next_cursor=max((change.seq for change in page), default=cursor),
            has_more=False,
        )

    def close(self) -> None:
        pass


def _pull(kiosk: Kiosk, feed: _Feed) -> int:
    return kiosk.sync.pull(client=feed, station_code="CSX-01").changes  # type: ignore[arg-type]


def _cursor(kiosk: Kiosk) -> int:
    with kiosk.uow_factory() as uow:
        return uow.session.get(SyncState, 1).pull_cursor


PROFILE = {"code": "CSX-01", "name_zh": "黄花", "name_en": "Huanghua", "wheelchair": True}


def test_an_unknown_kind_is_held_and_the_cursor_moves_on(kiosk: Kiosk) -> None:
    feed = _Feed(
        FeedChange(seq=1, kind="meal.menu", key="today", data={"dishes": ["面"]}),
        FeedChange(seq=2, kind="station.profile", key="CSX-01", data=PROFILE),
    )
    assert _pull(kiosk, feed) == 1
    assert _cursor(kiosk) == 2
    with kiosk.uow_factory() as uow:
        # A field this kiosk does not know (wheelchair) is ignored, the rest applied.
        assert uow.session.scalars(select(StationProfile.name_zh)).one() == "黄花"
        [(row, change)] = held_changes(uow.session, {"meal.menu"})
        assert (row.reason, change.seq, change.data) == ("unknown kind", 1, {"dishes": ["面"]})


def test_a_newer_change_of_a_held_key_replaces_it(kiosk: Kiosk) -> None:
    _pull(kiosk, _Feed(FeedChange(seq=1, kind="meal.menu", key="today", data={"n": 1})))
    _pull(kiosk, _Feed(FeedChange(seq=2, kind="meal.menu", key="today", data={"n": 2})))
    with kiosk.uow_factory() as uow:
        assert held_count(uow.session) == 1
        [(_row, change)] = held_changes(uow.session, {"meal.menu"})
        assert change.data == {"n": 2}


def test_an_unreadable_document_of_a_known_kind_is_held_too(kiosk: Kiosk) -> None:
    broken = {"code": "CSX-01"}  # no names: a county far newer, or broken
    _pull(kiosk, _Feed(FeedChange(seq=1, kind="station.profile", key="CSX-01", data=broken)))
    with kiosk.uow_factory() as uow:
        assert held_count(uow.session) == 1
    # The county sends a good one later: applied, and the held one is superseded.
    _pull(kiosk, _Feed(FeedChange(seq=2, kind="station.profile", key="CSX-01", data=PROFILE)))
    with kiosk.uow_factory() as uow:
        assert held_count(uow.session) == 0


class _Menu(FeedDocument):
    dishes: list[str]


def test_an_upgraded_kiosk_applies_what_it_held_in_feed_order(kiosk: Kiosk) -> None:
    _pull(
        kiosk,
        _Feed(
            FeedChange(seq=1, kind="meal.menu", key="mon", data={"dishes": ["面"]}),
            FeedChange(seq=2, kind="meal.menu", key="tue", data={"dishes": ["饭"]}),
        ),
    )
    applied: list[tuple[str, list[str]]] = []

    def apply(session, change, data, now) -> bool:
        applied.append((change.key, data.dishes))
        return True

    # What a kiosk with the meals capability installed would have among its appliers.
    kiosk.sync._appliers["meal.menu"] = FeedApplier("meal.menu", _Menu, apply)
    assert kiosk.sync.apply_held() == 2
    assert applied == [("mon", ["面"]), ("tue", ["饭"])]
    with kiosk.uow_factory() as uow:
        assert held_count(uow.session) == 0


def test_the_profile_model_itself_reads_a_newer_county_tolerantly() -> None:
    assert ProfileData.model_validate(PROFILE).name_en == "Huanghua"
