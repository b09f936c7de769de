"""The kiosk's local SQLite cache. Plain Python: nothing here may import Qt."""
