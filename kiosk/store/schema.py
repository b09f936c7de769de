"""The whole schema of a kiosk: the platform's tables and those of the capabilities it has.

Alembic's env.py and the schema test compare the database with this, so a table defined in a
capability's own models module is never missing from autogenerate or the comparison, and a
table of a capability this kiosk does not have (one a test registered) is never added to it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from sqlalchemy import MetaData, Table

from kiosk.capability import CapabilityRef
from kiosk.store.models import Base

PLATFORM_MODELS = "kiosk.store."


def schema_metadata(capabilities: Iterable[CapabilityRef] | None = None) -> MetaData:
    """The tables of the platform and of each capability's models module, in a MetaData of
    their own (Base.metadata holds whatever model modules were ever imported)."""
    if capabilities is None:
        from kiosk.capabilities import CAPABILITIES

        capabilities = CAPABILITIES
    modules = {core.models for core in (ref.core() for ref in capabilities) if core.models}
    for module in modules:
        importlib.import_module(module)
    metadata = MetaData(naming_convention=Base.metadata.naming_convention)
    for mapper in Base.registry.mappers:
        module = mapper.class_.__module__
        if module.startswith(PLATFORM_MODELS) or module in modules:
            for table in mapper.tables:
                if isinstance(table, Table) and table.name not in metadata.tables:
                    table.to_metadata(metadata)
    return metadata
