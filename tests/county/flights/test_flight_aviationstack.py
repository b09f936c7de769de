"""The AviationStack adapter against recorded payloads, served by a real server on loopback."""

from __future__ import annotations

import socket
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests

from county.flights.aviationstack import (
    KEY_ENV,
    AviationStackSource,
    parse_flight,
    parse_retry_after,
)
from county.flights.errors import FlightErrorKind, FlightSourceError
from county.flights.snapshot import build_records
from redhome_wire.flights.records import Direction, ProviderStatus
from redhome_wire.station_time import STATION_TZ
from tests.county.flights.flight_fakes import Answer, FakeProvider, fixture_json, fixture_text

KEY = "k3y-0123456789abcdef"
DAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def source(fake: FakeProvider, **options: object) -> AviationStackSource:
    options.setdefault("timeout", (2.0, 2.0))
    return AviationStackSource(KEY, base_url=fake.url, now=lambda: NOW, **options)  # type: ignore[arg-type]


def pages(fake: FakeProvider) -> None:
    fake.script(
        Answer(body=fixture_text("aviationstack_arrivals_page1.json")),
        Answer(body=fixture_text("aviationstack_arrivals_page2.json")),
    )


def test_fetch_sends_the_documented_parameters_and_follows_pages(provider: FakeProvider) -> None:
    pages(provider)
    legs = source(provider, page_limit=3).fetch("CSX", Direction.ARRIVAL, DAY)
    assert [r["path"] for r in provider.requests] == ["/v1/flights", "/v1/flights"]
    first, second = provider.requests
    assert first["access_key"] == KEY
    assert first["arr_iata"] == "CSX"
    assert "dep_iata" not in first
    assert first["flight_date"] == "2026-11-27"
    assert (first["limit"], first["offset"], second["offset"]) == ("3", "0", "3")
    # The entry without any flight number data is kept as a leg, the builder drops it later.
    assert [leg.flight for leg in legs] == [
        "CZ3392",
        "MF4392",
        "MU2520",
        "CZ3482",
        "CZ3330",
        "HX1642",
    ]


def test_departures_ask_by_dep_iata(provider: FakeProvider) -> None:
    provider.script(Answer(body=fixture_text("aviationstack_codeshare_only.json")))
    source(provider).fetch("CSX", Direction.DEPARTURE, DAY)
    assert provider.requests[0]["dep_iata"] == "CSX"
    assert "arr_iata" not in provider.requests[0]


def test_times_labelled_utc_are_read_as_local_wall_clock() -> None:
    item = fixture_json("aviationstack_arrivals_page1.json")["data"][0]
    leg = parse_flight(item)
    assert leg.arrival.scheduled == datetime(2026, 11, 27, 16, 35, tzinfo=STATION_TZ)
    assert leg.arrival.estimated == datetime(2026, 11, 27, 16, 31, tzinfo=STATION_TZ)
    assert leg.status is ProviderStatus.ACTIVE
    utc = parse_flight(item, wall_clock=False)
    assert utc.arrival.scheduled == datetime(2026, 11, 27, 16, 35, tzinfo=UTC)


def test_a_real_offset_is_trusted() -> None:
    item = fixture_json("aviationstack_arrivals_page1.json")["data"][0]
    item["arrival"]["scheduled"] = "2026-11-27T16:35:00+08:00"
    assert parse_flight(item).arrival.scheduled == datetime(2026, 11, 27, 8, 35, tzinfo=UTC)


def test_nulls_everywhere_parse_to_none() -> None:
    bkk = fixture_json("aviationstack_arrivals_page2.json")["data"][0]
    leg = parse_flight(bkk)
    arrival = leg.arrival
    assert (arrival.terminal, arrival.gate, arrival.belt, arrival.delay_min) == (None,) * 4
    assert (arrival.estimated, arrival.actual) == (None, None)
    # The arrival has no timezone: the airport table's zone is used.
    assert arrival.scheduled == datetime(2026, 11, 27, 21, 40, tzinfo=STATION_TZ)
    assert leg.departure.scheduled == datetime(2026, 11, 27, 16, 50, tzinfo=STATION_TZ) + timedelta(
        hours=1
    )  # 16:50 in Bangkok is 17:50 in Changsha


def test_runway_times_fill_in_for_null_gate_times_and_baggage_is_the_belt() -> None:
    mu = fixture_json("aviationstack_arrivals_page1.json")["data"][2]
    leg = parse_flight(mu)
    assert leg.arrival.actual == datetime(2026, 11, 27, 13, 40, tzinfo=STATION_TZ)
    assert leg.arrival.belt == "12"
    assert leg.arrival.delay_min == 35
    assert leg.departure.belt is None


def test_codeshare_listing_names_its_operating_flight() -> None:
    mf = fixture_json("aviationstack_arrivals_page1.json")["data"][1]
    leg = parse_flight(mf)
    assert (leg.flight, leg.operated_by) == ("MF4392", "CZ3392")
    assert leg.operating_airline_iata == "CZ"
    assert leg.operating_airline_name == "China Southern Airlines"


def test_recorded_pages_build_merged_records(provider: FakeProvider) -> None:
    pages(provider)
    legs = source(provider, page_limit=3).fetch("CSX", Direction.ARRIVAL, DAY)
    records = {record.flight: record for record in build_records(legs, "CSX")}
    assert set(records) == {"CZ3392", "MU2520", "CZ3482", "HX1642"}  # CZ3330 has no times
    cz = records["CZ3392"]
    assert cz.codeshares == ("MF4392",)
    assert (cz.city_zh, cz.city_en, cz.city_pinyin, cz.international) == (
        "北京",
        "Beijing",
        "bei jing",
        False,
    )
    assert records["CZ3482"].international is True
    hx = records["HX1642"]
    assert hx.international is True  # Hong Kong: border control
    assert hx.estimated_at == datetime(2026, 11, 28, 0, 20, tzinfo=STATION_TZ)
    assert hx.key == "CSX-A-HX1642-20261127"


def test_an_unreadable_entry_is_skipped_not_fatal(provider: FakeProvider) -> None:
    body = fixture_json("aviationstack_codeshare_only.json")
    body["data"].insert(0, {"flight": None, "airline": None})
    body["data"].insert(0, "not an object")
    import json

    provider.script(Answer(body=json.dumps(body)))
    legs = source(provider).fetch("CSX", Direction.ARRIVAL, DAY)
    assert [leg.flight for leg in legs] == ["MF1006", "SC5306", "OZ3752"]


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (
            Answer(429, fixture_text("aviationstack_error_rate_limit.json")),
            FlightErrorKind.RATE_LIMITED,
        ),
        (Answer(429, fixture_text("aviationstack_error_usage_limit.json")), FlightErrorKind.QUOTA),
        (Answer(200, fixture_text("aviationstack_error_usage_limit.json")), FlightErrorKind.QUOTA),
        (Answer(401, fixture_text("aviationstack_error_invalid_key.json")), FlightErrorKind.AUTH),
        (Answer(200, fixture_text("aviationstack_error_invalid_key.json")), FlightErrorKind.AUTH),
        (Answer(403, '{"error":{"code":"function_access_restricted"}}'), FlightErrorKind.AUTH),
        (
            Answer(422, fixture_text("aviationstack_error_validation.json")),
            FlightErrorKind.REJECTED,
        ),
        (Answer(500, fixture_text("aviationstack_error_internal.json")), FlightErrorKind.SERVER),
        (
            Answer(502, "<html>Bad gateway</html>", {"Content-Type": "text/html"}),
            FlightErrorKind.SERVER,
        ),
        (Answer(503, ""), FlightErrorKind.SERVER),
        (
            Answer(200, '{"pagination": {"total": 1}, "data": [{"flight_da'),
            FlightErrorKind.MALFORMED,
        ),
        (Answer(200, "<html>maintenance</html>"), FlightErrorKind.MALFORMED),
        (Answer(200, '{"pagination": {}, "data": {"not": "a list"}}'), FlightErrorKind.MALFORMED),
        (Answer(200, "[]"), FlightErrorKind.MALFORMED),
    ],
)
def test_every_failure_is_one_typed_error_without_the_key(
    provider: FakeProvider, answer: Answer, kind: FlightErrorKind
) -> None:
    provider.script(answer)
    with pytest.raises(FlightSourceError) as caught:
        source(provider).fetch("CSX", Direction.ARRIVAL, DAY)
    assert caught.value.kind is kind
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)


def test_retry_after_seconds_and_http_date(provider: FakeProvider) -> None:
    provider.script(
        Answer(429, fixture_text("aviationstack_error_rate_limit.json"), {"Retry-After": "120"})
    )
    with pytest.raises(FlightSourceError) as caught:
        source(provider).fetch("CSX", Direction.ARRIVAL, DAY)
    assert caught.value.retry_after_s == 120
    assert caught.value.status == 429
    assert caught.value.provider_code == "rate_limit_reached"
    later = format_datetime(NOW + timedelta(minutes=10), usegmt=True)
    assert parse_retry_after(later, NOW) == 600
    assert parse_retry_after("garbage", NOW) is None
    assert parse_retry_after("-5", NOW) == 0
    assert parse_retry_after("99999999", NOW) == 24 * 3600


def test_a_slow_provider_times_out(provider: FakeProvider) -> None:
    provider.script(Answer(body=fixture_text("aviationstack_codeshare_only.json"), delay_s=1.0))
    started = time.monotonic()
    with pytest.raises(FlightSourceError) as caught:
        source(provider, timeout=(0.5, 0.2)).fetch("CSX", Direction.ARRIVAL, DAY)
    assert caught.value.kind is FlightErrorKind.TIMEOUT
    assert time.monotonic() - started < 1.0
    assert KEY not in caught.value.message


def test_an_unreachable_provider_is_a_network_error_without_the_key() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    adapter = AviationStackSource(KEY, base_url=f"http://127.0.0.1:{port}/v1", timeout=(1.0, 1.0))
    with pytest.raises(FlightSourceError) as caught:
        adapter.fetch("CSX", Direction.ARRIVAL, DAY)
    assert caught.value.kind is FlightErrorKind.NETWORK
    assert KEY not in caught.value.message


def test_the_key_comes_from_config_or_the_environment(provider: FakeProvider) -> None:
    with pytest.raises(FlightSourceError) as caught:
        AviationStackSource.from_env({})
    assert caught.value.kind is FlightErrorKind.CONFIG
    provider.script(Answer(body=fixture_text("aviationstack_codeshare_only.json")))
    from_env = AviationStackSource.from_env(
        {KEY_ENV: "from-env", "REDHOME_AVIATIONSTACK_URL": provider.url}
    )
    from_env.fetch("CSX", Direction.ARRIVAL, DAY)
    assert provider.requests[-1]["access_key"] == "from-env"
    configured = AviationStackSource.from_env(
        {KEY_ENV: "from-env"}, access_key="from-config", base_url=provider.url
    )
    configured.fetch("CSX", Direction.ARRIVAL, DAY)
    assert provider.requests[-1]["access_key"] == "from-config"


def test_a_session_can_be_injected(provider: FakeProvider) -> None:
    provider.script(Answer(body=fixture_text("aviationstack_codeshare_only.json")))
    with requests.Session() as session:
        session.headers["User-Agent"] = "redhome-county-test"
        adapter = AviationStackSource(KEY, session=session, base_url=provider.url, timeout=(2, 2))
        assert len(adapter.fetch("CSX", Direction.ARRIVAL, DAY)) == 3
