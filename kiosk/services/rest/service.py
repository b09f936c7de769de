"""The rest corner's use cases: start a rest, wake, snooze, free a seat, the board, the day.

Every timer is a row (start and wake time); what is left is computed from the injected clock,
so a restart mid-rest loses nothing. The periodic `tick` follows flight-linked wakes, plays the
wake-up chime once per wake time and marks overdue rests; it never writes per second.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.ports import ArrivingFlight, Ports
from kiosk.services.rest.models import RestSeat, RestSession
from kiosk.store.outbox import Outbox
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.rest import OP_PAYLOADS, REST_FINISHED, RestFinished
from redhome_wire.station_time import STATION_TZ, Clock, local_day_bounds

WAKE_CUE = "rest.wake"


class SeatKind(enum.StrEnum):
    CHAIR = "chair"
    RECLINER = "recliner"
    BED = "bed"


class DrivingSpan(enum.StrEnum):
    """The answer to 已经连续开车多久？"""

    UNDER_2H = "lt2h"
    FROM_2H_TO_4H = "2to4h"
    OVER_4H = "gt4h"


class SeatState(enum.StrEnum):
    FREE = "free"
    RESTING = "resting"
    TIME_UP = "time_up"
    OVERDUE = "overdue"  # time up and nobody answered within the overstay time: 超时
    OUT_OF_SERVICE = "out_of_service"


@dataclass(frozen=True, slots=True)
class SeatConfig:
    number: str
    kind: SeatKind
    zone: str | None = None
    out_of_service: bool = False


@dataclass(frozen=True, slots=True)
class RestSettings:
    min_minutes: int = 10
    max_minutes: int = 180
    # From the rest corner to where the flight's passengers come out.
    walk_minutes: int = 15
    snooze_minutes: int = 10
    max_snoozes: int = 2
    # Unanswered this long after the wake time: 超时, and a reminder on the keeper page.
    overstay_minutes: int = 10
    # The keeper may free a seat this long after its wake time.
    free_after_minutes: int = 10
    volume: float = 0.8
    quiet_volume: float = 0.3
    quiet_from_hour: int = 22
    quiet_until_hour: int = 7

    def __post_init__(self) -> None:
        if not 1 <= self.min_minutes <= self.max_minutes:
            raise ValueError("min_minutes must be at least 1 and at most max_minutes")
        if self.max_minutes > 24 * 60:
            raise ValueError("max_minutes must be at most a day")
        for name in ("walk_minutes", "snooze_minutes", "max_snoozes", "overstay_minutes"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.free_after_minutes < 0:
            raise ValueError("free_after_minutes must not be negative")
        for name in ("volume", "quiet_volume"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        for name in ("quiet_from_hour", "quiet_until_hour"):
            if not 0 <= getattr(self, name) <= 23:
                raise ValueError(f"{name} must be an hour from 0 to 23")

    def is_quiet(self, instant: datetime) -> bool:
        hour = instant.astimezone(STATION_TZ).hour
        start, end = self.quiet_from_hour, self.quiet_until_hour
        if start == end:
            return False
        return start <= hour < end if start < end else hour >= start or hour < end

    def volume_at(self, instant: datetime) -> float:
        return self.quiet_volume if self.is_quiet(instant) else self.volume


class RestProblem(enum.Enum):
    NO_SUCH_SEAT = "no_such_seat"
    SEAT_OUT_OF_SERVICE = "seat_out_of_service"
    SEAT_TAKEN = "seat_taken"
    NO_DURATION = "no_duration"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    FLIGHT_NOT_FOUND = "flight_not_found"
    FLIGHT_TOO_SOON = "flight_too_soon"
    NOT_RESTING = "not_resting"
    NOT_TIME_YET = "not_time_yet"
    SNOOZE_LIMIT = "snooze_limit"
    TOO_EARLY_TO_FREE = "too_early_to_free"


class RestError(ValueError):
    """A rest the corner will not start or change; `problem` says why, the UI gives it words."""

    def __init__(self, problem: RestProblem, *, minutes: int | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        # The limit the problem is about (the shortest or longest rest, minutes to wait).
        self.minutes = minutes


@dataclass(frozen=True, slots=True)
class SeatRow:
    """One seat on the board, with its rest if any: enough to compute its state at any instant
    without asking the database again."""

    number: str
    kind: SeatKind
    zone: str | None
    out_of_service: bool
    rest_id: str | None = None
    started_at: datetime | None = None
    wake_at: datetime | None = None
    flight: str | None = None
    snoozes: int = 0


@dataclass(frozen=True, slots=True)
class SeatStatus:
    state: SeatState
    # Whole minutes left (rounded up) while resting; minutes past the wake time once it is up.
    minutes: int = 0


def seat_status(row: SeatRow, now: datetime, settings: RestSettings) -> SeatStatus:
    """The state of a seat at `now`: pure, so the board can call it every second."""
    if row.wake_at is None:
        return SeatStatus(SeatState.OUT_OF_SERVICE if row.out_of_service else SeatState.FREE)
    left = (row.wake_at - now).total_seconds()
    if left > 0:
        return SeatStatus(SeatState.RESTING, -int(-left // 60))
    past = int(-left // 60)
    if past >= settings.overstay_minutes:
        return SeatStatus(SeatState.OVERDUE, past)
    return SeatStatus(SeatState.TIME_UP, past)


def suggested_minutes(driving: DrivingSpan | None, now: datetime) -> int | None:
    """The rest the board suggests. After 4 h at the wheel the law wants at least 20 minutes
    (道路交通安全法实施条例 art. 62(7)); between midnight and six the body needs more."""
    night = now.astimezone(STATION_TZ).hour < 6
    if driving is DrivingSpan.OVER_4H:
        return 40 if night else 20
    if night:
        return 30
    return None


@dataclass(frozen=True, slots=True)
class FinishedRest:
    seat: str
    started_at: datetime
    ended_at: datetime
    minutes: int
    ended_by: str


@dataclass(frozen=True, slots=True)
class FlightWake:
    """A flight a driver can ask to be woken for, and when that would be."""

    flight: str
    city_zh: str | None
    city_en: str | None
    passengers_out_at: datetime
    wake_at: datetime


@dataclass(slots=True)
class TickReport:
    moved: list[str] = field(default_factory=list)  # seats whose flight moved their wake time
    chimed: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)

    def line(self) -> str | None:
        parts = [
            f"{len(seats)} {what}"
            for what, seats in (
                ("wakes moved with their flight", self.moved),
                ("wake-ups", self.chimed),
                ("overdue", self.overdue),
            )
            if seats
        ]
        return ", ".join(parts) or None


@dataclass(frozen=True, slots=True)
class RestDayCounts:
    rests: int
    minutes: int  # minutes rested in rests that ended that day
    overdue: int
    freed: int
    snoozes: int


def _whole_minutes(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


class RestService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        settings: RestSettings,
        ports: Ports,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self.settings = settings
        self._ports = ports
        self._outbox = Outbox(OP_PAYLOADS)

    def with_clock(self, clock: Clock) -> RestService:
        """The same corner on another clock (the demo plays its morning on one)."""
        return RestService(self._uow_factory, clock, self.settings, self._ports)

    def now(self) -> datetime:
        return self._clock.now()

    # Seats ---------------------------------------------------------------------------------

    def sync_seats(self, seats: Sequence[SeatConfig]) -> None:
        """Make the seats table match the station's configuration; seats no longer configured
        are retired, never deleted, so their old rests keep naming them."""
        now = self.now()
        wanted = {seat.number: (position, seat) for position, seat in enumerate(seats)}
        with self._uow_factory() as uow:
            existing = {row.number: row for row in uow.session.scalars(select(RestSeat))}
            for number, (position, seat) in wanted.items():
                row = existing.get(number)
                if row is None:
                    row = RestSeat(number=number, created_at=now)
                    uow.session.add(row)
                row.kind = seat.kind.value
                row.zone = seat.zone
                row.position = position
                row.retired_at = None
                if seat.out_of_service and row.out_of_service_at is None:
                    row.out_of_service_at = now
                elif not seat.out_of_service:
                    row.out_of_service_at = None
            for number, row in existing.items():
                if number not in wanted and row.retired_at is None:
                    row.retired_at = now
            uow.commit()

    def has_seats(self) -> bool:
        with self._uow_factory() as uow:
            return (
                uow.session.scalar(
                    select(func.count()).select_from(RestSeat).where(RestSeat.retired_at.is_(None))
                )
                or 0
            ) > 0

    def set_out_of_service(self, number: str, out_of_service: bool) -> SeatRow:
        """Keeper: take a seat out of service (a broken recliner) or back. A seat someone rests
        on stays theirs until they wake; it is simply not offered afterwards."""
        with self._uow_factory() as uow:
            seat = self._seat(uow.session, number)
            seat.out_of_service_at = self.now() if out_of_service else None
            uow.commit()
        return self._row(number)

    def board(self) -> list[SeatRow]:
        """Every configured seat in the station's order, with its rest if one is going on."""
        with self._uow_factory() as uow:
            rows = uow.session.execute(
                select(RestSeat, RestSession)
                .outerjoin(
                    RestSession,
                    (RestSession.seat_id == RestSeat.id) & RestSession.ended_at.is_(None),
                )
                .where(RestSeat.retired_at.is_(None))
                .order_by(RestSeat.position, RestSeat.number)
            ).all()
            return [self._seat_row(seat, rest) for seat, rest in rows]

    def status(self, row: SeatRow) -> SeatStatus:
        return seat_status(row, self.now(), self.settings)

    @staticmethod
    def _seat_row(seat: RestSeat, rest: RestSession | None) -> SeatRow:
        return SeatRow(
            number=seat.number,
            kind=SeatKind(seat.kind),
            zone=seat.zone,
            out_of_service=seat.out_of_service_at is not None,
            rest_id=rest.public_id if rest else None,
            started_at=rest.started_at if rest else None,
            wake_at=rest.wake_at if rest else None,
            flight=rest.flight if rest else None,
            snoozes=rest.snoozes if rest else 0,
        )

    def _row(self, number: str) -> SeatRow:
        for row in self.board():
            if row.number == number:
                return row
        raise RestError(RestProblem.NO_SUCH_SEAT)

    @staticmethod
    def _seat(session: Session, number: str) -> RestSeat:
        seat = session.scalar(
            select(RestSeat).where(RestSeat.number == number, RestSeat.retired_at.is_(None))
        )
        if seat is None:
            raise RestError(RestProblem.NO_SUCH_SEAT)
        return seat

    @staticmethod
    def _resting(session: Session, seat: RestSeat) -> RestSession | None:
        return session.scalar(
            select(RestSession).where(
                RestSession.seat_id == seat.id, RestSession.ended_at.is_(None)
            )
        )

    # Flights -------------------------------------------------------------------------------

    def _arrivals(self, now: datetime) -> list[ArrivingFlight]:
        # Far enough ahead for the longest rest plus the walk to the exit.
        horizon = self.settings.max_minutes + self.settings.walk_minutes
        return self._ports.arriving_flights.within(now, horizon)

    def flight_wakes(self) -> list[FlightWake]:
        """Flights a driver resting now can be woken for: the wake time is at least the
        shortest rest away and at most the longest."""
        now = self.now()
        walk = timedelta(minutes=self.settings.walk_minutes)
        wakes = []
        for arrival in self._arrivals(now):
            if arrival.passengers_out_at is None:
                continue
            wake_at = arrival.passengers_out_at - walk
            if self._check_minutes(_whole_minutes(now, wake_at), raise_error=False):
                wakes.append(
                    FlightWake(
                        arrival.flight,
                        arrival.city_zh,
                        arrival.city_en,
                        arrival.passengers_out_at,
                        wake_at,
                    )
                )
        return wakes

    def _flight_wake_at(self, flight: str, now: datetime) -> datetime | None:
        for arrival in self._arrivals(now):
            if arrival.flight == flight and arrival.passengers_out_at is not None:
                return arrival.passengers_out_at - timedelta(minutes=self.settings.walk_minutes)
        return None

    def _check_minutes(self, minutes: int, *, raise_error: bool = True) -> bool:
        problem = None
        if minutes < self.settings.min_minutes:
            problem = RestError(RestProblem.TOO_SHORT, minutes=self.settings.min_minutes)
        elif minutes > self.settings.max_minutes:
            problem = RestError(RestProblem.TOO_LONG, minutes=self.settings.max_minutes)
        if problem is not None and raise_error:
            raise problem
        return problem is None

    # Use cases -----------------------------------------------------------------------------

    def start(
        self,
        seat_number: str,
        *,
        minutes: int | None = None,
        flight: str | None = None,
        driving: DrivingSpan | None = None,
    ) -> SeatRow:
        """Take a seat for `minutes`, or until the time to walk out for `flight`."""
        now = self.now()
        if flight is not None:
            wake_at = self._flight_wake_at(flight, now)
            if wake_at is None:
                raise RestError(RestProblem.FLIGHT_NOT_FOUND)
            planned = _whole_minutes(now, wake_at)
            if planned < self.settings.min_minutes:
                raise RestError(RestProblem.FLIGHT_TOO_SOON, minutes=self.settings.min_minutes)
            self._check_minutes(planned)
        elif minutes is None:
            raise RestError(RestProblem.NO_DURATION)
        else:
            self._check_minutes(minutes)
            planned = minutes
            wake_at = now + timedelta(minutes=minutes)
        try:
            with self._uow_factory() as uow:
                seat = self._seat(uow.session, seat_number)
                if seat.out_of_service_at is not None:
                    raise RestError(RestProblem.SEAT_OUT_OF_SERVICE)
                if self._resting(uow.session, seat) is not None:
                    raise RestError(RestProblem.SEAT_TAKEN)
                uow.session.add(
                    RestSession(
                        public_id=str(uuid.uuid4()),
                        seat_id=seat.id,
                        started_at=now,
                        wake_at=wake_at,
                        planned_minutes=planned,
                        flight=flight,
                        driving=driving.value if driving else None,
                        snoozes=0,
                    )
                )
                uow.commit()
        except IntegrityError as error:
            # Another driver took the seat between our check and our commit: the unique index
            # on the seat's resting row refused the second one.
            raise RestError(RestProblem.SEAT_TAKEN) from error
        return self._row(seat_number)

    def _rest_on(self, session: Session, seat_number: str) -> tuple[RestSeat, RestSession]:
        """The seat and the rest going on on it; NOT_RESTING when it has none."""
        seat = self._seat(session, seat_number)
        rest = self._resting(session, seat)
        if rest is None:
            raise RestError(RestProblem.NOT_RESTING)
        return seat, rest

    def _finish(self, seat_number: str, *, keeper: bool) -> FinishedRest:
        now = self.now()
        ended_by = "keeper" if keeper else "driver"
        with self._uow_factory() as uow:
            seat, rest = self._rest_on(uow.session, seat_number)
            if keeper:
                may_free_at = rest.wake_at + timedelta(minutes=self.settings.free_after_minutes)
                if now < may_free_at:
                    raise RestError(
                        RestProblem.TOO_EARLY_TO_FREE,
                        minutes=_ceil_minutes(now, may_free_at),
                    )
            rest.ended_at = now
            rest.ended_by = ended_by
            minutes = _whole_minutes(rest.started_at, now)
            self._outbox.add(
                uow.session,
                REST_FINISHED,
                RestFinished(
                    rest_id=rest.public_id,
                    seat=seat.number,
                    seat_kind=SeatKind(seat.kind).value,
                    started_at=rest.started_at,
                    ended_at=now,
                    minutes=minutes,
                    planned_minutes=rest.planned_minutes,
                    snoozes=rest.snoozes,
                    ended_by=ended_by,
                    flight_linked=rest.flight is not None,
                ),
                now,
            )
            uow.commit()
            return FinishedRest(seat.number, rest.started_at, now, minutes, ended_by)

    def wake(self, seat_number: str) -> FinishedRest:
        """我醒了: the driver ends their rest (at the wake-up, or earlier)."""
        return self._finish(seat_number, keeper=False)

    def free_seat(self, seat_number: str) -> FinishedRest:
        """Keeper: end a rest nobody answered, once the free-after time has passed."""
        return self._finish(seat_number, keeper=True)

    def snooze(self, seat_number: str) -> SeatRow:
        """再歇 10 分钟: only once the time is up, at most `max_snoozes` times."""
        now = self.now()
        with self._uow_factory() as uow:
            _seat, rest = self._rest_on(uow.session, seat_number)
            if now < rest.wake_at:
                raise RestError(RestProblem.NOT_TIME_YET, minutes=_ceil_minutes(now, rest.wake_at))
            if rest.snoozes >= self.settings.max_snoozes:
                raise RestError(RestProblem.SNOOZE_LIMIT, minutes=self.settings.max_snoozes)
            rest.snoozes += 1
            rest.wake_at = now + timedelta(minutes=self.settings.snooze_minutes)
            # A snoozed rest is no longer flight-linked: the driver chose the new time.
            rest.flight = None
            rest.alerted_at = None
            rest.overstay_at = None
            uow.commit()
        return self._row(seat_number)

    def tick(self) -> TickReport:
        """The periodic job: follow flights, chime each wake-up once, mark overdue rests."""
        now = self.now()
        report = TickReport()
        with self._uow_factory() as uow:
            resting = uow.session.execute(
                select(RestSession, RestSeat.number)
                .join(RestSeat, RestSeat.id == RestSession.seat_id)
                .where(RestSession.ended_at.is_(None))
            ).all()
            arrivals: dict[str, datetime] | None = None
            for rest, number in resting:
                if rest.flight is not None and rest.alerted_at is None:
                    if arrivals is None:
                        walk = timedelta(minutes=self.settings.walk_minutes)
                        arrivals = {
                            a.flight: a.passengers_out_at - walk
                            for a in self._arrivals(now)
                            if a.passengers_out_at is not None
                        }
                    moved_to = arrivals.get(rest.flight)
                    # A flight no longer listed (it landed, or fell off the board) keeps the
                    # last known wake time.
                    if moved_to is not None and moved_to != rest.wake_at:
                        rest.wake_at = moved_to
                        rest.planned_minutes = _whole_minutes(rest.started_at, moved_to)
                        report.moved.append(number)
                if rest.wake_at <= now and rest.alerted_at is None:
                    rest.alerted_at = now
                    report.chimed.append(number)
                overdue_at = rest.wake_at + timedelta(minutes=self.settings.overstay_minutes)
                if overdue_at <= now and rest.overstay_at is None:
                    rest.overstay_at = now
                    report.overdue.append(number)
            uow.commit()
        volume = self.settings.volume_at(now)
        if report.chimed and volume > 0:
            # One chime however many seats are up at once: it calls people to the board.
            self._ports.sound.chime(WAKE_CUE, volume)
        return report

    # The keeper's day ----------------------------------------------------------------------

    def day_counts(self, day: date) -> RestDayCounts:
        start, end = local_day_bounds(day)
        with self._uow_factory() as uow:
            session = uow.session

            def count(*where: ColumnElement[bool]) -> int:
                query = select(func.count()).select_from(RestSession).where(*where)
                return int(session.scalar(query) or 0)

            ended = session.execute(
                select(RestSession.started_at, RestSession.ended_at).where(
                    RestSession.ended_at >= start, RestSession.ended_at < end
                )
            ).all()
            snoozes = session.scalar(
                select(func.coalesce(func.sum(RestSession.snoozes), 0)).where(
                    RestSession.started_at >= start, RestSession.started_at < end
                )
            )
            return RestDayCounts(
                rests=count(RestSession.started_at >= start, RestSession.started_at < end),
                minutes=sum(_whole_minutes(s, e) for s, e in ended if e is not None),
                overdue=count(RestSession.overstay_at >= start, RestSession.overstay_at < end),
                freed=count(
                    RestSession.ended_at >= start,
                    RestSession.ended_at < end,
                    RestSession.ended_by == "keeper",
                ),
                snoozes=int(snoozes or 0),
            )

    def resting_count(self) -> int:
        with self._uow_factory() as uow:
            return int(
                uow.session.scalar(
                    select(func.count())
                    .select_from(RestSession)
                    .where(RestSession.ended_at.is_(None))
                )
                or 0
            )


def _ceil_minutes(start: datetime, end: datetime) -> int:
    return max(0, -int(-(end - start).total_seconds() // 60))
