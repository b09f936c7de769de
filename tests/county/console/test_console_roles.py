"""The role matrix: every route of the app under /console, with every role and with nobody
signed in, allowed or refused as the console's one access table says, and that table as the
roles are meant to be."""

from __future__ import annotations

import itertools

import pytest
from fastapi import Depends
from fastapi.routing import APIRoute

from county.app import create_app
from county.capabilities import CAPABILITIES
from county.console.web import REFUSAL_HEADER, access_table, console_routes, guard
from county.testing import serve_in_thread
from tests.county.console.conftest import PASSWORD, ROLE_USERS, Browser

EVERYONE = {"anonymous", "admin", "editor", "handler", "viewer"}
STAFF = {"admin", "editor", "handler", "viewer"}
ADMIN = {"admin"}

# Who may use what, written out: the behaviour the console must have.
EXPECTED = {
    ("GET", "/console/static/console.css"): EVERYONE,
    ("GET", "/console/sign-in"): EVERYONE,
    ("POST", "/console/sign-in"): EVERYONE,
    ("POST", "/console/sign-out"): STAFF,
    ("GET", "/console"): STAFF,
    ("GET", "/console/password"): STAFF,
    ("POST", "/console/password"): STAFF,
    ("GET", "/console/stations"): STAFF,
    ("POST", "/console/stations/code"): ADMIN,
    ("POST", "/console/stations/{station_code}/revoke"): ADMIN,
    ("POST", "/console/stations/{station_code}/restore"): ADMIN,
    ("GET", "/console/accounts"): ADMIN,
    ("POST", "/console/accounts"): ADMIN,
    ("POST", "/console/accounts/{username}"): ADMIN,
    ("GET", "/console/audit"): ADMIN,
    ("GET", "/console/audit.csv"): ADMIN,
    # The capabilities' pages.
    ("GET", "/console/closeout"): STAFF,
    ("GET", "/console/closeout.csv"): STAFF,
    ("GET", "/console/station-profiles"): STAFF,
    ("GET", "/console/station-profiles/{station_code}"): STAFF,
    ("POST", "/console/station-profiles/{station_code}"): {"admin", "editor"},
}

# A form each POST route accepts (a CSRF token is added).
_names = itertools.count()


def _form(path: str) -> dict[str, str]:
    if path == "/console/stations/code":
        return {"station": "CSX-02"}
    if path == "/console/accounts":
        return {"username": f"new{next(_names)}", "display_name": "New", "role": "viewer",
                "password": PASSWORD}  # fmt: skip
    if path == "/console/accounts/{username}":
        return {"op": "save", "role": "viewer"}
    if path == "/console/stations/{station_code}/revoke":
        return {"confirm": "yes"}
    if path == "/console/password":
        return {"current": "not it", "new": "x" * 12, "again": "x" * 12}
    if path == "/console/station-profiles/{station_code}":
        return {"name_zh": "黄花机场红色之家", "name_en": "Huanghua Airport Red Home"}
    if path == "/console/station-profiles/{station_code}":
        return {"name_zh": "黄花机场红色之家", "name_en": "Huanghua Airport Red Home"}
    if path == "/console/sign-in":
        return {"username": "nobody", "password": "wrong password"}
    return {}


def _concrete(path: str) -> str:
    return path.replace("{station_code}", "CSX-01").replace("{username}", "target")


def _app_routes(app) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in console_routes(app)
        for method in getattr(route, "methods", None) or {"GET"}
        if method != "HEAD"
    }


def test_the_access_table_covers_every_console_route_and_nothing_else(console_url):
    app = create_app(console_url)
    try:
        routes = _app_routes(app)
        assert routes, "no console routes found"
        assert routes == set(app.state.console_access), "every /console route is in the table"
        # Every console route goes through the guard.
        for route in console_routes(app):
            assert isinstance(route, APIRoute), route
            calls = {dependency.call for dependency in route.dependant.dependencies}
            assert guard in calls, route.path
    finally:
        app.state.county.engine.dispose()


def test_the_access_table_is_the_intended_one():
    table = access_table(CAPABILITIES)
    assert set(table) == set(EXPECTED)
    for key, roles in table.items():
        allowed = {str(role) for role in roles} or EVERYONE
        assert allowed == EXPECTED[key], key


def _ask(site, who: str, method: str, path: str):
    browser = site.browser() if who == "anonymous" else site.signed_in(who)
    url = _concrete(path)
    if method == "GET":
        return browser.get(url)
    data = _form(path)
    if path == "/console/sign-in":
        data["csrf"] = browser.csrf("/console/sign-in") if who == "anonymous" else "n/a"
        if who != "anonymous":  # a signed-in browser is sent on by the GET; post its own
            data["csrf"] = _sign_in_token(site, browser)
    elif who != "anonymous":
        data["csrf"] = browser.csrf()
    return browser.post(url, data)


def _sign_in_token(site, browser: Browser) -> str:
    # The sign-in form's token comes with its cookie from a GET without a session.
    fresh = site.browser()
    token = fresh.csrf("/console/sign-in")
    browser.http.cookies.set("rh_console_signin", token, domain="127.0.0.1", path="/console")
    return token


def test_every_route_with_every_role(console_site):
    with console_site.writer() as session:
        from county.console.accounts import create_account

        create_account(
            session, console_site.clock.now(), "cli", username="target",
            display_name="Target", role="viewer", password=PASSWORD,
        )  # fmt: skip
        session.commit()
    problems = []
    for (method, path), allowed in sorted(EXPECTED.items()):
        for who in sorted(EVERYONE):
            response = _ask(console_site, who, method, path)
            refusal = response.headers.get(REFUSAL_HEADER)
            if who in allowed:
                if refusal is not None or response.status_code >= 500:
                    problems.append((method, path, who, "refused", response.status_code, refusal))
            elif who == "anonymous":
                if refusal != "sign-in":
                    problems.append((method, path, who, "let in", response.status_code, refusal))
                if method == "GET" and not response.headers["location"].startswith(
                    "/console/sign-in?next="
                ):
                    problems.append((method, path, who, "no redirect", response.status_code))
            elif refusal != "role" or response.status_code != 403:
                problems.append((method, path, who, "let in", response.status_code, refusal))
    assert problems == []


@pytest.fixture
def app_with_an_unlisted_route(console_url, console_clock):
    app = create_app(console_url, clock=console_clock)

    @app.get("/console/forgotten", dependencies=[Depends(guard)])
    def forgotten() -> dict[str, str]:
        return {"secret": "yes"}

    with serve_in_thread(app) as server:
        yield server
    app.state.county.engine.dispose()


def test_a_route_missing_from_the_table_is_refused_to_everyone(app_with_an_unlisted_route):
    from county.console.accounts import create_account
    from county.db import make_engine, make_writer_factory

    server = app_with_an_unlisted_route
    assert ("GET", "/console/forgotten") in _app_routes(server._server.config.app)
    browser = Browser(server.url)
    assert browser.get("/console/forgotten").status_code == 403
    engine = make_engine(server._server.config.app.state.county.engine.url)
    with make_writer_factory(engine)() as session:
        create_account(
            session,
            server._server.config.app.state.county.clock.now(),
            "cli",
            username="ada",
            display_name="Ada",
            role="admin",
            password=PASSWORD,
        )
        session.commit()
    engine.dispose()
    browser.sign_in(ROLE_USERS["admin"])
    response = browser.get("/console/forgotten")
    assert response.status_code == 403 and response.headers[REFUSAL_HEADER] == "role"


@pytest.mark.parametrize("path", ["/{anything}", "sign-in", "/../audit", "/Closeout", "//x"])
def test_a_capability_cannot_take_a_path_that_could_stand_for_the_consoles_own(path):
    from county.capability import ConsolePage, ConsoleView, CountyCapability

    page = ConsolePage(path, frozenset({"viewer"}), lambda *_args: ConsoleView("x.html"))
    with pytest.raises(ValueError, match="no console path"):
        access_table([CountyCapability("toy", console_pages=(page,))])
