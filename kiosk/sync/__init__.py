"""Offline-first sync with the county server: HTTP client, enrolment, push and pull.

Plain Python (no Qt): the command line runs it directly, the UI runs it on its own thread.
"""
