"""Check-in at the county: the visits the stations push, and their counts."""

from county.capability import CountyCapability
from county.checkin.visits import VISIT_OPS, visit_counts

CAPABILITY = CountyCapability("checkin", op_handlers=(VISIT_OPS,), station_stats=visit_counts)
