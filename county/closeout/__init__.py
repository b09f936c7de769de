"""The keepers' sealed day reports at the county: each station's chain, verified as it arrives,
kept as the chain's safe copy."""

from county.capability import CountyCapability
from county.closeout.service import CLOSEOUT_OPS, closeout_stats

CAPABILITY = CountyCapability("closeout", op_handlers=(CLOSEOUT_OPS,), station_stats=closeout_stats)
