"""Parking reservations for cars, EV charging bays and trucks.

The guarantee: at no instant from now on do the active reservations of a bay type exceed that
type's bays in service. "Active" means BOOKED and not yet past start + grace (an expired booking
holds nothing even before the sweep marks it a no-show), or ARRIVED and not yet LEFT. A
reservation holds its window [start_at, end_at); an arrived car still there after end_at holds a
bay at least until now (an overstay is counted, never assumed away).

Every use case that can add load (a booking, an early arrival, a bay taken out of service) runs
check-then-write in one transaction whose first statement bumps a `parking_locks` row. In SQLite
that UPDATE takes the database's single write lock before the check reads anything, so kiosk
threads and the `sync` process (remote bookings) on the same file are serialised; a second writer
waits (busy_timeout) and then reads what the first committed. Reads that only show numbers
(availability, the board) take no lock.

Car and truck bays are pooled and assigned at arrival (capacity is a count); an EV booking holds
a specific charger for its whole window, so EV availability counts chargers free for the whole
window rather than the peak.

Every change the county must know commits an outbox row in the same transaction. Payloads carry
the plate masked (湘A***45) — enough for a driver to recognise their booking on the county's QR
page, not enough to follow a car — and never anything of the phone.
"""

from __future__ import annotations

import enum
import secrets
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from kiosk.services.identity import CONSENT_VERSION, PhoneHasher
from kiosk.services.parking.models import ACTIVE_STATES_SQL, ParkingBay, ParkingLock, Reservation
from kiosk.services.parking.plates import Plate, mask_plate, parse_plate
from kiosk.services.phones import PhoneNumber
from kiosk.store.models import Driver
from kiosk.store.outbox import Outbox
from kiosk.store.types import UtcDateTime
from kiosk.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from redhome_wire.parking import (
    OP_PAYLOADS,
    RESERVATION_CREATED,
    RESERVATION_UPDATED,
    ReservationChange,
)
from redhome_wire.station_time import STATION_TZ, Clock, local_day, local_day_bounds

# Parking's ops, written only from its wire models (the remote-request answers too).
PARKING_OUTBOX = Outbox(OP_PAYLOADS)
SOURCES = ("kiosk", "remote", "keeper")
REASON_MAX = 100
CODE_PREFIX = "P-"
_CODE_ATTEMPTS = 30
# An arrived car not yet gone holds its bay at least up to and including "now".
_STILL_HERE = timedelta(microseconds=1)
# "Until further notice" for a bay taken out of service: later than any booking can reach.
_FOREVER = timedelta(days=3650)


class BayType(enum.StrEnum):
    CAR = "car"
    EV = "ev"
    TRUCK = "truck"


class ReservationState(enum.StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    LEFT = "left"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


def _default_max_hours() -> dict[BayType, int]:
    return {BayType.CAR: 12, BayType.EV: 4, BayType.TRUCK: 24}


@dataclass(frozen=True)
class ParkingSettings:
    slot_minutes: int = 15
    horizon_hours: int = 24
    max_hours: dict[BayType, int] = field(default_factory=_default_max_hours)
    min_minutes: int = 15
    grace_minutes: int = 15
    # A driver may arrive this long before their start if a bay is free until then.
    early_arrival_minutes: int = 30
    no_show_limit: int = 3
    no_show_window_days: int = 30
    ban_days: int = 7

    def __post_init__(self) -> None:
        if self.slot_minutes < 1 or 60 % self.slot_minutes:
            raise ValueError("slot_minutes must divide an hour")
        if self.min_minutes < 1 or self.horizon_hours < 1 or self.grace_minutes < 0:
            raise ValueError("parking limits must be positive")
        if set(self.max_hours) != set(BayType) or min(self.max_hours.values()) < 1:
            raise ValueError("max_hours needs a positive limit for every bay type")
        if self.no_show_limit < 1 or self.no_show_window_days < 1 or self.ban_days < 0:
            raise ValueError("no-show settings must be positive")

    @property
    def slot(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    @property
    def grace(self) -> timedelta:
        return timedelta(minutes=self.grace_minutes)


@dataclass(frozen=True)
class BayConfig:
    code: str
    bay_type: BayType
    power_kw: float | None = None


class ParkingProblem(enum.Enum):
    UNKNOWN_TYPE = "unknown_type"  # the station has no bays of that type
    IN_THE_PAST = "in_the_past"
    NOT_ON_SLOT = "not_on_slot"  # a later start must be on a 15-minute boundary
    TOO_FAR_AHEAD = "too_far_ahead"  # beyond the 24 h horizon
    TOO_LONG = "too_long"  # `max_hours` says the limit of that type
    TOO_SHORT = "too_short"  # `min_minutes` says the least
    BAD_DURATION = "bad_duration"  # not a whole number of slots
    NONE_FREE = "none_free"
    BANNED = "banned"  # `ban_ends_at` says until when
    DOUBLE_BOOKING = "double_booking"  # this plate already holds a bay in that window
    NOT_FOUND = "not_found"  # no live reservation for that plate / code
    WRONG_CODE = "wrong_code"  # the plate has bookings, none with this code
    NOT_ARRIVABLE = "not_arrivable"  # the booking lapsed (grace passed): a no-show
    TOO_EARLY = "too_early"  # `not_before` says from when
    ALREADY_ARRIVED = "already_arrived"
    NOT_ARRIVED = "not_arrived"  # leaving a booking that never arrived
    BAY_HAS_BOOKINGS = "bay_has_bookings"  # out of service would leave bookings without a bay
    BAY_OCCUPIED = "bay_occupied"  # a car stands on it now
    UNKNOWN_BAY = "unknown_bay"
    BAD_REASON = "bad_reason"  # an out-of-service reason that is empty or too long


class ParkingError(ValueError):
    """A refused parking request; `problem` says why, the other fields what the UI may add."""

    def __init__(
        self,
        problem: ParkingProblem,
        *,
        ban_ends_at: datetime | None = None,
        max_hours: int | None = None,
        min_minutes: int | None = None,
        not_before: datetime | None = None,
    ) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.ban_ends_at = ban_ends_at
        self.max_hours = max_hours
        self.min_minutes = min_minutes
        self.not_before = not_before


@dataclass(frozen=True)
class Availability:
    bay_type: BayType
    in_service: int
    free: int


@dataclass(frozen=True)
class ReservationView:
    code: str
    plate: str
    new_energy: bool
    bay_type: BayType
    bay_code: str | None
    power_kw: float | None
    start_at: datetime
    end_at: datetime
    state: ReservationState
    arrived_at: datetime | None
    left_at: datetime | None
    reservation_id: str = ""  # public UUID: what a county page or QR link names
    source: str = "kiosk"
    plate_masked: str = ""
    no_show_deadline: datetime | None = None  # while BOOKED: arrive before this


@dataclass(frozen=True)
class BayView:
    code: str
    bay_type: BayType
    power_kw: float | None
    out_of_service_reason: str | None
    occupied_by: str | None


@dataclass(frozen=True)
class ParkingDayCounts:
    """Close-out figures for one station-local day.

    bookings, arrivals, no_shows and cancellations count reservations whose start falls on the
    day, by how they went. occupancy_percent: bay-minutes actually occupied (arrival to leaving,
    or to now while still parked) within the day's elapsed part, divided by the station's bays
    (not retired) × the minutes elapsed of that day; out-of-service spells are not subtracted,
    because their history is not kept. occupancy_by_type is the same per bay type.
    """

    day: date
    bookings: int
    arrivals: int
    no_shows: int
    cancellations: int
    occupancy_percent: int
    occupancy_by_type: Mapping[BayType, int] = field(default_factory=dict)


@dataclass(frozen=True)
class InventoryReport:
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    retired: tuple[str, ...] = ()
    # Removed from the configuration but still needed by bookings: kept in service for now and
    # retried at the next start-up.
    kept: tuple[str, ...] = ()


# The peak number of live reservations of one type over [:window_start, :window_end), in one
# statement: +1/-1 events clipped to the window, a running sum, its maximum. At equal instants
# an end (-1) sorts before a start (+1), so back-to-back windows do not overlap. The benchmark
# runs this same text through the stdlib sqlite3 module as its floor.
PEAK_SQL = f"""
WITH live AS (
    SELECT start_at,
           CASE WHEN state = 'arrived' AND end_at < :hold THEN :hold ELSE end_at END AS end_eff
    FROM parking_reservations
    WHERE {ACTIVE_STATES_SQL}
      AND bay_type = :bay_type
      AND start_at < :window_end
      AND (state = 'arrived' OR start_at > :expired_before)
),
events AS (
    SELECT max(start_at, :window_start) AS t, 1 AS delta FROM live WHERE end_eff > :window_start
    UNION ALL
    SELECT min(end_eff, :window_end) AS t, -1 AS delta FROM live WHERE end_eff > :window_start
)
SELECT coalesce(max(level), 0) FROM (
    SELECT sum(delta) OVER (ORDER BY t, delta ROWS UNBOUNDED PRECEDING) AS level FROM events
)
"""

IN_SERVICE_SQL = """
SELECT count(*) FROM parking_bays
WHERE bay_type = :bay_type AND retired_at IS NULL AND out_of_service_reason IS NULL
"""

_PEAK = text(PEAK_SQL).bindparams(
    bindparam("hold", type_=UtcDateTime()),
    bindparam("window_start", type_=UtcDateTime()),
    bindparam("window_end", type_=UtcDateTime()),
    bindparam("expired_before", type_=UtcDateTime()),
    bindparam("bay_type"),
)
_IN_SERVICE = text(IN_SERVICE_SQL)
_ACTIVE = text(ACTIVE_STATES_SQL)


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("parking times must be timezone-aware")
    return instant.astimezone(UTC)


def _bay_type(value: BayType | str) -> BayType:
    try:
        return BayType(value)
    except ValueError:
        raise ParkingError(ParkingProblem.UNKNOWN_TYPE) from None


def normalize_code(text_: str | None) -> str | None:
    """P-4821 from 'p4821', '４８２１', ' P - 4821 '; None if it cannot be a code."""
    if not text_ or len(text_) > 20:
        return None
    compact = "".join(unicodedata.normalize("NFKC", text_).upper().split()).replace("-", "")
    if compact.startswith("P"):
        compact = compact[1:]
    if len(compact) != 4 or not (compact.isascii() and compact.isdigit()):
        return None
    return CODE_PREFIX + compact


def _clean_reason(reason: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFKC", reason).split())
    if not cleaned or len(cleaned) > REASON_MAX:
        raise ParkingError(ParkingProblem.BAD_REASON)
    if any(unicodedata.category(char)[0] not in ("L", "N", "P", "Z", "S") for char in cleaned):
        raise ParkingError(ParkingProblem.BAD_REASON)
    return cleaned


class ParkingService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        settings: ParkingSettings,
        hasher: PhoneHasher,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self.settings = settings
        self._hasher = hasher

    def with_clock(self, clock: Clock) -> ParkingService:
        """The same service on another clock (demo seeding, simulations)."""
        return ParkingService(self._uow_factory, clock, self.settings, self._hasher)

    # --- time ---------------------------------------------------------------------------

    def _now(self) -> datetime:
        return _aware(self._clock.now())

    def _floor_slot(self, instant: datetime) -> datetime:
        local = instant.astimezone(STATION_TZ)
        minute = local.minute - local.minute % self.settings.slot_minutes
        return local.replace(minute=minute, second=0, microsecond=0).astimezone(UTC)

    def _on_slot(self, instant: datetime) -> bool:
        return self._floor_slot(instant) == instant

    def bookable_starts(self) -> list[datetime]:
        """Now, then every slot boundary after it up to the horizon (UTC, aware)."""
        now = self._now()
        last = now + timedelta(hours=self.settings.horizon_hours)
        starts = [now]
        boundary = self._floor_slot(now) + self.settings.slot
        while boundary <= last:
            starts.append(boundary)
            boundary += self.settings.slot
        return starts

    def _window(
        self, bay_type: BayType, start_at: datetime | None, minutes: int, now: datetime
    ) -> tuple[datetime, datetime]:
        settings = self.settings
        if start_at is None:
            start = now
        else:
            start = _aware(start_at)
            # A start within the current slot (the board's "now" tapped a little while ago)
            # means now.
            if now - settings.slot < start <= now:
                start = now
            elif start < now:
                raise ParkingError(ParkingProblem.IN_THE_PAST)
            elif not self._on_slot(start):
                raise ParkingError(ParkingProblem.NOT_ON_SLOT)
            elif start > now + timedelta(hours=settings.horizon_hours):
                raise ParkingError(ParkingProblem.TOO_FAR_AHEAD)
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise TypeError("minutes must be an int")
        if minutes < settings.min_minutes:
            raise ParkingError(ParkingProblem.TOO_SHORT, min_minutes=settings.min_minutes)
        if minutes > settings.max_hours[bay_type] * 60:
            raise ParkingError(ParkingProblem.TOO_LONG, max_hours=settings.max_hours[bay_type])
        if minutes % settings.slot_minutes:
            raise ParkingError(ParkingProblem.BAD_DURATION)
        return start, start + timedelta(minutes=minutes)

    # --- locking and shared queries --------------------------------------------------------

    def _lock(self, session: Session, types: Iterable[BayType] = tuple(BayType)) -> None:
        """Take SQLite's write lock: must be the first statement of the transaction.

        The stdlib sqlite3 driver opens the transaction just before the first data-changing
        statement, so this UPDATE both begins it and acquires the lock; every read after it sees
        the latest commit and nobody else can commit until we do.
        """
        names = sorted({BayType(t).value for t in types})
        result = cast(  # an UPDATE gives a CursorResult
            CursorResult[Any],
            session.execute(
                update(ParkingLock)
                .where(ParkingLock.bay_type.in_(names))
                .values(version=ParkingLock.version + 1)
                .execution_options(synchronize_session=False)
            ),
        )
        if result.rowcount != len(names):  # a database created without the migration's rows
            have = set(
                session.scalars(select(ParkingLock.bay_type).where(ParkingLock.bay_type.in_(names)))
            )
            for name in names:
                if name not in have:
                    session.add(ParkingLock(bay_type=name, version=1))
            session.flush()

    def _live(self, now: datetime) -> ColumnElement[bool]:
        """Holds capacity at `now`: arrived, or booked and not past its grace."""
        return and_(
            _ACTIVE,
            or_(
                Reservation.state == ReservationState.ARRIVED.value,
                Reservation.start_at > now - self.settings.grace,
            ),
        )

    @staticmethod
    def _overlaps(start: datetime, end: datetime, now: datetime) -> ColumnElement[bool]:
        hold = literal(now + _STILL_HERE, UtcDateTime())
        end_eff = case(
            (
                and_(
                    Reservation.state == ReservationState.ARRIVED.value,
                    Reservation.end_at < hold,
                ),
                hold,
            ),
            else_=Reservation.end_at,
        )
        return and_(Reservation.start_at < end, end_eff > literal(start, UtcDateTime()))

    def _in_service(self, session: Session, bay_type: BayType) -> int:
        return int(session.execute(_IN_SERVICE, {"bay_type": bay_type.value}).scalar_one())

    def _peak(
        self,
        session: Session,
        bay_type: BayType,
        start: datetime,
        end: datetime,
        now: datetime,
    ) -> int:
        return int(
            session.execute(
                _PEAK,
                {
                    "bay_type": bay_type.value,
                    "window_start": start,
                    "window_end": end,
                    "hold": now + _STILL_HERE,
                    "expired_before": now - self.settings.grace,
                },
            ).scalar_one()
        )

    def _free_chargers(
        self,
        session: Session,
        start: datetime,
        end: datetime,
        now: datetime,
        *,
        exclude_bay: int | None = None,
        ignore_reservation: int | None = None,
    ) -> list[ParkingBay]:
        """EV chargers in service with no live booking overlapping [start, end)."""
        busy = exists().where(
            Reservation.bay_id == ParkingBay.id,
            self._live(now),
            self._overlaps(start, end, now),
        )
        if ignore_reservation is not None:
            busy = busy.where(Reservation.id != ignore_reservation)
        query = select(ParkingBay).where(
            ParkingBay.bay_type == BayType.EV.value,
            ParkingBay.retired_at.is_(None),
            ParkingBay.out_of_service_reason.is_(None),
            ~busy,
        )
        if exclude_bay is not None:
            query = query.where(ParkingBay.id != exclude_bay)
        return list(session.scalars(query.order_by(ParkingBay.code)))

    def _has_bays(self, session: Session, bay_type: BayType) -> bool:
        return (
            session.scalar(
                select(ParkingBay.id)
                .where(ParkingBay.bay_type == bay_type.value, ParkingBay.retired_at.is_(None))
                .limit(1)
            )
            is not None
        )

    def _fits(
        self,
        session: Session,
        bay_type: BayType,
        start: datetime,
        end: datetime,
        now: datetime,
        extra: int = 1,
    ) -> bool:
        in_service = self._in_service(session, bay_type)
        return self._peak(session, bay_type, start, end, now) + extra <= in_service

    # --- views and outbox ----------------------------------------------------------------

    def _view(self, session: Session, row: Reservation) -> ReservationView:
        bay = session.get(ParkingBay, row.bay_id) if row.bay_id is not None else None
        state = ReservationState(row.state)
        return ReservationView(
            code=row.code,
            plate=row.plate,
            new_energy=row.new_energy,
            bay_type=BayType(row.bay_type),
            bay_code=bay.code if bay else None,
            power_kw=bay.power_kw if bay else None,
            start_at=row.start_at,
            end_at=row.end_at,
            state=state,
            arrived_at=row.arrived_at,
            left_at=row.left_at,
            reservation_id=row.public_id,
            source=row.source,
            plate_masked=mask_plate(row.plate),
            no_show_deadline=(
                row.start_at + self.settings.grace if state is ReservationState.BOOKED else None
            ),
        )

    def _commit_change(
        self, uow: UnitOfWork, row: Reservation, event: str, now: datetime
    ) -> ReservationView:
        """A reservation's state change, its outbox row, one commit, and the view to show."""
        uow.session.flush()
        self._publish(uow.session, row, event, now, created=False)
        view = self._view(uow.session, row)
        uow.commit()
        return view

    def _publish(
        self, session: Session, row: Reservation, event: str, now: datetime, *, created: bool
    ) -> None:
        """The reservation's whole public state: each operation stands on its own."""
        bay = session.get(ParkingBay, row.bay_id) if row.bay_id is not None else None

        payload = ReservationChange(
            reservation_id=row.public_id,
            code=row.code,
            event=event,
            state=row.state,
            bay_type=row.bay_type,
            bay_code=bay.code if bay else None,
            power_kw=bay.power_kw if bay else None,
            plate_masked=mask_plate(row.plate),
            new_energy=row.new_energy,
            start_at=row.start_at,
            end_at=row.end_at,
            local_day=local_day(row.start_at),
            created_at=row.created_at,
            arrived_at=row.arrived_at,
            left_at=row.left_at,
            cancelled_at=row.cancelled_at,
            no_show_at=row.no_show_at,
            source=row.source,
            remote_id=row.remote_id,
            changed_at=now,
        )
        kind = RESERVATION_CREATED if created else RESERVATION_UPDATED
        PARKING_OUTBOX.add(session, kind, payload, now)

    # --- no-shows and bans ---------------------------------------------------------------

    def _expire(self, session: Session, now: datetime) -> int:
        """Under the lock: booked past start + grace become no-shows, with their outbox rows."""
        cutoff = now - self.settings.grace
        rows = list(
            session.scalars(
                select(Reservation)
                .where(text("state = 'booked'"), Reservation.start_at <= cutoff)
                .order_by(Reservation.start_at, Reservation.id)
            )
        )
        for row in rows:
            row.state = ReservationState.NO_SHOW.value
            # The instant it lapsed, not when the sweep ran: bans must not depend on timing.
            row.no_show_at = row.start_at + self.settings.grace
            self._publish(session, row, "no_show", now, created=False)
        if rows:
            session.flush()
        return len(rows)

    def expire_no_shows(self) -> int:
        """Mark lapsed bookings as no-shows; their capacity was already free. Returns how many."""
        now = self._now()
        cutoff = now - self.settings.grace
        with self._uow_factory() as uow:
            # A cheap read first, so that the usual case takes no write lock at all.
            lapsed = uow.session.scalar(
                select(Reservation.id)
                .where(text("state = 'booked'"), Reservation.start_at <= cutoff)
                .limit(1)
            )
            if lapsed is None:
                return 0
        with self._uow_factory() as uow:
            self._lock(uow.session)
            count = self._expire(uow.session, now)
            uow.commit()
            return count

    def _ban_end(self, session: Session, plate: str, now: datetime) -> datetime | None:
        """When the plate's current ban ends, or None.

        A ban starts at a no-show that makes `no_show_limit` within the rolling window and lasts
        `ban_days`; overlapping bans run to the latest end.
        """
        settings = self.settings
        window = timedelta(days=settings.no_show_window_days)
        ban = timedelta(days=settings.ban_days)
        times = list(
            session.scalars(
                select(Reservation.no_show_at)
                .where(
                    text("state = 'no_show'"),
                    Reservation.plate == plate,
                    Reservation.no_show_at > now - window - ban,
                    Reservation.no_show_at <= now,
                )
                .order_by(Reservation.no_show_at)
            )
        )
        instants = [instant for instant in times if instant is not None]
        ends: list[datetime] = []
        for index, instant in enumerate(instants):
            within = sum(1 for earlier in instants[: index + 1] if earlier > instant - window)
            if within >= settings.no_show_limit and instant + ban > now:
                ends.append(instant + ban)
        return max(ends) if ends else None

    def ban_for(self, plate_text: str) -> datetime | None:
        plate = parse_plate(plate_text)
        self.expire_no_shows()
        with self._uow_factory() as uow:
            return self._ban_end(uow.session, plate.number, self._now())

    # --- inventory -------------------------------------------------------------------------

    def sync_inventory(self, bays: Sequence[BayConfig]) -> InventoryReport:
        """Make the bays match the station configuration, keeping every bay's history.

        New codes are added, changed power or type updated, codes no longer configured retired;
        a removed bay that bookings still need (or a car stands on) is kept and reported.
        """
        codes = [bay.code for bay in bays]
        if len(set(codes)) != len(codes):
            raise ValueError("bay codes in the station configuration must be unique")
        for bay in bays:
            if not bay.code or len(bay.code) > 16:
                raise ValueError(f"bad bay code {bay.code!r}")
            BayType(bay.bay_type)
        wanted = {bay.code: bay for bay in bays}
        now = self._now()
        added: list[str] = []
        updated: list[str] = []
        retired: list[str] = []
        kept: list[str] = []
        with self._uow_factory() as uow:
            session = uow.session
            self._lock(session)
            self._expire(session, now)
            existing = {bay.code: bay for bay in session.scalars(select(ParkingBay))}
            # Additions first, so capacity is there before anything is retired.
            for code, config in wanted.items():
                row = existing.get(code)
                bay_type = BayType(config.bay_type).value
                if row is None:
                    session.add(
                        ParkingBay(
                            code=code,
                            bay_type=bay_type,
                            power_kw=config.power_kw,
                            created_at=now,
                        )
                    )
                    added.append(code)
                elif row.retired_at is not None:
                    # Back in the configuration: a retired bay holds nothing, so any type goes.
                    row.retired_at = None
                    row.bay_type = bay_type
                    row.power_kw = config.power_kw
                    added.append(code)
                elif row.bay_type == bay_type and row.power_kw != config.power_kw:
                    row.power_kw = config.power_kw
                    updated.append(code)
            session.flush()
            for code, row in existing.items():
                target = wanted.get(code)
                changes_type = target is not None and row.bay_type != target.bay_type.value
                if row.retired_at is not None or (target is not None and not changes_type):
                    continue
                # Leaving its type (removed, or re-typed): the same test as out of service.
                if row.out_of_service_reason is None and self._blocked(session, row, now):
                    kept.append(code)
                    continue
                if target is None:
                    row.retired_at = now
                    retired.append(code)
                else:
                    row.bay_type = target.bay_type.value
                    row.power_kw = target.power_kw
                    updated.append(code)
                session.flush()
            uow.commit()
        return InventoryReport(tuple(added), tuple(updated), tuple(retired), tuple(kept))

    def _occupant(self, session: Session, bay_id: int) -> Reservation | None:
        return session.scalar(
            select(Reservation).where(
                _ACTIVE,
                Reservation.bay_id == bay_id,
                Reservation.state == ReservationState.ARRIVED.value,
            )
        )

    def _blocked(self, session: Session, bay: ParkingBay, now: datetime) -> bool:
        """Can `bay` stop counting for its type? Moves its EV bookings if it can; True if not.

        Moves are planned first and applied only when every booking has a new charger, so a
        refusal changes nothing.
        """
        if self._occupant(session, bay.id) is not None:
            return True
        bay_type = BayType(bay.bay_type)
        if bay_type is not BayType.EV:
            return not self._fits(session, bay_type, now, now + _FOREVER, now, extra=1)
        booked = list(
            session.scalars(
                select(Reservation)
                .where(self._live(now), Reservation.bay_id == bay.id)
                .order_by(Reservation.start_at, Reservation.id)
            )
        )
        planned: list[tuple[Reservation, ParkingBay]] = []
        for row in booked:
            free = [
                charger
                for charger in self._free_chargers(
                    session, row.start_at, row.end_at, now, exclude_bay=bay.id
                )
                if not any(
                    target.id == charger.id
                    and other.start_at < row.end_at
                    and row.start_at < other.end_at
                    for other, target in planned
                )
            ]
            if not free:
                return True
            # Same power if there is one, else the nearest: the driver booked a charger, not a
            # power, but should lose as little as possible.
            power = bay.power_kw or 0.0
            planned.append(
                (row, min(free, key=lambda c: (abs((c.power_kw or 0.0) - power), c.code)))
            )
        for row, target in planned:
            row.bay_id = target.id
            self._publish(session, row, "moved", now, created=False)
        session.flush()
        return False

    def set_out_of_service(self, bay_code: str, reason: str | None) -> BayView:
        """Take a bay out of service (reason given) or put it back (None).

        Refused with BAY_OCCUPIED while a car stands on it. A car or truck bay is refused with
        BAY_HAS_BOOKINGS when the bookings of its type need every bay from now on. An EV
        charger's bookings are moved to other free chargers (same power first); if any cannot
        be moved, nothing moves and BAY_HAS_BOOKINGS is raised.
        """
        cleaned = _clean_reason(reason) if reason is not None else None
        now = self._now()
        with self._uow_factory() as uow:
            session = uow.session
            self._lock(session)
            self._expire(session, now)
            bay = session.scalar(
                select(ParkingBay).where(
                    ParkingBay.code == bay_code.strip(), ParkingBay.retired_at.is_(None)
                )
            )
            if bay is None:
                raise ParkingError(ParkingProblem.UNKNOWN_BAY)
            if cleaned is None:
                bay.out_of_service_reason = None
                bay.out_of_service_at = None
            else:
                if bay.out_of_service_reason is None:
                    if self._occupant(session, bay.id) is not None:
                        raise ParkingError(ParkingProblem.BAY_OCCUPIED)
                    if self._blocked(session, bay, now):
                        raise ParkingError(ParkingProblem.BAY_HAS_BOOKINGS)
                    bay.out_of_service_at = now
                bay.out_of_service_reason = cleaned
            session.flush()
            view = self._bay_view(bay, self._occupant(session, bay.id))
            uow.commit()
            return view

    @staticmethod
    def _bay_view(bay: ParkingBay, occupant: Reservation | None) -> BayView:
        return BayView(
            code=bay.code,
            bay_type=BayType(bay.bay_type),
            power_kw=bay.power_kw,
            out_of_service_reason=bay.out_of_service_reason,
            occupied_by=occupant.code if occupant else None,
        )

    def bays(self) -> list[BayView]:
        """Every bay of the station (retired ones left out), by type then code."""
        with self._uow_factory() as uow:
            session = uow.session
            occupants = {
                row.bay_id: row
                for row in session.scalars(
                    select(Reservation).where(
                        _ACTIVE,
                        Reservation.state == ReservationState.ARRIVED.value,
                        Reservation.bay_id.is_not(None),
                    )
                )
            }
            order = {t.value: i for i, t in enumerate(BayType)}
            rows = sorted(
                session.scalars(select(ParkingBay).where(ParkingBay.retired_at.is_(None))),
                key=lambda bay: (order.get(bay.bay_type, 99), bay.code),
            )
            return [self._bay_view(bay, occupants.get(bay.id)) for bay in rows]

    # --- reading numbers -----------------------------------------------------------------

    def availability(
        self, bay_type: BayType | str, start_at: datetime | None, end_at: datetime
    ) -> Availability:
        """What a booking of [start_at, end_at) could get. start_at None means now.

        Cars and trucks: bays in service minus the peak of live reservations over the window.
        EV: chargers in service with no live booking anywhere in the window (a booking needs
        one charger for its whole window).
        """
        kind = _bay_type(bay_type)
        now = self._now()
        start = max(_aware(start_at), now) if start_at is not None else now
        end = _aware(end_at)
        with self._uow_factory() as uow:
            session = uow.session
            in_service = self._in_service(session, kind)
            if end <= start:
                return Availability(kind, in_service, 0)
            if kind is BayType.EV:
                free = len(self._free_chargers(session, start, end, now))
            else:
                free = in_service - self._peak(session, kind, start, end, now)
            return Availability(kind, in_service, max(free, 0))

    def board(self, hours: int = 6) -> list[tuple[datetime, dict[BayType, int]]]:
        """Free bays per type now and at each of the next `hours` whole hours (station time)."""
        now = self._now()
        local = now.astimezone(STATION_TZ)
        next_hour = (
            local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        ).astimezone(UTC)
        points = [now] + [next_hour + timedelta(hours=k) for k in range(hours)]
        with self._uow_factory() as uow:
            session = uow.session
            in_service: dict[BayType, int] = {}
            for kind in BayType:
                if self._has_bays(session, kind):
                    in_service[kind] = self._in_service(session, kind)
            rows = session.execute(
                select(
                    Reservation.bay_type,
                    Reservation.state,
                    Reservation.start_at,
                    Reservation.end_at,
                ).where(self._live(now), Reservation.start_at <= points[-1])
            ).all()
        board: list[tuple[datetime, dict[BayType, int]]] = []
        for point in points:
            taken = dict.fromkeys(in_service, 0)
            for bay_type, state, start, end in rows:
                kind = BayType(bay_type)
                if kind not in taken:
                    continue
                end_eff = max(end, now + _STILL_HERE) if state == "arrived" else end
                if start <= point < end_eff:
                    taken[kind] += 1
            board.append((point, {k: max(in_service[k] - taken[k], 0) for k in in_service}))
        return board

    # --- booking -------------------------------------------------------------------------

    def book(
        self,
        bay_type: BayType | str,
        start_at: datetime | None,
        minutes: int,
        plate_text: str,
        phone: PhoneNumber | None = None,
        *,
        source: str = "kiosk",
        remote_id: str | None = None,
    ) -> ReservationView:
        """Reserve a bay; raises ParkingError or InvalidPlate and then saves nothing.

        A remote request (source "remote") with a remote_id already applied returns the
        reservation it made, so a pull that brings it twice books once.
        """
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}")
        if remote_id is not None and not (0 < len(remote_id) <= 64):
            raise ValueError("remote_id must be 1 to 64 characters")
        kind = _bay_type(bay_type)
        now = self._now()
        plate: Plate = parse_plate(plate_text)
        start, end = self._window(kind, start_at, minutes, now)
        phone_hash = self._hasher.hash(phone) if phone is not None else None

        with self._uow_factory() as uow:
            session = uow.session
            self._lock(session, [kind])
            if remote_id is not None:
                already = session.scalar(
                    select(Reservation).where(Reservation.remote_id == remote_id)
                )
                if already is not None:
                    return self._view(session, already)
            self._expire(session, now)
            if not self._has_bays(session, kind):
                raise ParkingError(ParkingProblem.UNKNOWN_TYPE)
            ban_end = self._ban_end(session, plate.number, now)
            if ban_end is not None:
                raise ParkingError(ParkingProblem.BANNED, ban_ends_at=ban_end)
            clash = session.scalar(
                select(Reservation.id)
                .where(
                    Reservation.plate == plate.number,
                    self._live(now),
                    self._overlaps(start, end, now),
                )
                .limit(1)
            )
            if clash is not None:
                raise ParkingError(ParkingProblem.DOUBLE_BOOKING)

            bay_id: int | None = None
            if kind is BayType.EV:
                chargers = self._free_chargers(session, start, end, now)
                if not chargers:
                    raise ParkingError(ParkingProblem.NONE_FREE)
                # Short stays get the fastest charger, long ones the slowest that is free: the
                # DC chargers stay for quick top-ups.
                quick = minutes <= 60
                chargers.sort(
                    key=lambda c: ((-(c.power_kw or 0)) if quick else (c.power_kw or 0), c.code)
                )
                bay_id = chargers[0].id
            elif not self._fits(session, kind, start, end, now):
                raise ParkingError(ParkingProblem.NONE_FREE)

            driver_id = None
            if phone_hash is not None:
                driver_id = session.scalar(
                    select(Driver.id).where(
                        Driver.phone_hash == phone_hash,
                        Driver.consent_version >= CONSENT_VERSION,
                    )
                )
            row = Reservation(
                public_id=str(uuid.uuid4()),
                code=self._new_code(session),
                plate=plate.number,
                new_energy=plate.new_energy,
                bay_type=kind.value,
                bay_id=bay_id,
                start_at=start,
                end_at=end,
                state=ReservationState.BOOKED.value,
                created_at=now,
                source=source,
                remote_id=remote_id,
                driver_id=driver_id,
            )
            session.add(row)
            session.flush()
            self._publish(session, row, "created", now, created=True)
            view = self._view(session, row)
            uow.commit()
            return view

    def _new_code(self, session: Session) -> str:
        def taken(code: str) -> bool:
            return (
                session.scalar(
                    select(Reservation.id).where(_ACTIVE, Reservation.code == code).limit(1)
                )
                is not None
            )

        for _ in range(_CODE_ATTEMPTS):
            code = f"{CODE_PREFIX}{secrets.randbelow(10_000):04d}"
            if not taken(code):
                return code
        # Nearly every code is live: pick from what is left rather than guess again.
        live = set(session.scalars(select(Reservation.code).where(_ACTIVE)))
        left = [
            f"{CODE_PREFIX}{n:04d}" for n in range(10_000) if f"{CODE_PREFIX}{n:04d}" not in live
        ]
        if not left:
            raise ParkingError(ParkingProblem.NONE_FREE)
        return secrets.choice(left)

    # --- lifecycle -----------------------------------------------------------------------

    def _plate_live(self, session: Session, plate: str, now: datetime) -> list[Reservation]:
        return list(
            session.scalars(
                select(Reservation)
                .where(Reservation.plate == plate, self._live(now))
                .order_by(Reservation.start_at, Reservation.id)
            )
        )

    def _by_code(self, session: Session, code_text: str) -> Reservation:
        code = normalize_code(code_text)
        row = (
            session.scalar(select(Reservation).where(_ACTIVE, Reservation.code == code))
            if code
            else None
        )
        if row is None:
            raise ParkingError(ParkingProblem.NOT_FOUND)
        return row

    def arrive(self, plate_text: str, code: str | None = None) -> ReservationView:
        """The driver (or keeper) says the car is here: today's live booking for that plate.

        A car or truck gets a bay now; an EV keeps its charger (or another free one if its
        own is still taken). Arriving up to `early_arrival_minutes` early is allowed when a bay
        is free until the start; the reservation then starts now.
        """
        plate = parse_plate(plate_text)
        wanted = normalize_code(code) if code is not None else None
        now = self._now()
        with self._uow_factory() as uow:
            session = uow.session
            self._lock(session)
            self._expire(session, now)
            live = self._plate_live(session, plate.number, now)
            if code is not None:
                matching = [row for row in live if row.code == wanted]
                if live and not matching:
                    raise ParkingError(ParkingProblem.WRONG_CODE)
                live = matching
            booked = [row for row in live if row.state == ReservationState.BOOKED.value]
            if not booked:
                if live:
                    raise ParkingError(ParkingProblem.ALREADY_ARRIVED)
                lapsed = session.scalar(
                    select(Reservation.id)
                    .where(
                        text("state = 'no_show'"),
                        Reservation.plate == plate.number,
                        Reservation.no_show_at > now - timedelta(hours=12),
                    )
                    .limit(1)
                )
                raise ParkingError(
                    ParkingProblem.NOT_ARRIVABLE if lapsed else ParkingProblem.NOT_FOUND
                )
            row = booked[0]
            kind = BayType(row.bay_type)
            if now < row.start_at:
                earliest = row.start_at - timedelta(minutes=self.settings.early_arrival_minutes)
                if now < earliest:
                    raise ParkingError(ParkingProblem.TOO_EARLY, not_before=earliest)
                if kind is BayType.EV:
                    free_ids = {
                        c.id
                        for c in self._free_chargers(
                            session, now, row.start_at, now, ignore_reservation=row.id
                        )
                    }
                    early_ok = row.bay_id in free_ids
                else:
                    early_ok = self._fits(session, kind, now, row.start_at, now)
                if not early_ok:
                    raise ParkingError(ParkingProblem.TOO_EARLY, not_before=row.start_at)
                row.start_at = now
            if kind is BayType.EV:
                assert row.bay_id is not None
                if self._occupant(session, row.bay_id) is not None:
                    # Someone overstays on this charger: move to one free for the whole window.
                    free = self._free_chargers(
                        session, now, row.end_at, now, ignore_reservation=row.id
                    )
                    if not free:
                        raise ParkingError(ParkingProblem.NONE_FREE)
                    row.bay_id = free[0].id
            else:
                occupied = (
                    select(Reservation.bay_id)
                    .where(
                        _ACTIVE,
                        Reservation.state == ReservationState.ARRIVED.value,
                        Reservation.bay_id.is_not(None),
                    )
                    .scalar_subquery()
                )
                bay = session.scalar(
                    select(ParkingBay)
                    .where(
                        ParkingBay.bay_type == kind.value,
                        ParkingBay.retired_at.is_(None),
                        ParkingBay.out_of_service_reason.is_(None),
                        ParkingBay.id.not_in(occupied),
                    )
                    .order_by(ParkingBay.code)
                    .limit(1)
                )
                if bay is None:  # only when cars overstay: the world broke the promise
                    raise ParkingError(ParkingProblem.NONE_FREE)
                row.bay_id = bay.id
            row.state = ReservationState.ARRIVED.value
            row.arrived_at = now
            return self._commit_change(uow, row, "arrived", now)

    def leave(self, code: str) -> ReservationView:
        now = self._now()
        with self._uow_factory() as uow:
            session = uow.session
            self._lock(session)
            self._expire(session, now)
            row = self._by_code(session, code)
            if row.state != ReservationState.ARRIVED.value:
                raise ParkingError(ParkingProblem.NOT_ARRIVED)
            row.state = ReservationState.LEFT.value
            row.left_at = now
            return self._commit_change(uow, row, "left", now)

    def mark_no_show(self, code: str) -> ReservationView:
        """The keeper gives up on a booking once its start has passed (before the grace ends)."""
        now = self._now()
        with self._uow_factory() as uow:
            session = uow.session
            self._lock(session)
            self._expire(session, now)
            normalized = normalize_code(code)
            row = (
                session.scalar(select(Reservation).where(_ACTIVE, Reservation.code == normalized))
                if normalized
                else None
            )
            if row is None and normalized:
                # Already lapsed by itself in the last few hours: the keeper's tap agrees.
                row = session.scalar(
                    select(Reservation)
                    .where(
                        text("state = 'no_show'"),
                        Reservation.code == normalized,
                        Reservation.no_show_at > now - timedelta(hours=12),
                    )
                    .order_by(Reservation.no_show_at.desc())
                    .limit(1)
                )
                if row is not None:
                    view = self._view(session, row)
                    uow.commit()
                    return view
            if row is None:
                raise ParkingError(ParkingProblem.NOT_FOUND)
            if row.state == ReservationState.ARRIVED.value:
                raise ParkingError(ParkingProblem.ALREADY_ARRIVED)
            if now < row.start_at:
                raise ParkingError(ParkingProblem.TOO_EARLY, not_before=row.start_at)
            row.state = ReservationState.NO_SHOW.value
            row.no_show_at = now
            return self._commit_change(uow, row, "no_show", now)

    def cancel(self, plate_text: str, code: str) -> ReservationView:
        """Cancel by plate and code: both must match a live booking that has not arrived."""
        plate = parse_plate(plate_text)
        wanted = normalize_code(code)
        now = self._now()
        with self._uow_factory() as uow:
            session = uow.session
            self._lock(session)
            self._expire(session, now)
            live = self._plate_live(session, plate.number, now)
            if not live:
                raise ParkingError(ParkingProblem.NOT_FOUND)
            row = next((r for r in live if r.code == wanted), None)
            if row is None:
                raise ParkingError(ParkingProblem.WRONG_CODE)
            if row.state == ReservationState.ARRIVED.value:
                raise ParkingError(ParkingProblem.ALREADY_ARRIVED)
            row.state = ReservationState.CANCELLED.value
            row.cancelled_at = now
            return self._commit_change(uow, row, "cancelled", now)

    # --- lists for the keeper and the driver -------------------------------------------

    def find(self, code: str) -> ReservationView:
        """The live reservation with this code (for a confirmation or QR page)."""
        with self._uow_factory() as uow:
            return self._view(uow.session, self._by_code(uow.session, code))

    def live_for_plate(self, plate_text: str) -> list[ReservationView]:
        """A plate's live reservations, earliest first (a driver's "my bookings")."""
        plate = parse_plate(plate_text)
        now = self._now()
        with self._uow_factory() as uow:
            session = uow.session
            return [self._view(session, r) for r in self._plate_live(session, plate.number, now)]

    def _longest_span(self) -> timedelta:
        return timedelta(
            hours=max(self.settings.max_hours.values()),
            minutes=self.settings.early_arrival_minutes,
        )

    def reservations_on(self, day: date) -> list[ReservationView]:
        """Reservations whose window touches the station-local day, in start order."""
        self.expire_no_shows()
        day_start, day_end = local_day_bounds(day)
        with self._uow_factory() as uow:
            session = uow.session
            rows = session.scalars(
                select(Reservation)
                .where(
                    Reservation.start_at < day_end,
                    Reservation.start_at >= day_start - self._longest_span(),
                    or_(Reservation.end_at > day_start, Reservation.state == "arrived"),
                )
                .order_by(Reservation.start_at, Reservation.code)
            ).all()
            return [self._view(session, row) for row in rows]

    def day_counts(self, day: date) -> ParkingDayCounts:
        self.expire_no_shows()
        now = self._now()
        day_start, day_end = local_day_bounds(day)
        with self._uow_factory() as uow:
            session = uow.session
            by_state = dict(
                session.execute(
                    select(Reservation.state, func.count())
                    .where(Reservation.start_at >= day_start, Reservation.start_at < day_end)
                    .group_by(Reservation.state)
                ).all()
            )
            arrivals = session.scalar(
                select(func.count()).where(
                    Reservation.start_at >= day_start,
                    Reservation.start_at < day_end,
                    Reservation.arrived_at.is_not(None),
                )
            )
            stay_columns = (Reservation.bay_type, Reservation.arrived_at, Reservation.left_at)
            # Still parked (few rows, partial index) plus those that left during or after the
            # day, found through the start index.
            stays = [
                *session.execute(
                    select(*stay_columns).where(
                        _ACTIVE,
                        Reservation.state == ReservationState.ARRIVED.value,
                        Reservation.arrived_at < day_end,
                    )
                ).all(),
                *session.execute(
                    select(*stay_columns).where(
                        Reservation.start_at >= day_start - self._longest_span() * 2,
                        Reservation.start_at < day_end,
                        Reservation.state == ReservationState.LEFT.value,
                        Reservation.arrived_at < day_end,
                        Reservation.left_at > day_start,
                    )
                ).all(),
            ]
            bays = dict(
                session.execute(
                    select(ParkingBay.bay_type, func.count())
                    .where(ParkingBay.retired_at.is_(None))
                    .group_by(ParkingBay.bay_type)
                ).all()
            )
        until = min(day_end, now)
        elapsed = max((until - day_start).total_seconds(), 0.0)
        used: dict[str, float] = {}
        for bay_type, arrived_at, left_at in stays:
            assert arrived_at is not None  # both queries ask for arrived_at < day_end
            stay_end = min(left_at or now, until)
            stay_start = max(arrived_at, day_start)
            if stay_end > stay_start:
                used[bay_type] = used.get(bay_type, 0.0) + (stay_end - stay_start).total_seconds()

        def percent(seconds: float, bay_count: int) -> int:
            capacity = bay_count * elapsed
            return min(round(100 * seconds / capacity), 100) if capacity > 0 else 0

        by_type = {
            BayType(t): percent(used.get(t, 0.0), n) for t, n in bays.items() if t in set(BayType)
        }
        overall = percent(sum(used.values()), sum(bays.values()))
        return ParkingDayCounts(
            day=day,
            bookings=sum(by_state.values()),
            arrivals=arrivals or 0,
            no_shows=by_state.get(ReservationState.NO_SHOW.value, 0),
            cancellations=by_state.get(ReservationState.CANCELLED.value, 0),
            occupancy_percent=overall,
            occupancy_by_type=by_type,
        )
