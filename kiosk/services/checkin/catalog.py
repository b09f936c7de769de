"""The fixed vocabulary of a visit: kinds of work, platforms, and why a driver came.

Keys are stored and synced; the UI turns them into words in the driver's language.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class WorkType(enum.StrEnum):
    FOOD_DELIVERY = "food_delivery"
    COURIER = "courier"
    RIDE_HAILING = "ride_hailing"
    TRUCK = "truck"
    OTHER = "other"


class Purpose(enum.StrEnum):
    REST = "rest"
    CHARGING = "charging"
    WATER_MEAL = "water_meal"
    RESTROOM = "restroom"
    HELP = "help"
    ACTIVITY = "activity"


@dataclass(frozen=True, slots=True)
class Platform:
    key: str
    name_zh: str
    name_en: str
    work_types: frozenset[WorkType]

    def name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") else self.name_en


_ALL_WORK = frozenset(WorkType)

DEFAULT_PLATFORMS: tuple[Platform, ...] = (
    Platform("meituan", "美团", "Meituan", frozenset({WorkType.FOOD_DELIVERY})),
    Platform("eleme", "饿了么", "Ele.me", frozenset({WorkType.FOOD_DELIVERY})),
    Platform("sf", "顺丰", "SF Express", frozenset({WorkType.COURIER, WorkType.FOOD_DELIVERY})),
    Platform("jd", "京东", "JD", frozenset({WorkType.COURIER})),
    Platform("zto", "中通", "ZTO", frozenset({WorkType.COURIER})),
    Platform("yto", "圆通", "YTO", frozenset({WorkType.COURIER})),
    Platform("didi", "滴滴", "DiDi", frozenset({WorkType.RIDE_HAILING})),
    Platform("caocao", "曹操出行", "Caocao", frozenset({WorkType.RIDE_HAILING})),
    Platform("huolala", "货拉拉", "Lalamove", frozenset({WorkType.TRUCK})),
    Platform("manbang", "满帮", "Full Truck Alliance", frozenset({WorkType.TRUCK})),
    Platform("independent", "个体/其他", "Independent / other", _ALL_WORK),
)


def platforms_for(work_type: WorkType, platforms: tuple[Platform, ...]) -> list[Platform]:
    return [platform for platform in platforms if work_type in platform.work_types]
