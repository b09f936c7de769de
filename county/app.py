"""The county server's composition root: engine, clock and the FastAPI app with its routes.

The platform's routes are here: enrolment, push, the feed, short links and health. Each
capability in county/capabilities.py then adds its own (phone pages and the like), and the staff
console (county/console/web.py) its pages under /console.

Every sync endpoint takes the station token (Authorization: Bearer) and the station code in the
path; a token may only read and write its own station's data.
"""

import gc
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from county import __version__
from county.capabilities import CAPABILITIES
from county.capability import County
from county.console.web import install_console, invalid_form_page, is_console_path
from county.db import make_engine, make_session_factory, make_writer_factory, migrate
from county.enrolment import enrol as enrol_station
from county.feed import feed_page
from county.limits import BodyCapMiddleware
from county.pages import LINK_PREFIX, not_found_page, render_link
from county.push import apply_ops, encode_push_response
from county.stations import CountyProblem, authenticate, require_same_station
from redhome_wire.protocol import (
    API_PREFIX,
    INT64_MAX,
    MAX_FEED_PAGE,
    MIN_WIRE_VERSION,
    WIRE_VERSION,
    WIRE_VERSION_HEADER,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    ErrorCode,
    ErrorDetail,
    FeedPage,
    PushRequest,
    PushResponse,
)
from redhome_wire.station_time import Clock, SystemClock

log = logging.getLogger(__name__)

# Kiosks of wire version 1 sent no version header.
UNLABELLED_WIRE_VERSION = 1

# A push that loses a race (a retried request overtaking its own first copy) is run again; the
# second run sees the op ids the first applied and acknowledges them as duplicates.
PUSH_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class Caller:
    """The station a request's token belongs to."""

    station_id: int
    code: str


_bearer = HTTPBearer(auto_error=False, description="The station token from enrolment")

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "token missing, unknown or revoked"},
    403: {"model": ErrorBody, "description": "another station's data"},
    413: {"model": ErrorBody, "description": "the request's body is over the route's cap"},
    422: {"model": ErrorBody, "description": "the request is malformed"},
    426: {"model": ErrorBody, "description": "the kiosk's wire version is no longer served"},
}


def wire_version(
    header: Annotated[
        str | None,
        Header(
            alias=WIRE_VERSION_HEADER,
            description=f"the kiosk's wire version; none means {UNLABELLED_WIRE_VERSION}",
        ),
    ] = None,
) -> int:
    """The wire version a kiosk speaks; every version from MIN_WIRE_VERSION on is served.

    Stations upgrade one at a time, so a county serves a mixed fleet: a kiosk a version behind
    keeps syncing, and one too old (or naming no version we can read) is told to update rather
    than being answered in a format it may misread.
    """
    if header is None:
        version: int | None = UNLABELLED_WIRE_VERSION
    else:
        try:
            version = int(header)
        except ValueError:
            version = None
    if version is None or version < MIN_WIRE_VERSION:
        spoken = header[:16] if header is not None else str(UNLABELLED_WIRE_VERSION)
        raise CountyProblem(
            426,
            ErrorCode.WIRE_VERSION_UNSUPPORTED,
            f"This kiosk speaks wire version {spoken!r}; the county serves versions "
            f"{MIN_WIRE_VERSION} to {WIRE_VERSION}. Update the kiosk.",
        )
    return version


class _CollectorPause:
    """Python's cyclic garbage collector held off while any push is being applied.

    A push of thousands of operations makes tens of thousands of short-lived objects (models,
    rows, answers); the collector counts them and, every couple of batches, walks the whole
    heap (some 100,000 objects of FastAPI, SQLAlchemy and pydantic), which took a fifth of a
    push's time. These objects hold no reference cycles: reference counting frees them when
    the request ends, so pausing the collector keeps nothing alive. It runs again as soon as no
    push is in flight (concurrent pushes share one pause; a collector already off stays off).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._resume:
                gc.enable()


_COLLECTOR_PAUSE = _CollectorPause()


async def _json_body(request: Request) -> bytes:
    """The raw body of a JSON request; parsed and validated by the endpoint, off the event loop.

    FastAPI would parse a declared body model on the event loop (json.loads, then validation of
    the Python objects): for a push of thousands of operations that is most of the request's
    time, and every other station waits meanwhile. pydantic validates the JSON text directly,
    in one pass, in the endpoint's worker thread instead.
    """
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not (
        media_type.startswith("application/") and media_type.endswith("+json")
    ):
        raise RequestValidationError(
            [{"type": "content_type", "loc": ("body",), "msg": "a JSON body is required"}]
        )
    return await request.body()


def _parse_push(raw: bytes) -> PushRequest:
    if not raw:
        raise RequestValidationError(
            [{"type": "missing", "loc": ("body",), "msg": "Field required"}]
        )
    try:
        return PushRequest.model_validate_json(raw)
    except ValidationError as error:
        problems = error.errors(include_url=False, include_input=False)
        raise RequestValidationError(
            [{**problem, "loc": ("body", *problem["loc"])} for problem in problems]
        ) from None


_PUSH_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}},
    }
}


class _CountyApp(FastAPI):
    """The app, with PushRequest in its OpenAPI components: the push route reads its body itself."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            document = super().openapi()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schema = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in schema.pop("$defs", {}).items():
                schemas.setdefault(name, definition)
            schemas.setdefault("PushRequest", schema)
        return self.openapi_schema or {}


_HTTP_CODES = {404: ErrorCode.NOT_FOUND, 413: ErrorCode.BODY_TOO_LARGE}
_MESSAGE_MAX = 500


def _short(message: str) -> str:
    """A reason as a client sees it: short, whatever the input it quotes."""
    return message if len(message) <= _MESSAGE_MAX else message[: _MESSAGE_MAX - 1] + "…"


def _error(status: int, code: ErrorCode, message: str) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(status_code=status, content=body.model_dump(mode="json"))


def create_app(
    database_url: str,
    *,
    clock: Clock | None = None,
    public_url: str | None = None,
    migrate_db: bool = True,
) -> FastAPI:
    engine = make_engine(database_url)
    if migrate_db:
        migrate(engine)
    county = County(
        engine,
        make_session_factory(engine),
        make_writer_factory(engine),
        clock or SystemClock(),
        public_url,
    )

    app = _CountyApp(
        title="Red Home county server",
        version=__version__,
        description=f"Sync for the Red Home station kiosks (wire version {WIRE_VERSION}).",
    )
    app.state.county = county
    app.add_middleware(BodyCapMiddleware)

    def get_session() -> Iterator[Session]:
        with county.reader() as session:
            yield session

    def get_writer() -> Iterator[Session]:
        with county.writer() as session:
            yield session

    def current_station(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Caller:
        token = credentials.credentials if credentials is not None else None
        with county.reader() as session:
            station = authenticate(session, token)
            return Caller(station.id, station.code)

    @app.exception_handler(CountyProblem)
    def _problem(_request: Request, problem: CountyProblem) -> JSONResponse:
        return _error(problem.status, problem.code, problem.message)

    @app.exception_handler(StarletteHTTPException)
    def _http_problem(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        # An unknown route, a wrong method, a body over its cap (county.limits): the wire's
        # JSON error like every other refusal.
        code = _HTTP_CODES.get(error.status_code, ErrorCode.INVALID_REQUEST)
        response = _error(error.status_code, code, _short(str(error.detail)))
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, error: RequestValidationError) -> Response:
        if is_console_path(request.url.path):  # staff at a browser: a page
            return invalid_form_page(request)
        summary = "; ".join(
            f"{'.'.join(str(part) for part in problem.get('loc', ()))}: {problem.get('msg', '')}"
            for problem in list(error.errors())[:5]
        )
        return _error(422, ErrorCode.INVALID_REQUEST, _short(summary) or "invalid request")

    @app.exception_handler(Exception)
    def _unexpected(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=error)
        return _error(500, ErrorCode.SERVER_ERROR, "The county server failed; try again later.")

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, str | int]:
        return {
            "status": "ok",
            "wire_version": WIRE_VERSION,
            "min_wire_version": MIN_WIRE_VERSION,
        }

    @app.post(
        f"{API_PREFIX}/enrol",
        response_model=EnrolResponse,
        tags=["sync"],
        responses={
            400: {"model": ErrorBody, "description": "code wrong, used or expired"},
            426: _ERRORS[426],
        },
        dependencies=[Depends(wire_version)],
    )
    def enrol(
        body: EnrolRequest, session: Annotated[Session, Depends(get_writer)]
    ) -> EnrolResponse:
        response = enrol_station(session, body.code, county.clock.now())
        session.commit()
        log.info("station %s enrolled", response.station_code)
        return response

    @app.post(
        f"{API_PREFIX}/stations/{{station_code}}/ops",
        response_model=PushResponse,
        tags=["sync"],
        responses=_ERRORS,
        openapi_extra=_PUSH_REQUEST_BODY,
        dependencies=[Depends(wire_version)],
    )
    def push(
        station_code: str,
        caller: Annotated[Caller, Depends(current_station)],
        raw: Annotated[bytes, Depends(_json_body)],
    ) -> Response:
        require_same_station(caller.code, station_code)
        with _COLLECTOR_PAUSE:
            body = _parse_push(raw)
            for attempt in range(1, PUSH_ATTEMPTS + 1):
                with county.writer() as session:
                    try:
                        results = apply_ops(
                            session, caller.station_id, body.ops, county.clock.now()
                        )
                        session.commit()
                    except (IntegrityError, OperationalError) as error:
                        session.rollback()
                        if attempt == PUSH_ATTEMPTS:
                            raise
                        log.warning("push for %s raced (%s); running it again", station_code, error)
                        continue
                # Serialised here, once: the results are valid already (response_model says so).
                return Response(
                    encode_push_response(station_code, results),
                    media_type="application/json",
                )
        raise AssertionError("unreachable")

    @app.get(
        f"{API_PREFIX}/stations/{{station_code}}/feed",
        response_model=FeedPage,
        tags=["sync"],
        responses=_ERRORS,
        dependencies=[Depends(wire_version)],
    )
    def feed(
        station_code: str,
        request: Request,
        caller: Annotated[Caller, Depends(current_station)],
        session: Annotated[Session, Depends(get_session)],
        cursor: Annotated[int, Query(ge=0, le=INT64_MAX)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_FEED_PAGE)] = 200,
    ) -> FeedPage:
        require_same_station(caller.code, station_code)
        base = county.public_url or str(request.base_url).rstrip("/")
        return feed_page(session, caller.station_id, caller.code, cursor, limit, base)

    link_pages = {
        kind: render
        for capability in CAPABILITIES
        for kind, render in capability.link_pages.items()
    }

    @app.get(LINK_PREFIX + "{token}", response_class=HTMLResponse, tags=["pages"])
    def short_link(token: str, session: Annotated[Session, Depends(get_session)]) -> Response:
        html = render_link(session, token, county.clock.now(), link_pages)
        headers = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
        if html is None:
            return HTMLResponse(not_found_page(), status_code=404, headers=headers)
        return HTMLResponse(html, headers={**headers, "Cache-Control": "max-age=300"})

    for capability in CAPABILITIES:
        if capability.install is not None:
            capability.install(app, county)
    install_console(app, county, CAPABILITIES)
    return app
