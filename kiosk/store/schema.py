"""The whole schema: the platform's tables and every registered capability's.

Alembic's env.py and the schema test import this rather than `models`, so a table defined in a
capability's own models module is never missing from autogenerate or the comparison.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from sqlalchemy import MetaData

from kiosk.capability import CapabilityRef
from kiosk.store.models import Base


def schema_metadata(capabilities: Iterable[CapabilityRef] | None = None) -> MetaData:
    """Base.metadata with every capability's models imported onto it."""
    if capabilities is None:
        from kiosk.capabilities import CAPABILITIES

        capabilities = CAPABILITIES
    for ref in capabilities:
        models = ref.core().models
        if models is not None:
            importlib.import_module(models)
    return Base.metadata
