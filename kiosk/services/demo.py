"""The demo station: the airport station's profile and its keeper's PIN.

Each capability seeds its own demo data (CoreParts.demo_seed) after this.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.services.station import Facility, StationInfo, StationService
from kiosk.store.unit_of_work import UnitOfWorkFactory
from redhome_wire.station_time import ManualClock

# The demo station's keeper PIN (a real station's is set by the technician at enrolment).
DEMO_KEEPER_PIN = "1234"

AIRPORT_STATION = StationInfo(
    code="CSX-01",
    name_zh="黄花机场红色之家",
    name_en="Huanghua Airport Red Home",
    address_zh="长沙县黄花镇机场大道旁，距黄花国际机场约3分钟车程",
    address_en="By Airport Avenue, Huanghua Town, Changsha County; 3 minutes from CSX airport",
    opening_hours="00:00–24:00",
    facilities=(
        Facility("rest_corner"),
        Facility("parking", 306),
        Facility("ev_charging", 24),
        Facility("phone_charging"),
        Facility("water"),
        Facility("microwave"),
        Facility("restroom"),
        Facility("help_desk"),
        Facility("activities"),
    ),
)


def seed_station_profile(uow_factory: UnitOfWorkFactory, now: datetime) -> None:
    StationService(uow_factory, ManualClock(now)).save_profile(AIRPORT_STATION)
