"""Shared fixtures: a fresh temp-file station per test, an in-memory keyring, a manual clock."""

from __future__ import annotations

import os

# Before any QGuiApplication exists: no display, and the in-window Pinyin keyboard.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import Settings
from kiosk.credentials import MemoryCredentialStore
from kiosk.paths import DataDir
from redhome_wire.station_time import STATION_TZ, ManualClock

# --county-db: the county tests on SQLite or a throwaway PostgreSQL (tests/county_databases.py).
pytest_plugins = ("tests.county_databases",)

# A Friday afternoon at the station.
START = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def credentials() -> MemoryCredentialStore:
    return MemoryCredentialStore()


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "station")


@pytest.fixture
def kiosk(
    data_dir: DataDir,
    clock: ManualClock,
    credentials: MemoryCredentialStore,
    settings: Settings,
) -> Iterator[Kiosk]:
    built = build_kiosk(data_dir, clock=clock, credentials=credentials, settings=settings)
    yield built
    built.close()
