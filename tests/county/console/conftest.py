from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from county.app import create_app
from county.console import passwords
from county.console.accounts import create_account
from county.console.station_admin import issue_code
from county.db import make_engine, make_writer_factory, migrate
from county.testing import serve_in_thread
from redhome_wire.station_time import ManualClock
from tests.county_databases import NewCountyUrl


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """New hashes at a low scrypt cost: the web tests sign in some hundred times.

    tests/county/console/test_passwords.py checks the real cost (and opts out of this)."""
    monkeypatch.setattr(passwords, "COST", passwords.ScryptCost(n=2**10, r=8, p=1))


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


PASSWORD = "a good long password"
ROLE_USERS = {"admin": "ada", "editor": "eddie", "handler": "hana", "viewer": "vic"}


class Browser:
    """A requests session against the console, as one browser: cookies kept, no redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False, timeout=30, **kwargs)

    def post(self, path: str, data: dict[str, str] | None = None, **kwargs) -> requests.Response:
        return self.http.post(
            self.base + path, data=data or {}, allow_redirects=False, timeout=30, **kwargs
        )

    def csrf(self, path: str = "/console") -> str:
        page = self.get(path)
        found = re.search(r'name="csrf" value="([^"]*)"', page.text)
        assert found, page.text
        return found.group(1)

    def sign_in(
        self, username: str, password: str = PASSWORD, next_path: str | None = None
    ) -> requests.Response:
        form_token = self.csrf("/console/sign-in")
        data = {"csrf": form_token, "username": username, "password": password}
        if next_path is not None:
            data["next"] = next_path
        return self.post("/console/sign-in", data)

    def session_token(self) -> str | None:
        return self.http.cookies.get("rh_console", path="/console")

    def plant(self, token: str) -> None:
        """Put a session cookie in the browser as the server's own would be."""
        self.http.cookies.set("rh_console", token, domain="127.0.0.1", path="/console")


@dataclass
class ConsoleSite:
    url: str
    clock: ManualClock
    writer: sessionmaker[Session]

    def browser(self) -> Browser:
        return Browser(self.url)

    def signed_in(self, role: str) -> Browser:
        browser = self.browser()
        response = browser.sign_in(ROLE_USERS[role])
        assert response.status_code == 303, response.text
        return browser


@pytest.fixture
def console_site(
    console_url: str, console_engine: Engine, console_clock: ManualClock
) -> Iterator[ConsoleSite]:
    """A county server with the console, an account per role and one station, CSX-01."""
    writer = make_writer_factory(console_engine)
    with writer() as session:
        for role, username in ROLE_USERS.items():
            create_account(
                session, console_clock.now(), "cli", username=username,
                display_name=username.title(), role=role, password=PASSWORD,
                department="民政" if role == "handler" else None,
            )  # fmt: skip
        issue_code(session, console_clock.now(), "cli", "CSX-01", "黄花机场红色之家")
        session.commit()
    app = create_app(console_url, clock=console_clock)
    with serve_in_thread(app) as server:
        yield ConsoleSite(server.url, console_clock, writer)
    app.state.county.engine.dispose()
