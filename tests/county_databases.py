"""Which database the county tests run on: SQLite (the default) or a real PostgreSQL.

`pytest --county-db=postgres tests/county tests/sync` starts one throwaway PostgreSQL cluster for
the session (initdb and pg_ctl from the Debian package, as the postgres user when run as root, on
loopback and a free port, torn down at the end) and gives each test its own fresh database in it.
Tests ask for a URL through `new_county_url`; a test about SQLite itself says so with
`sqlite_only`.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from county.testing import free_port

SQLITE = "sqlite"
POSTGRES = "postgres"
REQUIRE_POSTGRES_ENV = "REDHOME_REQUIRE_POSTGRES"  # CI: a missing server fails, not skips

NewCountyUrl = Callable[..., str]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--county-db",
        choices=(SQLITE, POSTGRES),
        default=SQLITE,
        help="the database the county tests run on (postgres: a throwaway local cluster)",
    )


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class PostgresCluster:
    """A throwaway cluster in a temporary folder; `database()` makes a fresh, empty database."""

    def __init__(self) -> None:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if initdb is None or pg_ctl is None:
            message = "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
            if os.environ.get(REQUIRE_POSTGRES_ENV):
                pytest.fail(message)
            pytest.skip(message)
        self._pg_ctl = pg_ctl
        # Not under pytest's own temp dir: the postgres user must be able to reach it.
        self.root = Path(tempfile.mkdtemp(prefix="redhome-pg-"))
        self._data = self.root / "data"
        self._prefix: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root
            shutil.chown(self.root, "postgres", "postgres")
            self._prefix = ["runuser", "-u", "postgres", "--"]
        port = free_port()
        self._run(initdb, "-D", str(self._data), "-A", "trust", "-U", "postgres", "--no-sync")
        # Durability is not what these tests are about: no fsync makes each database cheap.
        options = (
            f"-p {port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            pg_ctl, "-D", str(self._data), "-o", options, "-w", "-t", "60", "start",
            "-l", str(self.root / "log"),
        )  # fmt: skip
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        self._admin = create_engine(self.url, isolation_level="AUTOCOMMIT", pool_size=1)
        self._names = itertools.count(1)

    def _run(self, *command: str) -> None:
        subprocess.run([*self._prefix, *command], check=True, capture_output=True, timeout=120)

    def database(self) -> str:
        name = f"county_{next(self._names)}"
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self._admin.connect() as connection:
            # A server thread or a child process may still hold a connection: cut it.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def stop(self) -> None:
        self._admin.dispose()
        subprocess.run(
            [*self._prefix, self._pg_ctl, "-D", str(self._data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def county_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.config.getoption("--county-db")
    return backend


@pytest.fixture
def new_county_url(
    request: pytest.FixtureRequest, county_backend: str, tmp_path: Path
) -> Iterator[NewCountyUrl]:
    """Makes a fresh, empty county database (each call another one) and gives its URL."""
    made: list[str] = []
    cluster: PostgresCluster | None = None
    if county_backend == POSTGRES:
        cluster = request.getfixturevalue("postgres_cluster")

    def new(name: str = "county") -> str:
        if cluster is None:
            url = f"sqlite:///{tmp_path / name / 'county.db'}"
        else:
            url = cluster.database()
        made.append(url)
        return url

    yield new
    if cluster is not None:
        for url in made:
            cluster.drop(url)


@pytest.fixture
def sqlite_only(county_backend: str) -> None:
    """For a test about the SQLite database itself (its file, its locking)."""
    if county_backend != SQLITE:
        pytest.skip("about SQLite itself")
