"""The station's profile (name, address, hours, facilities) and the keeper's notices."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.capability import FeedApplier
from kiosk.store.models import (
    CountyActivity,
    CountyAnnouncement,
    CountyService,
    KeeperNotice,
    StationProfile,
    SyncState,
)
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.protocol import FeedChange, FeedDocument
from redhome_wire.station import (
    ActivityData,
    AnnouncementData,
    FeedKind,
    ProfileData,
    ServiceData,
)
from redhome_wire.station_time import Clock


@dataclass(frozen=True, slots=True)
class Facility:
    key: str
    count: int | None = None


@dataclass(frozen=True, slots=True)
class StationInfo:
    code: str
    name_zh: str
    name_en: str
    address_zh: str
    address_en: str
    opening_hours: str
    facilities: tuple[Facility, ...]

    def name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") else self.name_en

    def address(self, language: str) -> str:
        return self.address_zh if language.startswith("zh") else self.address_en


UNNAMED_STATION = StationInfo("", "红色之家", "Red Home", "", "", "", ())


@dataclass(frozen=True, slots=True)
class Notice:
    id: int
    kind: str
    detail: str


class StationService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def profile(self) -> StationInfo:
        with self._uow_factory() as uow:
            row = uow.session.scalar(select(StationProfile).limit(1))
            if row is None:
                return UNNAMED_STATION
            facilities = tuple(
                Facility(item["key"], item.get("count")) for item in json.loads(row.facilities)
            )
            return StationInfo(
                row.code,
                row.name_zh,
                row.name_en,
                row.address_zh,
                row.address_en,
                row.opening_hours,
                facilities,
            )

    def save_profile(self, info: StationInfo) -> None:
        facilities = json.dumps(
            [{"key": f.key, "count": f.count} for f in info.facilities], ensure_ascii=False
        )
        with self._uow_factory() as uow:
            row = uow.session.scalar(select(StationProfile).limit(1))
            if row is None:
                row = StationProfile(id=1)
                uow.session.add(row)
            row.code = info.code
            row.name_zh = info.name_zh
            row.name_en = info.name_en
            row.address_zh = info.address_zh
            row.address_en = info.address_en
            row.opening_hours = info.opening_hours
            row.facilities = facilities
            row.updated_at = self._clock.now()
            uow.commit()

    def open_notices(self) -> list[Notice]:
        with self._uow_factory() as uow:
            rows = uow.session.scalars(
                select(KeeperNotice)
                .where(KeeperNotice.acknowledged_at.is_(None))
                .order_by(KeeperNotice.id)
            ).all()
            return [Notice(row.id, row.kind, row.detail) for row in rows]

    def add_notice(self, kind: str, detail: str) -> None:
        with self._uow_factory() as uow:
            uow.session.add(KeeperNotice(kind=kind, detail=detail, created_at=self._clock.now()))
            uow.commit()

    def acknowledge_notice(self, notice_id: int) -> None:
        with self._uow_factory() as uow:
            row = uow.session.get(KeeperNotice, notice_id)
            if row is not None and row.acknowledged_at is None:
                row.acknowledged_at = self._clock.now()
                uow.commit()


# --- pulled from the county ------------------------------------------------------------------


def _apply_profile(
    session: Session, change: FeedChange, data: ProfileData | None, now: datetime
) -> bool:
    if change.deleted or data is None:
        return False
    row = session.scalar(select(StationProfile).limit(1))
    if row is None:
        row = StationProfile(id=1)
        session.add(row)
    row.code = data.code
    row.name_zh = data.name_zh
    row.name_en = data.name_en
    row.address_zh = data.address_zh
    row.address_en = data.address_en
    row.opening_hours = data.opening_hours
    row.facilities = json.dumps(
        [facility.model_dump() for facility in data.facilities], ensure_ascii=False
    )
    row.updated_at = now
    state = session.get(SyncState, 1)
    if state is not None:
        state.card_path = data.card_path
    return True


_CachedDocument = TypeVar("_CachedDocument", CountyAnnouncement, CountyActivity, CountyService)


def _document_applier(
    kind: str,
    model: type[FeedDocument],
    table: type[_CachedDocument],
) -> FeedApplier:
    """County documents cached as they come: one row a key, deleted when the county deletes."""

    def apply(
        session: Session, change: FeedChange, data: FeedDocument | None, now: datetime
    ) -> bool:
        existing = session.get(table, change.key)
        if change.deleted or data is None:
            if existing is not None:
                session.delete(existing)
            return True
        values = data.model_dump()
        if existing is None:
            session.add(table(key=change.key, updated_at=now, **values))
        else:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.updated_at = now
        return True

    return FeedApplier(kind, model, apply)


def station_appliers() -> tuple[FeedApplier, ...]:
    """The platform's own pulled documents: the station's profile and the county's notices,
    activities and services lists (cached until the capabilities that show them take them)."""
    return (
        FeedApplier(FeedKind.STATION_PROFILE, ProfileData, _apply_profile),
        _document_applier(FeedKind.ANNOUNCEMENT, AnnouncementData, CountyAnnouncement),
        _document_applier(FeedKind.ACTIVITY, ActivityData, CountyActivity),
        _document_applier(FeedKind.SERVICE, ServiceData, CountyService),
    )
