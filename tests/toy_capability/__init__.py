"""A toy capability that plugs into the kiosk through the registry alone (test_toy_capability).

It stands for the next real one: its wire module, its Qt-free half (core.py: service, table,
migration, op kind, feed applier, periodic job, day counters, demo seed, a command) and its Qt
half (ui.py: tile, pages, view-model, keeper view of the day, words for its error, attention
items and an idle board), all outside kiosk/.
"""
