"""The rest corner at the county: finished rests the stations push, seat use per station, and
the signed proof of rest at /rest/<rest_id>."""

from county.capability import CountyCapability
from county.rest.pages import install_rest_pages
from county.rest.service import REST_OPS, rest_stats

CAPABILITY = CountyCapability(
    "rest", op_handlers=(REST_OPS,), install=install_rest_pages, station_stats=rest_stats
)
