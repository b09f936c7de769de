"""The one typed error every flight source raises: what went wrong, and how long to wait."""

from __future__ import annotations

import enum


class FlightErrorKind(enum.StrEnum):
    CONFIG = "config"  # no access key, no feed folder: fix the configuration
    AUTH = "auth"  # key refused, or the plan does not allow the call
    QUOTA = "quota"  # the plan's monthly allowance is used up
    RATE_LIMITED = "rate_limited"  # HTTP 429: slow down, honour Retry-After
    SERVER = "server"  # HTTP 5xx
    TIMEOUT = "timeout"
    NETWORK = "network"  # DNS, TLS, connection refused or reset
    REJECTED = "rejected"  # another 4xx: the request itself was refused
    MALFORMED = "malformed"  # not JSON, or not the documented shape
    FILE = "file"  # a feed file could not be read or parsed


# Kinds that say the whole provider is unwell: stop this poll cycle and back off.
PROVIDER_WIDE = frozenset(
    {
        FlightErrorKind.CONFIG,
        FlightErrorKind.AUTH,
        FlightErrorKind.QUOTA,
        FlightErrorKind.RATE_LIMITED,
        FlightErrorKind.SERVER,
        FlightErrorKind.TIMEOUT,
        FlightErrorKind.NETWORK,
    }
)


class FlightSourceError(Exception):
    """A fetch that did not give usable data. The snapshot keeps its last good data."""

    def __init__(
        self,
        kind: FlightErrorKind,
        message: str,
        *,
        status: int | None = None,
        provider_code: str | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.provider_code = provider_code
        self.retry_after_s = retry_after_s

    @property
    def provider_wide(self) -> bool:
        return self.kind in PROVIDER_WIDE

    def __repr__(self) -> str:
        return (
            f"FlightSourceError({self.kind.value!r}, {self.message!r}, status={self.status!r}, "
            f"provider_code={self.provider_code!r}, retry_after_s={self.retry_after_s!r})"
        )
