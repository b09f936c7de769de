"""How much room the station's data dir has left, for the line a full or read-only disk prints."""

from __future__ import annotations

import shutil
from pathlib import Path


def free_bytes(folder: Path) -> int | None:
    """None when the disk cannot even be asked."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None
