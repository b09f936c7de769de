"""The staff console's pages under /console: server-rendered (Jinja2, autoescaped), no JavaScript.

Every route's role is declared once, in ROUTE_ACCESS; one dependency on the router (`guard`)
enforces it for every request, with the session cookie and, on every POST, the CSRF token tied
to the session. A route missing from ROUTE_ACCESS is refused (and a test walks them all).
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
)
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute

from county.capability import (
    ConsoleForm,
    ConsolePage,
    ConsoleProblem,
    ConsoleView,
    County,
    CountyCapability,
)
from county.console import audit
from county.console.accounts import (
    ROLES,
    AccountProblem,
    Role,
    SignInRefused,
    account_by_username,
    all_accounts,
    create_account,
    set_password,
    sign_in,
    staff_of,
    update_account,
)
from county.console.i18n import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, translator
from county.console.passwords import MAX_PASSWORD_LENGTH, verify_password
from county.console.sessions import (
    ABSOLUTE_TIMEOUT,
    SignedIn,
    end_session,
    end_sessions_of,
    find_session,
    needs_touch,
    purge_expired,
    start_session,
    touch,
)
from county.console.station_admin import (
    StationProblem,
    StationRevoked,
    UnknownStation,
    check_station_fields,
    issue_code,
    overview,
    restore_station,
    revoke_station,
)
from county.stations import station_by_code
from redhome_wire.station_time import STATION_TZ

_Handler = TypeVar("_Handler", bound=Callable[..., Any])

PREFIX = "/console"
SESSION_COOKIE = "rh_console"
SIGN_IN_COOKIE = "rh_console_signin"  # the CSRF token of the sign-in form (no session yet)
LANGUAGE_COOKIE = "rh_console_lang"
CSRF_FIELD = "csrf"
REFUSAL_HEADER = "X-Console-Refusal"  # why a request was refused: sign-in, role or csrf
AUDIT_PAGE_ROWS = 200

PUBLIC: frozenset[Role] = frozenset()  # anyone, signed in or not
ANY_STAFF: frozenset[Role] = frozenset(ROLES)
ADMIN: frozenset[Role] = frozenset({Role.ADMIN})

# THE table of who may use each route: (method, path) -> roles; PUBLIC for anyone.
ROUTE_ACCESS: Mapping[tuple[str, str], frozenset[Role]] = {
    ("GET", f"{PREFIX}/static/console.css"): PUBLIC,
    ("GET", f"{PREFIX}/sign-in"): PUBLIC,
    ("POST", f"{PREFIX}/sign-in"): PUBLIC,
    ("POST", f"{PREFIX}/sign-out"): ANY_STAFF,
    ("GET", PREFIX): ANY_STAFF,
    ("GET", f"{PREFIX}/password"): ANY_STAFF,
    ("POST", f"{PREFIX}/password"): ANY_STAFF,
    ("GET", f"{PREFIX}/stations"): ANY_STAFF,
    ("POST", f"{PREFIX}/stations/code"): ADMIN,
    ("POST", f"{PREFIX}/stations/{{station_code}}/revoke"): ADMIN,
    ("POST", f"{PREFIX}/stations/{{station_code}}/restore"): ADMIN,
    ("GET", f"{PREFIX}/accounts"): ADMIN,
    ("POST", f"{PREFIX}/accounts"): ADMIN,
    ("POST", f"{PREFIX}/accounts/{{username}}"): ADMIN,
    ("GET", f"{PREFIX}/audit"): ADMIN,
    ("GET", f"{PREFIX}/audit.csv"): ADMIN,
}


# A capability's console path: a fixed first segment (so it can never stand for the console's
# own pages), then fixed segments or {parameters}.
CAPABILITY_PATH = re.compile(r"/[a-z0-9][a-z0-9._-]*(/([a-z0-9._-]+|\{[a-z_]+\}))*")


def access_table(
    capabilities: Sequence[CountyCapability],
) -> dict[tuple[str, str], frozenset[Role]]:
    """ROUTE_ACCESS and each capability's console pages: the whole table `guard` enforces."""
    table = dict(ROUTE_ACCESS)
    for capability in capabilities:
        routes = [("GET", page.path, page.roles) for page in capability.console_pages]
        routes += [("POST", form.path, form.roles) for form in capability.console_forms]
        for method, path, roles in routes:
            if not CAPABILITY_PATH.fullmatch(path):
                raise ValueError(f"{capability.name}: {path!r} is no console path of its own")
            key = (method, PREFIX + path)
            if key in table:
                raise ValueError(f"{capability.name}: {key} is a console route already")
            table[key] = frozenset(Role(role) for role in roles)
    return table


_HERE = Path(__file__).resolve().parent
_CSS = (_HERE / "static" / "console.css").read_bytes()
_TEMPLATES = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class ConsoleRefusal(Exception):
    """A request the console refuses: `reason` is "sign-in", "role" or "csrf"."""

    def __init__(self, reason: str, language: str, next_path: str = PREFIX) -> None:
        super().__init__(reason)
        self.reason = reason
        self.language = language
        self.next_path = next_path


@dataclass(frozen=True, slots=True)
class Visitor:
    """Who is asking, in which language: `signed` is None for someone not signed in."""

    signed: SignedIn | None
    language: str
    token: str | None

    @property
    def actor(self) -> str:
        assert self.signed is not None
        return self.signed.staff.username


def safe_next(value: str | None) -> str:
    """Where to go after sign-in: a path of the console, never another site."""
    if not value or len(value) > 500:
        return PREFIX
    if not value.startswith("/") or "\\" in value:
        return PREFIX
    if any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return PREFIX
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("//"):
        return PREFIX
    path = parts.path
    if path != PREFIX and not path.startswith(PREFIX + "/"):
        return PREFIX
    if ".." in path.split("/"):
        return PREFIX
    return value


def _language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    kept = request.cookies.get(LANGUAGE_COOKIE)
    return kept if kept in LANGUAGES else DEFAULT_LANGUAGE


def _is_loopback_http(request: Request) -> bool:
    """Plain http on this machine's loopback, where a cookie may go without Secure. A county
    whose public URL is https never counts as that: behind a reverse proxy on the same machine
    the request arrives as loopback http, but the browser is far away."""
    if request.url.scheme == "https":
        return False
    public_url = request.app.state.county.public_url
    if public_url and urlsplit(public_url).scheme == "https":
        return False
    host = request.url.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=not _is_loopback_http(request),
    )


def _clear_cookie(request: Request, response: Response, name: str) -> None:
    response.delete_cookie(
        name,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=not _is_loopback_http(request),
    )


async def _posted_csrf(request: Request) -> str | None:
    if request.method != "POST":
        return None
    form = await request.form()
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else None


def _same(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _route_key(request: Request) -> tuple[str, str] | None:
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return (request.method, path) if isinstance(path, str) else None


def guard(request: Request, posted: Annotated[str | None, Depends(_posted_csrf)]) -> Visitor:
    """Enforce ROUTE_ACCESS for the request's route: who is asking, or a ConsoleRefusal."""
    county: County = request.app.state.county
    language = _language(request)
    key = _route_key(request)
    access: Mapping[tuple[str, str], frozenset[Role]] = request.app.state.console_access
    roles = access.get(key) if key is not None else None
    if roles is None:  # not in the table: refused, whoever asks
        raise ConsoleRefusal("role", language)
    token = request.cookies.get(SESSION_COOKIE)
    now = county.clock.now()
    with county.reader() as session:
        signed = find_session(session, token, now)
        stale = signed is not None and needs_touch(session, signed.session_id, now)
    if signed is not None and stale:
        with county.writer() as session:
            touch(session, signed.session_id, now)
            session.commit()
    visitor = Visitor(signed, language, token)
    if roles is PUBLIC:
        if request.method == "POST" and not _same(posted, request.cookies.get(SIGN_IN_COOKIE)):
            raise ConsoleRefusal("csrf", language)
        return visitor
    if signed is None:
        next_path = request.url.path
        if request.url.query:
            next_path += "?" + request.url.query
        raise ConsoleRefusal("sign-in", language, next_path)
    if signed.staff.role not in roles:
        raise ConsoleRefusal("role", language)
    if request.method == "POST" and not _same(posted, signed.csrf_token):
        raise ConsoleRefusal("csrf", language)
    return visitor


Guarded = Annotated[Visitor, Depends(guard)]


def _fmt_time(value: Any) -> str:
    if value is None:
        return ""
    return str(value.astimezone(STATION_TZ).strftime("%Y-%m-%d %H:%M"))


_TEMPLATES.filters["local_time"] = _fmt_time


def render(
    request: Request,
    visitor: Visitor,
    template: str,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    console: _ConsoleState = request.app.state.console
    t = translator(visitor.language, console.words)
    role = visitor.signed.staff.role if visitor.signed else None
    menu = [
        (PREFIX + path, t(words_key))
        for path, words_key, roles in console.menu
        if role is not None and role in roles
    ]
    switch_to = "en" if visitor.language == "zh" else "zh"
    here = request.url.path if request.method == "GET" else PREFIX
    html = console.templates.get_template(template).render(
        t=t,
        menu=menu,
        lang=visitor.language,
        html_lang=HTML_LANG[visitor.language],
        switch_href=f"{here}?{urlencode({'lang': switch_to})}",
        staff=visitor.signed.staff if visitor.signed else None,
        csrf=visitor.signed.csrf_token if visitor.signed else "",
        prefix=PREFIX,
        is_admin=visitor.signed is not None and visitor.signed.staff.role == Role.ADMIN,
        **context,
    )
    response = HTMLResponse(html, status_code=status, headers=_SECURITY_HEADERS)
    if request.query_params.get("lang") in LANGUAGES:
        _set_cookie(request, response, LANGUAGE_COOKIE, visitor.language, 365 * 24 * 3600)
    return response


def is_console_path(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def invalid_form_page(request: Request) -> HTMLResponse:
    """A form the console cannot read (a field over its length, say): a page, not JSON."""
    visitor = Visitor(None, _language(request), None)
    return render(
        request, visitor, "refused.html", 422, heading="invalid_title", message="invalid_form"
    )


def console_routes(app: FastAPI) -> list[BaseRoute]:
    """The app's routes under /console (what the role table must cover)."""
    return [route for route in app.routes if is_console_path(str(getattr(route, "path", "")))]


@dataclass(frozen=True, slots=True)
class _ConsoleState:
    """What one app's console renders with: the platform's and its capabilities' templates and
    words, and the capabilities' menu entries (path, words key, roles)."""

    templates: Environment
    words: Mapping[str, Mapping[str, str]]
    menu: tuple[tuple[str, str, frozenset[Role]], ...]


def _console_state(capabilities: Sequence[CountyCapability]) -> _ConsoleState:
    loaders: list[BaseLoader] = [FileSystemLoader(_HERE / "templates")]
    words = {language: dict(table) for language, table in LANGUAGES.items()}
    menu: list[tuple[str, str, frozenset[Role]]] = []
    for capability in capabilities:
        if capability.console_templates is not None:
            # "<capability>/<file>": a capability's templates never shadow the console's.
            own = FileSystemLoader(capability.console_templates)
            loaders.append(PrefixLoader({capability.name: own}))
        for language, table in capability.console_words.items():
            for key, text in table.items():
                if not key.startswith(f"{capability.name}_") or key in words[language]:
                    raise ValueError(f"{capability.name}: console word {key!r} is not its own")
                words[language][key] = text
        for page in capability.console_pages:
            if page.menu is not None:
                menu.append((page.path, page.menu, frozenset(Role(r) for r in page.roles)))
    missing = set(words["zh"]) ^ set(words["en"])
    if missing:
        raise ValueError(f"console words in one language only: {sorted(missing)}")
    templates = _TEMPLATES.overlay(loader=ChoiceLoader(loaders))
    return _ConsoleState(templates, words, tuple(menu))


def install_console(
    app: FastAPI, county: County, capabilities: Sequence[CountyCapability] = ()
) -> None:
    app.state.console_access = access_table(capabilities)
    app.state.console = _console_state(capabilities)
    router = _GuardedRoutes(app)

    @app.exception_handler(ConsoleRefusal)
    def _refused(request: Request, refusal: ConsoleRefusal) -> Response:
        if refusal.reason == "sign-in" and request.method == "GET":
            query = urlencode({"next": safe_next(refusal.next_path)})
            response: Response = RedirectResponse(f"{PREFIX}/sign-in?{query}", status_code=303)
        else:
            visitor = Visitor(None, refusal.language, None)
            message = "refused_csrf" if refusal.reason == "csrf" else "refused_role"
            response = render(request, visitor, "refused.html", 403, message=message)
        response.headers[REFUSAL_HEADER] = refusal.reason
        return response

    @router.get("/static/console.css")
    def stylesheet() -> Response:
        return Response(_CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    # --- signing in and out ---------------------------------------------------------------

    def sign_in_page(
        request: Request, visitor: Visitor, next_path: str, status: int = 200, **notice: Any
    ) -> HTMLResponse:
        form_token = secrets.token_urlsafe(32)
        response = render(
            request, visitor, "sign_in.html", status,
            form_token=form_token, next_path=safe_next(next_path), **notice,
        )  # fmt: skip
        _set_cookie(request, response, SIGN_IN_COOKIE, form_token, 3600)
        return response

    @router.get("/sign-in")
    def sign_in_form(request: Request, visitor: Guarded, next: str | None = None) -> Response:
        if visitor.signed is not None:
            return RedirectResponse(safe_next(next), status_code=303)
        notice = request.query_params.get("m")
        return sign_in_page(
            request, visitor, next or PREFIX,
            notice="signed_out" if notice == "signed_out" else None,
        )  # fmt: skip

    @router.post("/sign-in")
    def sign_in_post(
        request: Request,
        visitor: Guarded,
        username: Annotated[str, Form(max_length=100)] = "",
        password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)] = "",
        next: Annotated[str, Form(max_length=500)] = PREFIX,
    ) -> Response:
        address = request.client.host if request.client else "unknown"
        now = county.clock.now()
        try:
            staff = sign_in(county.writer, username, password, address, now)
        except SignInRefused as refused:
            error = "sign_in_locked" if refused.locked else "sign_in_refused"
            return sign_in_page(
                request, visitor, next, 429 if refused.locked else 401,
                error=error, username=username[:40],
            )  # fmt: skip
        with county.writer() as session:
            # A new session every sign-in; whatever the browser brought is ended.
            end_session(session, visitor.token)
            purge_expired(session, now)
            token, _signed = start_session(session, staff, now)
            session.commit()
        response = RedirectResponse(safe_next(next), status_code=303)
        _set_cookie(request, response, SESSION_COOKIE, token, int(ABSOLUTE_TIMEOUT.total_seconds()))
        _clear_cookie(request, response, SIGN_IN_COOKIE)
        return response

    @router.post("/sign-out")
    def sign_out(request: Request, visitor: Guarded) -> Response:
        with county.writer() as session:
            end_session(session, visitor.token)
            audit.record(session, county.clock.now(), visitor.actor, "sign_out",
                         f"account:{visitor.actor}")  # fmt: skip
            session.commit()
        response = RedirectResponse(f"{PREFIX}/sign-in?m=signed_out", status_code=303)
        _clear_cookie(request, response, SESSION_COOKIE)
        return response

    # --- the dashboard ----------------------------------------------------------------------

    @router.get("")
    def dashboard(request: Request, visitor: Guarded) -> Response:
        now = county.clock.now()
        with county.reader() as session:
            stations = overview(session, now)
        visits = [(s.code, s.visits) for s in stations]
        synced = [
            s for s in stations if s.last_sync_at and now - s.last_sync_at <= timedelta(days=1)
        ]
        return render(
            request,
            visitor,
            "dashboard.html",
            stations=stations,
            enrolled=sum(1 for s in stations if s.state == "enrolled"),
            synced=len(synced),
            visits_total=sum(count for _code, count in visits),
            chart=_bar_chart(visits),
        )

    # --- stations ---------------------------------------------------------------------------

    def stations_page(
        request: Request, visitor: Visitor, status: int = 200, **notice: Any
    ) -> HTMLResponse:
        with county.reader() as session:
            stations = overview(session, county.clock.now())
        return render(request, visitor, "stations.html", status, stations=stations, **notice)

    @router.get("/stations")
    def stations(request: Request, visitor: Guarded) -> Response:
        return stations_page(request, visitor)

    @router.post("/stations/code")
    def station_code(
        request: Request,
        visitor: Guarded,
        station: Annotated[str, Form(max_length=64)] = "",
        name: Annotated[str, Form(max_length=200)] = "",
    ) -> Response:
        station = station.strip()
        clean_name = name.strip() or None
        try:
            check_station_fields(station, clean_name)
        except StationProblem as problem:
            return stations_page(request, visitor, 422, error=problem.reason, station=station)
        with county.writer() as session:
            try:
                code = issue_code(session, county.clock.now(), visitor.actor, station, clean_name)
            except StationRevoked:
                return stations_page(
                    request, visitor, 409, error="station_revoked_first", station=station
                )
            session.commit()
        return stations_page(request, visitor, issued_code=code, station=station)

    def _station_action(
        request: Request, visitor: Visitor, station_code: str, restoring: bool
    ) -> Response:
        with county.writer() as session:
            try:
                if restoring:
                    done = restore_station(session, county.clock.now(), visitor.actor, station_code)
                    notice = "restored_done" if done else "not_revoked"
                else:
                    revoke_station(session, county.clock.now(), visitor.actor, station_code)
                    notice = "revoked_done"
            except UnknownStation:
                return stations_page(
                    request, visitor, 404, error="no_station", station=station_code[:32]
                )
            session.commit()
        return stations_page(request, visitor, notice=notice, station=station_code)

    @router.post("/stations/{station_code}/revoke")
    def station_revoke(
        request: Request,
        visitor: Guarded,
        station_code: str,
        confirm: Annotated[str, Form(max_length=8)] = "",
    ) -> Response:
        # A kiosk stops syncing until it is restored and enrolled again: asked twice.
        if confirm != "yes":
            with county.reader() as session:
                known = station_by_code(session, station_code)
            if known is None:
                return stations_page(
                    request, visitor, 404, error="no_station", station=station_code[:32]
                )
            return render(request, visitor, "confirm_revoke.html", station=known)
        return _station_action(request, visitor, station_code, restoring=False)

    @router.post("/stations/{station_code}/restore")
    def station_restore(request: Request, visitor: Guarded, station_code: str) -> Response:
        return _station_action(request, visitor, station_code, restoring=True)

    # --- accounts ---------------------------------------------------------------------------

    def accounts_page(
        request: Request, visitor: Visitor, status: int = 200, **notice: Any
    ) -> HTMLResponse:
        with county.reader() as session:
            accounts = all_accounts(session)
        return render(
            request, visitor, "accounts.html", status, accounts=accounts, roles=ROLES, **notice
        )

    @router.get("/accounts")
    def accounts(request: Request, visitor: Guarded) -> Response:
        return accounts_page(request, visitor)

    @router.post("/accounts")
    def account_add(
        request: Request,
        visitor: Guarded,
        username: Annotated[str, Form(max_length=100)] = "",
        display_name: Annotated[str, Form(max_length=200)] = "",
        role: Annotated[str, Form(max_length=20)] = "",
        department: Annotated[str, Form(max_length=200)] = "",
        password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH + 1)] = "",
    ) -> Response:
        with county.writer() as session:
            try:
                account = create_account(
                    session, county.clock.now(), visitor.actor,
                    username=username, display_name=display_name, role=role,
                    password=password, department=department or None,
                )  # fmt: skip
            except AccountProblem as problem:
                session.rollback()
                return accounts_page(request, visitor, 422, error=problem.reason)
            session.commit()
            name = account.username
        return accounts_page(request, visitor, notice="account_created", username=name)

    @router.post("/accounts/{username}")
    def account_change(
        request: Request,
        visitor: Guarded,
        username: str,
        op: Annotated[str, Form(max_length=10)] = "save",
        role: Annotated[str, Form(max_length=20)] = "",
        department: Annotated[str, Form(max_length=200)] = "",
    ) -> Response:
        with county.writer() as session:
            try:
                if op == "disable":
                    account = update_account(
                        session, county.clock.now(), visitor.actor, username, disabled=True
                    )
                    end_sessions_of(session, account.id)
                elif op == "enable":
                    account = update_account(
                        session, county.clock.now(), visitor.actor, username, disabled=False
                    )
                else:
                    account = update_account(
                        session, county.clock.now(), visitor.actor, username,
                        role=role, department=department or None,
                    )  # fmt: skip
            except AccountProblem as problem:
                session.rollback()
                return accounts_page(request, visitor, 422, error=problem.reason)
            session.commit()
            name = account.username
        if name == visitor.actor and op == "disable":
            return RedirectResponse(f"{PREFIX}/sign-in", status_code=303)
        return accounts_page(request, visitor, notice="account_updated", username=name)

    # --- one's own password -----------------------------------------------------------------

    @router.get("/password")
    def password_form(request: Request, visitor: Guarded) -> Response:
        return render(request, visitor, "password.html")

    @router.post("/password")
    def password_change(
        request: Request,
        visitor: Guarded,
        current: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)] = "",
        new: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH + 1)] = "",
        again: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH + 1)] = "",
    ) -> Response:
        if new != again:
            return render(request, visitor, "password.html", 422, error="passwords_differ")
        now = county.clock.now()
        with county.writer() as session:
            account = account_by_username(session, visitor.actor)
            if account is None or not verify_password(current, account.password_hash):
                return render(request, visitor, "password.html", 422, error="wrong_password")
            try:
                set_password(session, now, visitor.actor, visitor.actor, new)
            except AccountProblem as problem:
                return render(request, visitor, "password.html", 422, error=problem.reason)
            # Whoever else held a session of this account (a stolen one, say) is signed out;
            # this browser goes on with a new one.
            end_sessions_of(session, account.id)
            token, signed = start_session(session, staff_of(account), now)
            session.commit()
        renewed = Visitor(signed, visitor.language, token)
        response = render(request, renewed, "password.html", notice="password_changed")
        _set_cookie(request, response, SESSION_COOKIE, token, int(ABSOLUTE_TIMEOUT.total_seconds()))
        return response

    # --- the audit trail --------------------------------------------------------------------

    @router.get("/audit")
    def audit_page(request: Request, visitor: Guarded) -> Response:
        with county.reader() as session:
            entries = audit.recent(session, AUDIT_PAGE_ROWS)
        return render(request, visitor, "audit.html", entries=entries)

    @router.get("/audit.csv")
    def audit_csv(visitor: Guarded) -> Response:
        now = county.clock.now()
        with county.writer() as session:
            text = audit.export_csv(session, now, visitor.actor)
            session.commit()
        name = f"redhome-audit-{now.astimezone(STATION_TZ):%Y%m%d-%H%M}.csv"
        return Response(
            "\ufeff" + text,  # a byte-order mark: spreadsheets then read the Chinese right
            media_type="text/csv; charset=utf-8",
            headers={**_SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
        )

    # After the console's own routes, which therefore always match first.
    for capability in capabilities:
        for page in capability.console_pages:
            _add_capability_page(app, county, capability.name, page)
        for form in capability.console_forms:
            _add_capability_form(app, county, form)


def _add_capability_page(app: FastAPI, county: County, name: str, page: ConsolePage) -> None:
    def show(request: Request, visitor: Guarded) -> Response:
        now = county.clock.now()
        with county.reader() as session:
            answer = page.show(session, now, {**request.query_params, **request.path_params})
        if isinstance(answer, ConsoleView):
            return render(request, visitor, f"{name}/{answer.template}", **answer.context)
        with county.writer() as session:
            audit.record(session, now, visitor.actor, "export", f"{name}:{answer.filename}")
            session.commit()
        return Response(
            answer.body,
            media_type=answer.media_type,
            headers={
                **_SECURITY_HEADERS,
                "Content-Disposition": f'attachment; filename="{answer.filename}"',
            },
        )

    app.add_api_route(
        PREFIX + page.path,
        show,
        methods=["GET"],
        dependencies=[Depends(guard)],
        include_in_schema=False,
    )


def _add_capability_form(app: FastAPI, county: County, form: ConsoleForm) -> None:
    def save(visitor: Visitor, path: Mapping[str, str], fields: Mapping[str, str]) -> str:
        now = county.clock.now()
        with county.writer() as session:
            try:
                change = form.save(session, now, path, fields)
            except ConsoleProblem as problem:
                return urlencode({"problem": problem.words_key})
            audit.record(
                session, now, visitor.actor, change.action, change.target,
                before=change.before, after=change.after,
            )  # fmt: skip
            session.commit()
        return "saved=1"

    async def post(request: Request, visitor: Guarded) -> Response:
        posted = await request.form()
        fields = {
            name: value
            for name, value in posted.items()
            if isinstance(value, str) and name != CSRF_FIELD
        }
        path = {name: str(value) for name, value in request.path_params.items()}
        outcome = await run_in_threadpool(save, visitor, path, fields)
        return RedirectResponse(f"{request.url.path}?{outcome}", status_code=303)

    app.add_api_route(
        PREFIX + form.path,
        post,
        methods=["POST"],
        dependencies=[Depends(guard)],
        include_in_schema=False,
    )


class _GuardedRoutes:
    """Adds routes under /console straight to the app, each with the guard as a dependency.

    Straight to the app (not through an included APIRouter) so that app.routes lists each one
    with its full path, for the role matrix test to walk.
    """

    def __init__(self, app: FastAPI) -> None:
        self._app = app

    def get(self, path: str) -> Callable[[_Handler], _Handler]:
        return self._app.get(PREFIX + path, dependencies=[Depends(guard)], include_in_schema=False)

    def post(self, path: str) -> Callable[[_Handler], _Handler]:
        return self._app.post(PREFIX + path, dependencies=[Depends(guard)], include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    y: int
    width: float


def _bar_chart(values: list[tuple[str, int]]) -> dict[str, Any]:
    """A horizontal bar chart's geometry, drawn as SVG by the template (no script, no CDN)."""
    row = 28
    top = max((value for _label, value in values), default=0) or 1
    bars = [
        Bar(label, value, index * row, round(300 * value / top, 1))
        for index, (label, value) in enumerate(values)
    ]
    return {"bars": bars, "height": max(row * len(bars), row), "row": row}
