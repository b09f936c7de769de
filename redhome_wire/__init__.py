"""What a kiosk and the county server agree on, defined once and imported by both.

The wire models (op payloads: strict; pulled documents: tolerant), station time, and the pure
rules both sides apply (flight status, passengers out). It imports neither side, nor Qt, nor a
database: tests/unit/test_architecture.py holds it to that.
"""
