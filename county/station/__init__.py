"""The station itself: its profile, announcements, activities and services as the county
publishes them, and the station card page behind its QR code."""

from county.capability import CountyCapability
from county.station.card import render_station_card
from county.station.console import CONSOLE_FORMS, CONSOLE_PAGES, TEMPLATES, WORDS
from county.station.profile import STATION_CARD, complete_profile, open_station
from redhome_wire.station import FEED_DOCUMENTS

CAPABILITY = CountyCapability(
    "station",
    documents=FEED_DOCUMENTS,
    complete_document=complete_profile,
    link_pages={STATION_CARD: render_station_card},
    station_created=open_station,
    console_pages=CONSOLE_PAGES,
    console_forms=CONSOLE_FORMS,
    console_templates=TEMPLATES,
    console_words=WORDS,
)
