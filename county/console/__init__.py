"""The county staff console: accounts, roles, sessions, the audit trail and the pages.

A platform package, not a capability: it names no capability and is not in the registry. Its
core (accounts, sessions, throttle, audit, station administration) is plain functions over a
Session, shared by the command line and the web pages (county/console/web.py).
"""
