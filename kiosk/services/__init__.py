"""The kiosk's domain and use cases. Plain Python: nothing here may import Qt."""
