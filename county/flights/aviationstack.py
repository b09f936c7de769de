"""HTTP adapter for AviationStack's published `/v1/flights` format.

    GET {base}/flights?access_key=KEY&arr_iata=CSX&flight_date=2026-11-27&limit=100&offset=0
    -> {"pagination": {"limit", "offset", "count", "total"},
        "data": [{"flight_date", "flight_status",
                  "departure": {"airport", "timezone", "iata", "icao", "terminal", "gate", "delay",
                                "scheduled", "estimated", "actual",
                                "estimated_runway", "actual_runway"},
                  "arrival": {... the same, plus "baggage"},
                  "airline": {"name", "iata", "icao"},
                  "flight": {"number", "iata", "icao", "codeshared": {...} | null},
                  "aircraft": {...} | null, "live": {...} | null}]}
    errors: {"error": {"code", "message", "context"?}} with 401 invalid_access_key /
    missing_access_key / inactive_user, 403 function_access_restricted / https_access_restricted,
    404, 429 usage_limit_reached / rate_limit_reached, 500 internal_error.

The access key comes from the caller's config or the environment (REDHOME_AVIATIONSTACK_KEY),
never from code, and never appears in an error message or a log line.

Times: AviationStack gives local wall-clock times labelled +00:00 (apilayer/aviationstack issues
#1 and #2). With wall_clock_times (the default) a +00:00 time is read in the endpoint's own zone
(its `timezone` field, else the airport table); a provider that fixes its offsets is still read
right, since a non-zero offset is always trusted.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Final

import requests

from county.flights.errors import FlightErrorKind, FlightSourceError
from redhome_wire.flights import parsing
from redhome_wire.flights.airports import lookup
from redhome_wire.flights.legs import Endpoint, Leg, normalise_flight_number
from redhome_wire.flights.records import Direction, ProviderStatus
from redhome_wire.station_time import STATION_TZ

log = logging.getLogger(__name__)

DEFAULT_BASE_URL: Final = "https://api.aviationstack.com/v1"
KEY_ENV: Final = "REDHOME_AVIATIONSTACK_KEY"
URL_ENV: Final = "REDHOME_AVIATIONSTACK_URL"
DEFAULT_TIMEOUT: Final = (5.0, 20.0)  # connect, read (seconds)
MAX_RETRY_AFTER_S: Final = 24 * 3600.0

_AUTH_CODES: Final = frozenset(
    {
        "invalid_access_key",
        "missing_access_key",
        "inactive_user",
        "https_access_restricted",
        "function_access_restricted",
    }
)
_QUOTA_CODES: Final = frozenset({"usage_limit_reached"})
_RATE_CODES: Final = frozenset({"rate_limit_reached", "too_many_requests"})


class AviationStackSource:
    """Fetches one airport's arrivals or departures for one flight date, every page of it."""

    name: Final = "aviationstack"

    def __init__(
        self,
        access_key: str,
        *,
        session: requests.Session | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        page_limit: int = 100,
        max_pages: int = 10,
        wall_clock_times: bool = True,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        if not access_key or not access_key.strip():
            raise FlightSourceError(FlightErrorKind.CONFIG, "no AviationStack access key is set")
        self._key = access_key.strip()
        self._session = session or requests.Session()
        self._url = base_url.rstrip("/") + "/flights"
        self._timeout = timeout
        self._page_limit = page_limit
        self._max_pages = max_pages
        self._wall_clock = wall_clock_times
        self._now = now or (lambda: datetime.now(UTC))

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        access_key: str | None = None,
        **options: Any,
    ) -> AviationStackSource:
        """From config (access_key) or else the environment; FlightSourceError(CONFIG) if none."""
        env = os.environ if env is None else env
        key = access_key or env.get(KEY_ENV, "")
        if URL_ENV in env and "base_url" not in options:
            options["base_url"] = env[URL_ENV]
        return cls(key, **options)

    def close(self) -> None:
        self._session.close()

    def fetch(self, airport: str, direction: Direction, day: date) -> list[Leg]:
        side = "arr_iata" if direction is Direction.ARRIVAL else "dep_iata"
        params: dict[str, str | int] = {
            "access_key": self._key,
            side: airport,
            "flight_date": day.isoformat(),
            "limit": self._page_limit,
            "offset": 0,
        }
        legs: list[Leg] = []
        skipped = 0
        for page in range(1, self._max_pages + 1):
            body = self._get(params)
            data = body["data"]
            for item in data:
                try:
                    legs.append(parse_flight(item, wall_clock=self._wall_clock))
                except (ValueError, TypeError, AttributeError) as error:
                    skipped += 1
                    log.debug("skipped an AviationStack entry: %s", error)
            pagination = body.get("pagination")
            pagination = pagination if isinstance(pagination, dict) else {}
            offset = parsing.integer(pagination.get("offset"))
            count = parsing.integer(pagination.get("count"))
            total = parsing.integer(pagination.get("total"))
            offset = int(params["offset"]) if offset is None else offset
            count = len(data) if count is None else count
            if total is None or count <= 0 or offset + count >= total:
                break
            if page == self._max_pages:
                log.warning(
                    "AviationStack %s %s %s: stopped after %d pages of %d entries",
                    airport,
                    direction.value,
                    day,
                    page,
                    total,
                )
                break
            params["offset"] = offset + count
        if skipped:
            log.warning(
                "AviationStack %s %s %s: skipped %d unreadable entries",
                airport,
                direction.value,
                day,
                skipped,
            )
        return legs

    # --- one request --------------------------------------------------------------------------

    def _redact(self, message: str) -> str:
        return message.replace(self._key, "***")

    def _get(self, params: dict[str, str | int]) -> dict[str, Any]:
        try:
            response = self._session.get(self._url, params=params, timeout=self._timeout)
        except requests.Timeout as error:
            raise FlightSourceError(
                FlightErrorKind.TIMEOUT, self._redact(f"AviationStack did not answer: {error}")
            ) from None
        except requests.RequestException as error:
            raise FlightSourceError(
                FlightErrorKind.NETWORK, self._redact(f"AviationStack unreachable: {error}")
            ) from None
        try:
            return self._read(response)
        finally:
            response.close()

    def _read(self, response: requests.Response) -> dict[str, Any]:
        status = response.status_code
        try:
            body: Any = response.json()
        except ValueError:
            body = None
        code, message = _error_of(body)
        if status == 429 or code in _RATE_CODES or code in _QUOTA_CODES:
            kind = FlightErrorKind.QUOTA if code in _QUOTA_CODES else FlightErrorKind.RATE_LIMITED
            raise FlightSourceError(
                kind,
                self._redact(message or "AviationStack: too many requests"),
                status=status,
                provider_code=code,
                retry_after_s=parse_retry_after(response.headers.get("Retry-After"), self._now()),
            )
        if status in (401, 403) or code in _AUTH_CODES:
            raise FlightSourceError(
                FlightErrorKind.AUTH,
                self._redact(message or f"AviationStack refused the key (HTTP {status})"),
                status=status,
                provider_code=code,
            )
        if status >= 500 or code == "internal_error":
            raise FlightSourceError(
                FlightErrorKind.SERVER,
                self._redact(message or f"AviationStack server error (HTTP {status})"),
                status=status,
                provider_code=code,
            )
        if status >= 400 or code is not None:
            raise FlightSourceError(
                FlightErrorKind.REJECTED,
                self._redact(message or f"AviationStack refused the request (HTTP {status})"),
                status=status,
                provider_code=code,
            )
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise FlightSourceError(
                FlightErrorKind.MALFORMED,
                "AviationStack answer is not the documented {pagination, data: [...]}",
                status=status,
            )
        return body


def _error_of(body: Any) -> tuple[str | None, str | None]:
    if not isinstance(body, dict):
        return None, None
    error = body.get("error")
    if not isinstance(error, dict):
        return None, None
    code = parsing.text(error.get("code"))
    message = parsing.text(error.get("message")) or parsing.text(error.get("info"))
    return (code.lower() if code else None), message


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); capped at 24 h."""
    raw = parsing.text(value)
    if raw is None:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


# --- parsing one entry -----------------------------------------------------------------------


def _endpoint(raw: object, *, wall_clock: bool, with_belt: bool) -> Endpoint:
    if not isinstance(raw, dict):
        return Endpoint()
    iata = parsing.text(raw.get("iata"))
    iata = iata.upper() if iata else None
    tz_name = parsing.text(raw.get("timezone"))
    if parsing.zone(tz_name) is None:
        known = lookup(iata)
        tz_name = known.tz if known is not None else None
    # A time with no zone at all is read as station time: the station side is in China.
    fallback = STATION_TZ

    def when(*keys: str) -> datetime | None:
        for key in keys:
            try:
                value = parsing.instant(
                    raw.get(key), tz_name=tz_name, fallback_tz=fallback, wall_clock=wall_clock
                )
            except (ValueError, TypeError):
                value = None
            if value is not None:
                return value
        return None

    icao = parsing.text(raw.get("icao"))
    return Endpoint(
        iata=iata,
        icao=icao.upper() if icao else None,
        airport=parsing.text(raw.get("airport")),
        timezone=tz_name,
        terminal=parsing.text(raw.get("terminal")),
        gate=parsing.text(raw.get("gate")),
        belt=parsing.text(raw.get("baggage")) if with_belt else None,
        delay_min=parsing.integer(raw.get("delay")),
        scheduled=when("scheduled"),
        # The gate times are what a waiting driver wants; the runway times are the fallback.
        estimated=when("estimated", "estimated_runway"),
        actual=when("actual", "actual_runway"),
    )


def _object(value: object) -> dict[str, Any]:
    """A JSON object, or an empty one where the provider left it out or sent something else."""
    return value if isinstance(value, dict) else {}


def parse_flight(item: object, *, wall_clock: bool = True) -> Leg:
    """One `data` entry as a Leg. ValueError when it names no flight number."""
    if not isinstance(item, dict):
        raise ValueError("an entry is not an object")
    flight = _object(item.get("flight"))
    airline = _object(item.get("airline"))
    airline_iata = parsing.text(airline.get("iata"))
    number = normalise_flight_number(flight.get("iata")) or normalise_flight_number(
        f"{airline_iata or ''}{parsing.text(flight.get('number')) or ''}"
    )
    if number is None:
        raise ValueError("an entry without a flight number")
    codeshared = flight.get("codeshared")
    operated_by = operating_iata = operating_name = None
    if isinstance(codeshared, dict):
        operating_iata = parsing.text(codeshared.get("airline_iata"))
        operating_name = parsing.text(codeshared.get("airline_name"))
        operated_by = normalise_flight_number(
            codeshared.get("flight_iata")
        ) or normalise_flight_number(
            f"{operating_iata or ''}{parsing.text(codeshared.get('flight_number')) or ''}"
        )
        if operated_by == number:
            operated_by = None
    return Leg(
        flight=number,
        airline_iata=airline_iata.upper() if airline_iata else None,
        airline_name=parsing.text(airline.get("name")),
        operated_by=operated_by,
        operating_airline_iata=operating_iata.upper() if operating_iata else None,
        operating_airline_name=operating_name.title() if operating_name else None,
        status=ProviderStatus.parse(item.get("flight_status")),
        departure=_endpoint(item.get("departure"), wall_clock=wall_clock, with_belt=False),
        arrival=_endpoint(item.get("arrival"), wall_clock=wall_clock, with_belt=True),
    )
