"""The poller with an injected clock and adapter: what is due, spacing, backoff, Retry-After."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from county.flights.aviationstack import AviationStackSource
from county.flights.errors import FlightErrorKind, FlightSourceError
from county.flights.filefeed import FileFeedSource
from county.flights.poller import FlightPoller, PollSettings
from county.flights.snapshot import SnapshotStore
from redhome_wire.flights.demo import write_demo_feed
from redhome_wire.flights.legs import Endpoint, Leg
from redhome_wire.flights.records import Direction, FlightSnapshot
from redhome_wire.station_time import STATION_TZ, ManualClock
from tests.county.flights.flight_fakes import Answer, FakeProvider, fixture_text

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=STATION_TZ)
TODAY = NOW.date()
FAST = PollSettings(request_spacing_s=0)


class FakeSource:
    """Answers per (direction, day) with legs or raises scripted errors, in order."""

    name = "fake"

    def __init__(self) -> None:
        self.calls: list[tuple[str, Direction, date]] = []
        self.errors: list[FlightSourceError | Exception] = []

    def fetch(self, airport: str, direction: Direction, day: date) -> list[Leg]:
        self.calls.append((airport, direction, day))
        if self.errors:
            raise self.errors.pop(0)
        at = datetime(day.year, day.month, day.day, 16, 35, tzinfo=STATION_TZ)
        here = Endpoint(iata=airport, scheduled=at)
        there = Endpoint(iata="PEK")
        number = "CZ3392" if direction is Direction.ARRIVAL else "CZ3391"
        arriving = direction is Direction.ARRIVAL
        return [
            Leg(
                flight=number,
                arrival=here if arriving else there,
                departure=there if arriving else here,
            )
        ]


def make(source: object, clock: ManualClock, settings: PollSettings = FAST, **kwargs: object):
    return FlightPoller(source, SnapshotStore(), clock, settings=settings, **kwargs)  # type: ignore[arg-type]


def test_the_first_poll_fetches_today_first_then_tomorrow_then_yesterday() -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    report = make(source, clock).poll_once()
    assert (report.attempted, report.succeeded, report.failed) == (6, 6, 0)
    days = [call[2] for call in source.calls]
    one = timedelta(days=1)
    assert days == [TODAY, TODAY, TODAY + one, TODAY + one, TODAY - one, TODAY - one]
    assert [call[1] for call in source.calls[:2]] == [Direction.ARRIVAL, Direction.DEPARTURE]


def test_today_every_interval_other_days_every_hour() -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    poller = make(source, clock)
    poller.poll_once()
    source.calls.clear()
    assert poller.poll_once().attempted == 0
    assert poller.next_due() == clock.now() + timedelta(minutes=5)
    clock.advance(timedelta(minutes=5))
    assert poller.poll_once().attempted == 2
    assert {call[2] for call in source.calls} == {TODAY}
    clock.advance(timedelta(minutes=55))
    source.calls.clear()
    assert poller.poll_once().attempted == 6


def test_a_429_holds_every_request_for_its_retry_after_and_keeps_the_data() -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    published: list[FlightSnapshot] = []
    poller = make(source, clock, on_snapshot=published.append)
    poller.poll_once()
    good = poller.snapshot()
    assert len(good.flights) == 6
    clock.advance(timedelta(minutes=5))
    source.errors = [
        FlightSourceError(FlightErrorKind.RATE_LIMITED, "slow down", status=429, retry_after_s=600)
    ]
    source.calls.clear()
    report = poller.poll_once()
    assert (report.attempted, report.failed) == (1, 1)  # the cycle stopped at the 429
    assert report.held_until == clock.now() + timedelta(seconds=600)
    assert poller.snapshot().flights == good.flights
    assert poller.snapshot().meta.error == "rate_limited"
    assert published[-1].flights == good.flights
    clock.advance(timedelta(minutes=9))
    assert poller.poll_once().attempted == 0
    assert poller.next_due() == report.held_until
    clock.advance(timedelta(minutes=1))
    assert poller.poll_once().attempted == 2
    assert poller.held_until is None
    assert poller.snapshot().meta.error is None


def test_a_short_retry_after_still_waits_the_minimum_backoff() -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    source.errors = [FlightSourceError(FlightErrorKind.RATE_LIMITED, "429", retry_after_s=1)]
    report = make(source, clock).poll_once()
    assert report.held_until == NOW + timedelta(seconds=60)


@pytest.mark.parametrize(
    ("kind", "wait"),
    [
        (FlightErrorKind.AUTH, timedelta(hours=1)),
        (FlightErrorKind.QUOTA, timedelta(hours=1)),
        (FlightErrorKind.SERVER, timedelta(seconds=60)),
        (FlightErrorKind.TIMEOUT, timedelta(seconds=60)),
    ],
)
def test_provider_wide_failures_back_off(kind: FlightErrorKind, wait: timedelta) -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    source.errors = [FlightSourceError(kind, "down")]
    report = make(source, clock).poll_once()
    assert report.attempted == 1
    assert report.held_until == NOW + wait


def test_server_errors_back_off_exponentially_up_to_the_maximum() -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    poller = make(source, clock)
    waits = []
    for _ in range(7):
        source.errors = [FlightSourceError(FlightErrorKind.SERVER, "502")]
        report = poller.poll_once()
        assert report.held_until is not None
        waits.append((report.held_until - clock.now()).total_seconds())
        clock.advance(report.held_until - clock.now())
    assert waits == [60, 120, 240, 480, 960, 1800, 1800]


def test_a_malformed_partition_does_not_stop_the_others() -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    source.errors = [FlightSourceError(FlightErrorKind.MALFORMED, "bad page")]
    poller = make(source, clock)
    report = poller.poll_once()
    assert (report.attempted, report.succeeded, report.failed) == (6, 5, 1)
    assert report.held_until is None
    # The failed partition is retried after the initial backoff, not the full interval.
    clock.advance(timedelta(seconds=60))
    source.calls.clear()
    assert poller.poll_once().attempted == 1
    assert source.calls == [("CSX", Direction.ARRIVAL, TODAY)]


def test_a_crashing_adapter_does_not_end_the_poller() -> None:
    clock = ManualClock(NOW)
    source = FakeSource()
    source.errors = [RuntimeError("bug")]
    report = make(source, clock).poll_once()
    assert report.failed == 1 and report.succeeded == 5
    assert report.error is not None and report.error.kind is FlightErrorKind.MALFORMED


def test_requests_are_spaced() -> None:
    clock = ManualClock(NOW)
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(timedelta(seconds=seconds))

    make(FakeSource(), clock, PollSettings(request_spacing_s=2.0), sleep=sleep).poll_once()
    assert slept == [2.0] * 5


def test_settings_refuse_a_too_short_interval() -> None:
    with pytest.raises(ValueError):
        PollSettings(interval_s=10)
    with pytest.raises(ValueError):
        PollSettings(backoff_initial_s=600, backoff_max_s=60)


def test_with_the_real_adapter_a_429_then_recovery(provider: FakeProvider) -> None:
    clock = ManualClock(NOW)
    adapter = AviationStackSource("key", base_url=provider.url, timeout=(2, 2))
    provider.script(
        Answer(
            body=fixture_text("aviationstack_arrivals_page1.json").replace(
                '"total": 6', '"total": 3'
            )
        ),
        Answer(429, fixture_text("aviationstack_error_rate_limit.json"), {"Retry-After": "300"}),
        Answer(body=fixture_text("aviationstack_codeshare_only.json")),
    )
    poller = make(adapter, clock, airports=("CSX",))
    first = poller.poll_once()
    assert (first.succeeded, first.failed) == (1, 1)
    assert first.error is not None and first.error.kind is FlightErrorKind.RATE_LIMITED
    kept = poller.snapshot()
    assert {r.flight for r in kept.flights} == {"CZ3392", "MU2520"}
    assert kept.meta.error == "rate_limited"
    clock.advance(timedelta(minutes=5))
    second = poller.poll_once()
    assert second.failed == 0 and second.succeeded == 6
    assert {"CZ3306", "OZ3752"} <= {r.flight for r in poller.snapshot().flights}
    assert poller.snapshot().meta.error is None


def test_the_poller_runs_in_a_thread_and_stops(tmp_path: Path) -> None:
    write_demo_feed(tmp_path, NOW)
    clock = ManualClock(NOW)
    seen = threading.Event()
    poller = FlightPoller(
        FileFeedSource(tmp_path),
        SnapshotStore(),
        clock,
        settings=FAST,
        on_snapshot=lambda snapshot: seen.set(),
    )
    thread = poller.start()
    assert seen.wait(10)
    poller.stop(timeout=5)
    assert not thread.is_alive()
    assert poller.snapshot().meta.count > 300
    assert poller.snapshot().meta.source == "file"
