"""Check-in at the county: the visits the stations push."""

from county.capability import CountyCapability
from county.checkin.visits import VISIT_OPS

CAPABILITY = CountyCapability("checkin", op_handlers=(VISIT_OPS,))
