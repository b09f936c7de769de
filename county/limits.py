"""Body caps: every request's body is bounded before the endpoint reads it.

A pure ASGI middleware, outermost in the app. A request whose Content-Length is over its route's
cap is answered 413 at once, and its body is never read; a chunked request (or one whose
Content-Length lies) is counted as it is read and cut off the moment it passes the cap. The
answer is the wire's JSON error (ErrorBody, code body_too_large).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redhome_wire.protocol import API_PREFIX, MAX_BATCH, ErrorBody, ErrorCode, ErrorDetail

# Enrolment carries one short code.
ENROL_BODY_MAX = 4 * 1024
# A push carries at most MAX_BATCH operations; a visit is some 400 bytes, a parking change some
# 800, so 4 KB an operation leaves room for every kind while a batch stays a few megabytes.
MAX_OP_BYTES = 4 * 1024
PUSH_BODY_MAX = MAX_BATCH * MAX_OP_BYTES + 4 * 1024
# Anything else (phone pages' forms, GETs) is small.
OTHER_BODY_MAX = 16 * 1024


def body_cap(path: str) -> int:
    """The largest body a request to `path` may carry, in bytes."""
    if path == f"{API_PREFIX}/enrol":
        return ENROL_BODY_MAX
    if path.startswith(f"{API_PREFIX}/stations/") and path.endswith("/ops"):
        return PUSH_BODY_MAX
    return OTHER_BODY_MAX


class BodyTooLarge(HTTPException):
    """Raised while a body is read, once it has passed its cap (turned into the 413 answer)."""

    def __init__(self, cap: int) -> None:
        super().__init__(413, too_large_message(cap))
        self.cap = cap


def too_large_message(cap: int) -> str:
    return f"The request body is larger than this route accepts ({cap} bytes)."


def too_large_body(cap: int) -> bytes:
    body = ErrorBody(
        error=ErrorDetail(code=ErrorCode.BODY_TOO_LARGE, message=too_large_message(cap))
    )
    return body.model_dump_json().encode("utf-8")


class BodyCapMiddleware:
    """Refuse over-cap bodies with a 413 before (or while) they are read."""

    def __init__(self, app: ASGIApp, cap_for: Callable[[str], int] = body_cap) -> None:
        self.app = app
        self.cap_for = cap_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > cap:
            await _send_too_large(send, cap)
            return

        read = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > cap:
                    raise BodyTooLarge(cap)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _send_too_large(send, cap)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_too_large(send: Send, cap: int) -> None:
    body = too_large_body(cap)
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
