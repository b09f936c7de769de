"""What the county publishes about a station: its profile, notices, activities and services.

Pulled documents: read tolerantly (FeedDocument), so an older kiosk keeps reading what a newer
county sends.
"""

from __future__ import annotations

import enum
from typing import Annotated, Final

from pydantic import BaseModel, Field

from redhome_wire.protocol import (
    FeedDocument,
    Key,
    LongText,
    ShortText,
    StationCode,
    WireDatetime,
)

# Counts a station shows (seats, people): small and never negative.
Count = Annotated[int, Field(ge=0, le=100_000)]


class FeedKind(enum.StrEnum):
    STATION_PROFILE = "station.profile"
    ANNOUNCEMENT = "announcement"
    ACTIVITY = "activity"
    SERVICE = "service"


class Facility(FeedDocument):
    key: Key
    count: Count | None = None


class ProfileData(FeedDocument):
    code: StationCode
    name_zh: ShortText
    name_en: ShortText
    address_zh: LongText = ""
    address_en: LongText = ""
    opening_hours: ShortText = ""
    facilities: Annotated[list[Facility], Field(max_length=100)] = Field(default_factory=list)
    # the station card page behind the QR code, e.g. /s/<token>
    card_path: Annotated[str, Field(max_length=200)] | None = None


class AnnouncementData(FeedDocument):
    title_zh: ShortText
    title_en: ShortText = ""
    body_zh: LongText = ""
    body_en: LongText = ""
    starts_at: WireDatetime | None = None
    ends_at: WireDatetime | None = None


class ActivityData(FeedDocument):
    title_zh: ShortText
    title_en: ShortText = ""
    place_zh: ShortText = ""
    place_en: ShortText = ""
    starts_at: WireDatetime
    ends_at: WireDatetime | None = None
    capacity: Count | None = None


class ServiceData(FeedDocument):
    name_zh: ShortText
    name_en: ShortText = ""
    description_zh: LongText = ""
    description_en: LongText = ""
    sort_order: Annotated[int, Field(ge=-1_000_000, le=1_000_000)] = 0


FEED_DOCUMENTS: Final[dict[str, type[BaseModel]]] = {
    FeedKind.STATION_PROFILE: ProfileData,
    FeedKind.ANNOUNCEMENT: AnnouncementData,
    FeedKind.ACTIVITY: ActivityData,
    FeedKind.SERVICE: ServiceData,
}
