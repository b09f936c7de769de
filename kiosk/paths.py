"""Where things live: the station's data dir and the bundled resources, frozen or not."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "redhome-kiosk"
APP_AUTHOR = "RedHome"


def _source_root() -> Path:
    # PyInstaller unpacks data files under sys._MEIPASS; from a checkout they sit beside kiosk/.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def resources_dir() -> Path:
    return _source_root() / "resources"


def migrations_dir() -> Path:
    return package_dir() / "store" / "migrations"


def qml_dir() -> Path:
    return package_dir() / "ui" / "qml"


def default_data_dir() -> Path:
    return Path(PlatformDirs(APP_NAME, APP_AUTHOR).user_data_dir)


def default_log_dir() -> Path:
    return Path(PlatformDirs(APP_NAME, APP_AUTHOR).user_log_dir)


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def keep_private(path: Path, mode: int) -> None:
    """Owner-only permissions where the OS has them (POSIX); Windows keeps its own ACLs. A
    path this user may not change (a folder the technician made) is logged, not fatal."""
    if os.name != "posix":
        return
    try:
        path.chmod(mode)
    except OSError as error:
        logging.getLogger(__name__).warning("could not make %s private: %s", path, error)


class DataDir:
    """The files of one station's data dir."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._made_private = False

    def ensure(self) -> DataDir:
        self.root.mkdir(parents=True, exist_ok=True)
        self.backups.mkdir(exist_ok=True)
        # Drivers' hashed numbers and the station's data: readable by the kiosk's user alone.
        # Once: the command line checks the dir, then build_kiosk ensures it again, and a folder
        # this user may not change is worth one warning, not one per call.
        if not self._made_private:
            self._made_private = True
            keep_private(self.root, PRIVATE_DIR)
            keep_private(self.backups, PRIVATE_DIR)
        return self

    @property
    def database(self) -> Path:
        return self.root / "kiosk.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def sync_lock(self) -> Path:
        """Held by one sync round at a time (kiosk.sync.dirlock)."""
        return self.root / "sync.lock"

    @property
    def config(self) -> Path:
        return self.root / "station.toml"
