"""Flight data code shared by the county server and the kiosk: plain Python, no Qt, no county.

The county's adapters (county.flights) and the kiosk's offline demo both need the airport table,
the file-feed row format and the record builder; the packaged kiosk does not ship `county`, so
they live here. Like redhome_wire.flights.records, nothing here imports the rest of the kiosk (only
redhome_wire.flights.records and this package) or Qt; tests/unit/test_flight_cache.py enforces it.

| module | what |
|---|---|
| airports.py | the airports CSX serves: 中文 / English city, pinyin, country, time zone |
| parsing.py | lenient readers for provider and file values |
| records.py | Leg / Endpoint: what a source hands the builder |
| rows.py | the file-feed row format: parse_row |
| build.py | build_records (codeshares merged), window_days, record_key |
| demo.py | a deterministic CSX day relative to "now" (demo_snapshot, write_demo_feed) |
"""
