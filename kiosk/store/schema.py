"""The whole schema: importing this module registers every model module on `Base.metadata`.

Alembic's env.py and the schema test import this rather than `models`, so a table defined in a
feature's own module (parking_models, …) is never missing from autogenerate or the comparison.
"""

from __future__ import annotations

from kiosk.store import flight_models, models, parking_models
from kiosk.store.models import Base

metadata = Base.metadata

__all__ = ["Base", "flight_models", "metadata", "models", "parking_models"]
