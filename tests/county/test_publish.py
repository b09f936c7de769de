"""Publishing checks each kind against the capability that declares it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel

from county.capability import CountyCapability
from county.db import make_engine, make_writer_factory, migrate
from county.enrolment import ensure_station
from county.feed import item_data
from county.publish import DOCUMENTS, documents_by_kind, publish, publish_document
from county.stations import UnknownStation
from redhome_wire.station import AnnouncementData, ProfileData, ServiceData
from tests.county_databases import NewCountyUrl

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def session(new_county_url: NewCountyUrl):
    engine = make_engine(new_county_url())
    migrate(engine)
    with make_writer_factory(engine)() as session:
        ensure_station(session, "CSX-01", "黄花", NOW)
        yield session
    engine.dispose()


def test_every_capability_document_kind_is_publishable():
    assert {
        "station.profile",
        "announcement",
        "activity",
        "service",
        "flight",
        "flight.meta",
        "parking.request",
    } <= set(DOCUMENTS)


def test_unknown_kinds_and_other_models_are_refused(session):
    with pytest.raises(ValueError, match="unknown kind"):
        publish(session, "*", "horoscope", "today", None, NOW)
    with pytest.raises(ValueError, match="ServiceData"):
        publish(session, "*", "service", "water", AnnouncementData(title_zh="x"), NOW)
    with pytest.raises(UnknownStation):
        publish(session, "NOPE", "service", "water", ServiceData(name_zh="饮水"), NOW)
    with pytest.raises(ValueError, match="unknown kind"):
        publish_document(
            session, [{"scope": "*", "kind": "horoscope", "key": "k", "data": {}}], NOW
        )


def test_a_station_profile_is_completed_by_the_station_capability(session):
    first = ProfileData.model_validate_json(
        item_data(session, "CSX-01", "station.profile", "CSX-01") or "{}"
    )
    assert first.name_zh == "黄花" and first.card_path and first.card_path.startswith("/s/")

    publish(
        session,
        "CSX-01",
        "station.profile",
        "CSX-01",
        ProfileData(code="SOMETHING-ELSE", name_zh="黄花机场", name_en="Huanghua"),
        NOW,
    )
    profile = json.loads(item_data(session, "CSX-01", "station.profile", "CSX-01") or "{}")
    assert profile["code"] == "CSX-01" and profile["card_path"] == first.card_path
    assert profile["name_zh"] == "黄花机场"

    # From an officer's JSON, without a code: the scope gives it.
    publish_document(
        session,
        [
            {
                "scope": "CSX-01",
                "kind": "station.profile",
                "key": "CSX-01",
                "data": {"name_zh": "站", "name_en": "Z"},
            }
        ],
        NOW,
    )
    profile = json.loads(item_data(session, "CSX-01", "station.profile", "CSX-01") or "{}")
    assert (profile["code"], profile["name_zh"]) == ("CSX-01", "站")

    for scope, key in (("*", "CSX-01"), ("CSX-01", "CSX-02")):
        with pytest.raises(ValueError, match="one station"):
            publish(session, scope, "station.profile", key, None, NOW)


def test_a_kind_is_declared_by_one_capability_only():
    class Note(BaseModel):
        text: str

    twice = [CountyCapability("a", documents={"note": Note}) for _ in range(2)]
    with pytest.raises(ValueError, match="twice"):
        documents_by_kind(twice)
