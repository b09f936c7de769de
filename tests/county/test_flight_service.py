"""The flight poller inside the county server: file feed in, only changes out, good data kept."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from county.app import create_app
from county.db import make_engine, make_writer_factory, migrate
from county.flights.filefeed import FileFeedSource
from county.flights.poller import PollSettings
from county.flights.service import (
    FlightConfigError,
    FlightService,
    attach_flights,
    default_store_path,
    flight_config,
    published_snapshot,
)
from county.models import CountyItem, FeedEntry
from county.testing import serve_in_thread
from redhome_wire.flights.records import FLIGHT_KIND, FLIGHT_META_KIND, FlightFeedMeta, FlightRecord
from redhome_wire.station_time import STATION_TZ, ManualClock
from tests.county_databases import NewCountyUrl

START = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)
NO_SPACING = PollSettings(request_spacing_s=0)
CZ3392 = "CSX-A-CZ3392-20261127"


def rows() -> list[dict[str, Any]]:
    return [
        {
            "flight": "CZ3392",
            "direction": "arrival",
            "other_iata": "PEK",
            "codeshares": "MF4392",
            "scheduled": "2026-11-27 16:35",
            "estimated": "2026-11-27 16:50",
            "status": "active",
            "terminal": "T2",
            "belt": None,
        },
        {
            "flight": "MU2521",
            "direction": "departure",
            "other_iata": "SHA",
            "scheduled": "2026-11-27 18:10",
            "terminal": "T2",
            "gate": "215",
        },
        {
            "flight": "HU7182",
            "direction": "arrival",
            "other_iata": "HAK",
            "scheduled": "2026-11-28 09:20",
        },
    ]


def write_feed(folder: Path, items: list[dict[str, Any]] | str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = items if isinstance(items, str) else json.dumps({"flights": items})
    temporary = folder / "csx.json.tmp"
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(folder / "csx.json")


@dataclass
class CountyDb:
    url: str
    engine: Engine
    writer: sessionmaker[Session]

    def items(self, kind: str) -> dict[str, dict[str, Any]]:
        with self.writer() as session:
            rows = session.execute(
                select(CountyItem.key, CountyItem.data).where(CountyItem.kind == kind)
            ).all()
            return {key: json.loads(data) for key, data in rows}

    def feed(self) -> list[tuple[str, str, bool]]:
        with self.writer() as session:
            rows = session.execute(
                select(FeedEntry.kind, FeedEntry.key, FeedEntry.deleted).order_by(FeedEntry.seq)
            ).all()
            return [(row.kind, row.key, row.deleted) for row in rows]

    def meta(self) -> FlightFeedMeta:
        return FlightFeedMeta.model_validate(self.items(FLIGHT_META_KIND)["flights"])


@pytest.fixture
def db(new_county_url: NewCountyUrl) -> Iterator[CountyDb]:
    url = new_county_url()
    engine = make_engine(url)
    migrate(engine)
    yield CountyDb(url, engine, make_writer_factory(engine))
    engine.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


def flight_service(db: CountyDb, clock: ManualClock, folder: Path, **options: Any) -> FlightService:
    return FlightService(FileFeedSource(folder), db.writer, clock, settings=NO_SPACING, **options)


def test_a_poll_publishes_every_flight_then_only_what_changed(db, clock, tmp_path):
    folder = tmp_path / "feed"
    write_feed(folder, rows())
    flights = flight_service(db, clock, folder)

    report = flights.poll_once()
    assert report.succeeded == 6 and report.failed == 0
    published = db.items(FLIGHT_KIND)
    assert set(published) == {CZ3392, "CSX-D-MU2521-20261127", "CSX-A-HU7182-20261128"}
    assert published[CZ3392]["codeshares"] == ["MF4392"]
    meta = db.meta()
    assert meta.source == "file" and meta.count == 3 and meta.error is None
    assert meta.updated_at == clock.now()
    first_feed = db.feed()
    assert len(first_feed) == 4  # three flights and the metadata, scope "*"

    # Five minutes on, the file unchanged: today's partitions are fetched again, only the
    # metadata moved, and its earlier feed entry is gone (the feed does not grow per poll).
    clock.advance(timedelta(minutes=6))
    flights.poll_once()
    feed = db.feed()
    assert [entry for entry in feed if entry[0] == FLIGHT_META_KIND] == [
        (FLIGHT_META_KIND, "flights", False)
    ]
    assert len(feed) == 4
    assert feed[-1][0] == FLIGHT_META_KIND

    # One flight's estimate moves: that flight alone is published again.
    changed = rows()
    changed[0]["estimated"] = "2026-11-27 17:05"
    write_feed(folder, changed)
    clock.advance(timedelta(minutes=6))
    flights.poll_once()
    feed = db.feed()
    assert [key for kind, key, _ in feed[-2:]] == [CZ3392, "flights"]
    assert len(feed) == 4
    record = FlightRecord.model_validate(db.items(FLIGHT_KIND)[CZ3392])
    assert record.estimated_at == datetime(2026, 11, 27, 17, 5, tzinfo=STATION_TZ)

    # A flight the source no longer lists is deleted from the feed.
    write_feed(folder, changed[:2])
    clock.advance(timedelta(hours=2))  # tomorrow's partition is due again too
    flights.poll_once()
    assert "CSX-A-HU7182-20261128" not in db.items(FLIGHT_KIND)
    assert (FLIGHT_KIND, "CSX-A-HU7182-20261128", True) in db.feed()
    assert db.meta().count == 2


def test_a_broken_feed_never_wipes_the_published_flights(db, clock, tmp_path):
    folder = tmp_path / "feed"
    write_feed(folder, rows())
    flights = flight_service(db, clock, folder)
    flights.poll_once()
    good_at = clock.now()
    before = db.items(FLIGHT_KIND)

    write_feed(folder, "{ this is not JSON")
    clock.advance(timedelta(minutes=6))
    report = flights.poll_once()
    assert report.failed > 0 and report.succeeded == 0
    assert db.items(FLIGHT_KIND) == before
    assert not any(deleted for _kind, _key, deleted in db.feed())
    meta = db.meta()
    assert meta.error == "file" and meta.updated_at == good_at  # honest: old data, and why

    # The folder emptied altogether: the same.
    (folder / "csx.json").unlink()
    clock.advance(timedelta(minutes=30))
    flights.poll_once()
    assert db.items(FLIGHT_KIND) == before


def test_a_restart_with_the_source_down_keeps_the_feed_as_it_was(db, clock, tmp_path):
    folder = tmp_path / "feed"
    write_feed(folder, rows())
    flight_service(db, clock, folder).poll_once()
    good_at = clock.now()
    before = db.items(FLIGHT_KIND)
    feed_before = db.feed()

    # A new server process: no store file, and the feed folder broken.
    write_feed(folder, "[1, 2")
    clock.advance(timedelta(minutes=10))
    restarted = flight_service(db, clock, folder)
    restarted.poll_once()
    assert db.items(FLIGHT_KIND) == before
    assert [entry for entry in db.feed() if entry[0] == FLIGHT_KIND] == [
        entry for entry in feed_before if entry[0] == FLIGHT_KIND
    ]
    meta = db.meta()
    assert meta.updated_at == good_at and meta.error == "file" and meta.count == 3

    # The source back, one flight fewer: now that is a real deletion.
    write_feed(folder, rows()[:2])
    clock.advance(timedelta(minutes=2))
    restarted.poll_once()
    assert set(db.items(FLIGHT_KIND)) == {CZ3392, "CSX-D-MU2521-20261127"}


def test_a_restart_publishes_nothing_that_did_not_change(db, clock, tmp_path):
    folder = tmp_path / "feed"
    write_feed(folder, rows())
    store = tmp_path / "store.json"
    flight_service(db, clock, folder, store_path=store).poll_once()
    count = len(db.feed())
    clock.advance(timedelta(minutes=6))
    again = flight_service(db, clock, folder, store_path=store)
    again.poll_once()
    assert [kind for kind, _key, _deleted in db.feed()].count(FLIGHT_KIND) == 3
    assert len(db.feed()) == count
    with db.writer() as session:
        snapshot = published_snapshot(session)
    assert snapshot is not None and len(snapshot.flights) == 3


def test_flights_leave_the_feed_with_their_day(db, clock, tmp_path):
    folder = tmp_path / "feed"
    write_feed(folder, rows())
    flights = flight_service(db, clock, folder)
    flights.poll_once()
    clock.advance(timedelta(days=2))  # 27 Nov is now the day before yesterday
    flights.poll_once()
    # 27 Nov left the window; 28 Nov is yesterday now, and the file still lists HU7182.
    assert set(db.items(FLIGHT_KIND)) == {"CSX-A-HU7182-20261128"}
    deleted = {key for kind, key, gone in db.feed() if gone}
    assert deleted == {CZ3392, "CSX-D-MU2521-20261127"}


def test_the_thread_runs_with_the_app_and_stops_with_it(db, clock, tmp_path):
    folder = tmp_path / "feed"
    write_feed(folder, rows())
    app = create_app(db.url, clock=clock)
    flights = attach_flights(app, flight_service(db, clock, folder))
    with serve_in_thread(app) as server:
        deadline = time.monotonic() + 10
        while CZ3392 not in db.items(FLIGHT_KIND):
            assert time.monotonic() < deadline, "the poller did not publish"
            time.sleep(0.05)
        page = requests.get(f"{server.url}/f/{CZ3392}", timeout=5)
        assert page.status_code == 200 and "CZ3392" in page.text
        assert flights._thread is not None and flights._thread.is_alive()
        thread = flights._thread
    thread.join(5)
    assert not thread.is_alive()
    app.state.county.engine.dispose()


# --- configuration -------------------------------------------------------------------------------


def test_a_key_means_aviationstack_and_is_never_shown(tmp_path):
    config = flight_config(environ={"REDHOME_AVIATIONSTACK_KEY": "s3cret-key"})
    assert config is not None and config.source == "aviationstack"
    assert config.aviationstack_key == "s3cret-key"
    assert "s3cret" not in repr(config) and "s3cret" not in config.describe()
    assert config.airports == ("CSX",)

    file = tmp_path / "flights.toml"
    file.write_text(
        '[flights]\naviationstack_key = "from-file"\nairports = ["CSX", "kmg"]\ninterval_s = 600\n',
        encoding="utf-8",
    )
    config = flight_config(config_file=file, environ={"REDHOME_AVIATIONSTACK_KEY": "env"})
    assert config is not None and config.aviationstack_key == "from-file"
    assert config.airports == ("CSX", "KMG") and config.poll.interval_s == 600


def test_without_a_key_a_folder_means_the_file_feed_else_flights_are_off(tmp_path):
    config = flight_config(feed_dir=tmp_path, airports="csx", environ={})
    assert config is not None and config.source == "file" and config.feed_dir == tmp_path
    assert config.poll.request_spacing_s == 0
    assert flight_config(environ={}) is None

    file = tmp_path / "flights.toml"
    file.write_text('[flights]\nfeed_dir = "feed"\nstore = "keep.json"\n', encoding="utf-8")
    config = flight_config(config_file=file, environ={})
    assert config is not None and config.feed_dir == tmp_path / "feed"
    assert config.store_path == tmp_path / "keep.json"


@pytest.mark.parametrize(
    "text",
    [
        "[flights]\nairports = ['CSXX']\n",
        "[flights]\ninterval_s = 5\n",
        "[flights]\naviationstak_key = 'typo'\n",
        "[flights\n",
    ],
)
def test_a_bad_flight_config_is_refused_with_a_reason(tmp_path, text):
    file = tmp_path / "flights.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(FlightConfigError):
        flight_config(config_file=file, environ={"REDHOME_AVIATIONSTACK_KEY": "k"})


def test_the_store_sits_beside_a_sqlite_database(tmp_path):
    assert default_store_path(f"sqlite:///{tmp_path}/c.db", tmp_path / "data") == (
        tmp_path / "c.flights-store.json"
    )
    assert default_store_path("postgresql+psycopg://u@h/db", tmp_path) == (
        tmp_path / "flights-store.json"
    )


def test_serve_refuses_a_bad_flight_config(tmp_path, capsys):
    from county.__main__ import main

    file = tmp_path / "flights.toml"
    file.write_text("[flights]\nairports = 3\n", encoding="utf-8")
    assert main(["serve", "--db", f"sqlite:///{tmp_path}/c.db", "--flights-config", str(file)]) == 2
    assert "airports" in capsys.readouterr().err


def test_feed_counts_stay_small_over_a_day_of_polls(db, clock, tmp_path):
    folder = tmp_path / "feed"
    write_feed(folder, rows())
    flights = flight_service(db, clock, folder)
    for _ in range(20):
        flights.poll_once()
        clock.advance(timedelta(minutes=5))
    with db.writer() as session:
        entries = session.scalar(select(func.count()).select_from(FeedEntry))
    assert entries == 4
    assert START.astimezone(UTC) < db.meta().updated_at
