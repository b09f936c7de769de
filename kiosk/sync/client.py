"""The HTTP client for the county server.

Every request has a timeout (connect, read, and a total deadline for the body, so a server that
trickles bytes cannot hold it either). TLS certificates are always verified for https; a CA
bundle may be given, verification cannot be turned off. Plain http is refused except to this
machine (tests, a county server on the same box), because the station token would travel in clear.
Every failure becomes one SyncError with a reason code.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
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
    ) -> None:
        self.base_url = check_server_url(base_url)
        self._token = token
        self._timeout_s = timeout_s
        self._connect_timeout_s = min(5.0, timeout_s)
        # Never False: True uses the system's trust store, a path adds a county CA bundle.
        self._verify: bool | str = ca_bundle if ca_bundle else True
        self._session = session or requests.Session()

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
        deadline = time.monotonic() + self._timeout_s
        try:
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
                content = self._read_body(response, deadline)
            finally:
                response.close()
        except requests.exceptions.SSLError as error:
            raise SyncError(SyncReason.TLS_ERROR, type(error).__name__) from None
        except requests.exceptions.ConnectTimeout:
            raise SyncError(SyncReason.TIMEOUT, "connect timed out") from None
        except requests.exceptions.ReadTimeout:
            raise SyncError(SyncReason.TIMEOUT, "no answer in time") from None
        except requests.exceptions.ChunkedEncodingError:
            raise SyncError(SyncReason.BAD_RESPONSE, "the answer was cut short") from None
        except requests.exceptions.ConnectionError as error:
            text = str(error)
            if "timed out" in text:
                raise SyncError(SyncReason.TIMEOUT, "no answer in time") from None
            if "Connection refused" in text or "NewConnectionError" in text:
                raise SyncError(SyncReason.OFFLINE, "connection refused") from None
            if "NameResolutionError" in text or "Name or service not known" in text:
                raise SyncError(SyncReason.OFFLINE, "server name not found") from None
            raise SyncError(SyncReason.CONNECTION_LOST, type(error).__name__) from None
        except requests.exceptions.RequestException as error:
            raise SyncError(SyncReason.CONNECTION_LOST, type(error).__name__) from None
        return self._interpret(response, content, model)

    def _read_body(self, response: requests.Response, deadline: float) -> bytes:
        declared = response.headers.get("Content-Length")
        chunks: list[bytes] = []
        for chunk in response.iter_content(_CHUNK):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise SyncError(SyncReason.TIMEOUT, "the answer took too long")
        content = b"".join(chunks)
        if declared is not None and declared.isdigit() and int(declared) != len(content):
            raise SyncError(SyncReason.BAD_RESPONSE, "the answer was cut short")
        return content

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
