from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from county.app import create_app
from county.testing import CountyHarness, ServerThread, serve_in_thread
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from kiosk.services.checkin.catalog import DEFAULT_PLATFORMS
from kiosk.services.checkin.simulation import simulate_visits
from kiosk.store.models import OutboxEntry
from kiosk.sync.engine import ClientFactory
from tests.county_databases import NewCountyUrl


@pytest.fixture
def county_db(new_county_url: NewCountyUrl) -> str:
    return new_county_url()


@pytest.fixture
def county(county_db: str) -> Iterator[CountyHarness]:
    harness = CountyHarness(county_db)
    yield harness
    harness.close()


@pytest.fixture
def county_server(county_db: str, county: CountyHarness) -> Iterator[ServerThread]:
    app = create_app(county_db)
    with serve_in_thread(app) as server:
        yield server
    app.state.county.engine.dispose()


MakeKiosk = Callable[..., Kiosk]


@pytest.fixture
def make_kiosk(tmp_path: Path) -> Iterator[MakeKiosk]:
    made: list[Kiosk] = []

    def make(
        name: str = "kiosk",
        *,
        timeout_s: int = 2,
        client_factory: ClientFactory | None = None,
        **settings: object,
    ) -> Kiosk:
        kiosk = build_kiosk(
            DataDir(tmp_path / name),
            credentials=MemoryCredentialStore(),
            settings=Settings(county_timeout_s=timeout_s, **settings),  # type: ignore[arg-type]
            county_client_factory=client_factory,
        )
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()


def add_visits(kiosk: Kiosk, count: int, seed: int = 1) -> int:
    return simulate_visits(
        kiosk.uow_factory, kiosk.hasher, DEFAULT_PLATFORMS, kiosk.clock.now(), count, 2, seed
    )


def raw_outbox_row(session, kind: str, payload: dict, now) -> OutboxEntry:
    """An outbox row as an older kiosk, which did not validate before commit, may have left it:
    the kiosk of today refuses such a payload (kiosk.store.outbox.Outbox), the county too."""
    entry = OutboxEntry(
        op_id=str(uuid.uuid4()),
        kind=kind,
        payload=json.dumps(payload, ensure_ascii=False),
        created_at=now,
        state="pending",
        attempts=0,
    )
    session.add(entry)
    return entry
