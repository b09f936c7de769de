"""Driver check-in: recognise a returning driver, ask consent once, record the visit.

A visit and its outbox row commit in one transaction. A driver who declines consent still
checks in; the visit then counts anonymously and nothing of their number is kept.
"""

from __future__ import annotations

import enum
import unicodedata
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, case, insert, select, update

from kiosk.services.checkin.catalog import Platform, Purpose, WorkType
from kiosk.services.checkin.models import Visit
from kiosk.services.identity import CONSENT_VERSION, PhoneHasher
from kiosk.services.phones import PhoneNumber
from kiosk.store.models import Driver
from kiosk.store.outbox import Outbox
from kiosk.store.types import UtcDateTime
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.checkin import OP_PAYLOADS, VISIT_CREATED, VisitCreated
from redhome_wire.protocol import looks_like_phone_number
from redhome_wire.station_time import Clock, local_day

# Raise when the consent wording changes: everyone is asked again.
WORK_DETAIL_MAX = 20

# Built once: recognising a returning driver is on the hot path of every check-in (a driver
# is waiting at the screen), so it reads three columns through Core, not a Driver entity.
_drivers = Driver.__table__
_RECOGNISE = select(
    _drivers.c.consent_version, _drivers.c.last_work_type, _drivers.c.last_platform
).where(_drivers.c.phone_hash == bindparam("phone_hash"))

# The check-in write is on the same hot path: Core statements built once, run on one connection
# in one transaction (UnitOfWork.writing), not a Session flush. A returning driver is found and
# updated in one statement; a driver not asked since the consent wording changed (their
# consent_version below :consent) is brought up to it, with the new consent time. Both CASEs
# read the row's old consent_version.
_visits = Visit.__table__
_now = bindparam("now", type_=UtcDateTime())
_asked_before = _drivers.c.consent_version < bindparam("consent")
_RETURNING_DRIVER = (
    update(_drivers)
    .where(_drivers.c.phone_hash == bindparam("hash"))
    .values(
        consent_version=case(
            (_asked_before, bindparam("consent")), else_=_drivers.c.consent_version
        ),
        consented_at=case(
            (_asked_before, _now),
            else_=_drivers.c.consented_at,
        ),
        last_work_type=bindparam("work_type"),
        last_platform=bindparam("platform"),
        last_seen_at=_now,
    )
    .returning(_drivers.c.id)
)
_NEW_DRIVER = insert(_drivers).returning(_drivers.c.id)
_NEW_VISIT = insert(_visits)


class CheckInProblem(enum.Enum):
    UNKNOWN_WORK_TYPE = "unknown_work_type"
    UNKNOWN_PLATFORM = "unknown_platform"
    UNKNOWN_PURPOSE = "unknown_purpose"
    DETAIL_TOO_LONG = "detail_too_long"
    DETAIL_BAD_CHARACTERS = "detail_bad_characters"
    DETAIL_LOOKS_LIKE_PHONE = "detail_looks_like_phone"  # kept neither here nor at the county


class InvalidCheckIn(ValueError):
    def __init__(self, problem: CheckInProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Recognition:
    masked_phone: str
    returning: bool
    consent_needed: bool
    last_work_type: WorkType | None
    last_platform: str | None


@dataclass(frozen=True, slots=True)
class CheckInRequest:
    phone: PhoneNumber | None
    consent_given: bool
    work_type: str
    platform: str | None
    purpose: str
    work_detail: str | None = None


@dataclass(frozen=True, slots=True)
class CheckInReceipt:
    visit_id: str
    returning: bool
    anonymous: bool
    masked_phone: str | None


def clean_work_detail(text: str | None) -> str | None:
    """Free text typed on the Pinyin keyboard: letters, digits, spaces and punctuation only."""
    if text is None:
        return None
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        return None
    if len(cleaned) > WORK_DETAIL_MAX:
        raise InvalidCheckIn(CheckInProblem.DETAIL_TOO_LONG)
    allowed = ("L", "N", "P", "Z")
    if any(unicodedata.category(char)[0] not in allowed for char in cleaned):
        raise InvalidCheckIn(CheckInProblem.DETAIL_BAD_CHARACTERS)
    if looks_like_phone_number(cleaned):
        raise InvalidCheckIn(CheckInProblem.DETAIL_LOOKS_LIKE_PHONE)
    return cleaned


class CheckInService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        hasher: PhoneHasher,
        platforms: tuple[Platform, ...],
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._hasher = hasher
        self._platforms = {platform.key: platform for platform in platforms}
        self._outbox = Outbox(OP_PAYLOADS)

    def recognise(self, phone: PhoneNumber) -> Recognition:
        phone_hash = self._hasher.hash(phone)
        with self._uow_factory().reading() as connection:
            row = connection.execute(_RECOGNISE, {"phone_hash": phone_hash}).first()
        if row is None:
            return Recognition(phone.masked, False, True, None, None)
        consent_version, last_work_type, last_platform = row
        return Recognition(
            masked_phone=phone.masked,
            returning=True,
            consent_needed=consent_version < CONSENT_VERSION,
            last_work_type=WorkType(last_work_type),
            last_platform=last_platform,
        )

    def _validate(self, request: CheckInRequest) -> tuple[WorkType, Purpose, str | None]:
        try:
            work_type = WorkType(request.work_type)
        except ValueError:
            raise InvalidCheckIn(CheckInProblem.UNKNOWN_WORK_TYPE) from None
        try:
            purpose = Purpose(request.purpose)
        except ValueError:
            raise InvalidCheckIn(CheckInProblem.UNKNOWN_PURPOSE) from None
        if request.platform is not None:
            platform = self._platforms.get(request.platform)
            if platform is None or work_type not in platform.work_types:
                raise InvalidCheckIn(CheckInProblem.UNKNOWN_PLATFORM)
        detail = clean_work_detail(request.work_detail) if work_type is WorkType.OTHER else None
        return work_type, purpose, detail

    def check_in(self, request: CheckInRequest) -> CheckInReceipt:
        work_type, purpose, detail = self._validate(request)
        now = self._clock.now()
        linked = request.phone is not None and request.consent_given
        visit_id = str(uuid.uuid4())
        day = local_day(now)
        with self._uow_factory().writing() as connection:
            driver_id: int | None = None
            returning = False
            if linked:
                assert request.phone is not None
                phone_hash = self._hasher.hash(request.phone)
                driver_id = connection.execute(
                    _RETURNING_DRIVER,
                    {
                        "hash": phone_hash,
                        "consent": CONSENT_VERSION,
                        "now": now,
                        "work_type": work_type.value,
                        "platform": request.platform,
                    },
                ).scalar()
                returning = driver_id is not None
                if driver_id is None:
                    driver_id = connection.execute(
                        _NEW_DRIVER,
                        {
                            "phone_hash": phone_hash,
                            "phone_last4": request.phone.last4,
                            "consent_version": CONSENT_VERSION,
                            "consented_at": now,
                            "last_work_type": work_type.value,
                            "last_platform": request.platform,
                            "first_seen_at": now,
                            "last_seen_at": now,
                        },
                    ).scalar_one()
            connection.execute(
                _NEW_VISIT,
                {
                    "public_id": visit_id,
                    "driver_id": driver_id,
                    "work_type": work_type.value,
                    "work_detail": detail,
                    "platform": request.platform,
                    "purpose": purpose.value,
                    "is_returning": returning,
                    "checked_in_at": now,
                    "local_day": day,
                },
            )
            self._outbox.add_core(
                connection,
                VISIT_CREATED,
                VisitCreated(
                    visit_id=visit_id,
                    work_type=work_type.value,
                    work_detail=detail,
                    platform=request.platform,
                    purpose=purpose.value,
                    returning=returning,
                    checked_in_at=now,
                    local_day=day,
                ),
                now,
            )
        return CheckInReceipt(
            visit_id=visit_id,
            returning=returning,
            anonymous=not linked,
            masked_phone=request.phone.masked if linked and request.phone else None,
        )
