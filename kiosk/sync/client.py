"""The HTTP client for the county server.

Every request has a timeout (connect, read, and a total deadline for the body, so a server that
trickles bytes cannot hold it either). TLS certificates are always verified for https; a CA
bundle may be given, verification cannot be turned off. Plain http is refused except to this
machine (tests, a county server on the same box), because the station token would travel in clear.
Every failure becomes one SyncError with a reason code.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3
import urllib3.connection
from pydantic import BaseModel, ValidationError
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from kiosk.sync.errors import SyncError, SyncReason
from redhome_wire.protocol import (
    API_PREFIX,
    WIRE_VERSION,
    WIRE_VERSION_HEADER,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    ErrorCode,
    FeedPage,
    Op,
    PushRequest,
    PushResponse,
)

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

USER_AGENT = "redhome-kiosk-sync/1"
_CHUNK = 64 * 1024
# The largest answer read: a feed page of 200 documents is far below; past it, BAD_RESPONSE.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024


class _Deadline:
    """A request's total deadline. At expiry, every socket it used is shut down, which ends any
    read blocked on it at once: per-read timeouts alone let a trickle of bytes go on for ever."""

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.expired = False
        self._timer = threading.Timer(seconds, self.expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.cancel()
        _current.deadline = None

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for a TLS socket: the fd is cut, a blocked read returns.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Current(threading.local):
    deadline: _Deadline | None = None


_current = _Current()


def _watch(sock: socket.socket | None) -> None:
    deadline = _current.deadline
    if deadline is not None:
        deadline.watch(sock)


class _HTTPConnection(urllib3.connection.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)  # a kept-alive connection: connect() is not called again
        super().request(*args, **kwargs)


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)
        super().request(*args, **kwargs)


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _DeadlineAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter with connections that a _Deadline can cut."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


_ERROR_REASONS: dict[str, SyncReason] = {
    ErrorCode.TOKEN_MISSING: SyncReason.TOKEN_UNKNOWN,
    ErrorCode.TOKEN_UNKNOWN: SyncReason.TOKEN_UNKNOWN,
    ErrorCode.TOKEN_REVOKED: SyncReason.TOKEN_REVOKED,
    ErrorCode.STATION_MISMATCH: SyncReason.STATION_MISMATCH,
    ErrorCode.ENROL_CODE_INVALID: SyncReason.ENROL_CODE_INVALID,
    ErrorCode.ENROL_CODE_EXPIRED: SyncReason.ENROL_CODE_EXPIRED,
    ErrorCode.WIRE_VERSION_UNSUPPORTED: SyncReason.KIOSK_TOO_OLD,
}


def _is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: the host as requests will connect to it, brackets gone."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _insecure(detail: str) -> SyncError:
    return SyncError(SyncReason.INSECURE_URL, detail)


def _host_requests_uses(url: str) -> str | None:
    """The host requests (urllib3) will actually connect to for this URL."""
    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_url(url, None)
        parsed = parse_url(prepared.url or "")
    except (requests.exceptions.RequestException, LocationParseError, ValueError):
        return None
    if parsed.auth:
        raise _insecure("the county URL must not carry a user name or password")
    return (parsed.host or "").strip("[]").lower() or None


def check_server_url(url: str) -> str:
    """The URL without a trailing slash, or SyncError(INSECURE_URL).

    Parsed once by urllib.parse and once as requests prepares it; both must name the same host,
    so a URL the two read differently (`http://evil.example\\@127.0.0.1`) is refused rather than
    sending the code and token to the host only one of them sees. No user name or password,
    query or fragment; plain http only to a loopback host.
    """
    if any(char.isspace() or not char.isprintable() or char == "\\" for char in url):
        raise _insecure("the county URL has spaces, control characters or backslashes")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise _insecure("the county URL cannot be read") from None
    if parts.scheme not in ("https", "http") or not hostname:
        raise _insecure("the county URL must be https://host[:port]")
    if "@" in parts.netloc or parts.username is not None:
        raise _insecure("the county URL must not carry a user name or password")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise _insecure("the county URL must not have a query or fragment")
    connects_to = _host_requests_uses(url)
    if connects_to != hostname.lower():
        raise _insecure("the county URL names its host ambiguously")
    if parts.scheme == "http" and not _is_loopback(connects_to):
        raise _insecure(
            "plain http is allowed only to this machine; use https for the county server"
        )
    return url.rstrip("/")


def _request_error(error: Exception) -> SyncError:
    """A requests (or socket) failure as the one SyncError the UI can say in words."""
    if isinstance(error, requests.exceptions.SSLError):
        return SyncError(SyncReason.TLS_ERROR, type(error).__name__)
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return SyncError(SyncReason.TIMEOUT, "connect timed out")
    if isinstance(error, requests.exceptions.ReadTimeout):
        return SyncError(SyncReason.TIMEOUT, "no answer in time")
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return SyncError(SyncReason.BAD_RESPONSE, "the answer was cut short")
    if isinstance(error, requests.exceptions.ConnectionError):
        text = str(error)
        if "timed out" in text:
            return SyncError(SyncReason.TIMEOUT, "no answer in time")
        if "Connection refused" in text or "NewConnectionError" in text:
            return SyncError(SyncReason.OFFLINE, "connection refused")
        if "NameResolutionError" in text or "Name or service not known" in text:
            return SyncError(SyncReason.OFFLINE, "server name not found")
    return SyncError(SyncReason.CONNECTION_LOST, type(error).__name__)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class CountyClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout_s: float = 20.0,
        ca_bundle: str | None = None,
        session: requests.Session | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self._token = token
        self._timeout_s = timeout_s
        self._connect_timeout_s = min(5.0, timeout_s)
        # Never False: True uses the system's trust store, a path adds a county CA bundle.
        self._verify: bool | str = ca_bundle if ca_bundle else True
        self._max_response_bytes = max_response_bytes
        self._session = session or requests.Session()
        for prefix in ("https://", "http://"):
            self._session.mount(prefix, _DeadlineAdapter())

    def close(self) -> None:
        self._session.close()

    # --- the endpoints -------------------------------------------------------------------

    def enrol(self, code: str) -> EnrolResponse:
        body = EnrolRequest(code=code).model_dump_json().encode("utf-8")
        return self._request("POST", f"{API_PREFIX}/enrol", EnrolResponse, body=body, auth=False)

    def push(self, station_code: str, ops: list[Op]) -> PushResponse:
        return self.push_encoded(station_code, PushRequest(ops=ops).model_dump_json().encode())

    def push_encoded(self, station_code: str, body: bytes) -> PushResponse:
        """Push a PushRequest already encoded (redhome_wire.protocol.encode_push)."""
        return self._request(
            "POST", f"{API_PREFIX}/stations/{station_code}/ops", PushResponse, body=body
        )

    def pull(self, station_code: str, cursor: int, limit: int = 200) -> FeedPage:
        return self._request(
            "GET",
            f"{API_PREFIX}/stations/{station_code}/feed",
            FeedPage,
            params={"cursor": cursor, "limit": limit},
        )

    # --- the one way a request is made -----------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        model: type[T],
        *,
        body: bytes | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
    ) -> T:
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            WIRE_VERSION_HEADER: str(WIRE_VERSION),
        }
        if body is not None:
            headers["Content-Type"] = "application/json"
        if auth:
            if not self._token:
                raise SyncError(SyncReason.NOT_ENROLLED, "no station token")
            headers["Authorization"] = f"Bearer {self._token}"
        deadline = _Deadline(self._timeout_s)
        try:
            with deadline:
                response = self._session.request(
                    method,
                    self.base_url + path,
                    data=body,
                    params=params,
                    headers=headers,
                    timeout=(self._connect_timeout_s, self._timeout_s),
                    verify=self._verify,
                    stream=True,
                    allow_redirects=False,
                )
                try:
                    content = self._read_body(response)
                finally:
                    response.close()
        except (SyncError, requests.exceptions.RequestException, OSError) as error:
            if deadline.expired:
                raise SyncError(SyncReason.TIMEOUT, "the answer took too long") from None
            if isinstance(error, SyncError):
                raise
            raise _request_error(error) from None
        if deadline.expired:
            # Cut mid-head, http.client may still make a (broken) answer out of what came.
            raise SyncError(SyncReason.TIMEOUT, "the answer took too long")
        return self._interpret(response, content, model)

    def _read_body(self, response: requests.Response) -> bytes:
        """The whole answer, up to the cap: a huge answer is refused, not held in memory."""
        cap = self._max_response_bytes
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            raise SyncError(SyncReason.BAD_RESPONSE, "the answer is too large")
        content = bytearray()
        for chunk in response.iter_content(_CHUNK):
            content += chunk
            if len(content) > cap:
                raise SyncError(SyncReason.BAD_RESPONSE, "the answer is too large")
        if declared is not None and declared.isdigit() and int(declared) != len(content):
            raise SyncError(SyncReason.BAD_RESPONSE, "the answer was cut short")
        return bytes(content)

    def _interpret(self, response: requests.Response, content: bytes, model: type[T]) -> T:
        status = response.status_code
        if 200 <= status < 300:
            try:
                return model.model_validate_json(content)
            except ValidationError:
                raise SyncError(
                    SyncReason.BAD_RESPONSE, "unreadable answer", status=status
                ) from None
        if status == 429:
            raise SyncError(
                SyncReason.BUSY, "server busy", status=status, retry_after=_retry_after(response)
            )
        if status >= 500:
            raise SyncError(
                SyncReason.SERVER_ERROR,
                f"HTTP {status}",
                status=status,
                retry_after=_retry_after(response),
            )
        code: str | None = None
        message = f"HTTP {status}"
        try:
            error = ErrorBody.model_validate_json(content).error
            code, message = error.code, error.message
        except ValidationError:
            pass
        reason = _ERROR_REASONS.get(code) if code is not None else None
        if reason is None:
            if status == 408:
                raise SyncError(SyncReason.TIMEOUT, message, status=status)
            reason = SyncReason.REQUEST_REJECTED
        raise SyncError(reason, message, status=status)
