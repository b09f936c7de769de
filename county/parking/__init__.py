"""Parking at the county: reservations the stations push, the /r/<id> page, remote booking
requests and their commands."""
