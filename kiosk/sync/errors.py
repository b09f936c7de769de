"""The one error sync raises, with a reason code the UI turns into words."""

from __future__ import annotations

import enum


class SyncReason(enum.StrEnum):
    NOT_ENROLLED = "not_enrolled"  # no token or no server yet: enrol first
    INSECURE_URL = "insecure_url"  # plain http to anything but this machine
    OFFLINE = "offline"  # could not connect at all (refused, no route, no name)
    TIMEOUT = "timeout"  # the server did not answer in time
    CONNECTION_LOST = "connection_lost"  # the connection broke during the request
    BAD_RESPONSE = "bad_response"  # the answer was cut short or unreadable
    SERVER_ERROR = "server_error"  # 5xx
    BUSY = "busy"  # 429: asked to come back later
    TLS_ERROR = "tls_error"  # the server's certificate did not verify
    TOKEN_UNKNOWN = "token_unknown"
    TOKEN_REVOKED = "token_revoked"
    STATION_MISMATCH = "station_mismatch"  # this token belongs to another station
    ENROL_CODE_INVALID = "enrol_code_invalid"
    ENROL_CODE_EXPIRED = "enrol_code_expired"
    REQUEST_REJECTED = "request_rejected"  # a 4xx the kiosk cannot fix by retrying
    CREDENTIALS = "credentials"  # the keyring could not be read or written
    KIOSK_TOO_OLD = "kiosk_too_old"  # the county no longer serves this kiosk's wire version
    LOCAL_STORAGE = "local_storage"  # this kiosk's own database or disk failed (full, read-only)
    ALREADY_RUNNING = "already_running"  # another sync holds this data dir (GUI and CLI)
    INTERNAL = "internal"  # anything else a round raised: reported, never the end of the loop


RETRYABLE = frozenset(
    {
        SyncReason.OFFLINE,
        SyncReason.TIMEOUT,
        SyncReason.CONNECTION_LOST,
        SyncReason.BAD_RESPONSE,
        SyncReason.SERVER_ERROR,
        SyncReason.BUSY,
        SyncReason.TLS_ERROR,
    }
)

# Failures on this side that a later round may not meet again: the GUI loop backs off and goes on.
LOCAL_TRANSIENT = frozenset(
    {SyncReason.LOCAL_STORAGE, SyncReason.ALREADY_RUNNING, SyncReason.INTERNAL}
)

# The server could not be reached or did not answer usefully: the station is offline for now.
UNREACHABLE = RETRYABLE


class SyncError(Exception):
    """Anything that stopped a sync request. Never carries the token."""

    def __init__(
        self,
        reason: SyncReason,
        detail: str = "",
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail
        self.status = status
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        return self.reason in RETRYABLE

    @property
    def try_again_soon(self) -> bool:
        """Worth another round after a backoff rather than after a long pause."""
        return self.reason in RETRYABLE or self.reason in LOCAL_TRANSIENT

    @property
    def unreachable(self) -> bool:
        return self.reason in UNREACHABLE
