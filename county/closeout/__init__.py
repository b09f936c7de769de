"""The keepers' sealed day reports at the county: each station's chain, verified as it arrives,
kept as the chain's safe copy."""

from county.capability import CountyCapability
from county.closeout.console import CONSOLE_PAGES, TEMPLATES, WORDS
from county.closeout.service import CLOSEOUT_OPS, closeout_stats, refuse_by_hand
from redhome_wire.closeout import CHAIN_HEAD_KIND, ChainHead

CAPABILITY = CountyCapability(
    "closeout",
    op_handlers=(CLOSEOUT_OPS,),
    # Declared so the kiosks' pulls and `publish` know the kind; only reports write it.
    documents={CHAIN_HEAD_KIND: ChainHead},
    complete_document=refuse_by_hand,
    station_stats=closeout_stats,
    console_pages=CONSOLE_PAGES,
    console_templates=TEMPLATES,
    console_words=WORDS,
)
