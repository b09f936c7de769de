"""Stations upgrade one at a time: today's kiosk against a county a release ahead of it.

The newer county publishes a station profile with a field this kiosk does not know, and a kind
of document it does not know (the toy capability's tips, tests/toy_capability). Today's kiosk
applies what it can and holds the rest; once upgraded (the toy installed) it applies what it
held. Nothing is skipped while its cursor moves on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from county import publish as publishing
from kiosk.app import Kiosk, build_kiosk
from kiosk.capabilities import CAPABILITIES
from kiosk.capability import CapabilityRef
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.store.held import held_count
from kiosk.store.models import StationProfile
from redhome_wire.station import ProfileData
from tests.toy_capability.core import ToyNote
from tests.toy_capability.wire import TIP, ToyTip

TOY = CapabilityRef("toy", "tests.toy_capability.core", "tests.toy_capability.ui")


class NewerProfile(ProfileData):
    """The station profile as a county one release ahead publishes it."""

    wheelchair_access: bool = True


@pytest.fixture
def newer_county(county, monkeypatch):
    documents = dict(publishing.DOCUMENTS)
    documents["station.profile"] = documents["station.profile"]._replace(model=NewerProfile)
    documents[TIP] = publishing.DocumentKind(ToyTip, None)
    monkeypatch.setattr(publishing, "DOCUMENTS", documents)
    return county


def _station(root: Path, credentials: MemoryCredentialStore, *extra: CapabilityRef) -> Kiosk:
    return build_kiosk(
        DataDir(root),
        credentials=credentials,
        settings=Settings(county_timeout_s=2),
        capabilities=(*CAPABILITIES, *extra),
    )


def test_todays_kiosk_reads_what_it_can_and_holds_the_rest_until_upgraded(
    tmp_path, newer_county, county_server
):
    credentials = MemoryCredentialStore()
    today = _station(tmp_path / "station", credentials)
    code = newer_county.enrolment_code("CSX-01", "黄花机场红色之家")
    today.sync.enrol(county_server.url, code)
    newer_county.publish(
        "CSX-01",
        "station.profile",
        "CSX-01",
        NewerProfile(code="CSX-01", name_zh="黄花机场红色之家", name_en="Huanghua Airport"),
    )
    newer_county.publish("*", TIP, "water", ToyTip(text="多喝水"))

    report = today.sync.run_round()
    assert report.ok, report.error
    with today.uow_factory() as uow:
        # The added field is ignored, the rest of the profile applied.
        assert uow.session.scalars(select(StationProfile.name_en)).one() == "Huanghua Airport"
        # The added kind is held, not lost, though the cursor is past it.
        assert held_count(uow.session) == 1
    assert today.sync.run_round().ok  # and a second round does not lose or double it
    with today.uow_factory() as uow:
        assert held_count(uow.session) == 1
    today.close()

    upgraded = _station(tmp_path / "station", credentials, TOY)
    try:
        assert upgraded.sync.run_round().ok
        with upgraded.uow_factory() as uow:
            assert held_count(uow.session) == 0
            tips = uow.session.scalars(select(ToyNote.text).where(ToyNote.tip)).all()
        assert tips == ["多喝水"]
    finally:
        upgraded.close()
