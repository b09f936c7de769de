"""What the county publishes about a station: its profile, notices, activities and services.

Pulled documents: read tolerantly (FeedDocument), so an older kiosk keeps reading what a newer
county sends.
"""

from __future__ import annotations

import enum
from typing import Final

from pydantic import AwareDatetime, BaseModel, Field

from redhome_wire.protocol import FeedDocument, Key, StationCode


class FeedKind(enum.StrEnum):
    STATION_PROFILE = "station.profile"
    ANNOUNCEMENT = "announcement"
    ACTIVITY = "activity"
    SERVICE = "service"


class Facility(FeedDocument):
    key: Key
    count: int | None = None


class ProfileData(FeedDocument):
    code: StationCode
    name_zh: str
    name_en: str
    address_zh: str = ""
    address_en: str = ""
    opening_hours: str = ""
    facilities: list[Facility] = Field(default_factory=list)
    card_path: str | None = None  # the station card page behind the QR code, e.g. /s/<token>


class AnnouncementData(FeedDocument):
    title_zh: str
    title_en: str = ""
    body_zh: str = ""
    body_en: str = ""
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None


class ActivityData(FeedDocument):
    title_zh: str
    title_en: str = ""
    place_zh: str = ""
    place_en: str = ""
    starts_at: AwareDatetime
    ends_at: AwareDatetime | None = None
    capacity: int | None = None


class ServiceData(FeedDocument):
    name_zh: str
    name_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    sort_order: int = 0


FEED_DOCUMENTS: Final[dict[str, type[BaseModel]]] = {
    FeedKind.STATION_PROFILE: ProfileData,
    FeedKind.ANNOUNCEMENT: AnnouncementData,
    FeedKind.ACTIVITY: ActivityData,
    FeedKind.SERVICE: ServiceData,
}
