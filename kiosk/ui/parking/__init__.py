"""Parking's pages: choose, when, plate, phone, done, cancel, the board; the keeper's page."""
