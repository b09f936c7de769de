from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from county.db import make_engine, make_writer_factory, migrate
from redhome_wire.station_time import ManualClock
from tests.county_databases import NewCountyUrl


@pytest.fixture
def console_clock() -> ManualClock:
    return ManualClock(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))


@pytest.fixture
def console_url(new_county_url: NewCountyUrl) -> str:
    return new_county_url()


@pytest.fixture
def console_engine(console_url: str) -> Iterator[Engine]:
    engine = make_engine(console_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def writer(console_engine: Engine) -> sessionmaker[Session]:
    return make_writer_factory(console_engine)
