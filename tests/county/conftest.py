from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from county.app import create_app
from county.db import make_engine, make_writer_factory, migrate
from county.enrolment import create_enrolment_code
from county.models import Station
from county.testing import ServerThread, serve_in_thread
from redhome_wire.station_time import ManualClock
from tests.county_databases import NewCountyUrl


@pytest.fixture
def one_station_engine(new_county_url: NewCountyUrl) -> Iterator[Engine]:
    """A county database with one station, CSX-01 (id 1), and no server."""
    engine = make_engine(new_county_url())
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(Station.__table__).values(
                id=1,
                code="CSX-01",
                name="站",
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
                last_seq=0,
            )
        )
    yield engine
    engine.dispose()


@pytest.fixture
def county_clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


@pytest.fixture
def county_url(new_county_url: NewCountyUrl) -> str:
    return new_county_url()


@pytest.fixture
def county_server(county_url: str, county_clock: ManualClock) -> Iterator[ServerThread]:
    app = create_app(county_url, clock=county_clock)
    with serve_in_thread(app) as server:
        yield server
    app.state.county.engine.dispose()


@pytest.fixture
def county_session(county_url: str, county_server: ServerThread) -> Iterator[Session]:
    engine = make_engine(county_url)
    with make_writer_factory(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture
def new_code(county_url: str, county_server: ServerThread, county_clock: ManualClock):
    engine = make_engine(county_url)

    def make(station: str, name: str | None = None) -> str:
        with make_writer_factory(engine)() as session:
            code = create_enrolment_code(session, station, name, county_clock.now())
            session.commit()
            return code

    yield make
    engine.dispose()
