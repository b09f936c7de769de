"""The rest corner at the county: finished rests the stations push, and seat use per station."""

from county.capability import CountyCapability
from county.rest.service import REST_OPS, rest_stats

CAPABILITY = CountyCapability("rest", op_handlers=(REST_OPS,), station_stats=rest_stats)
