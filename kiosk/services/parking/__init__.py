"""Parking (停车): car bays, EV chargers and truck bays, booked at the screen or through the
county, with no-shows released by themselves."""
